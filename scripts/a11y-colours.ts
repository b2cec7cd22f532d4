// Colour evidence for docs/accessibility.md: WCAG 2.2 contrast of the app's text and UI colours,
// contrast of each story's map colours against the basemap, and how far apart a story's colours
// stay for the common colour-vision deficiencies (Machado et al. 2009 simulation, as in culori;
// distance CIEDE2000). Run: npx tsx scripts/a11y-colours.ts  (prints Markdown tables)
// tests/unit/a11y-colours.test.ts holds every story and the app to the thresholds below.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { differenceCiede2000, filterDeficiencyDeuter, filterDeficiencyProt, filterDeficiencyTrit, formatHex, parse, wcagContrast } from 'culori';

/** Text: 4.5:1 (WCAG 1.4.3 AA, normal size). Graphics and UI parts: 3:1 (1.4.11). */
export const TEXT_MIN = 4.5;
export const GRAPHIC_MIN = 3;
/** CIEDE2000 distance below which two map colours count as confusable at a glance (small marks). */
export const DISTINCT_MIN = 12;

export const BASEMAP = { land: '#f6f4ef', sea: '#dce7ee' };

/** Text and UI colours the app draws, on what they are drawn, and which threshold applies. */
export const PAIRS: { what: string; fg: string; bg: string; min: number }[] = [
  { what: 'body text', fg: '#1d1d1d', bg: '#ffffff', min: TEXT_MIN },
  { what: 'muted text (dateline, captions, sources)', fg: '#595959', bg: '#ffffff', min: TEXT_MIN },
  { what: 'muted text on a highlighted passage', fg: '#595959', bg: '#fbeee2', min: TEXT_MIN },
  { what: 'outlet line and passage links (accent)', fg: '#a33a0b', bg: '#ffffff', min: TEXT_MIN },
  { what: 'accent on a highlighted passage / list item', fg: '#a33a0b', bg: '#fbeee2', min: TEXT_MIN },
  { what: 'legend and card notes', fg: '#555555', bg: '#ffffff', min: TEXT_MIN },
  { what: 'attribution text', fg: '#333333', bg: '#ffffff', min: TEXT_MIN },
  { what: 'map country labels (WebGL)', fg: '#6b655e', bg: BASEMAP.land, min: TEXT_MIN },
  { what: 'map country labels (SVG fallback)', fg: '#6b655e', bg: BASEMAP.land, min: TEXT_MIN },
  { what: 'map place names (both maps)', fg: '#4a453f', bg: BASEMAP.land, min: TEXT_MIN },
  { what: 'map water names (both maps)', fg: '#3f6a86', bg: BASEMAP.sea, min: TEXT_MIN },
  { what: 'map feature labels (white halo)', fg: '#2b2b2b', bg: '#ffffff', min: TEXT_MIN },
  { what: 'skip link', fg: '#0b3d91', bg: '#ffffff', min: TEXT_MIN },
  { what: 'focus outline on white', fg: '#0b57d0', bg: '#ffffff', min: GRAPHIC_MIN },
  { what: 'focus outline on land', fg: '#0b57d0', bg: BASEMAP.land, min: GRAPHIC_MIN },
  { what: 'focus outline on sea', fg: '#0b57d0', bg: BASEMAP.sea, min: GRAPHIC_MIN },
  { what: 'selected feature outline on land', fg: '#111111', bg: BASEMAP.land, min: GRAPHIC_MIN },
  { what: 'pin button (accent) on white', fg: '#a33a0b', bg: '#ffffff', min: GRAPHIC_MIN },
];

export const DEFICIENCIES = {
  none: (c: string) => c,
  protanopia: (c: string) => formatHex(filterDeficiencyProt(1)(parse(c)!))!,
  deuteranopia: (c: string) => formatHex(filterDeficiencyDeuter(1)(parse(c)!))!,
  tritanopia: (c: string) => formatHex(filterDeficiencyTrit(1)(parse(c)!))!,
} as const;
export type Vision = keyof typeof DEFICIENCIES;

const deltaE = differenceCiede2000();
export const contrast = (a: string, b: string) => wcagContrast(a, b);
export const distance = (a: string, b: string) => deltaE(a, b);

export interface StoryColours {
  story: string;
  /** Every colour a reader must tell apart on this story's map: layers and their categories. */
  colours: { label: string; color: string }[];
}

export function storyColours(dir: string): StoryColours {
  const story = JSON.parse(readFileSync(join(dir, 'story.json'), 'utf8')) as {
    id: string;
    layers: { name: string; color: string; categories?: { values: { label: string; color: string }[] } }[];
  };
  const colours: { label: string; color: string }[] = [];
  for (const l of story.layers) {
    // A categorised layer's own colour is drawn too: for features without a category value and for
    // context (docs/cartography.md), so it must stand apart like the others.
    if (l.categories) for (const c of l.categories.values) colours.push({ label: `${l.name}: ${c.label}`, color: c.color.toLowerCase() });
    colours.push({ label: l.categories ? `${l.name} (no category, context)` : l.name, color: l.color.toLowerCase() });
  }
  // The same colour used twice (a layer whose colour is also one of its categories) is one colour.
  const unique = colours.filter((c, i) => colours.findIndex((d) => d.color === c.color) === i);
  return { story: story.id, colours: unique };
}

export function allStories(root = join(import.meta.dirname, '../geodata')): StoryColours[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'basemap')
    .flatMap((d) => {
      try {
        return [storyColours(join(root, d.name))];
      } catch {
        return [];
      }
    });
}

/** The closest pair of a story's colours as seen with each vision. */
export function closestPairs(s: StoryColours) {
  return (Object.keys(DEFICIENCIES) as Vision[]).map((vision) => {
    const sim = s.colours.map((c) => ({ ...c, seen: DEFICIENCIES[vision](c.color) }));
    let best = { a: '', b: '', dE: Infinity };
    for (let i = 0; i < sim.length; i++)
      for (let j = i + 1; j < sim.length; j++) {
        const dE = distance(sim[i]!.seen, sim[j]!.seen);
        if (dE < best.dE) best = { a: sim[i]!.label, b: sim[j]!.label, dE };
      }
    return { vision, ...best, simulated: sim.map((c) => c.seen) };
  });
}

function report() {
  const f = (n: number) => n.toFixed(2);
  const out: string[] = [];
  out.push('### Text and interface colours', '', '| what | colour | on | contrast | needs |', '|---|---|---|---|---|');
  for (const p of PAIRS) out.push(`| ${p.what} | \`${p.fg}\` | \`${p.bg}\` | ${f(contrast(p.fg, p.bg))}:1 | ${p.min}:1 |`);
  for (const s of allStories()) {
    out.push('', `### Story \`${s.story}\`: map colours`, '', '| colour | | on land | on sea | protanopia | deuteranopia | tritanopia |', '|---|---|---|---|---|---|---|');
    for (const c of s.colours) {
      const sims = (['protanopia', 'deuteranopia', 'tritanopia'] as const).map((v) => `\`${DEFICIENCIES[v](c.color)}\``);
      out.push(`| ${c.label} | \`${c.color}\` | ${f(contrast(c.color, BASEMAP.land))}:1 | ${f(contrast(c.color, BASEMAP.sea))}:1 | ${sims.join(' | ')} |`);
    }
    out.push('', '| vision | closest pair | CIEDE2000 |', '|---|---|---|');
    for (const r of closestPairs(s)) out.push(`| ${r.vision} | ${r.a} / ${r.b} | ${r.dE.toFixed(1)} |`);
  }
  return out.join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) console.log(report());
