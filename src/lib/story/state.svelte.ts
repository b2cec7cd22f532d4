// The one piece of shared state: what is selected, hovered and visible, and where the map looks;
// plus the last two intents (move the camera, bring a passage into view). Map, text, legend, URL
// and host API read it and call its methods; nothing else holds state about the story.
//
// One way for changes to flow: a caller says what it wants done (`select(key, { move, reveal })`),
// the state records plain state and, when asked, an intent with a new id. Each view applies the
// intents newer than the last one it applied (the map: camera; the article: reveal), so nobody
// decides from who made a change whether to act. Who made it (`cause`) is kept only to tell the
// host page (the `select` event).
import { SvelteSet } from 'svelte/reactivity';
import type { BBox, StoryModel } from './model';
import { initiallyVisible } from './model-core';

/** What made a selection change, as the host page is told (the `select` event's `origin`). */
export type Cause =
  /** A click, tap or key on the map. */
  | 'map'
  /** A passage or place name in the article. */
  | 'text'
  /** The list of places. */
  | 'list'
  /** The feature card's close button. */
  | 'card'
  /** Escape. */
  | 'keyboard'
  /** The legend: the selected feature's layer was hidden. */
  | 'legend'
  /** "Reset view": back to the story as it opened, nothing selected. */
  | 'reset'
  /** The host page's commands (select, clearSelection, setLayers). */
  | 'api'
  /** A link: the page's URL fragment, Back/Forward, an iframe's src, a <story-map>'s attributes. */
  | 'url';

/**
 * Causes of a selection that ask the map to show a place from outside it: the text, the list of
 * places, a link, the host page. On a phone, what the reader had opened over or under the map (the
 * legend, the notes, the credits) folds for them (Legend.svelte, Attribution.svelte).
 */
export const FROM_OUTSIDE: ReadonlySet<Cause> = new Set<Cause>(['text', 'list', 'url', 'api']);

/** A camera position: centre [lon, lat] and zoom, and the area on screen when the map reported it. */
export interface View {
  center: [number, number];
  zoom: number;
  bounds?: BBox;
  /**
   * The map rests where it framed the newest intent to frame something (features, an area), with
   * no move by the reader since: a link leaves such a view out (url-sync.svelte.ts).
   */
  framed?: boolean;
}

/** Where a camera intent asks the map to look. */
export type CameraTarget =
  /** Frame these features (the framing rule: src/lib/map/framing.ts). */
  | { features: readonly string[] }
  /** Fit an area. */
  | { bounds: BBox }
  /** A centre and zoom. */
  | { center: [number, number]; zoom: number };

export interface CameraIntent {
  /** Increases with every intent: a view applies only intents newer than the last it applied. */
  id: number;
  target: CameraTarget;
  /** false: jump there (links, a map made later); true: ease (unless the reader prefers reduced motion). */
  animate: boolean;
}

export interface RevealIntent {
  id: number;
  /** The passage to bring into view in the article. */
  passage: string;
}

export interface SelectOptions {
  /** Frame the selection on the map (default true). */
  move?: boolean;
  /** Bring its first passage into view in the article (default true). */
  reveal?: boolean;
  /** Ease (true, default) or jump (false) when moving. */
  animate?: boolean;
  /** What made the change; told to the host page, nothing else. */
  cause: Cause;
}

export class StoryState {
  /** Selected feature key ("layer:feature"), or null. */
  feature = $state<string | null>(null);
  /** Selected passage id, or null. When a feature is selected, its first passage. */
  passage = $state<string | null>(null);
  /**
   * The features a place name in the selected passage names, when it names several ("Government
   * of National Accord": the districts it held), or null. A phrase selects what it names, never the
   * rest of its passage.
   */
  group = $state.raw<readonly string[] | null>(null);
  /**
   * A feature a link or the host page named that is still being looked up (a tiled layer's feature
   * the page does not hold yet: tiled.ts); links keep naming it meanwhile.
   */
  awaiting = $state<string | null>(null);
  /** Feature under the pointer or keyboard focus. */
  hovered = $state<string | null>(null);
  /** Ids of the layers shown. */
  readonly visible: SvelteSet<string>;
  /**
   * Where the map looks: reported by the map view when it comes to rest, or set from a link.
   * `camera` is the id of the newest camera intent this view already shows, so a map made later
   * (an embed scrolled back into view) starts here rather than applying an older intent again.
   * Null after an intent to frame something, until a map reports where that brought it.
   */
  view = $state.raw<(View & { camera: number }) | null>(null);
  /** The newest camera intent. */
  camera = $state.raw<CameraIntent | null>(null);
  /** The newest intent to bring a passage into view. */
  reveal = $state.raw<RevealIntent | null>(null);
  /** The newest change of the selection and its cause (the host page's `select` event). */
  change = $state.raw<{ id: number; cause: Cause } | null>(null);

  private ids = 0;

  constructor(private readonly model: StoryModel) {
    this.visible = new SvelteSet(initiallyVisible(model));
  }

  /** Features to highlight: the selected feature, the named group, or all features of the selected passage. */
  readonly highlighted: readonly string[] = $derived.by(() => {
    if (this.feature) return [this.feature];
    if (this.group) return this.group;
    if (this.passage) return this.model.featuresByPassage.get(this.passage) ?? [];
    return [];
  });

  /** Passages to highlight: the selected feature's passages, or the selected passage. */
  readonly highlightedPassages: readonly string[] = $derived.by(() => {
    if (this.feature) return this.model.passagesByFeature.get(this.feature) ?? [];
    return this.passage ? [this.passage] : [];
  });

  /** Selects a feature key or a passage id, whichever it names. False (and nothing changes) for neither. */
  select(target: string, opts: SelectOptions): boolean {
    const f = this.model.features.get(target);
    if (f) return this.show(target, this.model.passagesByFeature.get(target)?.[0] ?? null, null, [target], opts);
    if (this.model.passageById.has(target)) return this.show(null, target, null, this.model.featuresByPassage.get(target) ?? [], opts);
    return false;
  }

  /**
   * Selects `key` once `found` resolves true (the model then holds it), unless another selection
   * (or clearing it) came first.
   */
  selectWhenFound(key: string, found: Promise<boolean>, opts: SelectOptions): void {
    this.awaiting = key;
    void found.then((ok) => {
      if (this.awaiting !== key) return;
      this.awaiting = null;
      if (ok) this.select(key, opts);
    });
  }

  /**
   * Selects what a place name in a passage names: one feature selects that feature; several select
   * just those (the passage stays the active one). Keys not linked to the passage are ignored; false
   * (and nothing changes) when none is left.
   */
  selectNamed(passage: string, keys: readonly string[], opts: SelectOptions): boolean {
    const linked = new Set(this.model.featuresByPassage.get(passage) ?? []);
    const named = [...new Set(keys)].filter((k) => linked.has(k));
    if (named.length === 0) return false;
    if (named.length === 1) return this.select(named[0]!, opts);
    // Naming every feature of the passage is selecting the passage.
    if (named.length === linked.size) return this.select(passage, opts);
    return this.show(null, passage, named, named, opts);
  }

  /** Sets the selection, shows the layers of `keys` and records the change and its intents (frame `keys`, reveal the passage). */
  private show(feature: string | null, passage: string | null, group: readonly string[] | null, keys: readonly string[], opts: SelectOptions): true {
    for (const key of keys) {
      const layer = this.model.features.get(key)?.layerId;
      if (layer) this.visible.add(layer);
    }
    this.feature = feature;
    this.passage = passage;
    this.group = group;
    this.awaiting = null;
    this.change = { id: this.next(), cause: opts.cause };
    if (opts.move !== false && keys.length) this.moveCamera({ features: keys }, opts.animate ?? true);
    if (opts.reveal !== false && passage) this.reveal = { id: this.next(), passage };
    return true;
  }

  /** Clears the selection (no camera move, no scrolling). */
  clear(cause: Cause) {
    this.awaiting = null;
    if (!this.feature && !this.passage) return;
    this.feature = null;
    this.passage = null;
    this.group = null;
    this.change = { id: this.next(), cause };
  }

  /** Shows or hides a layer; hiding the selected feature's layer clears the selection. */
  setLayer(id: string, on: boolean, cause: Cause) {
    const layer = this.model.layers.find((l) => l.spec.id === id);
    if (!layer || layer.error) return;
    if (on) this.visible.add(id);
    else {
      this.visible.delete(id);
      if (this.feature && this.model.features.get(this.feature)?.layerId === id) this.clear(cause);
      // A named group loses the hidden layer's features; with none left, the selection goes.
      else if (this.group) {
        const left = this.group.filter((k) => this.model.features.get(k)?.layerId !== id);
        if (left.length === 0) this.clear(cause);
        else if (left.length !== this.group.length) this.group = left;
      }
    }
  }

  /** Shows exactly these layers. */
  setLayers(ids: Iterable<string>, cause: Cause) {
    const want = new Set(ids);
    for (const l of this.model.layers) this.setLayer(l.spec.id, want.has(l.spec.id), cause);
  }

  /**
   * Asks the map to look somewhere. A centre and zoom is where the map will be, so it is the view
   * at once (a link's `v=` stays in the URL); anything else is known once a map has framed it.
   */
  moveCamera(target: CameraTarget, animate = true) {
    const id = this.next();
    this.camera = { id, target, animate };
    this.view = 'center' in target ? { center: target.center, zoom: target.zoom, camera: id } : null;
  }

  /** Back to the story's opening view. */
  resetView(animate = true) {
    this.moveCamera({ bounds: this.model.story.view.bounds as BBox }, animate);
  }

  /** Called by a map view when it comes to rest; `applied` is the newest camera intent it has applied. */
  reportView(view: View, applied: number) {
    this.view = { ...view, camera: applied };
  }

  private next() {
    return ++this.ids;
  }
}
