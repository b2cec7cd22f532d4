// Builds the MapLibre style for a story: the Natural Earth basemap, then every story layer split
// by geometry so that, whatever the layer order, areas sit under lines and lines under points.
// Pure function of the model: no map instance needed, so it is unit-tested directly.
import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  LayerSpecification,
  StyleSpecification,
  VariableAnchorOffsetCollectionSpecification,
} from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { StoryLayer, StoryModel } from '../story/model';
import { CONTEXT_OUTLINE_FADE } from './context-outline';
import { ANCHOR_DIRECTIONS, anchorOffsets, CIRCLE_BOX_SIZE, CONTEXT_NAME_MINZOOM, BROKEN_NAME_SIDES, HIGHLIGHTED_LABEL_EMS, LABEL_SIDES, LABEL_TEXT, labelOf, LINE_BOX_PX, LINE_BOX_SPACING, MAY_BREAK_EXPRESSION, NAME_ANCHORS, NAME_OFFSET, NAME_PADDING, NAME_SIZE, NAME_SPACING, restNames } from './label-sides';
import { homonymFilter, storyPlaces } from './homonyms';
import { BASEMAP_COLORS, basemapBaseLayers, COVERED_OPACITY, perFeature, sameAtEveryZoom, basemapLabelLayers, basemapSources, COUNTRY_LABEL_LAYER, FONT, fontFaces, type BasemapOptions, type FontUrls } from './basemap-style';
import { withStateIds } from './feature-state-ids';
import { featureGroups } from '../panel/feature-order';

export { FONT };
/** The story's labels' ink (a selected one's is COLORS.selected); the SVG map and the picture's names use it too (FallbackMap.svelte, static-map.css). */
const LABEL_INK = '#2b2b2b';
export const COLORS = {
  ...BASEMAP_COLORS,
  halo: '#ffffff',
  selected: '#111111',
};

export const sourceId = (layerId: string) => `story:${layerId}`;
/** The source of the points where selected areas and lines are named (nameAt): never a layer's (no colon). */
export const NAMES_SOURCE = 'story-names';
export const styleLayerIds = (layerId: string) => ({
  contextFill: `story:${layerId}:context-fill`,
  contextOutline: `story:${layerId}:context-outline`,
  fill: `story:${layerId}:fill`,
  hatch: `story:${layerId}:hatch`,
  outline: `story:${layerId}:outline`,
  outlineApprox: `story:${layerId}:outline-approx`,
  // The same for the layer's areas on land, drawn under the basemap's water (landAreas).
  landContextFill: `story:${layerId}:land:context-fill`,
  landContextOutline: `story:${layerId}:land:context-outline`,
  landFill: `story:${layerId}:land:fill`,
  landHatch: `story:${layerId}:land:hatch`,
  landOutline: `story:${layerId}:land:outline`,
  landOutlineApprox: `story:${layerId}:land:outline-approx`,
  casing: `story:${layerId}:casing`,
  line: `story:${layerId}:line`,
  lineApprox: `story:${layerId}:line-approx`,
  circle: `story:${layerId}:circle`,
  label: `story:${layerId}:label`,
  labelActive: `story:${layerId}:label-active`,
  labelSelected: `story:${layerId}:label-selected`,
  name: `story:${layerId}:name`,
  // The names of its areas and lines with nothing selected (namedAtRest): ':name' last, as the
  // covered names' pass looks for it (covered-labels.ts).
  restName: `story:${layerId}:rest:name`,
  circleBox: `story:${layerId}:circle-box`,
  lineBox: `story:${layerId}:line-box`,
  cluster: `story:${layerId}:cluster`,
  clusterCount: `story:${layerId}:cluster-count`,
});

/**
 * Layers of this many points or more are clustered (MapLibre's GeoJSON clustering, in its worker):
 * thousands of dots drawn one on another say less than a count, and cost far more to draw.
 */
export const CLUSTER_MIN_POINTS = 500;
/** Clusters exist up to this zoom; from the next one every point is drawn, so a feature the reader
 * picks in the text (framed at zoom 7 or 8) is always drawn on its own. */
export const CLUSTER_MAX_ZOOM = 6;
/** How near (in screen pixels) points must be to join a cluster. */
export const CLUSTER_RADIUS = 45;

/**
 * Clustered: only points (clustering drops lines and areas) and many of them. A tiled layer's
 * points were clustered when its tiles were made (the page holds only some of its features).
 */
export const clustered = (layer: StoryLayer) => (layer.tiled ? layer.tiled.clustered : layer.features.length >= CLUSTER_MIN_POINTS && layer.features.every((f) => f.kind === 'point'));
/**
 * Which of a story layer's style layers have something to draw. Each style layer costs on every
 * frame, filled or not (the GPU process's draw of the story: docs/performance.md, "a style layer
 * only where a layer has features for it"), so a layer gets only those its features fill: Istanbul's
 * two points no polygon or line layers, a layer with no approximate areas no hatching. A tiled
 * layer's page holds only some of its features (those the story links to), so it gets them all;
 * a clustered one holds only points.
 */
export function drawnMarks(layer: StoryLayer) {
  if (layer.tiled) {
    const all = !layer.tiled.clustered;
    return { contextArea: all, area: all, areaApprox: all, areaExact: all, line: all, lineApprox: all, lineExact: all, point: true, land: NO_LAND_AREAS };
  }
  const fs = layer.features;
  const onLand = landAreas(layer);
  const areaOf = (land: boolean) => (context: boolean, approximate?: boolean) => fs.some((f) => f.kind === 'area' && onLand.has(f.key) === land && f.context === context && (approximate === undefined || f.approximate === approximate));
  const area = areaOf(false);
  const landArea = areaOf(true);
  const line = (approximate?: boolean) => fs.some((f) => f.kind === 'line' && (approximate === undefined || f.approximate === approximate));
  const pointsOnly = clustered(layer);
  return {
    contextArea: !pointsOnly && area(true),
    area: !pointsOnly && area(false),
    areaApprox: !pointsOnly && area(false, true),
    areaExact: !pointsOnly && area(false, false),
    line: !pointsOnly && line(),
    lineApprox: !pointsOnly && line(true),
    lineExact: !pointsOnly && line(false),
    point: fs.some((f) => f.kind === 'point'),
    // The areas on land (landAreas), drawn under the water: the same four kinds of style layer.
    land: pointsOnly || !onLand.size ? NO_LAND_AREAS : { contextArea: landArea(true), area: landArea(false), areaApprox: landArea(false, true), areaExact: landArea(false, false) },
  };
}

const NO_LAND_AREAS = { contextArea: false, area: false, areaApprox: false, areaExact: false } as const;

/**
 * The keys of a layer's areas that lie on land: marked `land: true` when model.json was made
 * (scripts/land-areas.ts, against the basemap's water). The style draws them under the water, so
 * their edges stop at the coast the reader sees (Natural Earth's Libyan districts ran a kilometre
 * or two out to sea past OpenStreetMap's coast at zoom 10); the rest over it (a sea, a strait).
 */
export function landAreas(layer: StoryLayer): Set<string> {
  const out = new Set<string>();
  for (const f of layer.data.features) if (f.properties?.land === true && f.properties.kind === 'area' && typeof f.properties.key === 'string') out.add(f.properties.key);
  return out;
}

/** Hatch pattern image id for a layer's category (-1: no category). */
export const hatchId = (layerId: string, cat: number) => `hatch:${layerId}:${cat}`;

/**
 * An invisible square the size of a point's circle, drawn by a symbol layer so that the circles
 * take part in label collision (MapLibre's circles do not): no story label covers a story point.
 * Its image is transparent (patterns.ts makes it); only its box counts.
 */
export const CIRCLE_BOX_IMAGE = 'story:circle-box';
/** The circle-box image's size in CSS pixels (icon-size scales it to the circle at each zoom). */
export const CIRCLE_BOX_PX = 20;

/**
 * A cluster's dot, by the number of points it holds: radius 11, 14, 18 or 23 px (at 10, 100 and
 * 1 000 points and more), in the layer's colour at 85 % with a 1.5 px white ring; one image of each
 * per clustered layer (patterns.ts, clusterDotImage).
 */
export const CLUSTER_DOT_RADII = [11, 14, 18, 23] as const;
export const CLUSTER_DOT_STEPS = [10, 100, 1000] as const;
export const clusterDotId = (layerId: string, radius: number) => `story:cluster-dot:${layerId}:${radius}`;

/**
 * Story labels are placed in three tiers, each a symbol layer per story layer, so that MapLibre
 * places the selected feature's label first, then those of the active passage, then the rest
 * (symbol placement runs from the top of the style down). Layout properties cannot read
 * feature-state, so the tiers are filters on the feature key, set when the selection changes.
 */
export interface LabelTiers {
  /** The selected feature, if any. */
  selected: readonly string[];
  /** Features of the active passage (not the selected one). */
  active: readonly string[];
  /** Areas and lines the map names (their nameAt): what it highlights; none when absent. */
  named?: readonly string[];
  /** Areas and lines it names in quieter type when they are not highlighted (namedAtRest); none when absent. */
  rest?: readonly string[];
}
const keyIn = (keys: readonly string[]): ExpressionSpecification => ['in', ['get', 'key'], ['literal', [...keys]]];
/** The filters of one story layer's three label layers for these tiers. */
export function labelFilters(tiers: LabelTiers): { labelSelected: ExpressionSpecification; labelActive: ExpressionSpecification; label: ExpressionSpecification; name: ExpressionSpecification; restName: ExpressionSpecification } {
  const active = tiers.active.filter((k) => !tiers.selected.includes(k));
  return {
    labelSelected: ['all', isPoint, keyIn(tiers.selected)],
    labelActive: ['all', isPoint, keyIn(active)],
    label: ['all', isPoint, ['!', keyIn([...tiers.selected, ...active])]],
    // The names source holds only areas' and lines' points (nameAt), and the tiers one layer's keys.
    name: keyIn(tiers.named ?? []),
    restName: keyIn((tiers.rest ?? []).filter((k) => !tiers.named?.includes(k))),
  };
}

/**
 * The story labels' anchors and offsets, per feature: every side of LABEL_SIDES, or none of the
 * corners for a name the map may break (mayBreak, as an expression). MapLibre types a `case` by its
 * first branch, a list of as many entries: the shorter list repeats its last side to the same
 * length (a side tried twice is placed or not the same way both times).
 */
const labelAnchorOffsets = (ems: number) => {
  const all = anchorOffsets(LABEL_SIDES, ems);
  const broken = anchorOffsets(BROKEN_NAME_SIDES, ems);
  while (broken.length < all.length) broken.push(...broken.slice(-2));
  return ['case', MAY_BREAK_EXPRESSION, ['literal', broken], ['literal', all]] as unknown as DataDrivenPropertyValueSpecification<VariableAnchorOffsetCollectionSpecification>;
};
const LABEL_ANCHOR_OFFSETS = labelAnchorOffsets(1);
/** The same, a little further out, for the highlighted tiers (the selected and the active passage's), whose circles are larger. */
const HIGHLIGHTED_ANCHOR_OFFSETS = labelAnchorOffsets(HIGHLIGHTED_LABEL_EMS);

/**
 * The names' anchors and offsets, per feature: a name centred on its point or beside it
 * (NAME_ANCHORS, NAME_OFFSET ems off, the offsets text-radial-offset gives); an area's among others
 * only centred, inside the area (name-at.ts, keepNamesInside): set beside its point, a district's
 * name stood on its neighbour ("AL BUTNAN DISTRICT: LNA" in Egypt). Both lists as long (as
 * LABEL_ANCHOR_OFFSETS).
 */
const NAME_ANCHOR_OFFSETS = (() => {
  const beside = NAME_ANCHORS.flatMap((a) => {
    const [dx, dy] = a === 'center' ? [0, 0] : ANCHOR_DIRECTIONS[a];
    return [a, [dx * NAME_OFFSET, dy * NAME_OFFSET]];
  });
  const inside = beside.map((v, i) => (i % 2 ? [0, 0] : 'center'));
  return ['case', ['==', ['get', 'inside'], true], ['literal', inside], ['literal', beside]] as unknown as DataDrivenPropertyValueSpecification<VariableAnchorOffsetCollectionSpecification>;
})();

/**
 * An approximate area's dashed outline lies inside it (docs/cartography.md): two districts' outlines,
 * each dashed from its own ring's start, fell out of step on their shared edge and read as one solid
 * line. Half the selected outline's width (2.5 px), inwards (negative, for the validator's RFC 7946
 * winding); one value for every state, so that the outline keeps the line shader program every story
 * line has (a per-feature offset would compile one more on the map's first frame: docs/performance.md).
 */
export const APPROX_OUTLINE_OFFSET = -1.25;

/** Beyond this many points a layer's labels keep the data's order (a sort key of that size costs more than it gives). */
export const LABEL_ORDER_MAX = 500;

/**
 * The order a layer's labels are placed in within each tier (MapLibre's symbol-sort-key, lower
 * first): the reading order of its points, the article's first-mentioned first and the towns it
 * does not name last, as the SVG map and the picture place them (scene.ts, placeLabels). In the
 * data's order, Idlib (city) and Saraqib, context, took the room around Damascus, which the text
 * names, at the CGTN opening on a 390 px phone.
 */
export function labelSortKey(keys: readonly string[]): ExpressionSpecification | undefined {
  if (keys.length < 2 || keys.length > LABEL_ORDER_MAX) return undefined;
  return ['match', ['get', 'key'], ...keys.flatMap((k, i) => [k, i]), keys.length] as unknown as ExpressionSpecification;
}

/**
 * A story point's circle: its radius at zoom 3 and 8 (linear between, held beyond), a context
 * point's and, by state, the others' (selected, hovered, neither); its stroke's width by state,
 * drawn outside the radius. The circle layer's paint is written from these, and covered-labels.ts
 * reads them to know how far a point hides what is drawn under it (drawnPointRadius).
 */
const POINT_RADIUS = { 3: { context: 3, state: [8, 7, 5] }, 8: { context: 4, state: [10, 9, 7] } } as const;
const POINT_STROKE = { approximate: [3.5, 3, 2.5], exact: [3, 2.5, 1.5] } as const;

/** How far from its centre a story point's circle reaches, stroke included, at `zoom`, as the circle layer draws it. */
export function drawnPointRadius(zoom: number, f: { context?: boolean; approximate?: boolean; selected?: boolean; hover?: boolean }): number {
  const i = f.selected ? 0 : f.hover ? 1 : 2;
  const at = (z: 3 | 8) => (f.context ? POINT_RADIUS[z].context : POINT_RADIUS[z].state[i]);
  const t = Math.max(0, Math.min(1, (zoom - 3) / 5));
  return at(3) + t * (at(8) - at(3)) + (f.approximate ? POINT_STROKE.approximate : POINT_STROKE.exact)[i];
}

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const hover: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const stateValue = (sel: number, hov: number, base: number): ExpressionSpecification => ['case', selected, sel, hover, hov, base];
/** The circle's radius at zoom 3 or 8 (POINT_RADIUS) as an expression on the feature and its state. */
const pointRadiusAt = (z: 3 | 8): ExpressionSpecification => {
  const [sel, hov, base] = POINT_RADIUS[z].state;
  return ['case', context, POINT_RADIUS[z].context, stateValue(sel, hov, base)];
};

/**
 * The colour of each feature: its category's colour when the layer has categories. Always an
 * expression on the feature, even where every feature has the layer's colour: MapLibre compiles a
 * shader program for each mix of constant and per-feature paint values, so with one kind of colour
 * every story layer of a type shares a program (with software WebGL each costs 20–150 ms on the
 * map's first frame; docs/performance.md).
 */
export function colorExpression(layer: StoryLayer): DataDrivenPropertyValueSpecification<string> {
  const cats = layer.spec.categories?.values ?? [];
  return ['match', ['get', 'cat'], ...(cats.length ? cats.flatMap((c, i) => [i, c.color]) : [-1, layer.spec.color]), layer.spec.color] as unknown as ExpressionSpecification;
}

const isArea: ExpressionSpecification = ['==', ['get', 'kind'], 'area'];
const isLine: ExpressionSpecification = ['==', ['get', 'kind'], 'line'];
const isPoint: ExpressionSpecification = ['==', ['get', 'kind'], 'point'];
const approx: ExpressionSpecification = ['==', ['get', 'approximate'], true];
/** Context (a sea, a whole country): drawn quietly, under every story area, never hatched. */
const context: ExpressionSpecification = ['==', ['get', 'context'], true];
const notContext: ExpressionSpecification = ['!', context];
const onLand: ExpressionSpecification = ['==', ['get', 'land'], true];
const notOnLand: ExpressionSpecification = ['!', onLand];
/** The first label tier's text (nothing selected or highlighted): a context point's name from CONTEXT_NAME_MINZOOM on. */
const CONTEXT_LATE: ExpressionSpecification = ['step', ['zoom'], ['case', context, '', LABEL_TEXT], CONTEXT_NAME_MINZOOM, LABEL_TEXT];

/**
 * The context outline's width: its state's width to CONTEXT_OUTLINE_FADE[0], then down to none by
 * the second zoom unless selected. Written by zoom and per feature, the form every story line's and
 * the borders' widths have (sameAtEveryZoom), so it needs no shader program of its own.
 */
function contextOutlineWidth(): ExpressionSpecification {
  const [a, b] = CONTEXT_OUTLINE_FADE;
  return ['interpolate', ['linear'], ['zoom'], a, stateValue(2.5, 1.6, 0.9), b, stateValue(2.5, 0, 0)];
}

export interface StyleOptions {
  /**
   * The basemap: the app's own, drawn from vector tiles in its schema (basemap-style.ts: the site's
   * or the newsroom's), or a newsroom's whole MapLibre style, drawn under the story (`external`, as
   * underStory() returns it: basemap-source.ts).
   */
  basemap: BasemapOptions | { external: StyleSpecification };
  /** Absolute URLs of the bundled font files for map labels: latin, latin-ext (and italic for water names). */
  fonts: FontUrls;
}

export function buildStyle(model: StoryModel, visible: ReadonlySet<string>, opts: StyleOptions): StyleSpecification {
  const layers = model.layers.filter((l) => !l.error);
  const vis = (l: StoryLayer) => ({ visibility: visible.has(l.spec.id) ? ('visible' as const) : ('none' as const) });
  // Earlier layers draw on top: iterate in reverse within each geometry band.
  const bottomUp = [...layers].reverse();
  const contextLayers: LayerSpecification[] = [];
  const areaLayers: LayerSpecification[] = [];
  const landContextLayers: LayerSpecification[] = [];
  const landAreaLayers: LayerSpecification[] = [];
  const lineLayers: LayerSpecification[] = [];
  const pointLayers: LayerSpecification[] = [];
  const labelLayers: LayerSpecification[] = [];
  const activeLabelLayers: LayerSpecification[] = [];
  const selectedLabelLayers: LayerSpecification[] = [];
  const nameLayers: LayerSpecification[] = [];
  const circleBoxLayers: LayerSpecification[] = [];
  const lineBoxLayers: LayerSpecification[] = [];
  const clusterLayers: LayerSpecification[] = [];
  // Each layer's points in reading order (feature-order.ts): the order their labels are placed in.
  const readingOrder = new Map(featureGroups(model).map((g) => [g.layer.spec.id, g.features.filter((f) => f.kind === 'point').map((f) => f.key)]));
  // The areas and lines named with nothing selected (label-priority.ts gives the same with its tiers).
  const resting = new Set(restNames(model));
  const restNameLayers: LayerSpecification[] = [];

  for (const l of bottomUp) {
    const ids = styleLayerIds(l.spec.id);
    const source = sourceId(l.spec.id);
    // A tiled layer's features are in its tiles' one source layer.
    const on = l.tiled ? { source, 'source-layer': l.tiled.sourceLayer } : { source };
    const color = colorExpression(l);
    // Only the style layers this layer's features can fill (drawnMarks): each one is parsed, sent
    // to the worker, run over every feature of every tile and drawn on every frame, filled or not
    // (docs/performance.md, "The longest task of a 100 000-point story" and "a style layer only
    // where a layer has features for it").
    const has = drawnMarks(l);
    const keep = (...specs: (LayerSpecification | false)[]) => specs.filter((x): x is LayerSpecification => x !== false);
    // A layer's areas on land under the water, the rest over it (landAreas), each set in its two
    // bands: context, then the subject. Only a layer with areas on land tells the two apart.
    const landSplit = has.land.contextArea || has.land.area;
    const bands = (land: boolean) => {
      const m = land ? has.land : has;
      const where = (filter: ExpressionSpecification): ExpressionSpecification => (!landSplit ? filter : [...filter, land ? onLand : notOnLand] as ExpressionSpecification);
      const id = (plain: string, onLandId: string) => (land ? onLandId : plain);
      return {
        context: keep(
          m.contextArea && {
            id: id(ids.contextFill, ids.landContextFill), type: 'fill', ...on, filter: where(['all', isArea, context]), layout: vis(l),
            paint: { 'fill-color': color, 'fill-opacity': ['case', selected, 0.22, hover, 0.12, 0.035], 'fill-antialias': false },
          },
          m.contextArea && {
            id: id(ids.contextOutline, ids.landContextOutline), type: 'line', ...on, filter: where(['all', isArea, context]), layout: { ...vis(l), 'line-join': 'round' },
            // Thinned to nothing as the reader zooms past the scale its outline holds (contextOutlineWidth).
            paint: { 'line-color': ['case', selected, COLORS.selected, color] as ExpressionSpecification, 'line-width': contextOutlineWidth(), 'line-opacity': ['case', selected, 1, 0.55] },
          },
        ),
        area: keep(
          m.area && {
            id: id(ids.fill, ids.landFill), type: 'fill', ...on, filter: where(['all', isArea, notContext]), layout: vis(l),
            // No antialiasing outline (a program of its own): the outline layers draw the edges.
            paint: { 'fill-color': color, 'fill-opacity': ['case', selected, 0.42, hover, 0.3, approx, 0.08, 0.16], 'fill-antialias': false },
          },
          m.areaApprox && {
            // Hatching says "approximate" and nothing else: only approximate areas that are the story's subject.
            id: id(ids.hatch, ids.landHatch), type: 'fill', ...on, filter: where(['all', isArea, approx, notContext]), layout: vis(l),
            paint: { 'fill-pattern': ['concat', 'hatch:', l.spec.id, ':', ['to-string', ['get', 'cat']]], 'fill-antialias': false },
          },
          m.areaExact && {
            id: id(ids.outline, ids.landOutline), type: 'line', ...on, filter: where(['all', isArea, ['!', approx], notContext]), layout: { ...vis(l), 'line-join': 'round' },
            paint: { 'line-color': ['case', selected, COLORS.selected, color] as ExpressionSpecification, 'line-width': sameAtEveryZoom(stateValue(2.5, 2, 1.2)), 'line-opacity': perFeature(1) },
          },
          m.areaApprox && {
            id: id(ids.outlineApprox, ids.landOutlineApprox), type: 'line', ...on, filter: where(['all', isArea, approx, notContext]), layout: { ...vis(l), 'line-join': 'round' },
            paint: { 'line-color': ['case', selected, COLORS.selected, color] as ExpressionSpecification, 'line-width': sameAtEveryZoom(stateValue(2.5, 1.8, 1)), 'line-opacity': perFeature(1), 'line-dasharray': [3, 2], 'line-offset': APPROX_OUTLINE_OFFSET },
          },
        ),
      };
    };
    const overWater = bands(false);
    contextLayers.push(...overWater.context);
    areaLayers.push(...overWater.area);
    if (landSplit) {
      const underWater = bands(true);
      landContextLayers.push(...underWater.context);
      landAreaLayers.push(...underWater.area);
    }
    lineLayers.push(
      ...keep(
        has.line && {
          id: ids.casing, type: 'line', ...on, filter: isLine, layout: { ...vis(l), 'line-join': 'round', 'line-cap': 'round' },
          paint: { 'line-color': ['case', selected, COLORS.selected, COLORS.halo], 'line-width': sameAtEveryZoom(['case', context, stateValue(5, 4, 3), stateValue(8, 6.5, 5)]), 'line-opacity': perFeature(1) },
        },
        has.lineExact && {
          id: ids.line, type: 'line', ...on, filter: ['all', isLine, ['!', approx]], layout: { ...vis(l), 'line-join': 'round', 'line-cap': 'round' },
          paint: { 'line-color': color, 'line-width': sameAtEveryZoom(['case', context, stateValue(2.5, 2, 1.5), stateValue(4.5, 4, 3)]), 'line-opacity': perFeature(1) },
        },
        has.lineApprox && {
          // Approximate routes are dashed (a constant dash: MapLibre cannot vary it per feature).
          id: ids.lineApprox, type: 'line', ...on, filter: ['all', isLine, approx], layout: { ...vis(l), 'line-join': 'round' },
          paint: { 'line-color': color, 'line-width': sameAtEveryZoom(['case', context, stateValue(2.5, 2, 1.5), stateValue(4.5, 4, 3)]), 'line-opacity': perFeature(1), 'line-dasharray': [2, 1.5] },
        },
      ),
    );
    if (has.point) pointLayers.push({
      id: ids.circle, type: 'circle', ...on, filter: isPoint,
      // A context point (a town the article does not name) under the story's own: Suez's dot was
      // drawn over the Ever Given's ring on a phone, which read as a broken "C".
      layout: { ...vis(l), 'circle-sort-key': ['case', context, 0, 1] },
      // An approximate location is an open ring in the feature's colour (a dot says "exactly here");
      // a context point is a small dot.
      paint: {
        'circle-color': ['case', approx, COLORS.halo, color] as ExpressionSpecification,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, pointRadiusAt(3), 8, pointRadiusAt(8)],
        'circle-stroke-color': ['case', selected, COLORS.selected, approx, color, COLORS.halo] as ExpressionSpecification,
        'circle-stroke-width': ['case', approx, stateValue(...POINT_STROKE.approximate), stateValue(...POINT_STROKE.exact)],
      },
    });
    if (clustered(l)) {
      const cluster: ExpressionSpecification = ['has', 'point_count'];
      const dot = (i: number) => clusterDotId(l.spec.id, CLUSTER_DOT_RADII[i]!);
      clusterLayers.push(
        {
          // A dot per cluster, drawn as an icon (CLUSTER_DOT_RADII, patterns.ts): a big layer's first
          // frame draws only clusters, and as icons they use the program the basemap's place dots
          // have compiled already (icon opacity per feature), where a circle layer's first draw
          // linked MapLibre's circle program in the middle of that frame, the longest task of the
          // page (docs/performance.md).
          id: ids.cluster, type: 'symbol', ...on, filter: cluster,
          layout: {
            ...vis(l),
            'icon-image': ['step', ['get', 'point_count'], dot(0), CLUSTER_DOT_STEPS[0], dot(1), CLUSTER_DOT_STEPS[1], dot(2), CLUSTER_DOT_STEPS[2], dot(3)],
            'icon-allow-overlap': true,
            'icon-ignore-placement': true,
          },
          paint: { 'icon-opacity': perFeature(1) },
        },
        {
          id: ids.clusterCount, type: 'symbol', ...on, filter: cluster,
          layout: { ...vis(l), 'text-field': ['get', 'point_count_abbreviated'], 'text-font': [FONT], 'text-size': 11, 'text-allow-overlap': true },
          paint: { 'text-color': perFeature('#ffffff'), 'text-opacity': perFeature(1) },
        },
      );
    }
    // Its own keys only: every layer's name layers read the one names source (label-priority.ts, tiersOf).
    const rest = l.features.filter((f) => resting.has(f.key)).map((f) => f.key);
    const filters = labelFilters({ selected: [], active: [], rest });
    const sortKey = labelSortKey(readingOrder.get(l.spec.id) ?? []);
    // Hidden while under a panel or cut at the map's edge (covered-labels.ts), but for the selected
    // feature's label, which is always drawn: 1 in a per-feature form, so one text shader program
    // serves all three tiers and the basemap's names.
    const label = (id: string, filter: ExpressionSpecification, hides = true, field: ExpressionSpecification = LABEL_TEXT, offsets = LABEL_ANCHOR_OFFSETS): LayerSpecification => ({
      id, type: 'symbol', ...on, filter,
      layout: {
        ...vis(l),
        'text-field': field,
        'text-font': [FONT],
        'text-size': 12.5,
        // Beside the point, wherever there is room: right first (the convention), then left, above,
        // below, then the corners (label-sides.ts). The offset clears the point's circle and its collision box.
        // A name the map may break onto two lines never at a corner (labelSidesFor): per feature, so
        // as anchors with offsets (MapLibre reads them as it reads text-radial-offset 1).
        'text-variable-anchor-offset': offsets,
        'text-justify': 'auto',
        'text-max-width': 9,
        'text-padding': 1,
        ...(sortKey ? { 'symbol-sort-key': sortKey } : {}),
      },
      paint: {
        'text-color': ['case', selected, COLORS.selected, LABEL_INK], 'text-halo-color': COLORS.halo, 'text-halo-width': 1.6,
        'text-opacity': hides ? COVERED_OPACITY : perFeature(1),
      },
    });
    labelLayers.push(label(ids.label, filters.label, true, l.features.some((f) => f.context && f.kind === 'point') ? CONTEXT_LATE : undefined));
    activeLabelLayers.push(label(ids.labelActive, filters.labelActive, true, undefined, HIGHLIGHTED_ANCHOR_OFFSETS));
    selectedLabelLayers.push(label(ids.labelSelected, filters.labelSelected, false, undefined, HIGHLIGHTED_ANCHOR_OFFSETS));
    // A highlighted area's or line's name, at its nameAt (name-at.ts): "both sides of the operation"
    // lit two waters and named neither. Centred on the point, else just below, above, right or left
    // of it; placed after the story's own labels and its lines' boxes (a name across the canal hid
    // it), before the basemap's names (style order below).
    const nameLayer = (id: string, filter: ExpressionSpecification, color: string): LayerSpecification => ({
      id, type: 'symbol', source: NAMES_SOURCE, filter,
      layout: {
        ...vis(l),
        // In spaced capitals, as a map names a region (label-sides.ts, NAME_SPACING).
        'text-field': ['upcase', ['get', 'name']],
        'text-font': [FONT],
        'text-size': NAME_SIZE,
        'text-letter-spacing': NAME_SPACING,
        'text-variable-anchor-offset': NAME_ANCHOR_OFFSETS,
        'text-max-width': 9,
        'text-padding': NAME_PADDING,
      },
      // Hidden while a panel cuts it or the map's edge does, as the other story labels (covered-labels.ts).
      // The colour per feature, as the highlighted names': one text program for both.
      paint: { 'text-color': perFeature(color), 'text-halo-color': COLORS.halo, 'text-halo-width': 1.8, 'text-opacity': COVERED_OPACITY },
    });
    if (l.features.some((f) => f.nameAt)) nameLayers.push(nameLayer(ids.name, filters.name, COLORS.selected));
    // The same names with nothing selected, in the story labels' ink: placed after the highlighted
    // ones and the basemap's country names, before its seas' and places' (afterCountries).
    if (rest.length) restNameLayers.push(nameLayer(ids.restName, filters.restName, LABEL_INK));
    // Invisible squares along the layer's lines, placed just before the basemap's names so none lies
    // under a line (label-sides.ts, LINE_BOX_PX).
    if (has.line) lineBoxLayers.push({
      id: ids.lineBox, type: 'symbol', ...on, filter: isLine,
      layout: {
        ...vis(l),
        'symbol-placement': 'line',
        'symbol-spacing': LINE_BOX_SPACING,
        'icon-image': CIRCLE_BOX_IMAGE,
        'icon-size': LINE_BOX_PX / CIRCLE_BOX_PX,
        'icon-allow-overlap': true,
        'icon-ignore-placement': false,
        'icon-padding': 0,
      },
      // Invisible, as the circles' boxes are (the same icon program).
      paint: { 'icon-opacity': perFeature(0) },
    });
    if (has.point) circleBoxLayers.push({
      id: ids.circleBox, type: 'symbol', ...on, filter: clustered(l) ? ['all', isPoint, ['!', ['has', 'point_count']]] : isPoint,
      layout: {
        ...vis(l),
        'icon-image': CIRCLE_BOX_IMAGE,
        // The circle's diameter with its stroke and a pixel to spare (radius 5 at zoom 3, 7 at 8;
        // label-sides.ts, CIRCLE_BOX_SIZE, which the SVG map reads too: symbolHalf).
        'icon-size': ['interpolate', ['linear'], ['zoom'], 3, CIRCLE_BOX_SIZE[3] / CIRCLE_BOX_PX, 8, CIRCLE_BOX_SIZE[8] / CIRCLE_BOX_PX],
        'icon-allow-overlap': true,
        'icon-ignore-placement': false,
        'icon-padding': 0,
      },
      // Invisible, as a per-feature value like the basemap's place dots' (COVERED_OPACITY): one icon
      // shader program serves both (a constant here would cost a program of its own on the first frame).
      paint: { 'icon-opacity': perFeature(0) },
    });
  }

  const external = 'external' in opts.basemap ? opts.basemap.external : null;
  const sources: StyleSpecification['sources'] = external ? { ...external.sources } : basemapSources(opts.basemap as BasemapOptions);
  for (const l of layers) {
    // A big layer comes as vector tiles made at build time (story/tiled.ts), clustered there.
    if (l.tiled) {
      const t = l.tiled;
      sources[sourceId(l.spec.id)] = { type: 'vector', tiles: [t.tiles], minzoom: t.minzoom, maxzoom: t.maxzoom, bounds: t.bounds };
      continue;
    }
    // Features are known to MapLibre by number, never by their story ids (feature-state-ids.ts).
    const data = withStateIds(l.data);
    sources[sourceId(l.spec.id)] = clustered(l)
      ? { type: 'geojson', data, cluster: true, clusterRadius: CLUSTER_RADIUS, clusterMaxZoom: CLUSTER_MAX_ZOOM }
      : { type: 'geojson', data };
  }

  const named = namePoints(layers);
  if (named.features.length) sources[NAMES_SOURCE] = { type: 'geojson', data: named };

  return {
    version: 8,
    // A newsroom style's glyphs and sprite serve its own layers; the story's labels are set in the
    // bundled font (a font-faces file wins over a glyphs URL in MapLibre).
    ...(external?.glyphs ? { glyphs: external.glyphs } : {}),
    ...(external?.sprite ? { sprite: external.sprite } : {}),
    'font-faces': { ...external?.['font-faces'], ...fontFaces(opts.fonts) },
    sources,
    layers: [
      // The areas on land between the basemap's borders and its water (landAreas): their edges stop
      // at its coast. A newsroom's basemap is its own: every area goes over it.
      ...(external ? [...external.layers, ...landContextLayers, ...landAreaLayers] : underTheWater(basemapBaseLayers(), [...landContextLayers, ...landAreaLayers])),
      ...contextLayers,
      ...areaLayers,
      // The basemap's names over the story's areas, under its lines and points: a country's name on
      // a story's fill reads whole ("LIBYA" showed half under the selected districts), and a line or
      // a point is never under a name (the names keep off them: the lines' boxes just above the names
      // are placed before them, LINE_BOX_PX; the circles' boxes at the top). Story labels are placed
      // first. A newsroom's basemap keeps its own labels where it sets them, under the story.
      // The names of highlighted areas and lines are placed after the lines' boxes and before the
      // basemap's names; drawn under the story's lines and points, which they keep off.
      // The names at rest are placed after the basemap's country names (just under them): a
      // country the story is about ("TURKEY" at the CGTN opening) keeps its name, and a name at rest
      // takes the room left, before the seas' and places' names (afterCountries).
      ...(external ? [...restNameLayers, ...nameLayers] : [...afterCountries(basemapLabelLayers({ italic: Boolean(opts.fonts.italic) }, { keep: homonymFilter(storyPlaces(model)) }, { judged: true }), restNameLayers), ...nameLayers, ...lineBoxLayers]),
      ...lineLayers,
      ...pointLayers,
      ...clusterLayers,
      // Placed from the top down: the circles' boxes first (always), then the labels by tier.
      // Basemap labels sit below all of these, so a story label always wins over them.
      ...labelLayers,
      ...activeLabelLayers,
      ...selectedLabelLayers,
      ...circleBoxLayers,
    ],
  };
}

/** The basemap's name layers with `layers` just under its country names (placed right after them). */
function afterCountries(names: LayerSpecification[], layers: LayerSpecification[]): LayerSpecification[] {
  const countries = names.findIndex((l) => l.id === COUNTRY_LABEL_LAYER);
  return countries < 0 ? [...names, ...layers] : [...names.slice(0, countries), ...layers, ...names.slice(countries)];
}

/** The basemap's base layers with `layers` put just under its water. */
function underTheWater(base: LayerSpecification[], layers: LayerSpecification[]): LayerSpecification[] {
  const water = base.findIndex((l) => l.id === 'water');
  return water < 0 ? [...base, ...layers] : [...base.slice(0, water), ...layers, ...base.slice(water)];
}

/** The points where the layers' areas and lines are named (nameAt), with what the name layers read. */
export function namePoints(layers: readonly StoryLayer[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    // Numbered, for the feature-state that hides a covered one.
    features: layers.flatMap((l) => l.features.flatMap((f) => (f.nameAt ? [{ type: 'Feature' as const, properties: { key: f.key, name: labelOf(f), ...(f.nameZoom !== undefined ? { inside: true } : {}) }, geometry: { type: 'Point' as const, coordinates: [...f.nameAt] } }] : []))).map((f, i) => ({ ...f, id: i + 1 })),
  };
}

/**
 * Style layers that respond to the pointer, top first (clusters first: clicking one zooms in).
 * Only those buildStyle made: MapLibre's queryRenderedFeatures answers nothing at all when one
 * layer it is asked about is missing.
 */
export function interactiveLayerIds(model: StoryModel): string[] {
  return model.layers
    .filter((l) => !l.error)
    .flatMap((l) => {
      const ids = styleLayerIds(l.spec.id);
      if (clustered(l)) return [ids.cluster, ids.circle];
      const has = drawnMarks(l);
      const drawn: [boolean, string][] = [[has.point, ids.circle], [has.lineExact, ids.line], [has.lineApprox, ids.lineApprox], [has.area, ids.fill], [has.land.area, ids.landFill], [has.contextArea, ids.contextFill], [has.land.contextArea, ids.landContextFill]];
      return drawn.filter(([on]) => on).map(([, id]) => id);
    })
    .sort((a, b) => rank(a) - rank(b));
}
const rank = (id: string) => (id.endsWith(':cluster') ? 0 : id.endsWith(':circle') ? 1 : /:line(-approx)?$/.test(id) ? 2 : id.endsWith(':context-fill') ? 4 : 3);

/** Every style layer of one story layer (for toggling visibility without touching order). */
export function styleLayersOf(layerId: string): string[] {
  return Object.values(styleLayerIds(layerId));
}

/** Prefix of a newsroom style's source and layer ids, so they never meet the story's. */
export const EXTERNAL_PREFIX = 'newsroom:';

/**
 * A newsroom's style, made ready to go under the story: its sources and layers renamed with
 * EXTERNAL_PREFIX (and each layer pointed at its renamed source), nothing else changed. Throws,
 * saying what is wrong, when it is not a MapLibre style.
 */
export function underStory(style: unknown): StyleSpecification {
  const s = style as Partial<StyleSpecification> | null;
  if (!s || typeof s !== 'object' || s.version !== 8) throw new Error('it is not a MapLibre style (no "version": 8)');
  if (!s.sources || typeof s.sources !== 'object' || Array.isArray(s.sources)) throw new Error('it has no "sources" object');
  if (!Array.isArray(s.layers)) throw new Error('it has no "layers" list');
  const sources: StyleSpecification['sources'] = {};
  for (const [id, source] of Object.entries(s.sources)) sources[EXTERNAL_PREFIX + id] = source;
  const layers = s.layers.map((layer) => {
    if (!layer || typeof layer !== 'object' || typeof layer.id !== 'string') throw new Error('a layer has no "id"');
    const l = { ...layer, id: EXTERNAL_PREFIX + layer.id } as LayerSpecification & { source?: unknown };
    if (typeof l.source === 'string') l.source = EXTERNAL_PREFIX + l.source;
    return l as LayerSpecification;
  });
  return { ...s, version: 8, sources, layers } as StyleSpecification;
}
