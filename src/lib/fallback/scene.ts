// The static map as SVG path strings: the same story layers and basemap the WebGL map draws,
// projected with d3-geo's spherical Web Mercator (the projection MapLibre uses), clipped to the
// frame. Pure TypeScript: no DOM, no maplibre, so it runs in the browser (the fallback map when
// WebGL is missing) and in Node (a static first paint at build time).
//
// d3-geo is spherical and reads a polygon's winding as "which side is inside", the opposite of
// RFC 7946's right-hand rule; polygons are rewound (turf) before projecting, once per input object.
//
// The basemap comes from its vector tiles (src/lib/map/basemap-tiles.ts), whose straight lines are
// straight in Web Mercator: it is drawn vertex by vertex, with no resampling along great circles
// (a tile's edge along a parallel would otherwise bow towards the pole, opening a gap between tiles).
import { rewind } from '@turf/turf';
import { geoClipRectangle, geoMercator, geoPath, type GeoProjection, type GeoStream, type GeoStreamWrapper } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiLineString, Polygon } from 'geojson';
import type { BasemapLabel } from '../map/basemap-tiles';
import { borderLabelBox, COUNTRY_SHIFT_EM, countryLabelShown, countryMoveGapEm, COUNTRY_TEXT_PADDING, countryMovesAt, countryShifts, COUNTRY_TEXT_SIZE, interpolateStops, PLACE_TEXT_SIZE, waterLabelShown } from '../map/basemap-style';
import type { BBox, GeometryKind, StoryLayer, StoryModel } from '../story/model';
import { unwrapBox } from '../story/lon-wrap';
import { colorOf } from '../story/legend';
import { isHomonym, namesSaid, storyPlaces, type StoryPlaces } from '../map/homonyms';
import { ANCHOR_DIRECTIONS, ANCHOR_OF_SIDE, CONTEXT_NAME_MINZOOM, labelBoxAt, namedAt, namedAtRest, NAME_ANCHORS, NAME_LINE_PX, NAME_OFFSET, NAME_PADDING, NAME_SIZE, nameLines, nameWidth, boxWidth, labelOf, labelSidesFor, LABEL_LINE, stackedLabels, LABEL_OFFSET, LABEL_SIDES, LABEL_SIZE, labelLines, LINE_BOX_PX, PLACE_SIDES, symbolHalf, type LabelSide } from '../map/label-sides';

export { LABEL_LINE, labelLines };

/** The basemap parts the scene draws: what decodeTiles (src/lib/map/basemap-tiles.ts) reads from the tiles. */
export interface SceneBasemap {
  /** Where the basemap is known (the tiles' squares): land there, the water over it. */
  covered: FeatureCollection<Polygon>;
  water: FeatureCollection<Polygon>;
  borders: MultiLineString;
  /** Names to place (places, water, countries); the first-paint picture sets them as text over its bitmap (scripts/static-map.ts, pictureNames). */
  labels?: BasemapLabel[];
}

/** A basemap name as placed: its lines of text, where and how it is set. */
export interface SceneBasemapLabel {
  kind: BasemapLabel['kind'];
  /** The name as drawn (countries in capitals). */
  name: string;
  /** The name's lines (a long strait's name on two). */
  lines: string[];
  /** The first line's baseline point, aligned by `anchor`. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  /** Font size (px) and letter spacing (em). */
  size: number;
  spacing: number;
  /** A place's dot. */
  dot?: { x: number; y: number; capital: boolean };
}

export interface SceneOptions {
  /** Frame size in pixels (the SVG's viewBox is 0 0 width height). */
  width: number;
  height: number;
  /** What to fit in the frame, [west, south, east, north]; the story's view by default. */
  bounds?: BBox;
  /** Pixels kept clear around the bounds. */
  padding?: number | { top: number; right: number; bottom: number; left: number };
  /** Fractional digits in path strings (1 is a tenth of a pixel). */
  digits?: number;
  /** Radius of point symbols in pixels. */
  pointRadius?: number;
  /** Boxes of the frame no basemap name may touch (what covers the map), [x0, y0, x1, y1]. */
  avoid?: readonly [number, number, number, number][];
  /** The story's features in reading order (keys): its labels are placed in it (`storyLabels`), and the basemap's names around them. */
  order?: readonly string[];
  /** Place the story's labels and the basemap's names (`storyLabels`, `basemap.labels`); true by default. A map
   * that places them itself around what it draws (FallbackMap: the layers shown, the selection) says false. */
  labels?: boolean;
}

export interface SceneFeature {
  /** "layerId:featureId", the model's key. */
  key: string;
  layerId: string;
  name: string;
  /** Its label's text where that is not its name (the model's `label`; label-sides.ts, labelOf). */
  label?: string;
  kind: GeometryKind;
  /** SVG path data in frame pixels; empty when the feature lies outside the frame. */
  d: string;
  /** Fill/stroke colour: the feature's category colour, else its layer's. */
  color: string;
  approximate: boolean;
  /** Context (a sea, a whole country): drawn quietly, under every story area, never hatched. */
  context: boolean;
  /** An area on land (the map feature's `land`, style.ts landAreas): drawn under the basemap's water, so it stops at the coast. */
  land?: boolean;
  /** Id of the hatch pattern for approximate areas (see `patterns`), else undefined. */
  pattern?: string;
  /** Where a point's label goes (the point itself); undefined for lines and areas, or off frame. */
  anchor?: [number, number];
  /** A line's parts in frame pixels (their vertices; may reach past the frame): the basemap's names keep off them. */
  lines?: [number, number][][];
  /** Where an area's or a line's name is written when it is selected (the model's nameAt), in frame pixels; undefined off frame. */
  nameAt?: [number, number];
  /** An area among others (the model's nameZoom): its name only centred, inside it. */
  nameInside?: true;
  /** Named with nothing selected too (label-sides.ts, namedAtRest), where there is room. */
  restNamed?: true;
}

export interface SvgScene {
  width: number;
  height: number;
  /** The bounds actually shown (the frame's corners, unprojected), [west, south, east, north]. */
  bounds: BBox;
  /** Zoom level MapLibre would use for this scale (512 px tiles), for scale-dependent choices. */
  zoom: number;
  /** Path data: where the basemap is known (land colour), its water and borders; its names, placed. */
  basemap: { land: string; water: string; borders: string; labels: SceneBasemapLabel[] };
  /** The story's labels with nothing selected (placeNames): its points' names in `order`, then its areas' and lines' named at rest. */
  storyLabels: PlacedLabel[];
  /** Features in drawing order, bottom first: areas on land (under the water: `land`), areas, then lines, then points; earlier layers on top within each. */
  features: SceneFeature[];
  /** Hatch patterns used by approximate areas: one per colour. */
  patterns: { id: string; color: string }[];
  /** Frame pixels of a [lon, lat], or null when it is not in view. */
  project: (lngLat: [number, number]) => [number, number] | null;
}

const KIND_BAND: Record<GeometryKind, number> = { area: 0, line: 1, point: 2 };

// Rewound copies, cached per input object so re-framing (resize, zoom to a passage) is cheap.
const rewound = new WeakMap<object, Geometry>();
function forD3(owner: object, geometry: Geometry): Geometry {
  let g = rewound.get(owner);
  if (!g) {
    const polygonal = geometry.type === 'Polygon' || geometry.type === 'MultiPolygon' || geometry.type === 'GeometryCollection';
    g = polygonal ? (rewind(geometry, { reverse: true }) as Geometry) : geometry;
    rewound.set(owner, g);
  }
  return g;
}

/** The colour a feature is drawn in: its category's colour when its layer colours by category. */
export function featureColor(layer: StoryLayer, category: string | undefined): string {
  return colorOf(layer, { category });
}

export const patternId = (color: string) => `hatch-${color.replace('#', '').toLowerCase()}`;

function fit(projection: GeoProjection, opts: SceneOptions, bounds: BBox) {
  const p = opts.padding ?? Math.round(Math.min(opts.width, opts.height) * 0.06) + 8;
  const pad = typeof p === 'number' ? { top: p, right: p, bottom: p, left: p } : p;
  const [w, s, e, n] = bounds;
  // In Mercator the box's corners project to a rectangle, so fitting the corners fits the box.
  const corners = { type: 'MultiPoint' as const, coordinates: [[w, s], [e, s], [e, n], [w, n]] };
  const x0 = Math.min(pad.left, opts.width / 2 - 1);
  const y0 = Math.min(pad.top, opts.height / 2 - 1);
  const x1 = Math.max(opts.width - pad.right, opts.width / 2 + 1);
  const y1 = Math.max(opts.height - pad.bottom, opts.height / 2 + 1);
  projection.fitExtent([[x0, y0], [x1, y1]], corners);
}

/** Builds the scene for a story: every readable layer's features plus the basemap, in one frame. */
export function svgScene(model: StoryModel, basemap: SceneBasemap | null, opts: SceneOptions): SvgScene {
  const { width, height } = opts;
  // A view across 180° (east beyond 180, or west > east) is drawn with the projection turned to its
  // middle, so that d3's spherical clipping cuts the world far away, not through the view.
  const bounds = unwrapBox(opts.bounds ?? (model.story.view.bounds as BBox));
  const projection = geoMercator().precision(0.2);
  if (bounds[2] > 180 || bounds[0] < -180) projection.rotate([-(bounds[0] + bounds[2]) / 2, 0]);
  fit(projection, opts, bounds);
  projection.clipExtent([[0, 0], [width, height]]);
  const path = geoPath(projection).digits(opts.digits ?? 1).pointRadius(opts.pointRadius ?? 6);
  const zoom = Math.log2((projection.scale() * 2 * Math.PI) / 512);

  const inFrame = ([x, y]: [number, number]) => x >= 0 && y >= 0 && x <= width && y <= height;
  const project = (lngLat: [number, number]): [number, number] | null => {
    const xy = projection(lngLat);
    return xy && inFrame(xy as [number, number]) ? (xy as [number, number]) : null;
  };
  const topLeft = projection.invert?.([0, 0]);
  const bottomRight = projection.invert?.([width, height]);
  const shown: BBox = topLeft && bottomRight ? unwrapBox([topLeft[0], bottomRight[1], bottomRight[0], topLeft[1]]) : bounds;

  // The basemap: each vertex projected, straight lines between them (see the top). Borders are cut
  // to the frame; polygons are not (rejoining a cut ring along the frame goes wrong for the tiles'
  // water, whose land holes share the tile's edges): they are already cut to their tiles, which
  // reach at most a tile past the frame, and the SVG's own edge hides the rest.
  const straightPath = (clip: boolean) => {
    const frameClip = clip ? geoClipRectangle(0, 0, width, height) : (s: GeoStream) => s;
    const straight: GeoStreamWrapper = {
      stream: (out) => {
        const s = frameClip(out);
        return {
          point: (x: number, y: number) => {
            const p = projection([x, y])!;
            s.point(p[0], p[1]);
          },
          lineStart: () => s.lineStart(),
          lineEnd: () => s.lineEnd(),
          polygonStart: () => s.polygonStart(),
          polygonEnd: () => s.polygonEnd(),
          sphere: () => {},
        };
      },
    };
    return geoPath(straight).digits(opts.digits ?? 1);
  };
  const flat = straightPath(false);
  const polygons = (fc: FeatureCollection | undefined) => (fc?.features ?? []).map((f) => (f.geometry ? (flat(forD3(f, f.geometry)) ?? '') : '')).join('');
  const land = polygons(basemap?.covered);
  const water = polygons(basemap?.water);
  const borders = basemap?.borders.coordinates.length ? (straightPath(true)(basemap.borders) ?? '') : '';

  const colors = new Set<string>();
  const drawn: (SceneFeature & { band: number; layerIndex: number; order: number })[] = [];
  model.layers.forEach((layer, layerIndex) => {
    if (layer.error) return;
    layer.data.features.forEach((mapFeature: Feature, order) => {
      const key = mapFeature.properties?.key;
      const feature = typeof key === 'string' ? model.features.get(key) : undefined;
      if (!feature || !mapFeature.geometry) return;
      const color = featureColor(layer, feature.category);
      // Hatching only for approximate areas that are the story's subject, never for context.
      const approximateArea = feature.approximate && feature.kind === 'area' && !feature.context;
      if (approximateArea) colors.add(color);
      const geometry = forD3(mapFeature, mapFeature.geometry);
      // An area on land (style.ts landAreas): under the basemap's water.
      const land = feature.kind === 'area' && mapFeature.properties?.land === true;
      let anchor: [number, number] | undefined;
      let lines: [number, number][][] | undefined;
      if (feature.kind === 'line') {
        const g = mapFeature.geometry;
        const parts = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
        lines = parts.map((part) => part.map((c) => projection(c as [number, number])).filter((xy): xy is [number, number] => !!xy));
      }
      if (feature.kind === 'point') {
        const g = mapFeature.geometry;
        const first = g.type === 'Point' ? g.coordinates : g.type === 'MultiPoint' ? g.coordinates[0] : undefined;
        anchor = first ? (project(first as [number, number]) ?? undefined) : undefined;
      }
      drawn.push({
        key: feature.key,
        layerId: layer.spec.id,
        name: feature.name,
        ...(feature.label ? { label: feature.label } : {}),
        kind: feature.kind,
        d: path(geometry) ?? '',
        color,
        approximate: feature.approximate,
        context: !!feature.context,
        land,
        pattern: approximateArea ? patternId(color) : undefined,
        anchor,
        lines,
        // An area's among others only where its name fits inside it at this zoom (name-at.ts, as the WebGL map).
        nameAt: feature.nameAt && namedAt(feature, zoom) ? (project(feature.nameAt) ?? undefined) : undefined,
        ...(feature.nameZoom !== undefined ? { nameInside: true } : {}),
        ...(namedAtRest(feature, !!model.passagesByFeature.get(feature.key)?.length) ? { restNamed: true } : {}),
        // Context areas go under every other area (the style's context band); areas on land under
        // those over the water, in the same two bands.
        band: (land ? -2 : 0) + (feature.context && feature.kind === 'area' ? -1 : KIND_BAND[feature.kind]),
        layerIndex,
        order,
      });
    });
  });
  // Same order as the WebGL style: areas on land (context, then the rest), which the basemap's water
  // goes over, then context areas, areas, lines, points; earlier layers on top in a band.
  // A layer's context points under its own (the style's circle-sort-key).
  drawn.sort((a, b) => a.band - b.band || b.layerIndex - a.layerIndex || (a.kind === 'point' ? Number(b.context) - Number(a.context) : 0) || a.order - b.order);
  const features: SceneFeature[] = drawn.map(({ band: _b, layerIndex: _l, order: _o, ...f }) => f);
  // The story's labels first, as the style draws them above the basemap's names, then those names
  // around them, the story's names at rest after the countries' (placeNames): every layer shown,
  // nothing selected, as on the first paint.
  const placing = opts.labels ?? true;
  const names = placing ? placeNames(features, { width, height }, new Set(), opts.order ?? [], opts.avoid ?? [], zoom, basemap?.labels?.length ? { labels: basemap.labels, project, storyLines: storyLinesOf(features), storyPlaces: storyPlaces(model) } : undefined) : { story: [], basemap: [] };
  const storyLabels = names.story;
  const labels = names.basemap;

  return {
    width,
    height,
    bounds: shown,
    zoom,
    basemap: { land, water, borders, labels },
    storyLabels,
    features,
    patterns: [...colors].map((color) => ({ id: patternId(color), color })),
    project,
  };
}

export interface PlacedLabel {
  key: string;
  name: string;
  /** The name's lines (a long name broken as the map breaks it: labelLines). */
  lines: string[];
  /** Baseline position of the first line, aligned by `anchor`; the next lines LABEL_LINE px apart. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: [number, number, number, number];
  /** An area's or a line's name (set in spaced capitals, as the map sets it), not a point's. */
  area?: true;
}

const NAME_LINE = NAME_LINE_PX;

/**
 * Where a point's label may go, in the order both maps try (label-sides.ts, LABEL_SIDES: right of
 * the point, the convention, then left, above, below, then the corners); LABEL_OFFSET from the
 * point's centre to the text's box (the corners that far along the diagonal), the lines centred on
 * the point beside it. Each is the box, the first line's baseline point and the alignment.
 */
function labelCandidates(x: number, y: number, w: number, lines: number, sides: readonly LabelSide[] = LABEL_SIDES): [Box, number, number, PlacedLabel['anchor']][] {
  const h = lines * LABEL_LINE + 1;
  // From the box's top to the first baseline.
  const base = 0.5 + LABEL_LINE / 2 + 0.35 * LABEL_SIZE;
  return sides.map((side) => {
    const box = labelBoxAt(x, y, w, h, LABEL_OFFSET, side);
    // Right of the point the text starts at the box's left edge; left of it ends at its right; above and below it is centred.
    const [dx] = ANCHOR_DIRECTIONS[ANCHOR_OF_SIDE[side]];
    return [box, dx > 0 ? box[0] : dx < 0 ? box[2] : x, box[1] + base, dx > 0 ? 'start' : dx < 0 ? 'end' : 'middle'];
  });
}

/**
 * Where a highlighted area's or line's name may go, as the map tries (style.ts, the name layers:
 * NAME_ANCHORS, NAME_OFFSET ems off): centred on its point, then below, above, right and left of
 * it; an area's among others only centred.
 */
function nameCandidates(x: number, y: number, w: number, lines: number, inside: boolean): [Box, number, number, PlacedLabel['anchor']][] {
  const h = lines * NAME_LINE + 1;
  const d = NAME_OFFSET * NAME_SIZE;
  const base = 0.5 + NAME_LINE / 2 + 0.35 * NAME_SIZE;
  const box = (left: number, top: number, x0: number, anchor: PlacedLabel['anchor']): [Box, number, number, PlacedLabel['anchor']] => [[left, top, left + w, top + h], x0, top + base, anchor];
  const at: Record<(typeof NAME_ANCHORS)[number], () => [Box, number, number, PlacedLabel['anchor']]> = {
    center: () => box(x - w / 2, y - h / 2, x, 'middle'),
    top: () => box(x - w / 2, y + d, x, 'middle'),
    bottom: () => box(x - w / 2, y - d - h, x, 'middle'),
    left: () => box(x + d, y - h / 2, x + d, 'start'),
    right: () => box(x - d - w, y - h / 2, x - d, 'end'),
  };
  // An area's among others only centred, inside it (style.ts, NAME_ANCHOR_OFFSETS).
  return (inside ? (['center'] as const) : NAME_ANCHORS).map((a) => at[a]());
}

/**
 * Point labels as the map sets them (style.ts): beside their points wherever there is room, right
 * first, then left, above, below and the corners (labelCandidates); kept only where one fits in the
 * frame clear of the labels already placed, of every point's symbol (a name over another place's
 * dot reads as that place's) and of `avoid` (what covers the map: its legend, notice, buttons),
 * highlighted features first, then in `order` (reading order). Then the names of highlighted areas
 * and lines (nameCandidates), clear of those and of the story's lines, as the map places them
 * after its lines' boxes. (Those named at rest come after the basemap's country names: placeNames.)
 */
export function placeLabels(features: readonly SceneFeature[], frame: { width: number; height: number }, highlighted: ReadonlySet<string>, order: readonly string[], avoid: readonly Box[] = [], zoom = Infinity): PlacedLabel[] {
  const rank = new Map(order.map((k, i) => [k, i]));
  const placed: PlacedLabel[] = [];
  const { points, half, place, name } = labelPlacer(features, frame, avoid, zoom, placed);
  const at = (k: string) => rank.get(k) ?? Number.MAX_SAFE_INTEGER;
  points.sort((a, b) => Number(highlighted.has(b.key)) - Number(highlighted.has(a.key)) || at(a.key) - at(b.key));
  // A point standing on one before it in this order is not named, whether that one is or not.
  // A context dot (drawn under the story's own) whose centre is under another's symbol stands on it too.
  const stacked = stackedLabels(points.map((f, i) => ({ key: f.key, x: f.anchor![0], y: f.anchor![1], order: i, context: !!f.context, reach: half })));
  // A context point is named from CONTEXT_NAME_MINZOOM on, or when highlighted (as the style's first tier).
  const named = (f: SceneFeature) => !f.context || highlighted.has(f.key) || zoom >= CONTEXT_NAME_MINZOOM;
  for (const f of points) if (!stacked.has(f.key) && named(f)) place(f, (w, lines) => labelCandidates(f.anchor![0], f.anchor![1], w, lines, labelSidesFor(labelOf(f))));
  for (const f of features) if (f.kind !== 'point' && f.nameAt && highlighted.has(f.key)) name(f);
  return placed;
}

/**
 * The names of the areas and lines named at rest (restNamed) and not highlighted, as the style's
 * rest-name layers place them: after `placed` (placeLabels's), clear of it as of the points' symbols,
 * the story's lines and `avoid`, and where `clear` says (the basemap's country names placed before).
 */
export function placeRestNames(features: readonly SceneFeature[], frame: { width: number; height: number }, highlighted: ReadonlySet<string>, placed: readonly PlacedLabel[], clear: (box: Box) => boolean = () => true, avoid: readonly Box[] = [], zoom = Infinity): PlacedLabel[] {
  const all = [...placed];
  const { name } = labelPlacer(features, frame, avoid, zoom, all);
  for (const f of features) if (f.kind !== 'point' && f.nameAt && f.restNamed && !highlighted.has(f.key)) name(f, clear);
  return all.slice(placed.length);
}

/** What placeLabels and placeRestNames share: where a label is free, and placing one (pushed to `placed`). */
function labelPlacer(features: readonly SceneFeature[], frame: { width: number; height: number }, avoid: readonly Box[], zoom: number, placed: PlacedLabel[]) {
  const points = features.filter((f) => f.kind === 'point' && f.anchor);
  const half = symbolHalf(zoom);
  const symbols = points.map((f) => ({ key: f.key, box: [f.anchor![0] - half, f.anchor![1] - half, f.anchor![0] + half, f.anchor![1] + half] as Box }));
  const inFrame = (b: Box) => b[0] >= 0 && b[1] >= 0 && b[2] <= frame.width && b[3] <= frame.height;
  // Clear of other points' symbols; its own point's the candidates' offsets clear (labelCandidates).
  const free = (box: Box, key?: string) => inFrame(box) && !placed.some((p) => overlaps(box, p.box)) && !symbols.some((s) => s.key !== key && overlaps(box, s.box)) && !avoid.some((a) => overlaps(box, a));
  const place = (f: SceneFeature, candidates: (w: number, lines: number) => [Box, number, number, PlacedLabel['anchor']][], ok: (box: Box) => boolean = (box) => free(box, f.key), area = false) => {
    const text = labelOf(f);
    const lines = area ? nameLines(text) : labelLines(text);
    // An area's name keeps NAME_PADDING clear around it, as the map's text-padding does.
    const room = (box: Box) => (area ? grow(box, NAME_PADDING) : box);
    const fit = candidates(Math.max(...lines.map(area ? nameWidth : boxWidth)), lines.length).find(([box]) => ok(room(box)));
    if (fit) placed.push({ key: f.key, name: text, lines, x: fit[1], y: fit[2], anchor: fit[3], box: room(fit[0]), ...(area ? { area } : {}) });
  };
  const storyLines = storyLinesOf(features);
  const clearOfLines = (b: Box) => !storyLines.some((line) => line.some((p, i) => i > 0 && segmentCrosses(line[i - 1]!, p, grow(b, LINE_BOX_PX / 2))));
  /** An area's or a line's name at its name point (nameCandidates), clear of the story's lines. */
  const name = (f: SceneFeature, ok: (box: Box) => boolean = () => true) => {
    const [x, y] = f.nameAt!;
    place(f, (w, lines) => nameCandidates(x, y, w, lines, !!f.nameInside), (box) => free(box) && clearOfLines(box) && ok(box), true);
  };
  return { points, half, place, name };
}

/**
 * The story's names and the basemap's, in the order the WebGL map places them (style.ts): the
 * points' names and the highlighted areas' and lines' (placeLabels), the basemap's country names,
 * the areas and lines named at rest (placeRestNames), then the seas' and the places' names.
 */
export function placeNames(features: readonly SceneFeature[], frame: { width: number; height: number }, highlighted: ReadonlySet<string>, order: readonly string[], avoid: readonly Box[], zoom: number, basemap?: Pick<BasemapLabelOptions, 'project' | 'storyLines' | 'storyPlaces'> & { labels: readonly BasemapLabel[] }): { story: PlacedLabel[]; basemap: SceneBasemapLabel[] } {
  const first = placeLabels(features, frame, highlighted, order, avoid, zoom);
  let rest: PlacedLabel[] = [];
  const restNames = (clear: (box: Box) => boolean = () => true) => (rest = placeRestNames(features, frame, highlighted, first, clear, avoid, zoom));
  if (!basemap?.labels.length) return { story: [...first, ...restNames()], basemap: [] };
  const names = placeBasemapLabels(basemap.labels, { width: frame.width, height: frame.height, zoom, project: basemap.project, storyPoints: features, storyLabels: first, storyLines: basemap.storyLines, avoid, storyPlaces: basemap.storyPlaces, restNames });
  return { story: [...first, ...rest], basemap: names };
}

/**
 * The basemap names a map at `zoom` shows, in the order they are placed: as the style decides
 * (basemap-style.ts): countries big enough for the zoom, biggest first, then water names in their
 * zoom range, then places from their zoom on, by rank (capitals, then population).
 */
export function basemapLabelsAt(labels: readonly BasemapLabel[], zoom: number): BasemapLabel[] {
  const band = { country: 0, water: 1, place: 2 } as const;
  return labels
    .filter((l) => (l.kind === 'country' ? countryLabelShown(zoom, l.area ?? 0) : l.kind === 'water' ? waterLabelShown(zoom, l.minzoom, l.maxzoom) : zoom >= l.minzoom && zoom < l.maxzoom))
    .sort((a, b) => band[a.kind] - band[b.kind] || a.rank - b.rank);
}

type Box = [number, number, number, number];
const overlaps = (a: Box, b: Box) => a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];
const grow = (b: Box, p: number): Box => [b[0] - p, b[1] - p, b[2] + p, b[3] + p];

/** Width of a line of Noto Sans, generously (collision boxes err on the roomy side). */
const textWidth = (text: string, size: number, spacing: number, caps: boolean) => text.length * size * ((caps ? 0.7 : 0.57) + spacing);

/** Water names' size and letter spacing, as the style sets them (basemap-style.ts, marine-labels). */
function waterText(kind: string, zoom: number): { size: number; spacing: number } {
  const t = Math.max(0, Math.min(1, (zoom - 3) / 4));
  if (kind === 'ocean') return { size: 14, spacing: 0.3 };
  if (kind === 'sea') return { size: 11.5 + 2 * t, spacing: 0.18 };
  return { size: 11.5 + 0.5 * t, spacing: 0.08 };
}

/** A name on two lines when it is longer than `maxEm` ems and has a space to break at (nearest the middle). */
function wrap(name: string, size: number, spacing: number, maxEm: number): string[] {
  if (textWidth(name, size, spacing, false) <= maxEm * size) return [name];
  const spaces = [...name.matchAll(/ /g)].map((m) => m.index!);
  if (!spaces.length) return [name];
  const mid = name.length / 2;
  const at = spaces.reduce((best, i) => (Math.abs(i - mid) < Math.abs(best - mid) ? i : best));
  return [name.slice(0, at), name.slice(at + 1)];
}

/** The story's lines in frame pixels, for placeBasemapLabels' `storyLines`. */
export function storyLinesOf(features: readonly SceneFeature[]): [number, number][][] {
  return features.flatMap((f) => f.lines ?? []);
}

export interface BasemapLabelOptions {
  width: number;
  height: number;
  zoom: number;
  project: (lngLat: [number, number]) => [number, number] | null;
  /** The story's features: its points and the labels under them always win over basemap names. */
  storyPoints?: readonly SceneFeature[];
  /** Boxes no name may touch (what covers the map: its notice, legend, buttons), [x0, y0, x1, y1]. */
  avoid?: readonly [number, number, number, number][];
  /** The story's labels as placed (placeLabels); when not given, placed here in the features' order. */
  storyLabels?: readonly PlacedLabel[];
  /** The story's lines in frame pixels: no basemap name or place dot lies under one (label-sides.ts, LINE_BOX_PX). */
  storyLines?: readonly (readonly [number, number][])[];
  /** The article's named places (homonyms.ts): another place of one's name is not named, as the style leaves it off. */
  storyPlaces?: StoryPlaces;
  /**
   * The story's names at rest, placed once the countries' names are (the style's order: placeNames),
   * where `clear` says a box is free of those: their boxes are taken then, and the basemap does not say
   * their names again.
   */
  restNames?: (clear: (box: Box) => boolean) => readonly PlacedLabel[];
}

/**
 * Basemap names placed as a graphics desk would: each only where it fits in the frame clear of the
 * story's points, their labels and every name placed before it (with room around each), in the
 * style's order; and few places, about one per 90,000 square pixels of map (a phone's map gets
 * three or four, a desktop's a dozen), so the story's own names stand out.
 */
export function placeBasemapLabels(labels: readonly BasemapLabel[], opts: BasemapLabelOptions): SceneBasemapLabel[] {
  const { width, height, zoom, project } = opts;
  const taken: Box[] = [...(opts.avoid ?? [])];
  const points = (opts.storyPoints ?? []).filter((f) => f.kind === 'point' && f.anchor);
  // Each point's symbol, and its label where placeLabels sets it: the story's names are placed
  // before the basemap's, as the style draws them above.
  for (const f of points) taken.push([f.anchor![0] - 10, f.anchor![1] - 10, f.anchor![0] + 10, f.anchor![1] + 10]);
  for (const l of opts.storyLabels ?? placeLabels(points, { width, height }, new Set(), [], opts.avoid)) taken.push(l.box);
  const inFrame = (b: Box) => b[0] >= 3 && b[1] >= 3 && b[2] <= width - 3 && b[3] <= height - 3;
  const free = (b: Box, pad: number) => inFrame(b) && !taken.some((t) => overlaps(grow(b, pad), t));
  const lines = opts.storyLines ?? [];
  const clearOfLines = (b: Box, pad: number) => !lines.some((line) => line.some((p, i) => i > 0 && segmentCrosses(line[i - 1]!, p, grow(b, pad + LINE_BOX_PX / 2))));
  let places = Math.max(2, Math.floor((width * height) / 90_000));
  const out: SceneBasemapLabel[] = [];
  const seen = new Set<string>();
  // What the story's area and line names shown say already: the basemap's same name is left off, as
  // on the WebGL map (covered-labels.ts, hideNamedByStory).
  const said = new Set((opts.storyLabels ?? []).filter((l) => l.area).flatMap((l) => namesSaid(l.name)));
  // The basemap's own names and dots placed so far: what the story's names at rest must keep clear of
  // (placeRestNames keeps them off the story's points and labels itself, as the style does).
  const basemapBoxes: Box[] = [];
  let restPlaced = !opts.restNames;
  const placeRest = () => {
    restPlaced = true;
    for (const r of opts.restNames!((b) => !basemapBoxes.some((t) => overlaps(b, t)))) {
      taken.push(r.box);
      for (const n of namesSaid(r.name)) said.add(n);
    }
  };
  for (const l of basemapLabelsAt(labels, zoom)) {
    if (!restPlaced && l.kind !== 'country') placeRest();
    if (l.kind === 'place' && opts.storyPlaces && isHomonym(opts.storyPlaces, l.name, l.at)) continue;
    if (said.has(namesSaid(l.name)[0] ?? '')) continue;
    const xy = project(l.at);
    if (!xy) continue;
    const [px, py] = xy;
    // A country's or a sea's name once, however many tiles carry it.
    const once = l.kind === 'place' ? '' : `${l.kind}:${l.name}`;
    if (once && seen.has(once)) continue;
    if (l.kind === 'place') {
      if (places <= 0) continue;
      const size = interpolateStops(PLACE_TEXT_SIZE, l.population ?? 0);
      const w = textWidth(l.name, size, 0, false);
      const r = l.capital ? 2.6 : 1.8;
      const gap = r + 0.55 * size;
      const dot: Box = [px - r - 1, py - r - 1, px + r + 1, py + r + 1];
      // Beside the dot in the style's order (label-sides.ts, PLACE_SIDES): right of it, left, above, below.
      const beside: Record<(typeof PLACE_SIDES)[number], [Box, number, number, SceneBasemapLabel['anchor']]> = {
        right: [[px + gap, py - size * 0.6, px + gap + w, py + size * 0.6], px + gap, py + size * 0.35, 'start'],
        left: [[px - gap - w, py - size * 0.6, px - gap, py + size * 0.6], px - gap, py + size * 0.35, 'end'],
        above: [[px - w / 2, py - gap - size * 1.2, px + w / 2, py - gap], px, py - gap - size * 0.25, 'middle'],
        below: [[px - w / 2, py + gap, px + w / 2, py + gap + size * 1.2], px, py + gap + size * 0.95, 'middle'],
      };
      const candidates = PLACE_SIDES.map((side) => beside[side]);
      if (!free(dot, 2) || !clearOfLines(dot, 0)) continue;
      // The style's text-padding (4) keeps a name that far from the lines' squares.
      const fit = candidates.find(([box]) => free(box, 5) && clearOfLines(box, 4));
      if (!fit) continue;
      taken.push(dot, fit[0]);
      basemapBoxes.push(dot, fit[0]);
      places--;
      out.push({ kind: 'place', name: l.name, lines: [l.name], x: r2(fit[1]), y: r2(fit[2]), anchor: fit[3], size, spacing: 0, dot: { x: r2(px), y: r2(py), capital: !!l.capital } });
      continue;
    }
    const { size, spacing } = l.kind === 'country' ? { size: interpolateStops(COUNTRY_TEXT_SIZE, zoom), spacing: 0.14 } : waterText(l.water ?? 'sea', zoom);
    const name = l.kind === 'country' ? l.name.toUpperCase() : l.name;
    // Seas and oceans on one line (a sea's name broken in two reads as two places); straits, gulfs and bays may take two.
    const maxEm = l.kind === 'country' ? 8 : l.water === 'ocean' || l.water === 'sea' ? Infinity : 7;
    const lines = wrap(name, size, spacing, maxEm);
    const w = Math.max(...lines.map((t) => textWidth(t, size, spacing, l.kind === 'country')));
    const h = lines.length * size * 1.25;
    // A country's name on its point, else east or west within its land (countryShifts); a water name there, else moved aside for the story (the
    // style's variable anchors: above, below, left, right of its point, 1.1 em off and clear of a story symbol on it).
    const d = 1.1 * size + 6;
    const offsets: [number, number][] = l.kind === 'country' ? countryOffsets(l, zoom, w, h, size) : [[0, 0], [0, -(h / 2 + d)], [0, h / 2 + d], [-(w / 2 + d), 0], [w / 2 + d, 0]];
    const boxAt = ([dx, dy]: [number, number]): Box => [px + dx - w / 2, py + dy - h / 2, px + dx + w / 2, py + dy + h / 2];
    const pad = l.kind === 'country' ? COUNTRY_TEXT_PADDING : 4;
    const at = offsets.find((o) => free(boxAt(o), pad) && clearOfLines(boxAt(o), pad));
    if (!at) continue;
    const box = boxAt(at);
    taken.push(box);
    basemapBoxes.push(box);
    seen.add(once);
    out.push({ kind: l.kind, name, lines, x: r2(px + at[0]), y: r2(box[1] + size * 0.95), anchor: 'middle', size: r2(size), spacing });
  }
  if (!restPlaced) placeRest();
  return out;
}

/**
 * Where a country's name may go, as the style's text-variable-anchor-offset says: its point, then the
 * ways its land has room for (a country's one name: `moves`, countryMovesAt; a cell's: east, then west,
 * countryShifts); a name at a border only on its own side of the line (borderLabelBox).
 */
function countryOffsets(l: BasemapLabel, zoom: number, w: number, h: number, size: number): [number, number][] {
  const middle = (box: [number, number, number, number]): [number, number] => [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
  if (l.anchor) return [middle(borderLabelBox(l.anchor, w, h, size))];
  if (l.moves !== undefined) return [[0, 0], ...countryMovesAt(l.moves, zoom).map((way) => middle(borderLabelBox(way, w, h, size, countryMoveGapEm(way))))];
  const moves = countryShifts(zoom, l.name, l.east ?? 0, l.west ?? 0);
  const d = w / 2 + COUNTRY_SHIFT_EM * size;
  return [[0, 0], ...(moves.east ? [[d, 0] as [number, number]] : []), ...(moves.west ? [[-d, 0] as [number, number]] : [])];
}

const r2 = (v: number) => Math.round(v * 10) / 10;

/** Whether the segment a-b passes through the box (Liang-Barsky clipping). */
export function segmentCrosses(a: readonly [number, number], b: readonly [number, number], box: Box): boolean {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [[-dx, a[0] - box[0]], [dx, box[2] - a[0]], [-dy, a[1] - box[1]], [dy, box[3] - a[1]]] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}
