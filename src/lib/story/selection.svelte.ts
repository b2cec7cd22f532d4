// The one piece of shared state: what is selected, hovered and visible, and the view asked for.
// Map, text, legend, URL and host API all read it and call its methods; nothing else holds state
// about the story.
import { SvelteSet } from 'svelte/reactivity';
import type { BBox, StoryModel } from './model';

/** Who asked for a change, so that a view reacts only to what it did not do itself. */
export type Origin = 'map' | 'text' | 'list' | 'api' | 'url';

/** A camera position: centre [lon, lat] and zoom, and the area on screen when the map reported it. */
export interface MapView {
  center: [number, number];
  zoom: number;
  bounds?: BBox;
}

/** A camera target asked for from outside the map: an area to frame, or a centre and zoom. */
export interface ViewRequest {
  bounds?: BBox;
  center?: [number, number];
  zoom?: number;
  /** false: jump there (links); otherwise ease. */
  animate?: boolean;
  serial: number;
}

export class Selection {
  /** Selected feature key ("layer:feature"), or null. */
  feature = $state<string | null>(null);
  /** Selected passage id, or null. When a feature is selected, its first passage. */
  passage = $state<string | null>(null);
  /** Feature under the pointer or keyboard focus. */
  hovered = $state<string | null>(null);
  /** Ids of the layers shown. */
  readonly visible: SvelteSet<string>;
  /** Origin of the last selection change. */
  origin = $state<Origin>('api');
  /** Bumped on every selection so views can react to re-selecting the same thing. */
  serial = $state(0);
  /** A camera target asked for from outside the map (reset, host API, links); the map consumes it. */
  viewRequest = $state.raw<ViewRequest | null>(null);
  /**
   * Where the map looks: reported by the map when it settles, or restored from a link. It records
   * the selection and view-request serials it already accounts for, so a map created later (an
   * embed scrolled back into view) starts here instead of flying to an old selection.
   */
  view = $state.raw<(MapView & { selection: number; request: number }) | null>(null);

  constructor(private readonly model: StoryModel) {
    this.visible = new SvelteSet(model.layers.filter((l) => l.spec.visible && !l.error).map((l) => l.spec.id));
  }

  /** Features to highlight: the selected feature, or all features of the selected passage. */
  readonly highlighted: readonly string[] = $derived.by(() => {
    if (this.feature) return [this.feature];
    if (this.passage) return this.model.featuresByPassage.get(this.passage) ?? [];
    return [];
  });

  /** Passages to highlight: the selected feature's passages, or the selected passage. */
  readonly highlightedPassages: readonly string[] = $derived.by(() => {
    if (this.feature) return this.model.passagesByFeature.get(this.feature) ?? [];
    return this.passage ? [this.passage] : [];
  });

  selectFeature(key: string, origin: Origin): boolean {
    const f = this.model.features.get(key);
    if (!f) return false;
    this.visible.add(f.layerId);
    this.feature = key;
    this.passage = this.model.passagesByFeature.get(key)?.[0] ?? null;
    this.origin = origin;
    this.serial++;
    return true;
  }

  selectPassage(id: string, origin: Origin): boolean {
    if (!this.model.passageById.has(id)) return false;
    for (const key of this.model.featuresByPassage.get(id) ?? []) {
      const layer = this.model.features.get(key)?.layerId;
      if (layer) this.visible.add(layer);
    }
    this.feature = null;
    this.passage = id;
    this.origin = origin;
    this.serial++;
    return true;
  }

  /** Selects a feature key or a passage id, whichever it names. */
  select(target: string, origin: Origin): boolean {
    return this.model.features.has(target) ? this.selectFeature(target, origin) : this.selectPassage(target, origin);
  }

  clear(origin: Origin = 'api') {
    this.feature = null;
    this.passage = null;
    this.origin = origin;
    this.serial++;
  }

  setLayer(id: string, on: boolean) {
    const layer = this.model.layers.find((l) => l.spec.id === id);
    if (!layer || layer.error) return;
    if (on) this.visible.add(id);
    else {
      this.visible.delete(id);
      if (this.feature && this.model.features.get(this.feature)?.layerId === id) this.clear('api');
    }
  }

  setLayers(ids: Iterable<string>) {
    const want = new Set(ids);
    for (const l of this.model.layers) this.setLayer(l.spec.id, want.has(l.spec.id));
  }

  requestView(bounds: BBox) {
    this.viewRequest = { bounds, serial: (this.viewRequest?.serial ?? 0) + 1 };
  }

  /** Asks the map to look at a centre and zoom. */
  requestCamera(center: [number, number], zoom: number, animate = true) {
    this.viewRequest = { center, zoom, animate, serial: (this.viewRequest?.serial ?? 0) + 1 };
  }

  /** Called by the map when it comes to rest. */
  reportView(view: MapView) {
    this.view = { ...view, selection: this.serial, request: this.viewRequest?.serial ?? 0 };
  }

  /** Puts the camera where a link says, without flying to the selection the link also made. */
  restoreView(center: [number, number], zoom: number) {
    this.requestCamera(center, zoom, false);
    this.view = { center, zoom, selection: this.serial, request: this.viewRequest!.serial };
  }

  resetView() {
    this.requestView(this.model.story.view.bounds as BBox);
  }
}
