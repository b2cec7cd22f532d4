// How the story palettes in docs/accessibility.md were found: each colour kept in its hue family
// (GNA blue, LNA orange, contested grey, Idlib purple, Iraq red, Istanbul teal, pipeline green), at
// least 3:1 on land and sea, then a greedy search from random starts maximising the smallest CIEDE2000
// distance under normal vision, protanopia, deuteranopia and tritanopia (culori's simulation).
// Run: npx tsx scripts/palette-search.ts   (ONLY=Iraq,Istanbul,TurkStream for a subset). Random starts:
// results vary run to run; the chosen colours are in the story files and checked by tests/unit/a11y-colours.test.ts.
import { formatHex, displayable, wcagContrast } from 'culori';
import { DEFICIENCIES, distance } from './a11y-colours.ts';
const land = '#f6f4ef', sea = '#dce7ee';
const families: Record<string, [number, number, number, number]> = { // hmin hmax cmin cmax
  GNA: [235, 275, 0.08, 0.2], LNA: [35, 62, 0.1, 0.2], contested: [0, 360, 0, 0.012], Syria: [300, 350, 0.08, 0.2],
  Iraq: [10, 32, 0.1, 0.22], Istanbul: [185, 232, 0.05, 0.16], TurkStream: [130, 178, 0.06, 0.18],
};
const names = (process.env.ONLY ?? Object.keys(families).join(',')).split(',');
const cands: Record<string, string[]> = {};
for (const n of names) {
  const [h0, h1, c0, c1] = families[n]!; cands[n] = [];
  for (let L = 0.3; L <= 0.64; L += 0.02) for (let C = c0; C <= c1 + 1e-9; C += Math.max(0.006, (c1 - c0) / 6)) for (let h = h0; h <= h1; h += 4) {
    const c = { mode: 'oklch' as const, l: L, c: C, h };
    if (!displayable(c)) continue;
    const hex = formatHex(c)!;
    if (wcagContrast(hex, sea) >= 3 && wcagContrast(hex, land) >= 3.4) cands[n]!.push(hex);
  }
}
console.log(Object.fromEntries(names.map((n) => [n, cands[n]!.length])));
const visions = ['none', 'protanopia', 'deuteranopia', 'tritanopia'] as const;
const cache = new Map<string, string[]>();
const S = (c: string) => cache.get(c) ?? (cache.set(c, visions.map((v) => DEFICIENCIES[v](c))), cache.get(c)!);
function score(set: string[]) {
  const mins = visions.map(() => Infinity);
  for (let i = 0; i < set.length; i++) for (let j = i + 1; j < set.length; j++) {
    const a = S(set[i]!), b = S(set[j]!);
    for (let v = 0; v < 4; v++) mins[v] = Math.min(mins[v]!, distance(a[v]!, b[v]!));
  }
  return mins;
}
const obj = (s: number[]) => Math.min(s[0]!, s[1]!, s[2]!, s[3]! * 1.3);
let best = { set: [] as string[], s: [] as number[], o: -1 };
for (let iter = 0; iter < 12; iter++) {
  let set = names.map((n) => cands[n]![Math.floor(Math.random() * cands[n]!.length)]!);
  let cur = obj(score(set));
  for (let pass = 0; pass < 4; pass++) for (let k = 0; k < names.length; k++) for (const c of cands[names[k]!]!) { const t = [...set]; t[k] = c; const o = obj(score(t)); if (o > cur) { cur = o; set = t; } }
  if (cur > best.o) { best = { set, s: score(set), o: cur }; console.log(cur.toFixed(1), names.map((n, i) => `${n}=${set[i]}`).join(' '), best.s.map((x) => x.toFixed(1)).join(' ')); }
}
