// unicode-range lists for faces added with the CSS Font Loading API (embed.ts). Chrome loads every
// such face whose range has a letter of the text, whatever their order (unlike @font-face rules,
// where the last declared wins), so the full latin-ext face is given its range minus the letters
// of the small subset file (scripts/fonts/subset.ts): each letter then has one face, and a page with
// "BOTAŞ" fetches the 7 kB subset, not the 56 kB file as well.

type Range = [number, number];

function parse(list: readonly string[]): Range[] {
  const out: Range[] = [];
  for (const item of list) {
    const m = /^U\+([0-9A-F]{1,6})(?:-([0-9A-F]{1,6}))?$/i.exec(item.trim());
    if (!m) continue;
    const a = parseInt(m[1]!, 16);
    const b = m[2] ? parseInt(m[2], 16) : a;
    if (b >= a) out.push([a, b]);
  }
  return out.sort((x, y) => x[0] - y[0]);
}

const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** `ranges` without the codepoints of `minus`, as a unicode-range list ("U+0100-015D", "U+0160"). */
export function withoutRanges(ranges: readonly string[], minus: readonly string[]): string[] {
  const cut = parse(minus);
  const out: string[] = [];
  for (const [a, b] of parse(ranges)) {
    let start = a;
    for (const [c, d] of cut) {
      if (d < start || c > b) continue;
      if (c > start) out.push(c - 1 === start ? `U+${hex(start)}` : `U+${hex(start)}-${hex(c - 1)}`);
      start = Math.max(start, d + 1);
      if (start > b) break;
    }
    if (start <= b) out.push(start === b ? `U+${hex(start)}` : `U+${hex(start)}-${hex(b)}`);
  }
  return out;
}
