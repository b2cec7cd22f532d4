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
  // Word edges where the alias starts or ends with a letter or digit, so "Iran" never marks "Iranian".
  const pattern = words.map((w) => `${/^[\p{L}\p{N}]/u.test(w) ? '(?<![\\p{L}\\p{N}])' : ''}${escape(w)}${/[\p{L}\p{N}]$/u.test(w) ? '(?![\\p{L}\\p{N}])' : ''}`).join('|');
  const re = new RegExp(pattern, 'giu');
  return (text) => {
    const out: Segment[] = [];
    let last = 0;
    for (const m of text.matchAll(re)) {
      const at = m.index ?? 0;
      if (at > last) out.push({ text: text.slice(last, at) });
      out.push({ text: m[0], keys: byText.get(m[0].toLowerCase()) ?? [] });
      last = at + m[0].length;
    }
    if (last < text.length) out.push({ text: text.slice(last) });
    return out;
  };
}
