// The host API on top of the one StoryState, the same for both kinds of embed: selection, layer and
// view changes become events; commands become StoryState calls with cause 'api'. The transports
// (postMessage for the iframe page, methods and DOM events for <story-map>) stay thin shells.
import { untrack } from 'svelte';
import type { StoryModel } from '../story/model';
import type { StoryState } from '../story/state.svelte';
import { findFeature } from '../story/tiled';
import type { Command, EventDetails, EventName, ReadyDetail, SelectDetail } from './protocol';

export type Emit = <K extends EventName>(name: K, detail: EventDetails[K]) => void;

export function describeSelection(model: StoryModel, selection: StoryState): SelectDetail {
  const f = selection.feature ? model.features.get(selection.feature) : undefined;
  return {
    feature: f ? { key: f.key, layer: f.layerId, id: f.id, name: f.name } : null,
    passage: selection.passage,
    passages: [...selection.highlightedPassages],
    features: [...selection.highlighted],
    origin: selection.change?.cause ?? null,
  };
}

export function visibleLayers(model: StoryModel, selection: StoryState): string[] {
  return model.layers.filter((l) => selection.visible.has(l.spec.id)).map((l) => l.spec.id);
}

export function readyDetail(model: StoryModel, selection: StoryState): ReadyDetail {
  return {
    story: { id: model.story.id, title: model.story.title },
    layers: model.layers
      .filter((l) => !l.error)
      .map((l) => ({ id: l.spec.id, name: l.spec.name, visible: selection.visible.has(l.spec.id), count: l.tiled?.count ?? l.features.length, tiled: l.tiled !== undefined })),
    features: [...model.features.values()].map((f) => ({ key: f.key, layer: f.layerId, name: f.name })),
    passages: model.passages.map((p) => p.id),
    selection: describeSelection(model, selection),
  };
}

// Commands sent before the story has loaded are kept (in order) and run once it has; a runaway
// host cannot grow the queue without bound.
const MAX_QUEUED = 100;

export class HostApi {
  private queue: Command[] = [];
  private bound: { model: StoryModel; selection: StoryState; stop: () => void } | null = null;

  constructor(private readonly emit: Emit) {}

  /** Whether the story is loaded and commands run at once. */
  get ready(): boolean {
    return this.bound !== null;
  }

  /** Starts reporting once the story is loaded: emits `ready`, then runs queued commands. */
  attach(model: StoryModel, selection: StoryState) {
    this.detach();
    // Each effect reports a change from the state `ready` carries (compared with a snapshot taken
    // now, as effects first run later: a command run right after `ready` must still be reported).
    let lastChange = selection.change;
    let lastLayers = visibleLayers(model, selection).join(',');
    let lastView = selection.view;
    const stop = $effect.root(() => {
      $effect(() => {
        const change = selection.change;
        const detail = describeSelection(model, selection);
        if (change === lastChange) return;
        lastChange = change;
        untrack(() => this.emit('select', detail));
      });
      $effect(() => {
        const layers = visibleLayers(model, selection);
        if (layers.join(',') === lastLayers) return;
        lastLayers = layers.join(',');
        untrack(() => this.emit('layerchange', { layers }));
      });
      $effect(() => {
        const v = selection.view;
        if (v === lastView || !v) return;
        lastView = v;
        untrack(() => this.emit('viewchange', { center: v.center, zoom: v.zoom, bounds: v.bounds ?? null }));
      });
    });
    this.bound = { model, selection, stop };
    this.emit('ready', readyDetail(model, selection));
    for (const cmd of this.queue.splice(0)) this.run(cmd);
  }

  /** Sends `ready` again (a host script that connected after the story loaded). */
  announce() {
    if (this.bound) this.emit('ready', readyDetail(this.bound.model, this.bound.selection));
  }

  detach() {
    this.bound?.stop();
    this.bound = null;
  }

  run(cmd: Command) {
    if (!this.bound) {
      if (this.queue.length < MAX_QUEUED) this.queue.push(cmd);
      return;
    }
    const { model, selection } = this.bound;
    switch (cmd.name) {
      case 'select': {
        if (selection.select(cmd.target, { cause: 'api' })) break;
        const missing = () => this.emit('error', { message: `There is no feature or passage “${cmd.target}” in this story.` });
        // A feature of a tiled layer the page does not hold yet is looked up in the layer's index.
        const found = findFeature(model, cmd.target);
        if (!found) missing();
        else selection.selectWhenFound(cmd.target, found.then((ok) => (ok || missing(), ok)), { cause: 'api' });
        break;
      }
      case 'clearSelection':
        selection.clear('api');
        break;
      case 'setLayers': {
        const known = new Set(model.layers.filter((l) => !l.error).map((l) => l.spec.id));
        const unknown = cmd.layers.filter((id) => !known.has(id));
        selection.setLayers(cmd.layers.filter((id) => known.has(id)), 'api');
        if (unknown.length) this.emit('error', { message: `There is no layer ${unknown.map((id) => `“${id}”`).join(', ')} in this story.` });
        break;
      }
      case 'setView':
        selection.moveCamera(cmd.view);
        break;
    }
  }
}
