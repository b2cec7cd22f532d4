// Names under what covers the map (the legend, the card, the locator inset, the buttons) or running off its
// edges are hidden rather than left cut at the covering panel's edge ("…kia ·" beside the legend)
// or the map's ("ANCE" for France). MapLibre places labels clear of each other, not of the HTML over
// its canvas, so after each placement the names whose boxes touch a covering box are found
// (queryRenderedFeatures) and given the feature-state `covered`, which the label layers read as
// opacity 0 (COVERED_OPACITY in basemap-style.ts). That is the basemap's names and the story's own
// labels alike, but for the selected feature's: the framing keeps that one clear of the panels
// (framing.ts), and it is never hidden here. A country's name repeated near one shown is hidden
// the same way (hideRepeats), and so is a basemap name the story's own name of an area says
// already (hideNamedByStory).
import type { MapGeoJSONFeature, Map as MapLibreMap } from 'maplibre-gl';
import type { Box } from './framing';
import { basemapLabelLayers, COUNTRY_LABEL_LAYER } from './basemap-style';
import { drawnPointRadius } from './style';
import { namesSaid } from './homonyms';
import { stackedLabels, type DrawnStoryPoint } from './label-sides';

/** The basemap's name layers, as basemap-style.ts makes them; absent from a newsroom's own style, then nothing is hidden. */
export const BASEMAP_LABEL_LAYERS: readonly string[] = basemapLabelLayers({ italic: false }).map((l) => l.id);

/** Pixels around a covering box that count as under it: a basemap name's halo touching the panel's edge. */
const MARGIN = 2;
/**
 * How far (pixels) a story label's box must reach into a panel for the label to be hidden: past its
 * pixel of padding and a pixel more. A story label that only grazes a panel stays (the story's
 * labels are what the reader came for); one the panel cuts goes, even by the tops of its letters
 * ("Lüleburgaz tie-in" under the legend's bottom edge at Kıyıköy's view).
 */
const STORY_INSET = 2;
/**
 * A country's name is not shown twice within this many pixels, or REPEAT_OF_DIAGONAL of the map's
 * diagonal where that is more (its cells' names and their quarters' and sixteenths' are 137-1 100 px
 * apart, its border names 270 px). At 400 px a desktop's map (about 860 x 740) still named a country
 * three or four times: IRAQ four times at the view of the two bases Iran struck, each 419-424 px
 * from the middle one, and twice more 535 px off at the map's foot; LIBYA three times at Tripoli's.
 * Only names shown count (not those under a panel), so a country shown at all keeps one name.
 */
const REPEAT_PX = 500;
const REPEAT_OF_DIAGONAL = 0.6;
/** The distance within which a country's name is shown once, on a map of this size. */
export const repeatDistance = (frame: { width: number; height: number }): number => Math.max(REPEAT_PX, REPEAT_OF_DIAGONAL * Math.hypot(frame.width, frame.height));

/**
 * The story's points and labels as MapLibre places them: the point layers to read, the label
 * layers that may be hidden, and each feature's place in the labels' order (its tier, the
 * selected, the active passage's, the rest, then reading order).
 */
export interface StoryLabelOrder {
  points: readonly string[];
  rank: (key: string) => number;
}

interface FeatureRef {
  source: string;
  /** A vector source's layer (the basemap's, a tiled story layer's); none for a GeoJSON source. */
  sourceLayer?: string;
  id: string | number;
}

/** A rendered feature as the feature-state calls name it, and its key among them. */
function refOf(f: MapGeoJSONFeature): [string, FeatureRef] {
  return [`${f.source}:${f.sourceLayer ?? ''}:${f.id}`, { source: f.source, sourceLayer: f.sourceLayer, id: f.id! }];
}

/** The names of one map hidden under its covering boxes. */
export class CoveredLabels {
  #hidden = new Map<string, FeatureRef>();
  /** Country names looked at (feature-state `judged`: shown once looked at, basemap-style.ts JUDGED_OPACITY). */
  #judged = new Set<string>();

  constructor(private readonly map: MapLibreMap) {}

  /**
   * Hides the names that touch any of `panels` (boxes in the map's own pixels) or, given the map's
   * `frame`, run off its edges, and shows again those that no longer do: the basemap's names and
   * those of `storyLayers` (the story's label layers that may be hidden). Only changes are
   * written: a feature-state change repaints, and the map's next `idle` calls this again.
   */
  update(panels: readonly Box[], frame?: { width: number; height: number }, storyLayers: readonly string[] = [], stack?: StoryLabelOrder): void {
    // No style to read or write (being made anew, or gone with a lost graphics context): later.
    if (!this.map.isStyleLoaded()) return;
    const basemap = BASEMAP_LABEL_LAYERS.filter((id) => this.map.getLayer(id));
    const story = storyLayers.filter((id) => this.map.getLayer(id));
    const grow = (b: Box, by: number): Box => ({ left: b.left - by, top: b.top - by, right: b.right + by, bottom: b.bottom + by });
    const queries: [Box, string[]][] = [
      ...panels.map((b): [Box, string[]] => [grow(b, MARGIN), basemap]),
      ...panels.map((b): [Box, string[]] => [grow(b, -STORY_INSET), story]),
      ...(frame ? edgeStrips(frame.width, frame.height).map((b): [Box, string[]] => [b, [...basemap, ...story]]) : []),
    ];
    const now = new Map<string, FeatureRef>();
    for (const [b, layers] of queries) {
      if (!layers.length || b.right <= b.left || b.bottom <= b.top) continue;
      const hits = this.map.queryRenderedFeatures(
        [
          [b.left, b.top],
          [b.right, b.bottom],
        ],
        { layers },
      );
      for (const f of hits) if (f.id !== undefined) now.set(...refOf(f));
    }
    // The country names drawn, read once for the repeats and for what has been looked at.
    const countries = frame && this.map.getLayer(COUNTRY_LABEL_LAYER) ? this.map.queryRenderedFeatures([[0, 0], [frame.width, frame.height]], { layers: [COUNTRY_LABEL_LAYER] }) : [];
    if (frame) this.#hideRepeats(frame, countries, now);
    this.#judge(countries);
    if (frame) this.#hideNamedByStory(frame, story, now);
    if (frame && stack) this.#hideStacked(frame, stack, story, now);
    for (const [key, ref] of this.#hidden) if (!now.has(key)) this.map.removeFeatureState(ref, 'covered');
    for (const [key, ref] of now) if (!this.#hidden.has(key)) this.map.setFeatureState(ref, { covered: true });
    this.#hidden = now;
  }

  /**
   * A country named again near where the map already shows its name: hidden too (added to `hidden`).
   * The tiles name a country per cell of its land and beside each border (scripts/basemap/sources.ts),
   * dense enough that a view with half its map under the legend and the card still names the
   * countries in it; where the panels leave more open, the same name would stand two or three times
   * in a column beside a border. Of the names shown (not covered), the one nearest the map's middle
   * stays, and any other of that country within repeatDistance of a kept one goes.
   */
  #hideRepeats(frame: { width: number; height: number }, countries: readonly MapGeoJSONFeature[], hidden: Map<string, FeatureRef>): void {
    const shown = countries.flatMap((f) => {
      const [key, ref] = refOf(f);
      const name = f.properties?.name;
      if (f.id === undefined || hidden.has(key) || typeof name !== 'string' || f.geometry.type !== 'Point') return [];
      const p = this.map.project(f.geometry.coordinates as [number, number]);
      return [{ key, name, x: p.x, y: p.y, ref }];
    });
    const middle = (l: { x: number; y: number }) => Math.hypot(l.x - frame.width / 2, l.y - frame.height / 2);
    shown.sort((a, b) => middle(a) - middle(b));
    const kept: typeof shown = [];
    const within = repeatDistance(frame);
    for (const l of shown) {
      if (kept.some((k) => k.key === l.key)) continue;
      if (kept.some((k) => k.name === l.name && Math.hypot(k.x - l.x, k.y - l.y) < within)) hidden.set(l.key, l.ref);
      else kept.push(l);
    }
  }

  /**
   * A basemap name the story already gives where the map shows it: hidden too. Zoomed in on the
   * Great Bitter Lake, the story named its highlighted lake and the basemap named it again a few
   * kilometres off (a name with a bracketed qualifier counts as its bare name too). Only the story's names of areas and lines count (its `:name` layers among
   * `story`), and only where they are shown (not covered): a hidden story name leaves the basemap's.
   */
  #hideNamedByStory(frame: { width: number; height: number }, story: readonly string[], hidden: Map<string, FeatureRef>): void {
    const nameLayers = story.filter((id) => id.endsWith(':name'));
    const basemap = BASEMAP_LABEL_LAYERS.filter((id) => this.map.getLayer(id));
    if (!nameLayers.length || !basemap.length) return;
    const whole: [[number, number], [number, number]] = [[0, 0], [frame.width, frame.height]];
    const named = new Set<string>();
    // With a qualifier in brackets, the bare name too (namesSaid): the story's "Gulf of Suez
    // (northern end)" stood under the basemap's "Gulf of Suez" inside the same highlighted water.
    for (const f of this.map.queryRenderedFeatures(whole, { layers: nameLayers })) {
      if (f.id !== undefined && !hidden.has(refOf(f)[0])) for (const n of namesSaid(f.properties?.name)) named.add(n);
    }
    if (!named.size) return;
    for (const f of this.map.queryRenderedFeatures(whole, { layers: basemap })) {
      const own = namesSaid(f.properties?.name)[0];
      if (f.id !== undefined && own && named.has(own)) hidden.set(...refOf(f));
    }
  }

  /**
   * Story labels whose points stand on a point before them in the labels' order: hidden too
   * (stackedLabels). Every drawn point counts, named or not; only labels of the hidable layers
   * (`hidable`: not the selected feature's) are hidden.
   */
  #hideStacked(frame: { width: number; height: number }, stack: StoryLabelOrder, hidable: readonly string[], hidden: Map<string, FeatureRef>): void {
    const pointLayers = stack.points.filter((id) => this.map.getLayer(id));
    if (!pointLayers.length || !hidable.length) return;
    const whole: [[number, number], [number, number]] = [[0, 0], [frame.width, frame.height]];
    const points = new Map<string, DrawnStoryPoint>();
    const zoom = this.map.getZoom();
    for (const f of this.map.queryRenderedFeatures(whole, { layers: pointLayers })) {
      const key = f.properties?.key;
      if (typeof key !== 'string' || f.geometry.type !== 'Point' || points.has(key)) continue;
      const p = this.map.project(f.geometry.coordinates as [number, number]);
      const context = f.properties?.context === true;
      const reach = drawnPointRadius(zoom, { context, approximate: f.properties?.approximate === true, selected: f.state?.selected === true, hover: f.state?.hover === true });
      points.set(key, { key, x: p.x, y: p.y, order: stack.rank(key), context, reach });
    }
    const left = stackedLabels([...points.values()]);
    if (!left.size) return;
    for (const f of this.map.queryRenderedFeatures(whole, { layers: [...hidable] })) {
      if (f.id !== undefined && left.has(f.properties?.key)) hidden.set(...refOf(f));
    }
  }

  /**
   * Every country name drawn, now looked at: given the feature-state `judged`, which shows it unless
   * it is hidden (`covered`, written in the same pass). Written once per name.
   */
  #judge(countries: readonly MapGeoJSONFeature[]): void {
    for (const f of countries) {
      if (f.id === undefined) continue;
      const [key, ref] = refOf(f);
      if (this.#judged.has(key)) continue;
      this.#judged.add(key);
      this.map.setFeatureState(ref, { judged: true });
    }
  }

  /** The style was made anew (its feature-states went with the old one): start from nothing hidden or looked at. */
  forget(): void {
    this.#hidden.clear();
    this.#judged.clear();
  }
}

/**
 * A country name not yet looked at on a map that judges its repeats (JUDGED_OPACITY): placed by
 * MapLibre, shown to nobody. The probe counts it as hidden.
 */
export const unjudged = (f: MapGeoJSONFeature): boolean => f.layer.id === COUNTRY_LABEL_LAYER && f.state?.judged !== true;

/**
 * Marks every country name a map draws as looked at, shown as MapLibre places it: for the map made
 * before the app (early-map.ts), which hides nothing yet; the app's CoveredLabels judges its repeats
 * once it has the map.
 */
export function judgeAll(map: MapLibreMap): void {
  if (!map.isStyleLoaded() || !map.getLayer(COUNTRY_LABEL_LAYER)) return;
  for (const f of map.queryRenderedFeatures({ layers: [COUNTRY_LABEL_LAYER] })) if (f.id !== undefined && f.state?.judged !== true) map.setFeatureState(refOf(f)[1], { judged: true });
}

/**
 * The map's edges as strips just outside it: a name whose box reaches past a side ("ANCE" for France
 * at a phone's left edge) meets one. A name whose box stops short of the edge does not (its box
 * includes the label's padding, so a name near the edge but whole stays).
 */
export function edgeStrips(width: number, height: number): Box[] {
  return [
    { left: -1, top: -1, right: 0.5, bottom: height + 1 },
    { left: width - 0.5, top: -1, right: width + 1, bottom: height + 1 },
    { left: -1, top: -1, right: width + 1, bottom: 0.5 },
    { left: -1, top: height - 0.5, right: width + 1, bottom: height + 1 },
  ];
}
