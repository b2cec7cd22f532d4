// Synthetic stories for the scale bench, all from one generator: n points spread in clumps (the way
// incident data is), and/or a layer of large detailed polygons of about a given size. Deterministic
// (seeded), valid under the story format, with a short article whose passages link a few features
// each, like a real story that maps thousands of things but talks about a handful.
import type { Feature, FeatureCollection, Polygon } from 'geojson';

export interface SynthOptions {
  /** Story folder name (also its id). */
  name: string;
  /** Number of point features (0 for none). */
  points?: number;
  /** Approximate size of the polygon layer file in bytes (0 for none). */
  polygonBytes?: number;
  seed?: number;
  /** Passages in the article; each links `linksPerPassage` features. */
  passages?: number;
  linksPerPassage?: number;
}

export type StoryFiles = Record<string, string>;

/** Same area as the CGTN story, so the basemap and the initial view are alike. */
export const SYNTH_BOUNDS: [number, number, number, number] = [9, 24, 54, 46.5];

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round5 = (n: number) => Math.round(n * 1e5) / 1e5;
const CATEGORIES = ['shelling', 'airstrike', 'clash'];

function pointLayer(n: number, rand: () => number): FeatureCollection {
  const [w, s, e, north] = SYNTH_BOUNDS;
  // Clumps around a few dozen centres, like events around towns, with a sprinkling everywhere.
  const centres = Array.from({ length: 40 }, () => [w + rand() * (e - w), s + rand() * (north - s), 0.2 + rand() * 1.5] as const);
  const features: Feature[] = [];
  for (let i = 0; i < n; i++) {
    let lon: number;
    let lat: number;
    if (rand() < 0.85) {
      const [cx, cy, spread] = centres[Math.floor(rand() * centres.length)]!;
      // Box-Muller: a normal spread around the centre.
      const r = Math.sqrt(-2 * Math.log(1 - rand())) * spread;
      const a = rand() * 2 * Math.PI;
      lon = cx + r * Math.cos(a);
      lat = cy + r * Math.sin(a) * 0.8;
    } else {
      lon = w + rand() * (e - w);
      lat = s + rand() * (north - s);
    }
    lon = round5(Math.min(e, Math.max(w, lon)));
    lat = round5(Math.min(north, Math.max(s, lat)));
    const day = 1 + Math.floor(rand() * 28);
    features.push({
      type: 'Feature',
      id: `p${i}`,
      properties: { id: `p${i}`, name: `Site ${i}`, date: `${day} Jan 2020`, source: 'Synthetic', type: CATEGORIES[i % CATEGORIES.length] },
      geometry: { type: 'Point', coordinates: [lon, lat] },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** A star-shaped blob (never self-intersecting: one radius per angle) with `vertices` corners. */
function blob(cx: number, cy: number, radius: number, vertices: number, rand: () => number): Polygon {
  const waves = Array.from({ length: 6 }, (_, k) => ({ f: 2 + k * 3 + Math.floor(rand() * 3), amp: (0.18 / (k + 1)) * (0.5 + rand()), ph: rand() * 2 * Math.PI }));
  const ring: [number, number][] = [];
  for (let i = 0; i < vertices; i++) {
    const t = (i / vertices) * 2 * Math.PI;
    let r = 1;
    for (const w of waves) r += w.amp * Math.sin(w.f * t + w.ph);
    r *= radius * (1 + (rand() - 0.5) * 0.02);
    ring.push([round5(cx + r * Math.cos(t)), round5(cy + r * Math.sin(t) * 0.8)]);
  }
  // Counter-clockwise exterior (RFC 7946) and closed.
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Polygon', coordinates: [ring] };
}

function polygonLayer(bytes: number, rand: () => number): FeatureCollection {
  const [w, s, e, north] = SYNTH_BOUNDS;
  const vertices = 2000;
  // About 21 bytes per position as written ("[12.34567,34.56789],").
  const count = Math.max(1, Math.round(bytes / (vertices * 21)));
  const cols = Math.ceil(Math.sqrt(count * 2));
  const rows = Math.ceil(count / cols);
  const cw = (e - w) / cols;
  const ch = (north - s) / rows;
  const features: Feature[] = [];
  for (let i = 0; i < count; i++) {
    const cx = w + ((i % cols) + 0.5) * cw;
    const cy = s + (Math.floor(i / cols) + 0.5) * ch;
    features.push({
      type: 'Feature',
      id: `a${i}`,
      properties: { id: `a${i}`, name: `Zone ${i}`, date: 'Jan 2020', source: 'Synthetic', approximate: i % 5 === 0 },
      geometry: blob(cx, cy, Math.min(cw, ch) * 0.42, vertices, rand),
    });
  }
  return { type: 'FeatureCollection', features };
}

export function synthStory(o: SynthOptions): StoryFiles {
  const rand = mulberry32(o.seed ?? 20200109);
  const passages = o.passages ?? 20;
  const perPassage = o.linksPerPassage ?? 5;
  const files: StoryFiles = {};
  const layers: object[] = [];
  const linkable: { layer: string; id: string; name: string }[] = [];
  if (o.points) {
    const fc = pointLayer(o.points, rand);
    files['layers/points.geojson'] = JSON.stringify(fc);
    layers.push({
      id: 'points', name: 'Reported incidents', file: 'layers/points.geojson', color: '#b0413e',
      categories: { property: 'type', values: [{ value: 'shelling', label: 'Shelling', color: '#b0413e' }, { value: 'airstrike', label: 'Air strike', color: '#2563a8' }, { value: 'clash', label: 'Clash', color: '#6b7280' }] },
    });
    // Link features spread over the whole layer, not only the first ones.
    const step = Math.max(1, Math.floor(o.points / (passages * perPassage)));
    for (let i = 0; i < Math.min(o.points, passages * perPassage); i++) linkable.push({ layer: 'points', id: `p${i * step}`, name: `Site ${i * step}` });
  }
  if (o.polygonBytes) {
    const fc = polygonLayer(o.polygonBytes, rand);
    files['layers/areas.geojson'] = JSON.stringify(fc);
    layers.push({ id: 'areas', name: 'Zones', file: 'layers/areas.geojson', color: '#0f766e', approximate: 'Synthetic zones; every fifth one is marked approximate.' });
    for (const f of fc.features.slice(0, passages)) linkable.push({ layer: 'areas', id: String(f.id), name: String(f.properties!.name) });
  }
  const features: Record<string, { passages: string[] }> = {};
  const article = ['# A synthetic story', ''];
  for (let p = 0; p < passages; p++) {
    const linked = linkable.filter((_, i) => i % passages === p).slice(0, perPassage);
    const names = linked.map((l) => l.name);
    article.push(`Passage ${p + 1} of a story generated for the bench. It mentions ${names.length ? names.join(', ') : 'nothing on the map'}, each drawn on the map. {#s${p + 1}}`, '');
    for (const l of linked) features[`${l.layer}:${l.id}`] = { passages: [`s${p + 1}`] };
  }
  files['article.md'] = article.join('\n');
  files['story.json'] = JSON.stringify(
    {
      id: o.name,
      title: `Synthetic story: ${o.name}`,
      outlet: 'Bench',
      date: '2020-01-09',
      language: 'en',
      article: 'article.md',
      summary: 'Generated data for measuring how the story map scales.',
      view: { bounds: SYNTH_BOUNDS },
      attribution: [{ text: 'Made with Natural Earth' }, { text: 'Synthetic data' }],
      layers,
      features,
    },
    null,
    1,
  );
  return files;
}

/** The scale stories the bench measures. */
export const SCALE_STORIES: SynthOptions[] = [
  { name: 'synth-points-1k', points: 1_000 },
  { name: 'synth-points-10k', points: 10_000 },
  { name: 'synth-points-100k', points: 100_000 },
  { name: 'synth-polygons-10mb', polygonBytes: 10_000_000 },
];
