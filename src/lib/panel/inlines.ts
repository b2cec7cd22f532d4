// A passage's inline runs (text, emphasis, code, line breaks, links) as markup, built here from the
// typed runs of the model: every text and attribute value escaped, links only when safe, so nothing
// from a story's files is ever read as HTML. The same string is rendered on the server (the page
// prerendered at build time) and in the browser, so hydration adopts the server's nodes as they are.
// Words naming a feature become buttons (a span in the button role: a <button> is an inline block,
// so a name of several words would not wrap with the text around it); their clicks and keys are
// handled by the passage (placeOf), one listener for all of them.
//
// One string per passage rather than nested component blocks: with a block per run and per marked
// segment, rendering the CGTN article took about 100 ms more of the page's first task
// (docs/performance.md). Its value imports name their .ts file: vite.config.ts reaches this module
// (the prerender plugin's escapeHtml), and Vite's config loader warned at every start of the dev
// server and the build about an import without one.
import type { Inline } from '../story/article';
import type { Segment } from '../story/marks';
import { isSafeLink } from '../story/safe-link.ts';
import { storyTarget, targetHref, type StoryTarget } from '../story/url.ts';

export interface InlineOptions {
  /** Splits plain text into marked and unmarked segments. */
  mark: (text: string) => Segment[];
  /** Names of features for a marked segment's accessible label. */
  describe: (keys: string[]) => string;
}

const plain = (text: string): Segment[] => [{ text }];

/** Text for an element or a quoted attribute. */
export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The runs as markup; links get plain (unmarked) text, as a button inside a link would be invalid. */
export function inlinesHtml(runs: readonly Inline[], o: InlineOptions): string {
  let out = '';
  for (const run of runs) {
    switch (run.type) {
      case 'text':
        for (const seg of o.mark(run.text)) {
          const keys = seg.keys;
          out += keys?.length
            ? `<span role="button" tabindex="0" class="place" data-features="${escapeHtml(keys.join(' '))}" title="${escapeHtml(`Show ${o.describe(keys)} on the map`)}">${escapeHtml(seg.text)}</span>`
            : escapeHtml(seg.text);
        }
        break;
      case 'em':
      case 'strong':
        out += `<${run.type}>${inlinesHtml(run.children, o)}</${run.type}>`;
        break;
      case 'code':
        out += `<code>${escapeHtml(run.text)}</code>`;
        break;
      case 'br':
        out += '<br>';
        break;
      case 'link': {
        const inner = inlinesHtml(run.children, { ...o, mark: plain });
        // The model only keeps safe links; checked again here, as anything bound for an href is.
        // A link to a passage or a feature of the story stays in the page (no new tab): its href is
        // the page's own deep link, and a click selects it (storyLinkOf; never navigates an embed's host).
        if (!run.href || !isSafeLink(run.href)) out += inner;
        else if (run.href.startsWith('#')) {
          const target = storyTarget(run.href);
          out += target ? `<a href="${escapeHtml(targetHref(target))}" class="story-link">${inner}</a>` : inner;
        } else out += `<a href="${escapeHtml(run.href)}" target="_blank" rel="noopener noreferrer">${inner}</a>`;
        break;
      }
    }
  }
  return out;
}

/**
 * What an event in a passage was aimed at: a marked place name (its features), a link (left to the
 * browser), or the passage itself.
 */
export function placeOf(target: EventTarget | null): { link: true } | { keys: string[] } | null {
  // An element (text nodes and the window never are the target of these events).
  const el = target && typeof (target as Element).closest === 'function' ? (target as Element) : null;
  if (el?.closest('a')) return { link: true };
  const place = el?.closest<HTMLElement>('.place');
  const keys = place?.dataset.features?.split(' ').filter(Boolean);
  return keys?.length ? { keys } : null;
}

/** The story target of an in-page article link an event was aimed at (inlinesHtml's `a.story-link`), or null. */
export function storyLinkOf(target: EventTarget | null): StoryTarget | null {
  const el = target && typeof (target as Element).closest === 'function' ? (target as Element) : null;
  const a = el?.closest<HTMLAnchorElement>('a.story-link');
  const href = a?.getAttribute('href');
  return href ? storyTarget(href) : null;
}
