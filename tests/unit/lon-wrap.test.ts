// The antimeridian arithmetic (src/lib/story/lon-wrap.ts) and the map code that uses it: boxes
// across 180° are laid out the short way, the camera fits them, the tiles on both sides are
// fetched, and the SVG fallback draws a feature across 180° inside its frame.
import { describe, expect, it } from 'vitest';
import { tilesCovering } from '../../src/lib/map/basemap-tiles';
import { fitCamera } from '../../src/lib/map/framing';
import { svgScene } from '../../src/lib/fallback/scene';
import { buildModel } from '../../src/lib/story/model';
import { acrossAntimeridian, boxesMeet, continuous, lonArc, unionBox, unwrapBox, wrapLon } from '../../src/lib/story/lon-wrap';
import { createTexts } from './fixtures';

describe('lon-wrap', () => {
  it('wraps longitudes into [-180, 180)', () => {
    expect([wrapLon(190), wrapLon(-190), wrapLon(180), wrapLon(-180), wrapLon(12.5)]).toEqual([-170, 170, -180, -180, 12.5]);
  });

  it('finds the shortest arc holding some longitudes', () => {
    expect(lonArc([10, 20, 15])).toEqual([10, 20]);
    expect(lonArc([178, -179, 179.5, -170])).toEqual([178, 190]);
    expect(lonArc([])).toBeNull();
  });

  it('lays geometry across 180° out continuously, and leaves the rest (and rings round a pole) alone', () => {
    const split = { type: 'MultiLineString' as const, coordinates: [[[170, 0], [180, 1]], [[-180, 1], [-170, 2]]] };
    expect(continuous(split)).toEqual({ type: 'MultiLineString', coordinates: [[[170, 0], [180, 1]], [[180, 1], [190, 2]]] });
    const rome = { type: 'Point' as const, coordinates: [12.5, 41.9] };
    expect(continuous(rome)).toBe(rome);
    const pole = { type: 'Polygon' as const, coordinates: [[[-180, 60], [-90, 60], [0, 60], [90, 60], [180, 60], [180, 90], [-180, 90], [-180, 60]]] };
    expect(continuous(pole)).toBe(pole);
  });

  it('joins boxes the short way round, and reads west > east as crossing 180°', () => {
    expect(unwrapBox([170, -20, -170, 10])).toEqual([170, -20, 190, 10]);
    expect(unionBox([179, -9, 179, -8], [-171.8, -13.8, -171.8, -13.8])).toEqual([179, -13.8, 188.2, -8]);
    expect(unionBox([10, 0, 20, 5], [30, 1, 40, 6])).toEqual([10, 0, 40, 6]);
    expect(unionBox([-179, 0, -178, 1], [178, 0, 179, 1])).toEqual([178, 0, 182, 1]);
    expect(boxesMeet([170, 0, 190, 10], [-175, 5, -172, 6])).toBe(true);
    expect(boxesMeet([0, 0, 10, 10], [20, 0, 30, 10])).toBe(false);
    expect(acrossAntimeridian([[0, 0, 10, 10]])).toBe(false);
    expect(acrossAntimeridian([[0, 0, 10, 10], [170, -25, -150, 28]])).toBe(true);
  });
});

describe('maps across 180°', () => {
  it('the camera fits a box written west > east across 180°, not across the world', () => {
    const pad = { top: 0, right: 0, bottom: 0, left: 0 };
    const across = fitCamera([170, -25, -150, 28], { width: 800, height: 600 }, pad);
    expect(wrapLon(across.center[0])).toBeCloseTo(-170, 5);
    expect(across.zoom).toBeGreaterThan(1.5);
    const same = fitCamera([170, -25, 210, 28], { width: 800, height: 600 }, pad);
    expect(same).toEqual(across);
  });

  it('takes the basemap tiles on both sides of 180°', () => {
    const tiles = tilesCovering([170, -10, 190, 10], 3).map((t) => t.x);
    expect(new Set(tiles)).toEqual(new Set([7, 0]));
    expect(tilesCovering([170, -10, -170, 10], 3).map((t) => t.x)).toEqual(tiles);
    // An ordinary box is unchanged.
    expect(tilesCovering([10, -10, 20, 10], 3).map((t) => t.x)).toEqual([4, 4]);
  });

  it('the SVG fallback draws a line across 180° inside its frame', () => {
    const line = { type: 'Feature', properties: { id: 'cable', name: 'Cable', date: '2024', source: 'test' }, geometry: { type: 'LineString', coordinates: [[178.44, -18.14], [-179.5, -12], [-158.1, 21.36]] } };
    const model = buildModel(createTexts({ story: { view: { bounds: [170, -25, -150, 28] }, features: {} }, features: [line] }));
    expect(model.layers[0]!.error).toBeUndefined();
    const scene = svgScene(model, null, { width: 800, height: 600 });
    const d = scene.features.find((f) => f.key === 'places:cable')!.d;
    const xs = [...d.matchAll(/(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g)].map((m) => Number(m[1]));
    expect(xs.length).toBeGreaterThan(1);
    for (const x of xs) expect(x).toBeGreaterThanOrEqual(0);
    for (const x of xs) expect(x).toBeLessThanOrEqual(800);
    expect(wrapLon((scene.bounds[0] + scene.bounds[2]) / 2)).toBeCloseTo(-170, 0);
    expect(scene.bounds[2]).toBeGreaterThan(scene.bounds[0]);
  });
});
