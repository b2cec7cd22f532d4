// Finds the words in a passage that name its features (their names and aliases), so the text can
// mark them as links to the map. The one matcher of the project: the article marks what it finds,
// and the validator (model.ts, "passage-unmentioned") asks it whether a passage names a feature, so
// what passes validation is exactly what a reader sees marked. Pure and deterministic.
//
// The rules (docs/story-format.md, "How names are found in the text"):
// - case does not matter; straight and curly apostrophes (' ’ ‘ ʼ) are the same letter;
// - whole words only: an alias that starts (ends) with a letter or digit must not continue a word
//   on that side, so "Iran" never marks "Iranian" and "Aleppo Governorate" never marks "Aleppo Governorates";
// - the longest alias wins where several start at the same place, and marks never overlap;
// - an excluded phrase (story.json "exclude") is matched like an alias but marks nothing, so the
//   words inside it ("Idlib" in "Dawn of Idlib 2") are not marked either.
export interface Segment {
  text: string;
  /** Feature keys this run of text names; absent for plain text. */
  keys?: string[];
}

export interface Alias {
  text: string;
  key: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Apostrophes and their look-alikes, folded to one (a same-length replacement: offsets survive). */
const APOSTROPHES = /[\u2019\u2018\u02BC\u2032\u0060\u00B4]/g;
export const foldApostrophes = (s: string) => s.replace(APOSTROPHES, "'");
/** The form in which names are compared: apostrophes folded, lower case. */
export const matchKey = (s: string) => foldApostrophes(s.trim()).toLowerCase();

// A letter or digit in any script. Word edges are checked with this one expression, compiled once:
// written into each passage's pattern as lookarounds, with the case-insensitive flag, the browser
// compiled the case closure of every letter class for each passage (about 100 ms for the CGTN article).
// (Two code units either side cover a letter outside the Basic Multilingual Plane.)
const STARTS_WORD = /^[\p{L}\p{N}]/u;
const ENDS_WORD = /[\p{L}\p{N}]$/u;

/** Marks nothing: what an excluded phrase maps to. */
const EXCLUDED: readonly string[] = Object.freeze([]);

export function aliasMatcher(aliases: readonly Alias[], excluded: readonly string[] = []): (text: string) => Segment[] {
  const byText = new Map<string, readonly string[]>();
  for (const e of excluded) {
    const t = matchKey(e);
    if (t) byText.set(t, EXCLUDED);
  }
  for (const a of aliases) {
    const t = matchKey(a.text);
    if (!t) continue;
    const keys = byText.get(t);
    if (keys === EXCLUDED) continue;
    if (!keys) byText.set(t, [a.key]);
    else if (!keys.includes(a.key)) byText.set(t, [...keys, a.key]);
  }
  if (![...byText.values()].some((k) => k.length)) return (text) => [{ text }];
  const words = [...byText.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(words.map(escape).join('|'), 'gi');
  // Word edges where the alias starts or ends with a letter or digit, so "Iran" never marks "Iranian".
  const edges = (text: string, at: number, found: string) =>
    (!STARTS_WORD.test(found) || !ENDS_WORD.test(text.slice(Math.max(0, at - 2), at))) &&
    (!ENDS_WORD.test(found) || !STARTS_WORD.test(text.slice(at + found.length, at + found.length + 2)));
  return (original) => {
    const text = foldApostrophes(original);
    const out: Segment[] = [];
    let last = 0;
    const plain = (to: number) => {
      if (to > last) out.push({ text: original.slice(last, to) });
    };
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const at = m.index;
      // The longest alias here whose edges are word edges (a longer one may end inside a word).
      let found = edges(text, at, m[0]) ? m[0] : null;
      if (!found)
        for (const w of words) {
          const here = text.slice(at, at + w.length);
          if (w.length < m[0].length && here.toLowerCase() === w && edges(text, at, here)) {
            found = here;
            break;
          }
        }
      if (!found) {
        re.lastIndex = at + 1;
        continue;
      }
      const keys = byText.get(found.toLowerCase()) ?? EXCLUDED;
      if (keys.length) {
        plain(at);
        out.push({ text: original.slice(at, at + found.length), keys: [...keys] });
        last = at + found.length;
      }
      // An excluded phrase stays in the plain run around it.
      re.lastIndex = at + found.length;
    }
    plain(original.length);
    return out;
  };
}

/** The feature keys a passage's text names, by the same rules as the marks readers see. */
export function keysNamed(text: string, aliases: readonly Alias[], excluded: readonly string[] = []): Set<string> {
  const found = new Set<string>();
  for (const s of aliasMatcher(aliases, excluded)(text)) for (const k of s.keys ?? []) found.add(k);
  return found;
}

/** A passage's excluded phrases from story.json "exclude", read as own keys only (a passage may be called "constructor"). */
export function excludedFor(exclude: Readonly<Record<string, readonly string[]>> | undefined, passage: string): readonly string[] {
  if (!exclude || !Object.prototype.hasOwnProperty.call(exclude, passage)) return [];
  const list = exclude[passage];
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}
