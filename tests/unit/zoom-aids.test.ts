// The frame once the reader zooms in (src/lib/map/zoom-aids.ts): when the scale bar and the locator
// show, the region the locator draws, and how the view is marked in it, with the SVG scene's own
// projection (as Locator.svelte draws it), across the antimeridian too.
import { describe, expect, it } from 'vitest';
import { svgScene } from '../../src/lib/fallback/scene';
import { mercX, mercY } from '../../src/lib/map/mercator';
import { insetBounds, LOCATOR_MIN_ZOOM, LOCATOR_SPAN, locatorShown, locatorSize, SCALE_MIN_ZOOM, scaleBar, scaleShown, viewMark } from '../../src/lib/map/zoom-aids';
import { buildModel } from '../../src/lib/story/model';
import type { BBox, StoryModel } from '../../src/lib/story/model';
import { StoryFileError } from '../../src/lib/story/model-core';
import { createTexts } from './fixtures';

const region = { layers: [], features: new Map(), story: { view: { bounds: [0, 0, 1, 1] } } } as unknown as StoryModel;
const sceneFor = (bounds: BBox, width = 120, height = 90) => svgScene(region, null, { width, height, bounds, padding: 0 });

describe('when the scale bar and the locator show', () => {
  it('shows the scale bar from a country-sized view, the locator from closer still', () => {
    expect(scaleShown(2.9)).toBe(false);
    expect(scaleShown(SCALE_MIN_ZOOM - 0.01)).toBe(false);
    expect(scaleShown(SCALE_MIN_ZOOM)).toBe(true);
    expect(locatorShown(SCALE_MIN_ZOOM)).toBe(false);
    expect(locatorShown(LOCATOR_MIN_ZOOM)).toBe(true);
    expect(locatorShown(9)).toBe(true);
  });

  it('is smaller on a phone', () => {
    expect(locatorSize(390).width).toBeLessThan(locatorSize(1280).width);
    for (const w of [390, 1280]) expect(locatorSize(w).width / locatorSize(w).height).toBeCloseTo(4 / 3, 1);
  });
});

describe('the SVG map\'s scale bar (MapLibre\'s rule)', () => {
  it('is the longest round distance that fits, in km, then m when closer', () => {
    // Zoom 9 at Istanbul's latitude: 115 m a pixel, 11.06 km in 96 px: a 10 km bar of 87 px.
    expect(scaleBar(9, 41, 96)).toEqual({ width: 87, label: '10\u00a0km' });
    // Zoom 14 on the equator: 458 m in 96 px: 300 m.
    expect(scaleBar(14, 0, 96)).toEqual({ width: 63, label: '300\u00a0m' });
  });

  it('speaks miles (feet when short) or nautical miles when the story asks', () => {
    expect(scaleBar(9, 41, 96, 'imperial')).toEqual({ width: 70, label: '5\u00a0mi' });
    expect(scaleBar(16, 60, 96, 'imperial').label).toBe('100\u00a0ft');
    expect(scaleBar(9, 41, 96, 'nautical')).toEqual({ width: 80, label: '5\u00a0nm' });
  });

  it('is never longer than its room, nor shorter than half of it, and its figure is a round one', () => {
    for (let zoom = 5; zoom <= 11; zoom += 0.37)
      for (const lat of [-70, -33, 0, 12.5, 41, 64])
        for (const units of ['metric', 'imperial', 'nautical'] as const) {
          const bar = scaleBar(zoom, lat, 96, units);
          expect(bar.width, `${zoom} ${lat} ${units}`).toBeLessThanOrEqual(96);
          expect(bar.width, `${zoom} ${lat} ${units}`).toBeGreaterThanOrEqual(47);
          expect(bar.label, `${zoom} ${lat} ${units}`).toMatch(/^(1|2|3|5)0*(\.0*[1235])?\u00a0(km|m|mi|ft|nm)$|^0\.0*[1235]\u00a0(km|m|mi|ft|nm)$/);
        }
  });
});

describe('the region the locator shows', () => {
  it('is LOCATOR_SPAN degrees wide around the view, as tall as the inset in Web Mercator', () => {
    const [w, s, e, n] = insetBounds([29, 41], 120, 90);
    expect(e - w).toBeCloseTo(LOCATOR_SPAN, 6);
    expect((w + e) / 2).toBeCloseTo(29, 6);
    // Centred in Mercator (not in degrees), with the inset's shape.
    expect((mercY(n) + mercY(s)) / 2).toBeCloseTo(mercY(41), 9);
    expect((mercY(s) - mercY(n)) / (mercX(e) - mercX(w))).toBeCloseTo(90 / 120, 9);
  });

  it('stays inside the square world near a pole', () => {
    const [, s, , n] = insetBounds([20, 84], 120, 90);
    expect(n).toBeLessThanOrEqual(85.0512);
    expect(n).toBeGreaterThan(85);
    expect(s).toBeLessThan(84);
  });

  it('reaches past 180° for a view at the antimeridian', () => {
    const [w, , e] = insetBounds([179, -17], 120, 90);
    expect(w).toBeCloseTo(159, 6);
    expect(e).toBeCloseTo(199, 6);
  });
});

describe('the view marked in the locator', () => {
  it('is a box where the view is big enough to see, in the middle of the inset', () => {
    const view = { center: [32.5, 30] as [number, number], bounds: [28, 27, 37, 33] as BBox };
    const mark = viewMark(sceneFor(insetBounds(view.center, 120, 90)).project, view);
    expect(mark?.kind).toBe('box');
    if (mark?.kind !== 'box') return;
    expect(mark.x + mark.width / 2).toBeCloseTo(60, 0);
    expect(mark.y + mark.height / 2).toBeCloseTo(45, 0);
    // 9 of the inset's 40 degrees.
    expect(mark.width).toBeCloseTo((120 * 9) / LOCATOR_SPAN, 0);
  });

  it('is a dot where the view would be a speck (a city at zoom 9)', () => {
    const view = { center: [28.98, 41.01] as [number, number], bounds: [28.5, 40.8, 29.5, 41.2] as BBox };
    const mark = viewMark(sceneFor(insetBounds(view.center, 120, 90)).project, view);
    expect(mark).toMatchObject({ kind: 'dot' });
    expect(mark!.x).toBeCloseTo(60, 0);
    expect(mark!.y).toBeCloseTo(45, 0);
  });

  it('is in the right place across the antimeridian (Fiji)', () => {
    const view = { center: [179.5, -17.5] as [number, number], bounds: [177, -19.5, 182, -15.5] as BBox };
    const mark = viewMark(sceneFor(insetBounds(view.center, 120, 90)).project, view);
    expect(mark?.kind).toBe('box');
    if (mark?.kind !== 'box') return;
    expect(mark.x + mark.width / 2).toBeCloseTo(60, 0);
    expect(mark.y + mark.height / 2).toBeCloseTo(45, 0);
  });

  it('falls back to the centre, or to nothing, for a view the inset does not hold', () => {
    const inset = sceneFor([0, 0, 40, 30]);
    expect(viewMark(inset.project, { center: [20, 15], bounds: [-30, 0, 70, 30] })).toMatchObject({ kind: 'dot' });
    expect(viewMark(inset.project, { center: [100, 15], bounds: [90, 10, 110, 20] })).toBeNull();
  });
});

describe('the scale bar\'s units in story.json', () => {
  it('takes metric, imperial or nautical', () => {
    for (const units of ['metric', 'imperial', 'nautical']) {
      const model = buildModel(createTexts({ story: { view: { bounds: [0, 0, 10, 10], units } } }));
      expect(model.story.view.units).toBe(units);
    }
  });

  it('refuses anything else, naming the field', () => {
    try {
      buildModel(createTexts({ story: { view: { bounds: [0, 0, 10, 10], units: 'km' } } }));
      expect.unreachable('"km" was accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(StoryFileError);
      expect((e as StoryFileError).problems[0]).toMatchObject({ file: 'story.json', path: 'view.units' });
    }
  });
});
