// The reference basemap's part of the MapLibre style: the vector tiles made at build time
// (scripts/basemap/tiles.ts: OSM water, Natural Earth borders and countries, GeoNames places,
// marine names) drawn quietly: light neutral land, pale cool water, thin grey borders, italic
// water names, places ranked by importance and thinned by collision. Pure data, no maplibre
// instance: the app's style (style.ts) and the bench's bare-MapLibre page use the same layers.
import { ANCHOR_DIRECTIONS, PLACE_ANCHORS } from './label-sides';
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { discImage, type RawImage } from './disc-image';
import { worldPx } from './mercator';

export const BASEMAP_COLORS = {
  sea: '#dce7ee',
  land: '#f6f4ef',
  border: '#b9b3a6',
  // 4.5:1 on land (WCAG AA for small text); see docs/accessibility.md.
  countryLabel: '#6b655e',
  place: '#4a453f',
  placeDot: '#6b655e',
  // Water names: a darker tone of the sea, 4.5:1 on it.
  water: '#3f6a86',
};

/**
 * What the basemap's licences ask to be shown with it (docs/data.md): the water is a derived
 * database of OpenStreetMap (ODbL), the places GeoNames' (CC BY 4.0), the borders and country
 * names Natural Earth's (public domain, credited). `short`: the holder and its licence alone, the
 * line a narrow footer shows (Attribution.svelte).
 */
export const BASEMAP_ATTRIBUTION: { text: string; url: string; short: string }[] = [
  { text: 'Basemap: water © OpenStreetMap contributors (ODbL)', url: 'https://www.openstreetmap.org/copyright', short: '© OpenStreetMap contributors' },
  { text: 'places: GeoNames (CC BY 4.0)', url: 'https://www.geonames.org/', short: 'GeoNames (CC BY 4.0)' },
  { text: 'borders: Natural Earth', url: 'https://www.naturalearthdata.com/', short: 'Natural Earth' },
];

export const FONT = 'Noto Sans Regular';
export const FONT_ITALIC = 'Noto Sans Italic';

/** The unicode ranges of Noto Sans' latin and latin-ext files (as @fontsource splits them). */
const LATIN = ['U+0000-00FF', 'U+0131', 'U+0152-0153', 'U+02BB-02BC', 'U+02C6', 'U+02DA', 'U+02DC', 'U+2000-206F', 'U+20AC', 'U+2122', 'U+2191', 'U+2193', 'U+2212', 'U+2215', 'U+FEFF', 'U+FFFD'];
const LATIN_EXT = ['U+0100-02BA', 'U+02BD-02C5', 'U+02C7-02CC', 'U+02CE-02D7', 'U+02DD-02FF', 'U+1E00-1EFF', 'U+2C60-2C7F', 'U+A720-A7FF'];

export interface FontUrls {
  latin: string;
  latinExt: string;
  /** Italic files for water names; without them water names are set upright. */
  italic?: { latin: string; latinExt: string };
  /**
   * The latin-ext letters this site shows, in small files (scripts/fonts/subset.ts): tried before
   * the full latin-ext file, which is then fetched only for a letter they lack.
   */
  subset?: { range: string[]; regular: string; italic?: string };
  /** The same for the latin file (ASCII, the stories' letters, the basemap's early names): tried before the full latin file. */
  latinSubset?: { range: string[]; regular: string; italic?: string };
}

/** The style's font-faces: the bundled Noto Sans files, each fetched only when a label needs its characters. */
export function fontFaces(fonts: FontUrls): NonNullable<StyleSpecification['font-faces']> {
  // MapLibre takes, for each letter, the first face whose range has it: each subset before its full file.
  const face = (sub: { range: string[]; regular: string; italic?: string } | undefined, italic: boolean) => {
    const url = sub && (italic ? sub.italic : sub.regular);
    return url ? [{ url, 'unicode-range': sub.range }] : [];
  };
  const { subset, latinSubset } = fonts;
  return {
    [FONT]: [...face(latinSubset, false), { url: fonts.latin, 'unicode-range': LATIN }, ...face(subset, false), { url: fonts.latinExt, 'unicode-range': LATIN_EXT }],
    ...(fonts.italic
      ? { [FONT_ITALIC]: [...face(latinSubset, true), { url: fonts.italic.latin, 'unicode-range': LATIN }, ...face(subset, true), { url: fonts.italic.latinExt, 'unicode-range': LATIN_EXT }] }
      : {}),
  };
}

export type BasemapOptions =
  | {
      /** The tiles' URL template, absolute ({z}/{x}/{y}). */
      tiles: string;
      /** The deepest zoom tiles are made for (MapLibre overzooms beyond). */
      maxzoom?: number;
    }
  | {
      /** A TileJSON address for tiles in this schema, e.g. "pmtiles://https://…/basemap.pmtiles" (the archive says its zooms). */
      url: string;
    };

/** Deepest zoom of the tiles made at build time (scripts/basemap/sources.ts DETAIL_MAXZOOM). */
export const BASEMAP_MAXZOOM = 10;
export const BASEMAP_SOURCE = 'basemap';

/** The tiles of this site: basemap/tiles/ beside the page (or beside an embed's root). */
export const siteTiles = (root: string): string => `${root.endsWith('/') ? root : `${root}/`}basemap/tiles/{z}/{x}/{y}.pbf`;

export function basemapSources(opts: BasemapOptions): StyleSpecification['sources'] {
  // Sparse as the tile directory is: a tile the archive lacks is drawn from its nearest ancestor.
  if ('url' in opts) return { [BASEMAP_SOURCE]: { type: 'vector', url: opts.url, sparse: true } as StyleSpecification['sources'][string] };
  return {
    // Sparse: tiles are made only where stories go; elsewhere a missing (404) tile is drawn from
    // its nearest ancestor, so the world stays drawn at every zoom.
    [BASEMAP_SOURCE]: { type: 'vector', tiles: [opts.tiles], minzoom: 0, maxzoom: opts.maxzoom ?? BASEMAP_MAXZOOM, sparse: true } as StyleSpecification['sources'][string],
  };
}

/** Images the basemap's symbols use (drawn here, no sprite): place dots, at pixel ratio 2. */
export function basemapImages(): { id: string; image: RawImage; pixelRatio: number }[] {
  const grey = [0x6b, 0x65, 0x5e] as const;
  return [
    // A filled dot with a white rim; a capital's has a white centre too.
    { id: 'basemap:place', image: discImage(12, 2.6, 1.5, grey), pixelRatio: 2 },
    { id: 'basemap:capital', image: discImage(16, 4.2, 1.5, grey, 1, 2), pixelRatio: 2 },
  ];
}

/**
 * A basemap name's opacity: none while what covers the map covers it (feature-state `covered`, set
 * by covered-labels.ts), so no name shows cut at the edge of the legend, the card or the locator.
 */
export const COVERED_OPACITY: ExpressionSpecification = ['case', ['boolean', ['feature-state', 'covered'], false], 0, 1];

/**
 * A country's name's opacity on a map that judges its repeats (covered-labels.ts, hideRepeats): none
 * until that has looked at it (feature-state `judged`), then COVERED_OPACITY. From zoom 5 the tiles
 * name a country many times over (a name per cell of its land, and beside its borders:
 * scripts/basemap/sources.ts), and the map shows one within a distance. Shown at once and hidden a
 * moment later, every repeat blinked as the reader zoomed (a dozen SYRIAs flying to Idlib). On the
 * feature-state alone, not the zoom too: a paint value by zoom and feature is another WebGL program
 * (shader-programs.test.ts).
 */
export const JUDGED_OPACITY: ExpressionSpecification = ['case', ['boolean', ['feature-state', 'covered'], false], 0, ['boolean', ['feature-state', 'judged'], false], 1, 0];

/**
 * A constant paint value written as a per-feature one (its condition is never true: no feature has
 * that property). MapLibre compiles a shader program for each mix of constant and per-feature paint
 * values a layer type is drawn with, and on the software GL of the bench each costs some 60 ms of
 * the first frames. The story's layers' values are per-feature (selection, hover, category); a
 * basemap layer's, or a story layer's constant one, in this form shares their program instead of
 * compiling one of its own (docs/performance.md: 15 programs at the CGTN opening, now 11;
 * tests/unit/shader-programs.test.ts).
 */
export const perFeature = (value: string | number): ExpressionSpecification => ['case', ['has', 'story-map:never'], value, value];

/**
 * A per-feature size in the by-zoom form, the same at every zoom: a size that changes with zoom is
 * its own program variant, so the story's lines share the borders' program (their width is by zoom)
 * only in this form.
 */
export const sameAtEveryZoom = (size: ExpressionSpecification): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 0, size, 24, size];

/** Land, borders and water: drawn under everything. Borders go under the water, so a border never runs out to sea. */
export function basemapBaseLayers(): LayerSpecification[] {
  return [
    { id: 'land', type: 'background', paint: { 'background-color': BASEMAP_COLORS.land } },
    {
      id: 'borders', type: 'line', source: BASEMAP_SOURCE, 'source-layer': 'boundary', layout: { 'line-join': 'round' },
      paint: {
        'line-color': perFeature(BASEMAP_COLORS.border),
        'line-width': ['interpolate', ['linear'], ['zoom'], 2, perFeature(0.5), 6, perFeature(0.9), 10, perFeature(1.4)],
        'line-opacity': perFeature(1),
      },
    },
    {
      id: 'water', type: 'fill', source: BASEMAP_SOURCE, 'source-layer': 'water',
      paint: { 'fill-color': perFeature(BASEMAP_COLORS.sea), 'fill-opacity': perFeature(1), 'fill-antialias': true, 'fill-outline-color': perFeature(BASEMAP_COLORS.sea) },
    },
  ];
}

/** The basemap's layer of country names (covered-labels.ts reads it to show a name once within a distance). */
export const COUNTRY_LABEL_LAYER = 'country-labels';

/**
 * The smallest country (km²) named at a zoom: [zoom, area] stops, linear between them, read at whole
 * zooms as MapLibre reads a filter's zoom (the tile's; countryLabelShown). From 1 000 000 km² at zoom 2
 * (read at 2 for the CGTN story's opening view at 2.6) the map named Libya and Egypt but not Turkey,
 * Syria or Iraq, which the story is about; collision still thins the names, biggest first.
 */
export const COUNTRY_MIN_AREA: [number, number][] = [[1, 600_000], [2, 150_000], [4, 30_000], [5, 8_000], [7, 0]];
/** Whether a country of this area is named at `zoom`, as the style's filter decides it (at the tile's whole zoom). */
export const countryLabelShown = (zoom: number, area: number): boolean => area >= interpolateStops(COUNTRY_MIN_AREA, Math.floor(zoom));
/** Country names' size by zoom, and places' by population: [input, px] stops, linear between them. */
export const COUNTRY_TEXT_SIZE: [number, number][] = [[2, 10], [6, 12.5]];
export const PLACE_TEXT_SIZE: [number, number][] = [[1000, 11], [1_000_000, 12.5], [5_000_000, 14]];

/** A country name's width per letter in ems, capitals with the style's 0.14 em letter spacing (Noto Sans, on average). */
export const COUNTRY_EM_PER_LETTER = 0.72;
/** How far (ems) a country's name moved aside for the story stands off its label point. */
export const COUNTRY_SHIFT_EM = 0.4;
/** The deepest whole zoom the style spells out the moves for (deeper zooms keep its answer: more room, never less). */
const COUNTRY_SHIFT_MAXZOOM = 12;
/** Screen pixels per degree of longitude at a zoom (MapLibre's 512-pixel world at zoom 0). */
const pxPerDegree = (zoom: number) => worldPx(zoom) / 360;

/**
 * Which ways a country's name may move aside at `zoom` when the story's labels hold its point: east
 * or west, by the name's width and a little, only where the country's land reaches that far
 * (`east`, `west`: degrees of longitude from the point to the nearest edge, scripts/basemap/sources.ts).
 * Read at the tile's whole zoom, as MapLibre reads a layout's zoom; the reader's zoom is the same or
 * deeper, where the land is wider on screen and the name no wider: a moved name stays on its country.
 */
export function countryShifts(zoom: number, name: string, east: number, west: number): { east: boolean; west: boolean } {
  const z = Math.min(Math.floor(zoom), COUNTRY_SHIFT_MAXZOOM);
  const need = (name.length * COUNTRY_EM_PER_LETTER + COUNTRY_SHIFT_EM) * interpolateStops(COUNTRY_TEXT_SIZE, z);
  return { east: east * pxPerDegree(z) >= need, west: west * pxPerDegree(z) >= need };
}

/**
 * A country's name beside a border (scripts/basemap/sources.ts, borderCountryLabels): the point is on
 * the border line and the name stands off it on its own side, by this many ems, anchored by the
 * corner or edge nearest the line. Which one the tiles say (`anchor`): the side the country lies on.
 */
export const BORDER_GAP_EM = 0.5;
/**
 * Each anchor and the way (right, down) its name lies from the point: the anchor is the name's
 * corner or edge on the opposite side. In order of angle from east, clockwise on the screen
 * (sources.ts picks one by the line's normal in eight sectors). The story's labels read the same
 * table (label-sides.ts).
 */
const BORDER_DIRECTIONS = ANCHOR_DIRECTIONS;
export type BorderAnchor = keyof typeof BORDER_DIRECTIONS;
export const BORDER_ANCHORS = Object.keys(BORDER_DIRECTIONS) as BorderAnchor[];
/** The offset (ems, right and down positive) of a name at a border with this anchor (or of a country name moved this way: `gap` countryMoveGapEm), as the style's text-variable-anchor-offset has it. */
export function borderOffsetEm(anchor: BorderAnchor, gap = BORDER_GAP_EM): [number, number] {
  const [dx, dy] = BORDER_DIRECTIONS[anchor];
  const g = gap / Math.hypot(dx, dy);
  return [Math.round(dx * g * 100) / 100, Math.round(dy * g * 100) / 100];
}
/**
 * The box (px, relative to the label point, y down) of a name at a border: `w` and `h` its size, `size`
 * its text size. The tiles keep a border name only where this box lies on its country
 * (borderCountryLabels); the SVG map places it by the same box.
 */
export function borderLabelBox(anchor: BorderAnchor, w: number, h: number, size: number, gap = BORDER_GAP_EM): [number, number, number, number] {
  const [dx, dy] = BORDER_DIRECTIONS[anchor];
  const [ox, oy] = borderOffsetEm(anchor, gap).map((v) => v * size) as [number, number];
  // Beyond the offset on the name's side; centred across where the anchor is an edge's middle.
  const x0 = ox - (w * (1 - dx)) / 2;
  const y0 = oy - (h * (1 - dy)) / 2;
  return [x0, y0, x0 + w, y0 + h];
}

/**
 * A country's one name below REPEAT_ZOOM (scripts/basemap/sources.ts) may move off its point, when the
 * story's labels hold it, in these ways and in this order: east, west, south, north of it, standing
 * countryMoveGapEm off the point (each the anchor at the name's edge nearest the point). Which ways
 * its land has room for at each whole zoom the tiles say in `moves`: one hexadecimal digit a zoom
 * (zoom z: the digit z from the right), bit i for COUNTRY_MOVES[i] (encodeCountryMoves).
 */
export const COUNTRY_MOVES = ['left', 'right', 'top', 'bottom'] as const satisfies readonly BorderAnchor[];
export type CountryMove = (typeof COUNTRY_MOVES)[number];
/**
 * How far (ems) a moved name stands off its point: east and west COUNTRY_SHIFT_EM (the name's own
 * width takes it clear of what holds the point); south and north a line, clear of a story symbol on
 * the point (its box is 15 px at zoom 3: IRAQ 0.4 em below Baghdad's point touched the airport's circle).
 */
export const countryMoveGapEm = (way: CountryMove): number => (way === 'top' || way === 'bottom' ? COUNTRY_MOVE_VERTICAL_EM : COUNTRY_SHIFT_EM);
const COUNTRY_MOVE_VERTICAL_EM = 1;
/**
 * The room (px) a country's name keeps from other names and symbols. It was 8: with it, IRAQ moved
 * below Baghdad's points at the CGTN opening still touched the airport's label by a pixel or two.
 */
export const COUNTRY_TEXT_PADDING = 2;
/** The deepest whole zoom `moves` has a digit for; deeper (a tile of zoom 5 drawn deeper in) reads its: more room, never less. */
export const COUNTRY_MOVES_MAXZOOM = 5;
/** `moves` from the ways open at each whole zoom (index: zoom). */
export const encodeCountryMoves = (perZoom: CountryMove[][]): number =>
  perZoom.reduce((n, ways, z) => n + ways.reduce((d, m) => d | (1 << COUNTRY_MOVES.indexOf(m)), 0) * 16 ** z, 0);
/** The ways `moves` opens at `zoom` (read at its whole zoom, as MapLibre reads a layout's zoom), in the order tried. */
export const countryMovesAt = (moves: number, zoom: number): CountryMove[] => {
  const digit = Math.floor(moves / 16 ** Math.min(Math.floor(zoom), COUNTRY_MOVES_MAXZOOM)) % 16;
  return COUNTRY_MOVES.filter((_, i) => digit & (1 << i));
};

/**
 * countryShifts and `moves` as the style's text-variable-anchor-offset: on the point, else moved
 * where the country's land has room (east, west, and for a country's one name south and north); a
 * name at a border (with `anchor`) only on its own side of the line.
 */
function countryAnchorOffsets(): ExpressionSpecification {
  const r = COUNTRY_SHIFT_EM;
  // A collection of fixed length: a way not open is the centre again.
  const gap = (a: BorderAnchor) => ((COUNTRY_MOVES as readonly BorderAnchor[]).includes(a) ? countryMoveGapEm(a as CountryMove) : r);
  const set = (open: boolean[], ways: readonly BorderAnchor[]): ExpressionSpecification =>
    ['literal', ['center', [0, 0], ...ways.flatMap((a, i) => (open[i] ? [a, borderOffsetEm(a, gap(a))] : ['center', [0, 0]]))]] as unknown as ExpressionSpecification;
  // Every combination of open ways, as nested cases on each way's test in turn.
  const choose = (tests: ExpressionSpecification[], ways: readonly BorderAnchor[], open: boolean[] = []): ExpressionSpecification =>
    open.length === tests.length ? set(open, ways) : ['case', tests[open.length]!, choose(tests, ways, [...open, true]), choose(tests, ways, [...open, false])];
  const border: ExpressionSpecification = ['match', ['get', 'anchor'], ...BORDER_ANCHORS.flatMap((a) => [a, ['literal', [a, borderOffsetEm(a)]]]), ['literal', ['center', [0, 0]]]] as unknown as ExpressionSpecification;
  const at = (z: number): ExpressionSpecification => {
    const need: ExpressionSpecification = ['*', ['+', ['*', ['length', ['get', 'name']], COUNTRY_EM_PER_LETTER], r], interpolateStops(COUNTRY_TEXT_SIZE, z)];
    const fits = (side: 'east' | 'west'): ExpressionSpecification => ['>=', ['*', ['to-number', ['get', side], 0], pxPerDegree(z)], need];
    const digit: ExpressionSpecification = ['%', ['floor', ['/', ['to-number', ['get', 'moves'], 0], 16 ** Math.min(z, COUNTRY_MOVES_MAXZOOM)]], 16];
    const open = COUNTRY_MOVES.map((_, i): ExpressionSpecification => ['>=', ['%', digit, 2 ** (i + 1)], 2 ** i]);
    return ['case', ['has', 'anchor'], border, ['has', 'moves'], choose(open, COUNTRY_MOVES), choose([fits('east'), fits('west')], ['left', 'right'])];
  };
  const stops = Array.from({ length: COUNTRY_SHIFT_MAXZOOM }, (_, i) => [i + 1, at(i + 1)]).flat();
  return ['step', ['zoom'], at(0), ...stops] as unknown as ExpressionSpecification;
}

/** A stop list read as the style's ['interpolate', ['linear'], …] reads it (clamped at both ends). */
export function interpolateStops(stops: [number, number][], v: number): number {
  const first = stops[0]!;
  if (v <= first[0]) return first[1];
  for (let i = 1; i < stops.length; i++) {
    const [x1, y1] = stops[i]!;
    const [x0, y0] = stops[i - 1]!;
    if (v <= x1) return y0 + ((y1 - y0) * (v - x0)) / (x1 - x0);
  }
  return stops[stops.length - 1]![1];
}

/**
 * Whether a water name with this zoom range is drawn at `zoom`. MapLibre evaluates `zoom` in a
 * filter at the tile's whole zoom, so a range is read as whole zooms: a name "from 2.5" is drawn
 * from zoom 2 (compared with 2.5, it was not drawn before zoom 3: the CGTN story's opening view at
 * zoom 2.9 lost every sea's name). The SVG map (fallback/scene.ts) uses this same rule.
 */
export const waterLabelShown = (zoom: number, minzoom: number, maxzoom: number): boolean => zoom >= Math.floor(minzoom) && zoom < Math.floor(maxzoom);

const zoomIn = (min: ExpressionSpecification | number, max?: ExpressionSpecification | number): ExpressionSpecification =>
  max === undefined ? ['>=', ['zoom'], min] : ['all', ['>=', ['zoom'], min], ['<', ['zoom'], max]];

/**
 * Reference labels: places, water names, countries (MapLibre places the top layer's first: countries
 * win over seas over places). They sit below the story's layers and are
 * placed after them, so story labels and symbols always win (style.ts: the circles' invisible boxes).
 */
export function basemapLabelLayers(fonts: { italic: boolean }, places: { keep?: ExpressionSpecification | null } = {}, countries: { judged?: boolean } = {}): LayerSpecification[] {
  const italic = fonts.italic ? FONT_ITALIC : FONT;
  const fromZoom: ExpressionSpecification = ['>=', ['zoom'], ['get', 'minzoom']];
  return [
    {
      id: 'place-labels', type: 'symbol', source: BASEMAP_SOURCE, 'source-layer': 'place',
      // `keep`: which places to name at all (homonyms.ts leaves out another place of a story place's name).
      filter: places.keep ? ['all', fromZoom, places.keep] : fromZoom,
      layout: {
        'icon-image': ['case', ['get', 'capital'], 'basemap:capital', 'basemap:place'],
        'text-field': ['get', 'name'], 'text-font': [FONT],
        'text-size': ['interpolate', ['linear'], ['get', 'population'], ...PLACE_TEXT_SIZE.flat()] as ExpressionSpecification,
        // Right of the dot first, then left, above, below (label-sides.ts: the SVG map tries the same).
        'text-variable-anchor': [...PLACE_ANCHORS],
        'text-radial-offset': 0.55,
        'text-justify': 'auto',
        'text-max-width': 8,
        'symbol-sort-key': ['get', 'rank'],
        'text-padding': 4,
      },
      paint: { 'text-color': perFeature(BASEMAP_COLORS.place), 'text-halo-color': BASEMAP_COLORS.land, 'text-halo-width': 1.4, 'text-opacity': COVERED_OPACITY, 'icon-opacity': COVERED_OPACITY },
    },
    {
      id: 'marine-labels', type: 'symbol', source: BASEMAP_SOURCE, 'source-layer': 'marine_label',
      // Whole zooms, as waterLabelShown says.
      filter: zoomIn(['floor', ['get', 'minzoom']], ['floor', ['get', 'maxzoom']]),
      layout: {
        'text-field': ['get', 'name'], 'text-font': [italic],
        'text-size': ['interpolate', ['linear'], ['zoom'], 3, ['match', ['get', 'kind'], 'ocean', 14, 'sea', 11.5, 11.5], 7, ['match', ['get', 'kind'], 'ocean', 14, 'sea', 13.5, 12]],
        'text-letter-spacing': ['match', ['get', 'kind'], 'ocean', 0.3, 'sea', 0.18, 0.08],
        // Oceans and seas on one line, as the SVG map sets them (scene.ts): a sea's name broken in two
        // reads as two places, and the two lines of "Mediterranean Sea" were too tall to fit between
        // the CGTN story's labels at its opening view, where the one line fits.
        'text-max-width': ['match', ['get', 'kind'], 'ocean', 30, 'sea', 30, 'strait', 6, 'gulf', 7, 'bay', 7, 11],
        'text-line-height': 1.25,
        'symbol-sort-key': ['get', 'rank'],
        'text-padding': 2,
        // Story labels are placed first: a sea's name moves aside for them rather than vanish.
        'text-variable-anchor': ['center', 'bottom', 'top', 'right', 'left'],
        'text-radial-offset': 1.1,
      },
      paint: { 'text-color': perFeature(BASEMAP_COLORS.water), 'text-halo-color': BASEMAP_COLORS.sea, 'text-halo-width': 1.2, 'text-opacity': COVERED_OPACITY },
    },
    {
      id: COUNTRY_LABEL_LAYER, type: 'symbol', source: BASEMAP_SOURCE, 'source-layer': 'country_label',
      // Big countries get their names first; small ones only when there is room and zoom.
      filter: ['>=', ['get', 'area'], ['interpolate', ['linear'], ['zoom'], ...COUNTRY_MIN_AREA.flat()] as ExpressionSpecification],
      layout: {
        'text-field': ['upcase', ['get', 'name']], 'text-font': [FONT],
        'text-size': ['interpolate', ['linear'], ['zoom'], ...COUNTRY_TEXT_SIZE.flat()] as ExpressionSpecification,
        'text-letter-spacing': 0.14, 'text-max-width': 8, 'symbol-sort-key': ['-', 0, ['get', 'area']], 'text-padding': COUNTRY_TEXT_PADDING,
        // On its point; where the story's labels hold it, aside within the country's own land (countryShifts).
        'text-variable-anchor-offset': countryAnchorOffsets(),
      },
      // `judged`: a map whose covered-labels.ts judges the repeats (the app's); a page without it (the bench's bare MapLibre) shows them all.
      paint: { 'text-color': perFeature(BASEMAP_COLORS.countryLabel), 'text-halo-color': BASEMAP_COLORS.land, 'text-halo-width': 1.4, 'text-opacity': countries.judged ? JUDGED_OPACITY : COVERED_OPACITY },
    },
  ];
}
