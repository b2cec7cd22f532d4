// The static map as SVG path strings: the same story layers and basemap the WebGL map draws,
// projected with d3-geo's spherical Web Mercator (the projection MapLibre uses), clipped to the
// frame. Pure TypeScript: no DOM, no maplibre, so it runs in the browser (the fallback map when
// WebGL is missing) and in Node (a static first paint at build time).
//
// d3-geo is spherical and reads a polygon's winding as "which side is inside", the opposite of
// RFC 7946's right-hand rule; polygons are rewound (turf) before projecting, once per input object.
import { rewind } from '@turf/turf';
import { geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiLineString } from 'geojson';
import type { BBox, GeometryKind, StoryLayer, StoryModel } from '../story/model';

/** The basemap parts the scene draws (what src/lib/map/basemap.ts decodes; labels optional). */
export interface SceneBasemap {
  land: FeatureCollection;
  borders: MultiLineString;
  labels?: FeatureCollection;
  /** Water polygons drawn over land (the vector tiles' water: then land is the background). */
  water?: FeatureCollection;
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
}

export interface SceneFeature {
  /** "layerId:featureId", the model's key. */
  key: string;
  layerId: string;
  name: string;
  kind: GeometryKind;
  /** SVG path data in frame pixels; empty when the feature lies outside the frame. */
  d: string;
  /** Fill/stroke colour: the feature's category colour, else its layer's. */
  color: string;
  approximate: boolean;
  /** Context (a sea, a whole country): drawn quietly, under every story area, never hatched. */
  context: boolean;
  /** Id of the hatch pattern for approximate areas (see `patterns`), else undefined. */
  pattern?: string;
  /** Where a point's label goes (the point itself); undefined for lines and areas, or off frame. */
  anchor?: [number, number];
}

export interface SceneLabel {
  name: string;
  x: number;
  y: number;
}

export interface SvgScene {
  width: number;
  height: number;
  /** The bounds actually shown (the frame's corners, unprojected), [west, south, east, north]. */
  bounds: BBox;
  /** Zoom level MapLibre would use for this scale (512 px tiles), for scale-dependent choices. */
  zoom: number;
  basemap: { land: string; borders: string; labels: SceneLabel[]; water?: string };
  /** Features in drawing order, bottom first: areas, then lines, then points; earlier layers on top within each. */
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
  return layer.spec.categories?.values.find((v) => v.value === category)?.color ?? layer.spec.color;
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
  const bounds = opts.bounds ?? (model.story.view.bounds as BBox);
  const projection = geoMercator().precision(0.2);
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
  const shown: BBox = topLeft && bottomRight ? [topLeft[0], bottomRight[1], bottomRight[0], topLeft[1]] : bounds;

  const land = basemap
    ? basemap.land.features.map((f) => (f.geometry ? path(forD3(f, f.geometry)) ?? '' : '')).join('')
    : '';
  const borders = basemap ? (path(basemap.borders) ?? '') : '';
  const water = basemap?.water ? basemap.water.features.map((f) => (f.geometry ? path(forD3(f, f.geometry)) ?? '' : '')).join('') : undefined;
  // Country names as the map shows them: big countries first, small ones only when zoomed in.
  const minArea = zoom <= 3 ? 150000 : zoom <= 5 ? 150000 + ((8000 - 150000) * (zoom - 3)) / 2 : zoom <= 7 ? 8000 * (1 - (zoom - 5) / 2) : 0;
  const labels: SceneLabel[] = [];
  for (const f of basemap?.labels?.features ?? []) {
    const name = f.properties?.name;
    const area = Number(f.properties?.area ?? 0);
    if (typeof name !== 'string' || f.geometry?.type !== 'Point' || area < minArea) continue;
    const xy = project(f.geometry.coordinates as [number, number]);
    if (xy) labels.push({ name, x: Math.round(xy[0]), y: Math.round(xy[1]) });
  }

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
      let anchor: [number, number] | undefined;
      if (feature.kind === 'point') {
        const g = mapFeature.geometry;
        const first = g.type === 'Point' ? g.coordinates : g.type === 'MultiPoint' ? g.coordinates[0] : undefined;
        anchor = first ? (project(first as [number, number]) ?? undefined) : undefined;
      }
      drawn.push({
        key: feature.key,
        layerId: layer.spec.id,
        name: feature.name,
        kind: feature.kind,
        d: path(geometry) ?? '',
        color,
        approximate: feature.approximate,
        context: !!feature.context,
        pattern: approximateArea ? patternId(color) : undefined,
        anchor,
        // Context areas go under every other area (the style's context band).
        band: feature.context && feature.kind === 'area' ? -1 : KIND_BAND[feature.kind],
        layerIndex,
        order,
      });
    });
  });
  // Same order as the WebGL style: context areas, then areas, lines, points; earlier layers on top in a band.
  drawn.sort((a, b) => a.band - b.band || b.layerIndex - a.layerIndex || a.order - b.order);
  const features: SceneFeature[] = drawn.map(({ band: _b, layerIndex: _l, order: _o, ...f }) => f);

  return {
    width,
    height,
    bounds: shown,
    zoom,
    basemap: { land, borders, labels, ...(water === undefined ? {} : { water }) },
    features,
    patterns: [...colors].map((color) => ({ id: patternId(color), color })),
    project,
  };
}

export interface PlacedLabel {
  key: string;
  name: string;
  /** Baseline position of the (centred) text. */
  x: number;
  y: number;
  box: [number, number, number, number];
}

/**
 * Point labels under their points, kept only where they fit in the frame and do not overlap one
 * already placed: highlighted features first, then in `order` (reading order).
 */
export function placeLabels(features: readonly SceneFeature[], frame: { width: number; height: number }, highlighted: ReadonlySet<string>, order: readonly string[]): PlacedLabel[] {
  const rank = new Map(order.map((k, i) => [k, i]));
  const points = features.filter((f) => f.kind === 'point' && f.anchor);
  const at = (k: string) => rank.get(k) ?? Number.MAX_SAFE_INTEGER;
  points.sort((a, b) => Number(highlighted.has(b.key)) - Number(highlighted.has(a.key)) || at(a.key) - at(b.key));
  const placed: PlacedLabel[] = [];
  for (const f of points) {
    const [x, y] = f.anchor!;
    const w = f.name.length * 6.6 + 4;
    const box: [number, number, number, number] = [x - w / 2, y + 8, x + w / 2, y + 24];
    if (box[0] < 0 || box[2] > frame.width || box[3] > frame.height) continue;
    if (placed.some((p) => box[0] < p.box[2] && box[2] > p.box[0] && box[1] < p.box[3] && box[3] > p.box[1])) continue;
    placed.push({ key: f.key, name: f.name, x, y: y + 20, box });
  }
  return placed;
}
