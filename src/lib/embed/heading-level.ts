// The level of the app's top heading (docs/embedding.md, "Headings"). A page of its own has one h1,
// the story's headline. A host page has its own h1 (its article's headline), so an embed's headline
// is an h2 by default, and the iframe's `heading=` parameter or <story-map>'s `heading-level`
// attribute sets another (1 for a page whose only headline is the embed's). The article's section
// heads and "Places on this map" are one level below the headline, the list's layers and the
// feature card's name two below.
export type HeadingLevel = 1 | 2 | 3 | 4;

/** An embed's headline unless its host says otherwise: under the host page's own h1. */
export const EMBED_HEADING_LEVEL: HeadingLevel = 2;

/** The heading's tag `steps` below the top one (`level`). */
export const headingTag = (level: HeadingLevel, steps: 0 | 1 | 2 = 0) => `h${level + steps}`;

/** The level a parameter or attribute names (1 to 4, so that two below is still a heading); absent or anything else, `fallback` (and it says so). */
export function parseHeadingLevel(value: string | null | undefined, fallback: HeadingLevel = EMBED_HEADING_LEVEL): HeadingLevel {
  const v = value?.trim();
  if (!v) return fallback;
  if (/^[1-4]$/.test(v)) return Number(v) as HeadingLevel;
  console.info(`story map: heading level "${v.slice(0, 40)}" is not 1, 2, 3 or 4; the headline is a level-${fallback} heading.`);
  return fallback;
}

/**
 * Moves the headings of markup rendered with its headline at `from` to `to` (each one as many levels
 * as the headline), before the app hydrates it with `to`: the prerendered embed page has one level,
 * its host may ask for another. Attributes and children move with them.
 */
export function relevelHeadings(root: ParentNode, from: HeadingLevel, to: HeadingLevel): void {
  if (from === to) return;
  const tags = [0, 1, 2].map((s) => `h${from + s}`);
  for (const h of [...root.querySelectorAll(tags.join(','))]) {
    const moved = (h.ownerDocument ?? document).createElement(`h${Number(h.tagName[1]) - from + to}`);
    for (const a of [...h.attributes]) moved.setAttribute(a.name, a.value);
    moved.append(...h.childNodes);
    h.replaceWith(moved);
  }
}
