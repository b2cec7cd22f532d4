// A static picture of the default story's initial map view, made at build time and inlined in
// index.html, so the reader sees a map on the first paint, long before maplibre-gl has loaded and
// drawn (see docs/performance.md). The geometry is the SVG fallback's scene (src/lib/fallback/
// scene.ts: same Mercator projection as MapLibre) over the basemap's own vector tiles (water and
// borders, scripts/basemap/); the look copies src/lib/map/style.ts at the zoom stories open at. When the interactive map has drawn everything, it takes the picture's
// place at exactly the same position (src/lib/map/static-map.ts), so nothing moves.
//
// The picture is drawn as SVG, then rasterised here (sharp, i.e. librsvg and libwebp) into a
// WebP image inlined as a data: URL. Not SVG in the page: a browser paints vector content on its
// GPU thread (in Chromium, with software WebGL, the very thread that must then create the map's
// context and compile its shaders), and the picture's hundred-odd stroked paths made the map about
// two seconds later; a bitmap is decoded off the main thread and drawn as one texture (measured in
// docs/performance.md). Where the image sits is in src/lib/map/static-map.css. A page with its own
// Content-Security-Policy needs `img-src data:` for it (the embeds have no picture).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simplify as turfSimplify } from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import sharp from 'sharp';
import { svgScene, type SceneBasemap, type SceneFeature } from '../src/lib/fallback/scene.ts';
import { featureOrder } from '../src/lib/panel/feature-order.ts';
import { initiallyVisible } from '../src/lib/story/model-core.ts';
import { decodeTiles, tilesCovering } from '../src/lib/map/basemap-tiles.ts';
import { DETAIL_MAXZOOM, TileMaker } from './basemap/tiles.ts';
import { markLandAreas, tileWater } from './land-areas.ts';
import { COLORS } from '../src/lib/map/style.ts';
import { escapeHtml } from '../src/lib/panel/inlines.ts';
import type { BBox, StoryModel } from '../src/lib/story/model.ts';
import { buildModel } from '../src/lib/story/model.ts';
import { readStoryTexts } from '../src/lib/story/read-folder.ts';
import { unwrapBox } from '../src/lib/story/lon-wrap.ts';
import { latOf as lat, mercX as mx, mercY as my } from '../src/lib/map/mercator.ts';
import { PICTURE_SPAN } from '../src/lib/map/static-map.ts';

/**
 * Width the story's bounds get in the picture's own units, which are its pixels (RASTER_SCALE 1):
 * about the width a desktop page shows them at. At 1280 x 800 the map box, less the framing's
 * padding and the open legend's room (static-map.css), fits CGTN's bounds into 394 px, so the
 * picture is drawn there at about its own size and its dots and lines at the map's own sizes. (It
 * was 500: the picture shown at 0.79 of its size, its dots 10 px where the map's are 13. The pixels
 * that saves pay for most of the picture's larger span, PICTURE_SPAN: 1.7 million pixels, was 1.4.)
 */
export const REFERENCE_WIDTH = 400;

/**
 * The area the picture draws: the story's bounds with room around them, so that whatever the shape
 * of the reader's map box, the picture fills it (the box crops it), within the basemap's extent.
 * All of the picture's span (PICTURE_SPAN: 1.2 times the bounds' width beside them, twice their
 * height above and below): a box shows land and water there, never a band of the sea's colour over
 * land (it drew 0.7 of the width beside them, which left such a band down the left of the Suez
 * story's box).
 */
export function extendedBounds(b: BBox, limit: BBox = [-180, -85, 180, 85], span: { x: number; y: number } = PICTURE_SPAN): BBox {
  const [w, s, e, n] = b;
  const dx = ((e - w) * (span.x - 1)) / 2;
  const dy = ((my(s) - my(n)) * (span.y - 1)) / 2;
  const south = Math.max(limit[1], lat(my(s) + dy));
  const north = Math.min(limit[3], lat(my(n) - dy));
  // Bounds across 180° (east beyond 180: unwrapBox) reach round the world, not to its edge: the
  // area is at most one world wide, centred on them.
  if (e > 180) {
    const half = Math.min(180, (e - w) / 2 + dx);
    const mid = (w + e) / 2;
    return [mid - half, south, mid + half, north];
  }
  return [Math.max(limit[0], w - dx), south, Math.min(limit[2], e + dx), north];
}

const COLOR = /^#[0-9a-fA-F]{3,6}$/;
const color = (c: string) => (COLOR.test(c) ? c : '#888888');
const num = (n: number) => String(Math.round(n * 10) / 10);

/** Degrees per unit of the picture at the story's bounds (its resolution). */
export const degreesPerUnit = (model: StoryModel) => (model.story.view.bounds[2] - model.story.view.bounds[0]) / REFERENCE_WIDTH;

/**
 * The story as the picture draws it: the layers shown when it opens (initiallyVisible: a layer its
 * story.json hides until the reader turns it on is not in the picture, as it is not on the map),
 * simplified to the picture's resolution (half a unit; Douglas-Peucker): detail the picture could
 * not show is left out of the page.
 */
export function simplifiedForPicture(model: StoryModel): StoryModel {
  const tolerance = degreesPerUnit(model) / 2;
  const shown = new Set(initiallyVisible(model));
  return { ...model, layers: model.layers.filter((l) => shown.has(l.spec.id)).map((l) => ({ ...l, data: turfSimplify(l.data, { tolerance, highQuality: true }) as FeatureCollection })) };
}

/** The zoom MapLibre shows the picture's scale at (512 px tiles): the story's bounds REFERENCE_WIDTH wide. */
export const pictureZoom = (model: StoryModel) => Math.log2((REFERENCE_WIDTH / (mx(model.story.view.bounds[2]) - mx(model.story.view.bounds[0]))) / 512);

/**
 * The basemap as the picture draws it, from the same vector tiles the map reads (made or taken
 * from the build's tile cache): the water and borders of the tiles of the picture's zoom (already
 * simplified to that zoom) over its whole area.
 */
export function tileBasemap(model: StoryModel, maker: Pick<TileMaker, 'get'>): SceneBasemap {
  const z = Math.max(0, Math.min(DETAIL_MAXZOOM, Math.floor(pictureZoom(model))));
  const tiles = tilesCovering(extendedBounds(model.story.view.bounds as BBox), z).map((t) => ({ ...t, data: maker.get(`${t.z}/${t.x}/${t.y}`) }));
  // The names are not drawn into the picture: without scripts they are text over it (pictureNames),
  // with scripts the map's own labels come with the map.
  return decodeTiles(tiles);
}

/**
 * The picture as an SVG document. Its viewBox is the story's bounds PICTURE_SPAN times over (3.4
 * across, 5 down), centred on them: drawn "meet" into a box as many times the size of the box the
 * bounds should fill (static-map.css), the bounds fill that box as MapLibre's fitBounds would, and
 * the rest shows around them. Outside the drawn area (the extended bounds, within the world) is the
 * map box's sea colour.
 */
export function staticMapSvg(model: StoryModel, basemap: SceneBasemap): string {
  const bounds = model.story.view.bounds as BBox;
  const ext = extendedBounds(bounds);
  const k = REFERENCE_WIDTH / (mx(bounds[2]) - mx(bounds[0]));
  const width = Math.round((mx(ext[2]) - mx(ext[0])) * k);
  const height = Math.round((my(ext[1]) - my(ext[3])) * k);
  // No names in the bitmap (pictureNames sets them as text over it).
  const scene = svgScene(model, { ...basemap, labels: undefined }, { width, height, bounds: ext, padding: 0, digits: 1, pointRadius: 5 });
  const x0 = (mx(bounds[0]) - mx(scene.bounds[0])) * k;
  const y0 = (my(bounds[3]) - my(scene.bounds[3])) * k;
  const w = (mx(bounds[2]) - mx(bounds[0])) * k;
  const h = (my(bounds[1]) - my(bounds[3])) * k;
  const { x: sx, y: sy } = PICTURE_SPAN;
  const vb = [x0 - (w * (sx - 1)) / 2, y0 - (h * (sy - 1)) / 2, sx * w, sy * h].map(num).join(' ');
  const nss = 'vector-effect="non-scaling-stroke"';
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${vb}" preserveAspectRatio="xMidYMid meet" width="${num(sx * w)}" height="${num(sy * h)}">`);
  if (scene.patterns.length) {
    out.push('<defs>');
    // MapLibre's hatch: 6 px tiles of 45° stripes (src/lib/map/patterns.ts), about 60 % opaque.
    for (const p of scene.patterns) out.push(`<pattern id="sm-${p.id}" width="6" height="6" patternUnits="userSpaceOnUse"><path d="M-1 1L1 -1M0 6L6 0M5 7L7 5" stroke="${color(p.color)}" stroke-width="1.1" stroke-opacity="0.59"/></pattern>`);
    out.push('</defs>');
  }
  // The tiles' way, as the map draws them (style.ts): land everywhere the picture draws, the
  // borders, the story's areas on land, then the water over them all (a border or an area stops at
  // the coast), then the rest of the story.
  out.push(`<rect width="${scene.width}" height="${scene.height}" fill="${COLORS.land}"/>`);
  out.push(`<path d="${scene.basemap.borders}" fill="none" stroke="${COLORS.border}" stroke-width="0.6" ${nss}/>`);
  const draw = (f: SceneFeature) => {
    const c = color(f.color);
    if (f.kind === 'area' && f.d && f.context) {
      // Context: a faint wash and a thin outline, never hatched (the style's context band).
      out.push(`<path d="${f.d}" fill="${c}" fill-opacity="0.035"/><path d="${f.d}" fill="none" stroke="${c}" stroke-opacity="0.55" stroke-width="0.9" stroke-linejoin="round" ${nss}/>`);
    } else if (f.kind === 'area' && f.d) {
      out.push(`<path d="${f.d}" fill="${c}" fill-opacity="${f.approximate ? 0.08 : 0.16}"/>`);
      if (f.pattern) out.push(`<path d="${f.d}" fill="url(#sm-${f.pattern})"/>`);
      out.push(f.approximate ? `<path d="${f.d}" fill="none" stroke="${c}" stroke-width="1" stroke-dasharray="3 2" stroke-linejoin="round" ${nss}/>` : `<path d="${f.d}" fill="none" stroke="${c}" stroke-width="1.2" stroke-linejoin="round" ${nss}/>`);
    } else if (f.kind === 'line' && f.d) {
      out.push(`<path d="${f.d}" fill="none" stroke="${COLORS.halo}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round" ${nss}/>`);
      out.push(`<path d="${f.d}" fill="none" stroke="${c}" stroke-width="${f.context ? 1.5 : 3}" stroke-linecap="round" stroke-linejoin="round"${f.approximate ? ' stroke-dasharray="6 4.5"' : ''} ${nss}/>`);
    } else if (f.kind === 'point' && f.anchor) {
      // A dot is a zero-length stroke with round caps: the same size on screen at any scale.
      const d = `M${num(f.anchor[0])} ${num(f.anchor[1])}h0`;
      // An approximate location is an open ring (the style's), a context point a small dot.
      if (f.approximate) out.push(`<path d="${d}" stroke="${c}" stroke-width="13" stroke-linecap="round" ${nss}/><path d="${d}" stroke="${COLORS.halo}" stroke-width="8" stroke-linecap="round" ${nss}/>`);
      else if (f.context) out.push(`<path d="${d}" stroke="${COLORS.halo}" stroke-width="8" stroke-linecap="round" ${nss}/><path d="${d}" stroke="${c}" stroke-width="6" stroke-linecap="round" ${nss}/>`);
      else out.push(`<path d="${d}" stroke="${COLORS.halo}" stroke-width="13" stroke-linecap="round" ${nss}/><path d="${d}" stroke="${c}" stroke-width="10" stroke-linecap="round" ${nss}/>`);
    }
  };
  // Features come bottom first, the areas on land before all others (scene.ts): under the water.
  for (const f of scene.features) if (f.land) draw(f);
  out.push(`<path d="${scene.basemap.water}" fill="${COLORS.sea}"/>`);
  for (const f of scene.features) if (!f.land) draw(f);
  out.push('</svg>');
  return out.join('');
}

/**
 * The scales the picture's names are placed for, and the class that shows each set. The picture is
 * drawn at many scales (the story's bounds 290 px across on a phone, 750 on a wide screen) while its
 * names are text of one size, so they are placed once per band of scales, each at the smallest
 * scale of its band: a set never collides where it is shown. static-map.css shows a set from the
 * width of the bounds on screen at its scale (REFERENCE_WIDTH times it; the last below the one
 * before): a unit test holds the CSS to these numbers.
 */
export const NAME_BANDS = [
  { scale: 0.9, cls: 'b1', around: { x: 0.25, y: 1 } },
  { scale: 0.65, cls: 'b2', around: { x: 0.2, y: 0.7 } },
  { scale: 0.55, cls: 'b3', around: { x: 0.2, y: 0.7 } },
  { scale: 0.45, cls: 'b4', around: { x: 0.2, y: 0.7 } },
] as const;

/** A name set over the picture: its place in percent of the story's bounds on screen, and the bands it is shown in. */
export interface PictureName {
  /** A story point's name, an area's or a line's (`name`, spaced capitals), or the basemap's. */
  kind: 'story' | 'name' | 'country' | 'water' | 'place';
  lines: string[];
  /**
   * The place named, in percent of the bounds' width and height from their top left; the text's
   * anchor (its start, middle or end: `anchor`, at the middle of its lines) is `dx`, `dy` pixels
   * from it, as the map sets a name a fixed distance from its dot at any zoom.
   */
  x: number;
  y: number;
  dx: number;
  dy: number;
  anchor: 'start' | 'middle' | 'end';
  /** A step of the page's type scale (tests/type-scale.ts): 1 is 0.7 rem, 2 is 0.8 rem, 3 is 0.875 rem. */
  step: 1 | 2 | 3;
  /** A place's dot, in the same percent, and whether the place is a capital. */
  dot?: { x: number; y: number; capital: boolean };
  bands: string[];
}

/** The step of the type scale (px at 16 px to the rem) at or under a name's size, so that it is never set bigger than it was placed. */
const stepOf = (px: number): PictureName['step'] => (px >= 14 ? 3 : px >= 12.8 ? 2 : 1);

/**
 * The names a reader without scripts sees on the picture, placed as the SVG fallback map places
 * them (placeLabels for the story's points beside them, then svgScene's basemap names) once per band of
 * scales (NAME_BANDS). Placed in the bounds and around them (`around`: a fraction of their width on
 * either side and of their height above and below), about what a map box of that band shows of the
 * picture beside the legend or on a phone: a name placed further out would mostly be cut by the
 * box's edge. Positions are percent of the bounds, so the page sets them wherever the bounds are
 * drawn (static-map.css).
 */
export function pictureNames(model: StoryModel, basemap: SceneBasemap): PictureName[] {
  const bounds = model.story.view.bounds as BBox;
  const k = REFERENCE_WIDTH / (mx(bounds[2]) - mx(bounds[0]));
  const order = featureOrder(model);
  const byKey = new Map<string, PictureName>();
  const r1 = (v: number) => Math.round(v * 10) / 10;
  for (const band of NAME_BANDS) {
    const area = extendedBounds(bounds, undefined, { x: 1 + 2 * band.around.x, y: 1 + 2 * band.around.y });
    const width = (mx(area[2]) - mx(area[0])) * k * band.scale;
    const height = (my(area[1]) - my(area[3])) * k * band.scale;
    const scene = svgScene(model, basemap, { width, height, bounds: area, padding: 0, digits: 0, pointRadius: 5, order });
    const nw = scene.project([bounds[0], bounds[3]]);
    const se = scene.project([bounds[2], bounds[1]]);
    if (!nw || !se) continue;
    const px = (x: number) => r1(((x - nw[0]) / (se[0] - nw[0])) * 100);
    const py = (y: number) => r1(((y - nw[1]) / (se[1] - nw[1])) * 100);
    const add = (n: Omit<PictureName, 'bands'>) => {
      const key = JSON.stringify([n.kind, n.lines, n.x, n.y, n.dx, n.dy, n.anchor, n.step, n.dot]);
      const had = byKey.get(key);
      if (had) had.bands.push(band.cls);
      else byKey.set(key, { ...n, bands: [band.cls] });
    };
    // The story's names (beside each point as the map sets them, in reading order), and the
    // basemap's, which svgScene placed around them.
    // An area's or a line's name from its name point (nameAt), in its spaced capitals' size.
    const anchors = new Map(scene.features.flatMap((f) => (f.anchor ? [[f.key, f.anchor] as const] : f.nameAt ? [[f.key, f.nameAt] as const] : [])));
    for (const l of scene.storyLabels) {
      const at = anchors.get(l.key);
      if (!at) continue;
      const [ax, ay] = at;
      add({ kind: l.area ? 'name' : 'story', lines: l.lines, x: px(ax), y: py(ay), dx: r1(l.x - ax), dy: r1((l.box[1] + l.box[3]) / 2 - ay), anchor: l.anchor, step: l.area ? 1 : 2 });
    }
    for (const l of scene.basemap.labels) {
      // From the first baseline to the middle of the lines: a place's name is one line centred on
      // its box (0.35 em above the baseline); a country's or water's box starts 0.95 em above it.
      const middle = l.kind === 'place' ? l.y - 0.35 * l.size : l.y - 0.95 * l.size + (l.lines.length * 1.25 * l.size) / 2;
      // A place's name a fixed distance from its dot; a country's or a sea's where it is (on its land or water).
      const [ox, oy] = l.dot ? [l.dot.x, l.dot.y] : [l.x, middle];
      add({
        kind: l.kind,
        lines: l.lines,
        x: px(ox),
        y: py(oy),
        dx: r1(l.x - ox),
        dy: r1(middle - oy),
        anchor: l.anchor,
        // Water names in one size (0.7 rem italic): one more font strike, not two (tests/type-scale.ts).
        step: l.kind === 'water' ? 1 : stepOf(l.size),
        dot: l.dot ? { x: px(l.dot.x), y: py(l.dot.y), capital: l.dot.capital } : undefined,
      });
    }
  }
  return [...byKey.values()];
}

/**
 * The names as markup: a box the size of the story's bounds on screen (static-map.css fits it as
 * the picture is fitted, from its shape in data-r), each name placed in it by percent (data-x,
 * data-y: read by CSS attr(), no style attribute for a page's policy to refuse). Text, escaped.
 */
export function pictureNamesMarkup(names: readonly PictureName[], model: StoryModel): string {
  if (!names.length) return '';
  const [w, s, e, n] = model.story.view.bounds as BBox;
  const ratio = Math.round(((mx(e) - mx(w)) / (my(s) - my(n))) * 10000) / 10000;
  const out: string[] = [`<div class="static-map-names" aria-hidden="true"><div class="fit" data-r="${ratio}">`];
  for (const m of names) {
    const bands = m.bands.join(' ');
    if (m.dot) out.push(`<i class="dot${m.dot.capital ? ' capital' : ''} ${bands}" data-x="${m.dot.x}%" data-y="${m.dot.y}%"></i>`);
    const off = `${m.dx ? ` data-dx="${m.dx}px"` : ''}${m.dy ? ` data-dy="${m.dy}px"` : ''}`;
    out.push(`<span class="nm ${m.kind} ${m.anchor} s${m.step} ${bands}" data-x="${m.x}%" data-y="${m.y}%"${off}>${m.lines.map((t) => escapeHtml(t)).join('<br>')}</span>`);
  }
  out.push('</div></div>');
  return out.join('');
}

/** Pixels per picture unit in the bitmap: the story's bounds REFERENCE_WIDTH px wide (a desktop map's width). */
export const RASTER_SCALE = 1;

/**
 * WebP quality of the picture. Flat colours and thin lines keep well in lossy WebP: at 50 the CGTN
 * picture was 24 kB against 31 kB at 75 (at REFERENCE_WIDTH 500), and side by side at three times its
 * size the two differ only in the faintest borders' edges (quality 40 starts to break those borders
 * up); at REFERENCE_WIDTH 400 it is 17.8 kB spanning the bounds 3 times across and down, 25.9 kB
 * spanning them 3.4 times across and 5 down, drawn over its whole span (extendedBounds). The
 * picture is in the HTML, before the first paint, so every kB of it is on a phone's critical path.
 * (AVIF was tried: 25-45 % smaller at the same look, but twice WebP's decode time in Chromium, and
 * the decode holds back the first paint.)
 */
export const PICTURE_QUALITY = 50;

/** The picture as a bitmap: lossy WebP at PICTURE_QUALITY, over the sea's colour. */
export async function rasterise(svg: string): Promise<{ webp: Buffer; width: number; height: number }> {
  const vb = /viewBox="([^"]+)"/.exec(svg)![1]!.split(' ').map(Number);
  const width = Math.round(vb[2]! * RASTER_SCALE);
  const height = Math.round(vb[3]! * RASTER_SCALE);
  const webp = await sharp(Buffer.from(svg), { density: 72 * RASTER_SCALE }).resize(width, height, { fit: 'fill' }).flatten({ background: COLORS.sea }).webp({ quality: PICTURE_QUALITY, effort: 6 }).toBuffer();
  return { webp, width, height };
}

/** The picture's markup: a div holding the bitmap as an image, with the story's bounds for the page's script. */
export function staticMapMarkup(image: { webp: Buffer; width: number; height: number }, model: StoryModel, folder: string, names = ''): string {
  const bounds = model.story.view.bounds as BBox;
  // The names only without scripts (<noscript>): with them, the map's own labels come with the map,
  // and names over the picture would jump to where the map sets them.
  const text = names ? `<noscript>${names}</noscript>` : '';
  return `<div class="static-map" data-static-map data-story="${escapeHtml(folder)}" data-bounds="${bounds.join(',')}" aria-hidden="true"><img alt="" src="data:image/webp;base64,${image.webp.toString('base64')}" width="${image.width}" height="${image.height}" fetchpriority="high">${text}</div>`;
}

export interface StaticMapOptions {
  /** Folder with the story folders and basemap/. */
  geodata: string;
  /** A story folder given on the command line (`--story`), which is then the default story. */
  story?: string;
}

/** Renders the default story's picture for a folder; null (and a warning) when it cannot. */
export async function renderStaticMap(opts: StaticMapOptions, folder: string, warn: (m: string) => void = console.warn): Promise<string | null> {
  try {
    const geodata = resolve(opts.geodata);
    const dir = opts.story ? resolve(opts.story) : join(geodata, folder);
    const read = buildModel(readStoryTexts(dir));
    const maker = TileMaker.shared({ geodata });
    // Bounds across 180° written west > east are drawn with east beyond 180 (the scene turns its
    // projection to them); the areas on land under the water, as the map draws them (land-areas.ts).
    const model: StoryModel = { ...read, layers: markLandAreas(read.layers, tileWater(maker)), story: { ...read.story, view: { ...read.story.view, bounds: unwrapBox(read.story.view.bounds) } } };
    const basemap = tileBasemap(model, maker);
    const simple = simplifiedForPicture(model);
    const svg = staticMapSvg(simple, basemap);
    return staticMapMarkup(await rasterise(svg), model, folder, pictureNamesMarkup(pictureNames(simple, basemap), model));
  } catch (e) {
    warn(`static map: the first-paint picture of "${folder}" could not be made (${(e as Error).message}); the page will show the map when it has loaded.`);
    return null;
  }
}
