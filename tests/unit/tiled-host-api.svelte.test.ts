// The host API on a story with a tiled layer (src/lib/story/tiled.ts): `select` naming a feature the
// page does not hold looks it up in the layer's feature index and selects it; one that is not
// there is an error, as for any story.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { flushSync } from 'svelte';
import { afterAll, expect, it, vi } from 'vitest';
import { synthStory } from '../../bench/synth';
import { snapshotFiles } from '../../scripts/model-snapshot';
import { HostApi } from '../../src/lib/embed/api.svelte';
import type { EventName } from '../../src/lib/embed/protocol';
import { fromSnapshot } from '../../src/lib/story/snapshot';
import { StoryState } from '../../src/lib/story/state.svelte';

const dir = mkdtempSync(join(tmpdir(), 'tiled-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('selects an unlinked feature of a tiled layer once the index has it, and says when it has not', async () => {
  for (const [f, text] of Object.entries(synthStory({ name: 'tiled', points: 1200 }))) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  const files = snapshotFiles(dir, { features: 1000, bytes: 5 * 1024 * 1024 });
  const index = files.tiles.get('points')!.indexText();
  const fetch = vi.fn(async () => new Response(index));
  vi.stubGlobal('fetch', fetch);
  try {
    const model = fromSnapshot(JSON.parse(files.text), 'http://localhost/stories/tiled/')!;
    const events: { name: EventName; detail: Record<string, unknown> }[] = [];
    const api = new HostApi((name, detail) => events.push({ name, detail: structuredClone(detail) as unknown as Record<string, unknown> }));
    const state = new StoryState(model);
    api.attach(model, state);
    flushSync();
    // `ready` says the layer is tiled and how many features it has, though it lists only those held.
    const ready = events.find((e) => e.name === 'ready')?.detail as { layers: unknown[]; features: unknown[] } | undefined;
    expect(ready?.layers).toEqual([{ id: 'points', name: expect.any(String), visible: true, count: 1200, tiled: true }]);
    expect(ready!.features.length).toBe(model.features.size);
    expect(model.features.size).toBeLessThan(1200);
    api.run({ name: 'select', target: 'points:p1111' });
    await vi.waitFor(() => expect(state.feature).toBe('points:p1111'));
    flushSync();
    expect(events.find((e) => e.name === 'select')?.detail).toMatchObject({ feature: { key: 'points:p1111', name: 'Site 1111' }, origin: 'api' });
    api.run({ name: 'select', target: 'points:nowhere' });
    await vi.waitFor(() => expect(events.some((e) => e.name === 'error')).toBe(true));
    expect(state.feature).toBe('points:p1111');
    expect(fetch).toHaveBeenCalledTimes(1);
  } finally {
    vi.unstubAllGlobals();
  }
});
