// whenReady (src/lib/map/start.ts): a map taken over after it was made (early-map.ts) may already
// have fired `load` and its first `idle`, which MapLibre fires once: what already happened is
// answered at once, what has not is waited for, and nothing is answered twice.
import { describe, expect, it } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { whenReady, type StartedMap } from '../../src/lib/map/start';

function fakeMap() {
  const handlers: Record<string, Array<() => void>> = {};
  const map = {
    once(type: string, fn: () => void) {
      (handlers[type] ??= []).push(fn);
      return map;
    },
    fire(type: string) {
      const list = handlers[type] ?? [];
      handlers[type] = [];
      for (const fn of list) fn();
    },
  };
  return map;
}

function started(loaded: boolean, idle: boolean) {
  const map = fakeMap();
  const s = { map: map as unknown as MapLibreMap, loaded, idle } as StartedMap;
  return { s, map };
}

function record(s: StartedMap) {
  const calls: string[] = [];
  whenReady(
    s,
    () => calls.push('load'),
    () => calls.push('idle'),
  );
  return calls;
}

describe('whenReady', () => {
  it('waits for load, then for the idle after it', () => {
    const { s, map } = started(false, false);
    const calls = record(s);
    map.fire('idle');
    expect(calls).toEqual([]);
    map.fire('load');
    expect(calls).toEqual(['load']);
    map.fire('idle');
    map.fire('idle');
    expect(calls).toEqual(['load', 'idle']);
  });

  it('answers a load that already happened at once, and waits for the idle', () => {
    const { s, map } = started(true, false);
    const calls = record(s);
    expect(calls).toEqual(['load']);
    map.fire('load');
    expect(calls).toEqual(['load']);
    map.fire('idle');
    expect(calls).toEqual(['load', 'idle']);
  });

  it('answers both at once for a map that has already drawn everything', () => {
    const { s, map } = started(true, true);
    const calls = record(s);
    expect(calls).toEqual(['load', 'idle']);
    map.fire('idle');
    expect(calls).toEqual(['load', 'idle']);
  });
});
