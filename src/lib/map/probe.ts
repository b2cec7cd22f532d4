// The read-only probe a map view hangs on its container for end-to-end tests and the bench: where a
// feature is on screen, its highlight state, what is drawn, the camera. It has no way to change the
// map. One typed definition: the app installs it, tests and the bench read it through these types
// (code handed to a browser by Playwright cannot import, so readers cast with ProbedElement).

/** The property on the map view's container. */
export const PROBE = 'storyMapProbe';

export interface StoryMapProbe {
  /** Which view draws the map. */
  kind: 'webgl' | 'svg';
  /** Pixels of a [lon, lat] relative to the map's container. */
  project(lngLat: [number, number]): { x: number; y: number };
  /** Feature-state of a feature ("layer:feature"): selected, hover; null for an unknown key. */
  state(key: string): Record<string, unknown> | null;
  /** How many of a story layer's features are drawn now. */
  rendered(layerId: string): number;
  /**
   * Keys of the story labels placed in a box of the canvas, or all of them without a box (WebGL
   * only), with `covered` ones too: MapLibre placed them, and they are hidden under a panel or at
   * the map's edge (covered-labels.ts; storyLabelsIn tells which).
   */
  labels?(box?: [[number, number], [number, number]]): string[];
  /** The story labels placed in a box of the canvas, each with whether it is hidden as covered. */
  storyLabelsIn?(box: [[number, number], [number, number]]): { key: string; covered: boolean }[];
  /** The basemap's names drawn in a box of the canvas, and whether each is hidden as covered by a panel (WebGL only). */
  basemapLabelsIn?(box: [[number, number], [number, number]]): { name: string; covered: boolean }[];
  center(): [number, number];
  zoom(): number;
  /** Whether the camera is moving (an animation or a gesture). */
  moving(): boolean;
  /**
   * Resolves when the map is at rest and drawn: MapLibre's next `idle` after a repaint asked for
   * here (at once for a map at rest, after the move for one under way). Tests wait for this
   * instead of sleeping.
   */
  idle?(): Promise<void>;
  /** What is drawn within `radius` px of a place (anywhere, with null) in the given style layers, not counting basemap names hidden as covered (WebGL only). */
  query?(lngLat: [number, number] | null, layers: string[], radius?: number): { layer: string; name: string; key: string; at: [number, number] | null }[];
  /** The basemap's loaded geometry of one of its source layers (e.g. water), as GeoJSON (WebGL only). */
  basemap?(sourceLayer: string): GeoJSON.Geometry[];
  /** Still, with every tile of the view loaded (WebGL only). */
  settled?(): boolean;
  /** Calls back after each frame the map draws; returns the function that stops it (the bench times highlights with it). */
  onRender?(cb: () => void): () => void;
  /** The feature the last click highlighted (bench pages without a selection model). */
  selected?(): string | null;
}

/** An element that may carry the probe. */
export type ProbedElement = Element & { [PROBE]?: StoryMapProbe };

/** Hangs the probe on a container (configurable: a re-created map replaces it). */
export function installProbe(el: HTMLElement, probe: StoryMapProbe) {
  Object.defineProperty(el, PROBE, { configurable: true, value: probe });
}

/** The probe on an element, or null. */
export function probeOf(el: Element | null | undefined): StoryMapProbe | null {
  return (el as ProbedElement | null | undefined)?.[PROBE] ?? null;
}
