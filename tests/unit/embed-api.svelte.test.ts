import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { HostApi } from '../../src/lib/embed/api.svelte';
import type { EventName } from '../../src/lib/embed/protocol';
import { StoryState } from '../../src/lib/story/state.svelte';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { CGTN_DIR } from './fixtures';

const cgtn = readStoryFolder(CGTN_DIR);

function createApi() {
  const events: { name: EventName; detail: Record<string, unknown> }[] = [];
  const api = new HostApi((name, detail) => events.push({ name, detail: structuredClone(detail) as unknown as Record<string, unknown> }));
  return { api, events, names: () => events.map((e) => e.name) };
}

describe('the host API', () => {
  it('keeps commands sent before the story loaded and runs them after `ready`', () => {
    const { api, events, names } = createApi();
    api.run({ name: 'setLayers', layers: ['libya', 'istanbul'] });
    api.run({ name: 'select', target: 'istanbul:istanbul' });
    expect(api.ready).toBe(false);
    expect(events).toEqual([]);
    const s = new StoryState(cgtn);
    api.attach(cgtn, s);
    flushSync();
    expect(names()[0]).toBe('ready');
    expect(names().slice(1).sort()).toEqual(['layerchange', 'select']);
    const detail = (name: EventName) => events.find((e) => e.name === name)!.detail;
    // Nothing was selected when ready: no cause to report.
    expect(detail('ready')).toMatchObject({ story: { id: 'cgtn-2020-01-09' }, selection: { feature: null, passage: null, origin: null } });
    expect((detail('ready').layers as unknown[]).length).toBe(5);
    expect(detail('layerchange')).toEqual({ layers: ['libya', 'istanbul'] });
    expect(detail('select')).toEqual({
      feature: { key: 'istanbul:istanbul', layer: 'istanbul', id: 'istanbul', name: 'Istanbul' },
      passage: 'lede',
      passages: cgtn.passagesByFeature.get('istanbul:istanbul'),
      origin: 'api',
    });
    api.detach();
  });

  it('reports selections made in the embed, with the reader as origin', () => {
    const { api, events } = createApi();
    const s = new StoryState(cgtn);
    api.attach(cgtn, s);
    s.select('iraq-strikes', { cause: 'text' });
    flushSync();
    expect(events.at(-1)).toEqual({ name: 'select', detail: { feature: null, passage: 'iraq-strikes', passages: ['iraq-strikes'], origin: 'text' } });
    s.clear('card');
    flushSync();
    expect(events.at(-1)).toEqual({ name: 'select', detail: { feature: null, passage: null, passages: [], origin: 'card' } });
    s.select('libya:tripoli', { move: false, cause: 'map' });
    s.setLayer('libya', false, 'legend');
    flushSync();
    expect(events.filter((e) => e.name === 'select').at(-1)).toMatchObject({ detail: { feature: null, origin: 'legend' } });
    // Escape with nothing selected changes nothing, so tells the host nothing.
    const count = events.length;
    s.clear('keyboard');
    flushSync();
    expect(events).toHaveLength(count);
    api.detach();
  });

  it('answers unknown ids with an error event and changes nothing', () => {
    const { api, events } = createApi();
    const s = new StoryState(cgtn);
    api.attach(cgtn, s);
    api.run({ name: 'select', target: 'libya:atlantis' });
    flushSync();
    expect(s.feature).toBeNull();
    expect(events.at(-1)!.name).toBe('error');
    expect(events.at(-1)!.detail.message).toContain('libya:atlantis');
    api.run({ name: 'setLayers', layers: ['libya', 'nope'] });
    flushSync();
    expect([...s.visible]).toEqual(['libya']);
    expect(events.map((e) => e.name).slice(-2).sort()).toEqual(['error', 'layerchange']);
    api.detach();
  });

  it('sends no layerchange when the visible layers did not change', () => {
    const { api, names } = createApi();
    const s = new StoryState(cgtn);
    api.attach(cgtn, s);
    api.run({ name: 'setLayers', layers: cgtn.layers.map((l) => l.spec.id) });
    s.select('libya:tripoli', { cause: 'map' }); // its layer is already on
    flushSync();
    expect(names()).toEqual(['ready', 'select']);
    api.detach();
  });

  it('turns setView into a camera intent and reports where the map came to rest', () => {
    const { api, events } = createApi();
    const s = new StoryState(cgtn);
    api.attach(cgtn, s);
    api.run({ name: 'setView', view: { center: [13.19, 32.89], zoom: 7 } });
    expect(s.camera).toMatchObject({ target: { center: [13.19, 32.89], zoom: 7 }, animate: true });
    api.run({ name: 'setView', view: { bounds: [30, 35, 40, 42] } });
    expect(s.camera).toMatchObject({ target: { bounds: [30, 35, 40, 42] }, animate: true });
    s.reportView({ center: [35, 38.5], zoom: 5.5, bounds: [30, 35, 40, 42] }, 0);
    flushSync();
    expect(events.at(-1)).toEqual({ name: 'viewchange', detail: { center: [35, 38.5], zoom: 5.5, bounds: [30, 35, 40, 42] } });
    api.detach();
  });

  it('goes quiet when detached', () => {
    const { api, names } = createApi();
    const s = new StoryState(cgtn);
    api.attach(cgtn, s);
    api.detach();
    s.select('libya:tripoli', { cause: 'map' });
    flushSync();
    expect(names()).toEqual(['ready']);
  });
});
