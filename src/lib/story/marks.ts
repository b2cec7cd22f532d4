// Finds the words in a passage that name its features (their names and aliases), so the text can
// mark them as links to the map. Pure and deterministic: longest match wins, no overlaps.
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

// A letter or digit in any script. Word edges are checked with this one expression, compiled once:
// written into each passage's pattern as lookarounds, with the case-insensitive flag, the browser
// compiled the case closure of every letter class for each passage (about 100 ms for the CGTN article).
// (Two code units either side cover a letter outside the Basic Multilingual Plane.)
const STARTS_WORD = /^[\p{L}\p{N}]/u;
const ENDS_WORD = /[\p{L}\p{N}]$/u;

export function aliasMatcher(aliases: Alias[]): ((text: string) => Segment[]) {
  const byText = new Map<string, string[]>();
  for (const a of aliases) {
    const t = a.text.trim().toLowerCase();
    if (!t) continue;
    const keys = byText.get(t) ?? [];
    if (!keys.includes(a.key)) keys.push(a.key);
    byText.set(t, keys);
  }
  if (!byText.size) return (text) => [{ text }];
  const words = [...byText.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(words.map(escape).join('|'), 'gi');
  // Word edges where the alias starts or ends with a letter or digit, so "Iran" never marks "Iranian".
  const edges = (text: string, at: number, found: string) =>
    (!STARTS_WORD.test(found) || !ENDS_WORD.test(text.slice(Math.max(0, at - 2), at))) &&
    (!ENDS_WORD.test(found) || !STARTS_WORD.test(text.slice(at + found.length, at + found.length + 2)));
  return (text) => {
    const out: Segment[] = [];
    let last = 0;
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
      if (at > last) out.push({ text: text.slice(last, at) });
      out.push({ text: found, keys: byText.get(found.toLowerCase()) ?? [] });
      last = at + found.length;
      re.lastIndex = last;
    }
    if (last < text.length) out.push({ text: text.slice(last) });
    return out;
  };
}
