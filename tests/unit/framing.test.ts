import { describe, expect, it } from 'vitest';
import { ALONG_ZOOM_COST, cameraFor, placesAlong, storyCamera, firstCamera, frameBox, reframeCamera, REFRAME_ZOOM, sameCamera } from '../../src/lib/map/camera';
import { labelLines as labelLinesOf } from '../../src/lib/map/label-sides';
import { aspectOf, baseMargin, CONTROLS_TOP, boxesOverlap, clearArea, clearAreas, clearMove, coveringBoxes, paddingToFrame, featureFrame, fitCamera, framePadding, nudge, panCamera, fitsIn, fitNamed, nameBox, nameRoom, pointBox, project, shownBounds, LABEL_ROOM, MAX_ZOOM_MANY, MAX_ZOOM_ONE, POINT_PAD } from '../../src/lib/map/framing';
import { latOf, lonOf, mercX, mercY } from '../../src/lib/map/mercator';
import type { BBox } from '../../src/lib/story/model';
import type { Camera } from '../../src/lib/map/framing';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { StoryState } from '../../src/lib/story/state.svelte';
import { CGTN_DIR } from './fixtures';

const cgtn = readStoryFolder(CGTN_DIR);
const desktop = { width: 860, height: 820 };
const phone = { width: 390, height: 405 };
const none = { top: 0, right: 0, bottom: 0, left: 0 };

describe('Web Mercator', () => {
  it('goes there and back, with the world square at ±85.05°', () => {
    for (const [lon, lat] of [[0, 0], [13.19, 32.89], [-120, -45], [179, 80]] as const) {
      expect(lonOf(mercX(lon))).toBeCloseTo(lon, 9);
      expect(latOf(mercY(lat))).toBeCloseTo(lat, 9);
    }
    expect(mercY(85.051129)).toBeCloseTo(0, 6);
    expect(mercY(89)).toBe(mercY(85.051129));
    expect(mercX(-180)).toBe(0);
  });
});

describe('the framing rule', () => {
  it('keeps a margin for the controls on the right and the credits below', () => {
    const m = baseMargin(desktop);
    expect(m.left).toBe(Math.round(820 * 0.08) + 12);
    expect(m.right).toBeGreaterThan(m.left);
    expect(m.bottom).toBeGreaterThan(m.top);
  });

  it('keeps what it frames under "Reset view" on a small map (a phone’s, 360 x 245)', () => {
    const m = baseMargin({ width: 360, height: 245 });
    expect(m.left).toBe(Math.round(245 * 0.08) + 12);
    expect(m.top).toBe(CONTROLS_TOP);
    // A big map's margin is already more.
    expect(baseMargin(desktop).top).toBe(Math.round(820 * 0.08) + 12);
  });

  it('clears a legend down the left edge from the left, and a card across a phone map from below', () => {
    const legend = { left: 10, top: 10, right: 260, bottom: 600 };
    // The legend's right edge, the gap, and room for a label beside a feature at that edge.
    expect(framePadding(desktop, [legend]).left).toBe(260 + 12 + LABEL_ROOM);
    expect(LABEL_ROOM).toBeGreaterThanOrEqual(16);
    expect(framePadding(desktop, [legend]).bottom).toBe(baseMargin(desktop).bottom);
    const card = { left: 10, top: 250, right: 380, bottom: 395 };
    const p = framePadding(phone, [card]);
    expect(p.bottom).toBe(phone.height - 250 + 12);
    expect(p.left).toBe(baseMargin(phone).left);
  });

  it('given what is framed, clears the legend on the side that draws it biggest: a wide story in a tall box below it', () => {
    // CGTN's bounds (about 1.7 times as wide as tall) in a tall map box with the open legend
    // (a 925 x 1000 window: a box 554 x 860, the legend 224 x 430 at its top left).
    const tall = { width: 554, height: 860 };
    const legend = { left: 10, top: 10, right: 234, bottom: 440 };
    const bounds = cgtn.story.view.bounds as BBox;
    const aspect = aspectOf(bounds);
    expect(aspect).toBeGreaterThan(1.4);
    // By area alone the strip beside the legend wins; for the story's shape, the room below it.
    expect(framePadding(tall, [legend]).left).toBe(234 + 12 + LABEL_ROOM);
    const below = paddingToFrame(tall, [legend], bounds);
    expect(below.top).toBe(440 + 12);
    expect(below.left).toBe(baseMargin(tall).left);
    const width = (p: ReturnType<typeof framePadding>) => {
      const c = fitCamera(bounds, tall, p);
      return project(c, tall, [bounds[2], bounds[1]])[0] - project(c, tall, [bounds[0], bounds[1]])[0];
    };
    expect(width(below)).toBeGreaterThan(1.4 * width(framePadding(tall, [legend])));
    // A desktop's wide box keeps the story beside the legend, either way.
    const wide = { width: 767, height: 660 };
    const legendWide = { left: 10, top: 10, right: 234, bottom: 440 };
    expect(paddingToFrame(wide, [legendWide], bounds)).toEqual(framePadding(wide, [legendWide]));
  });

  it('weighs the sides of several boxes together: a tall route below the legend and left of the card, not in the strip above the card', () => {
    // The Suez map at 1024x768 (a box 614 x 690): the open legend at its top left, the canal's card
    // at its bottom right. Box by box, the canal (three times as tall as wide) went right of the
    // legend, then above the card: a strip 255 px tall.
    const box = { width: 614, height: 690 };
    const legend = { left: 10, top: 10, right: 234, bottom: 210 };
    const card = { left: 284, top: 255, right: 604, bottom: 665 };
    const aspect = 1 / 3;
    const p = framePadding(box, [legend, card], { aspect });
    const room = (q: typeof p) => ({ x: box.width - q.left - q.right, y: box.height - q.top - q.bottom });
    expect(p.top).toBe(210 + 12);
    expect(p.right).toBe(box.width - 284 + 12 + LABEL_ROOM);
    // Box by box it had at most the 255 px above the card, less its margins.
    expect(room(p).y).toBeGreaterThan(1.4 * 255);
    // Clear of both boxes.
    expect(p.top).toBeGreaterThan(legend.bottom);
    expect(box.width - p.right).toBeLessThan(card.left);
  });

  it('ignores an overlay that would leave too little map, and one outside the map', () => {
    const huge = { left: 0, top: 0, right: 380, bottom: 400 };
    expect(framePadding(phone, [huge])).toEqual(baseMargin(phone));
    expect(framePadding(phone, [{ left: 500, top: 0, right: 600, bottom: 100 }])).toEqual(baseMargin(phone));
  });

  it('the clear area is the map less what covers it, with a small margin', () => {
    const card = { left: 10, top: 250, right: 380, bottom: 395 };
    expect(clearArea(phone, [card])).toEqual({ left: 8, top: 8, right: 382, bottom: 242 });
    expect(clearArea(phone)).toEqual({ left: 8, top: 8, right: 382, bottom: 397 });
  });

  it('a lone point gets room around it; one feature may come closer than several', () => {
    expect(featureFrame([13, 32, 13, 32], 1)).toEqual({ bounds: [13 - POINT_PAD, 32 - POINT_PAD, 13 + POINT_PAD, 32 + POINT_PAD], maxZoom: MAX_ZOOM_ONE });
    expect(featureFrame([10, 20, 15, 25], 3)).toEqual({ bounds: [10, 20, 15, 25], maxZoom: MAX_ZOOM_MANY });
    // In a story told close in, the room is a tenth of the story's extent (here 0.5°: 0.05 each way).
    expect(featureFrame([13, 32, 13, 32], 1, [12.8, 31.9, 13.3, 32.2]).bounds).toEqual([12.95, 31.95, 13.05, 32.05]);
    expect(featureFrame([13, 32, 13, 32], 1, [0, 20, 40, 40]).bounds).toEqual([13 - POINT_PAD, 32 - POINT_PAD, 13 + POINT_PAD, 32 + POINT_PAD]);
  });

  it('fits bounds inside the padded room, as MapLibre’s fitBounds does', () => {
    const b: BBox = [-10, -10, 10, 10];
    const cam = fitCamera(b, { width: 512, height: 512 }, none);
    // Taller than wide in Mercator: the latitude span decides.
    expect(cam.zoom).toBeCloseTo(Math.log2(1 / (mercY(-10) - mercY(10))), 6);
    expect(cam.center[0]).toBeCloseTo(0, 9);
    const pad = { top: 20, right: 60, bottom: 150, left: 30 };
    const size = { width: 800, height: 600 };
    const c = fitCamera([20, 30, 40, 40], size, pad);
    const [x0, y0] = project(c, size, [20, 40]);
    const [x1, y1] = project(c, size, [40, 30]);
    // Fills the room one way, fits inside it the other, centred in the room.
    expect(x0).toBeGreaterThanOrEqual(pad.left - 1e-6);
    expect(x1).toBeLessThanOrEqual(size.width - pad.right + 1e-6);
    expect(y0).toBeGreaterThanOrEqual(pad.top - 1e-6);
    expect(y1).toBeLessThanOrEqual(size.height - pad.bottom + 1e-6);
    expect(Math.min(Math.abs(x0 - pad.left), Math.abs(y0 - pad.top))).toBeLessThan(1e-6);
    expect((x0 + x1) / 2).toBeCloseTo((pad.left + size.width - pad.right) / 2, 6);
    expect((y0 + y1) / 2).toBeCloseTo((pad.top + size.height - pad.bottom) / 2, 6);
    // Never closer than maxZoom.
    expect(fitCamera([13, 32, 13.001, 32.001], size, pad, 8).zoom).toBe(8);
  });

  it('shows what it projects: shownBounds and project agree, and a pan moves content by the pixels asked', () => {
    const size = { width: 640, height: 480 };
    const cam = { center: [20, 35] as [number, number], zoom: 5 };
    const [w, s, e, n] = shownBounds(cam, size);
    expect(project(cam, size, [w, n])[0]).toBeCloseTo(0, 6);
    expect(project(cam, size, [w, n])[1]).toBeCloseTo(0, 6);
    expect(project(cam, size, [e, s])[0]).toBeCloseTo(640, 6);
    expect(project(cam, size, [e, s])[1]).toBeCloseTo(480, 6);
    const moved = panCamera(cam, -40, 25);
    const before = project(cam, size, [22, 36]);
    const after = project(moved, size, [22, 36]);
    expect(after[0] - before[0]).toBeCloseTo(40, 6);
    expect(after[1] - before[1]).toBeCloseTo(-25, 6);
  });

  it('nudges a box into the clear area by the least move, or centres one too big for it', () => {
    const clear = { left: 8, top: 8, right: 382, bottom: 242 };
    expect(nudge({ left: 100, top: 100, right: 150, bottom: 140 }, clear)).toBeNull();
    expect(nudge({ left: 100, top: 230, right: 150, bottom: 276 }, clear)).toEqual([0, -34]);
    expect(nudge({ left: 0, top: 10, right: 40, bottom: 50 }, clear)).toEqual([8, 0]);
    expect(nudge({ left: 0, top: 0, right: 500, bottom: 50 }, clear)).toEqual([195 - 250, 8]);
  });

  it('moves a selected feature into the clear part it reaches with the least move, not always the biggest', () => {
    // A map of 767 x 718 px (the Suez map at 1280 x 800): the legend top left, the card bottom
    // right; a point's box (the Ever Given's ring and its name) just under the card's top edge.
    const size = { width: 767, height: 718 };
    const legend = { left: 10, top: 10, right: 234, bottom: 212 };
    const card = { left: 437, top: 390, right: 757, bottom: 708 };
    const ring = { left: 392, top: 345, right: 610, bottom: 400 };
    const areas = clearAreas(size, [legend, card]);
    // Left of the card (below the legend) is the biggest part: clearArea's, 181 px to the left.
    expect(areas).toContainEqual(clearArea(size, [legend, card]));
    expect(nudge(ring, clearArea(size, [legend, card]))![0]).toBeLessThan(-150);
    // Above the card, beside the legend, is reached by 18 px up.
    expect(clearMove(size, [legend, card], ring)).toEqual([0, 382 - 400]);
    // Clear already: no move. Nothing clear holds it: centred in the biggest part, as before.
    expect(clearMove(size, [legend, card], { left: 300, top: 250, right: 400, bottom: 300 })).toBeNull();
    const huge = { left: 0, top: 0, right: 700, bottom: 700 };
    expect(clearMove(size, [legend, card], huge)).toEqual(nudge(huge, clearArea(size, [legend, card])));
    // Every clear part is clear of both panels, and at least 48 px each way.
    for (const a of areas) {
      expect(boxesOverlap(a, legend) || boxesOverlap(a, card), JSON.stringify(a)).toBe(false);
      expect(Math.min(a.right - a.left, a.bottom - a.top)).toBeGreaterThanOrEqual(48);
    }
  });

  it('a point’s box holds its label on either side of it, or under it, as the map breaks it', () => {
    const b = pointBox(100, 100, 'Tripoli');
    expect(b.top).toBeLessThan(100);
    expect(b.bottom).toBeGreaterThan(125);
    // "Tripoli" (7 letters at 12.5 px, one em from the point) right of it or left of it.
    expect(b.right).toBeGreaterThan(100 + 12.5 + 7 * 6);
    expect(b.left).toBeLessThan(100 - 12.5 - 7 * 6);
    // A long name as the map breaks it (at most 9 em a line: "compressor station" the widest), not as one line.
    const r = pointBox(100, 100, 'Russkaya compressor station');
    expect(r.right - 100).toBeGreaterThan(12.5 + 18 * 6);
    expect(r.right - 100).toBeLessThan(12.5 + 27 * 6);
    expect(r.top).toBeLessThanOrEqual(100 - 15);
    // Under the point, all its lines: "Baghdad International Airport" is three, one em below it.
    expect(labelLinesOf('Baghdad International Airport')).toHaveLength(3);
    expect(pointBox(100, 100, 'Baghdad International Airport').bottom).toBeGreaterThanOrEqual(100 + 12.5 + 3 * 15);
    // One line under the point, 1.3 em from it (a selected point's name, beside its larger circle), and its halo.
    expect(pointBox(100, 100, 'Tripoli').bottom).toBeCloseTo(100 + 1.3 * 12.5 + 15 + 4, 6);
  });

  it('a point’s box with its label right of it only, where the map sets it first, for a clear area too narrow for both sides', () => {
    const both = pointBox(100, 100, 'Kıyıköy receiving terminal');
    const right = pointBox(100, 100, 'Kıyıköy receiving terminal', 'right');
    expect(right.right).toBe(both.right);
    expect(right.left).toBe(100 - 12);
    expect([right.top, right.bottom]).toEqual([both.top, both.bottom]);
    const clear = { left: 8, top: 8, right: 8 + (both.right - both.left) - 1, bottom: 300 };
    expect(fitsIn(both, clear)).toBe(false);
    expect(fitsIn(right, clear)).toBe(true);
  });

  it('tells boxes that overlap from boxes that only touch', () => {
    const a = { left: 0, top: 0, right: 10, bottom: 10 };
    expect(boxesOverlap(a, { left: 9, top: 9, right: 20, bottom: 20 })).toBe(true);
    expect(boxesOverlap(a, { left: 10, top: 0, right: 20, bottom: 10 })).toBe(false);
    expect(boxesOverlap(a, { left: 0, top: 11, right: 10, bottom: 20 })).toBe(false);
  });
});

describe('camera targets', () => {
  const padding = baseMargin(desktop);

  it('frames features with the rule, areas with the story’s zoom limit, and passes a centre and zoom through', () => {
    const one = cameraFor({ features: ['libya:tripoli'] }, cgtn, desktop, padding)!;
    expect(one.zoom).toBe(MAX_ZOOM_ONE);
    expect(one.center[0]).toBeCloseTo(13.187, 0);
    const many = cameraFor({ features: cgtn.featuresByPassage.get('iraq-strikes')! }, cgtn, desktop, padding)!;
    expect(many.zoom).toBeLessThanOrEqual(MAX_ZOOM_MANY);
    const story = cameraFor({ bounds: cgtn.story.view.bounds as BBox }, cgtn, desktop, padding)!;
    expect(story.zoom).toBeLessThan(4);
    expect(cameraFor({ center: [1, 2], zoom: 3 }, cgtn, desktop, padding)).toEqual({ center: [1, 2], zoom: 3 });
    expect(cameraFor({ features: ['libya:atlantis'] }, cgtn, desktop, padding)).toBeNull();
  });

  // A story that opens closer in than MAX_ZOOM_ONE zoomed out on every click (a river flood's story,
  // at a 5 km scale bar, went to a 30 km one): never further out than the story opens.
  it('frames a place of a story told close in no further out than the story opens', () => {
    const close = { ...cgtn, story: { ...cgtn.story, view: { ...cgtn.story.view, bounds: [13.05, 32.8, 13.35, 32.95] as BBox } } };
    const opening = storyCamera(close, desktop, padding).zoom;
    expect(opening).toBeGreaterThan(MAX_ZOOM_ONE + 1);
    const bare = storyCamera(close, desktop, { top: 0, right: 0, bottom: 0, left: 0 }).zoom;
    const one = cameraFor({ features: ['libya:tripoli'] }, close, desktop, padding)!;
    expect(one.zoom).toBeGreaterThanOrEqual(opening);
    expect(one.zoom).toBeCloseTo(bare, 6);
    // With a card open over the lower half (the padding of that moment), no further out either: the
    // limit is the story on the whole map, not on what the card leaves (8.75 against 9.06 before).
    const card = cameraFor({ features: ['libya:tripoli'] }, close, desktop, { ...padding, bottom: padding.bottom + 300 })!;
    expect(card.zoom).toBeGreaterThanOrEqual(opening);
    const many = cameraFor({ features: ['libya:tripoli', 'libya:benghazi'] }, close, desktop, padding)!;
    expect(many.zoom).toBeLessThan(MAX_ZOOM_MANY);
  });

  // At 1440x900 the passage on Iran's strikes framed Al Asad's ring beside the open legend: right of
  // it stood Baghdad airport's ring, left of it the legend, and its name was hidden there.
  it('keeps room for the framed points’ names clear of a panel: Al Asad’s beside the legend', () => {
    const size = { width: 863, height: 742 };
    const legend = { left: 10, top: 10, right: 233, bottom: 448 };
    const keys = cgtn.featuresByPassage.get('iraq-strikes')!;
    const pad = (b: BBox) => paddingToFrame(size, [legend], b);
    const asad = cgtn.features.get('iraq-bases:al-asad-airbase')!;
    const at: [number, number] = [asad.bbox[0], asad.bbox[1]];
    const points = keys.flatMap((k) => {
      const f = cgtn.features.get(k)!;
      return f.kind === 'point' ? [{ at: [f.bbox[0], f.bbox[1]] as [number, number], name: f.label ?? f.name }] : [];
    });
    // Without the panels, as before: the name's side (left: right of the ring is Baghdad's) runs under the legend.
    const before = cameraFor({ features: keys }, cgtn, size, pad)!;
    const [x0] = project(before, size, at);
    expect(x0 - legend.right).toBeLessThan(nameBox(0, 0, 'Al Asad Airbase', 'left').right - nameBox(0, 0, 'Al Asad Airbase', 'left').left);
    expect(nameRoom(before, size, points, [legend])?.left).toBeGreaterThan(20);
    // With them: no name of the three asks for more room, and the passage is framed a little further out.
    const after = cameraFor({ features: keys }, cgtn, size, pad, [legend])!;
    expect(nameRoom(after, size, points, [legend])).toBeNull();
    expect(after.zoom).toBeLessThan(before.zoom);
    expect(after.zoom).toBeGreaterThan(before.zoom - 0.5);
    // A passage whose names have room is framed as it was.
    const libya = cgtn.featuresByPassage.get('libya-war')!;
    expect(cameraFor({ features: libya }, cgtn, size, pad, [legend])).toEqual(cameraFor({ features: libya }, cgtn, size, pad));
  });

  // On a 390 px phone the passage on Libya's war framed Tobruk's ring just left of the zoom buttons:
  // its name, right of the ring (left of it stood Benghazi's), went under them and was hidden.
  it('keeps a framed point’s name clear of the map’s buttons too: Tobruk’s on a phone', () => {
    const size = { width: 390, height: 310 };
    const layers = { left: 10, top: 10, right: 87, bottom: 42 };
    const controls = [{ left: 351, top: 10, right: 380, bottom: 68 }, { left: 266, top: 10, right: 345, bottom: 38 }];
    const pad = (b: BBox) => paddingToFrame(size, [layers], b);
    const keys = cgtn.featuresByPassage.get('libya-war')!;
    const points = keys.flatMap((k) => {
      const f = cgtn.features.get(k)!;
      return f.kind === 'point' && !f.context ? [{ at: [f.bbox[0], f.bbox[1]] as [number, number], name: f.label ?? f.name }] : [];
    });
    expect(points.map((p) => p.name)).toContain('Tobruk');
    const others = [...cgtn.features.values()].filter((f) => f.kind === 'point' && !f.context && !keys.includes(f.key)).map((f) => [f.bbox[0], f.bbox[1]] as [number, number]);
    // Clear of the panel only, as before: Tobruk's name runs under the zoom buttons.
    const before = cameraFor({ features: keys }, cgtn, size, pad, [layers])!;
    expect(nameRoom(before, size, points, [layers, ...controls], others)?.right).toBeGreaterThan(0);
    // Clear of the buttons too: no framed name under them, a little further out.
    const after = cameraFor({ features: keys }, cgtn, size, pad, [layers], controls)!;
    expect(nameRoom(after, size, points, [layers, ...controls], others)).toBeNull();
    expect(after.zoom).toBeLessThan(before.zoom);
    expect(after.zoom).toBeGreaterThan(before.zoom - 0.3);
  });

  // "TurkStream pipelines" at 1280x800 framed the four pipes with their Turkish end beside the open
  // legend: Malkoçlar's and Lüleburgaz's names, left of their dots, lay under it and were hidden.
  it('keeps room for the names of the places along framed lines, for up to ALONG_ZOOM_COST of zoom', () => {
    const pipes = ['turkstream:turkstream-offshore', 'turkstream:turkstream-offshore-string-parallel', 'turkstream:turkstream-onshore-string1', 'turkstream:turkstream-onshore-string2'];
    // The pipes' own places: their ends and the stations on them, not the Istanbul layer's points within their bounds.
    expect([...placesAlong(cgtn, new Set(pipes))].sort()).toEqual(['turkstream:ts-anapa-landfall', 'turkstream:ts-kiyikoy-terminal', 'turkstream:ts-luleburgaz-tiein', 'turkstream:ts-malkoclar-border', 'turkstream:ts-russkaya-cs']);
    // Points framed on their own, or with a line whose bounds hold no other place of its layer: none.
    expect(placesAlong(cgtn, new Set(cgtn.featuresByPassage.get('iraq-strikes')!)).size).toBe(0);
    expect(placesAlong(cgtn, new Set(['turkstream:turkstream-onshore-string1', 'turkstream:ts-kiyikoy-terminal', 'turkstream:ts-luleburgaz-tiein'])).size).toBe(0);
    const named = (keys: string[]) => keys.map((k) => {
      const f = cgtn.features.get(k)!;
      return { at: [f.bbox[0], f.bbox[1]] as [number, number], name: f.label ?? f.name };
    });
    const all = named([...placesAlong(cgtn, new Set(pipes))]);
    // 1280x800: the map's box, its legend and buttons as measured there.
    const size = { width: 767, height: 643 };
    const legend = { left: 10, top: 10, right: 234, bottom: 449 };
    const controls = [{ left: 728, top: 10, right: 757, bottom: 68 }];
    const pad = (b: BBox) => paddingToFrame(size, [legend], b);
    // Framed for the pipes alone (as before), the Turkish end's names run under the legend.
    const before = cameraFor({ features: pipes }, { ...cgtn, features: new Map([...cgtn.features].filter(([k]) => !k.includes(':ts-'))) }, size, pad, [legend], controls)!;
    expect(nameRoom(before, size, all, [legend, ...controls])?.left).toBeGreaterThan(20);
    // Framed now: none of the places' names asks for room, a little further out.
    const after = cameraFor({ features: pipes }, cgtn, size, pad, [legend], controls)!;
    expect(nameRoom(after, size, all, [legend, ...controls])).toBeNull();
    expect(after.zoom).toBeLessThan(before.zoom);
    expect(after.zoom).toBeGreaterThanOrEqual(before.zoom - ALONG_ZOOM_COST);
    // On a 390 px phone room for all of them would cost most of a zoom level: the pipes are framed
    // with room for as many as ALONG_ZOOM_COST allows, the cheapest first: Anapa's, whose name ran
    // off the map's right edge past the pipe's eastern end, and was hidden.
    const phone = { width: 390, height: 310 };
    const layers = { left: 10, top: 10, right: 87, bottom: 42 };
    const buttons = [{ left: 351, top: 10, right: 380, bottom: 68 }, { left: 266, top: 10, right: 345, bottom: 38 }];
    const phonePad = (b: BBox) => paddingToFrame(phone, [layers], b);
    const phoneBefore = cameraFor({ features: pipes }, { ...cgtn, features: new Map([...cgtn.features].filter(([k]) => !k.includes(':ts-') || pipes.includes(k))) }, phone, phonePad, [layers], buttons)!;
    const anapa = named(['turkstream:ts-anapa-landfall']);
    const dots = all.filter((p) => p.name !== anapa[0]!.name).map((p) => p.at);
    expect(nameRoom(phoneBefore, phone, anapa, [layers, ...buttons], dots)?.right).toBeGreaterThan(0);
    expect(nameRoom(phoneBefore, phone, all, [layers, ...buttons])).not.toBeNull();
    const phoneAfter = cameraFor({ features: pipes }, cgtn, phone, phonePad, [layers], buttons)!;
    expect(nameRoom(phoneAfter, phone, anapa, [layers, ...buttons], dots)).toBeNull();
    expect(phoneAfter.zoom).toBeLessThan(phoneBefore.zoom);
    expect(phoneAfter.zoom).toBeGreaterThanOrEqual(phoneBefore.zoom - ALONG_ZOOM_COST);
    // Not room for all: that would cost more than ALONG_ZOOM_COST.
    expect(nameRoom(phoneAfter, phone, all, [layers, ...buttons])).not.toBeNull();
  });

  it('takes a name where the map would set it: the first side of its point no other point stands in', () => {
    const size = { width: 400, height: 400 };
    const camera: Camera = { center: [0, 0], zoom: 4 };
    const [x, y] = project(camera, size, [0, 0]);
    const name = 'Somewhere';
    const right = nameBox(x, y, name, 'right');
    expect(right.left).toBeGreaterThan(x);
    expect(nameBox(x, y, name, 'left').right).toBeLessThan(x);
    expect(nameBox(x, y, name, 'above').bottom).toBeLessThan(y);
    expect(nameBox(x, y, name, 'below').top).toBeGreaterThan(y);
    // A panel right of the point, over the name's first side: room asked on the map's right.
    const panel = { left: right.left + 10, top: 0, right: 400, bottom: 400 };
    expect(nameRoom(camera, size, [{ at: [0, 0], name }], [panel])!.right).toBeGreaterThan(0);
    // With another point on that side, the name goes left, and the panel is no matter.
    const beside: [number, number] = [0.5, 0];
    expect(project(camera, size, beside)[0]).toBeLessThan(right.right);
    expect(nameRoom(camera, size, [{ at: [0, 0], name }], [panel], [beside])).toBeNull();
    // Near the map's left edge the name goes right, as the map sets it: no room asked. Near its right
    // edge it runs off: room asked on that side. fitNamed frames it so that none is asked.
    expect(nameRoom({ center: [8, 0], zoom: 4 }, size, [{ at: [0, 0], name }], [])).toBeNull();
    expect(nameRoom({ center: [-8, 0], zoom: 4 }, size, [{ at: [0, 0], name }], [])?.right).toBeGreaterThan(0);
    const fitted = fitNamed([-0.5, -0.5, 0.5, 0.5], size, { top: 0, right: 0, bottom: 0, left: 0 }, 8, [{ at: [0, 0], name }], [panel]);
    expect(nameRoom(fitted, size, [{ at: [0, 0], name }], [panel])).toBeNull();
    expect(fitted.zoom).toBeLessThanOrEqual(8);
  });
});

describe('the first camera of a new map', () => {
  const padding = baseMargin(desktop);
  const picture = { center: [24, 37] as [number, number], zoom: 2.7 };

  it('with nothing asked: under the first-paint picture, else the story’s view', () => {
    const s = new StoryState(cgtn);
    const story = firstCamera(s, cgtn, desktop, padding);
    expect(story.from).toBe('story');
    expect(story.camera).toEqual(cameraFor({ bounds: cgtn.story.view.bounds as BBox }, cgtn, desktop, padding));
    // The picture frames the story about as the map would: the map starts under it.
    const near = { center: picture.center, zoom: story.camera.zoom - REFRAME_ZOOM / 2 };
    expect(firstCamera(s, cgtn, desktop, padding, near)).toEqual({ camera: near, from: 'picture', applied: 0 });
    // It draws the story clearly smaller (a tall box, the story beside the legend): the map starts at its own framing.
    const small = { center: picture.center, zoom: story.camera.zoom - 2 * REFRAME_ZOOM };
    expect(firstCamera(s, cgtn, desktop, padding, small)).toEqual({ ...story, from: 'story' });
    // It draws the story clearly bigger than the map can hold it (framed for more than the map's
    // box): the map frames the story itself rather than start with its edge cut off.
    const big = { center: picture.center, zoom: story.camera.zoom + 2 * REFRAME_ZOOM };
    expect(firstCamera(s, cgtn, desktop, padding, big)).toEqual({ ...story, from: 'story' });
    // A map already on screen (the early map the reader has, perhaps moved) stays where it is, even
    // zoomed out further than the story's framing would reframe; a selection made before still wins.
    const moved = { center: [30, 40] as [number, number], zoom: story.camera.zoom - 3 * REFRAME_ZOOM };
    expect(firstCamera(s, cgtn, desktop, padding, small, moved)).toEqual({ camera: moved, from: 'shown', applied: 0 });
    s.select('libya:tripoli', { cause: 'url' });
    expect(firstCamera(s, cgtn, desktop, padding, small, moved).from).toBe('intent');
  });

  it('a selection made before the map existed is framed at once, and counts as applied', () => {
    const s = new StoryState(cgtn);
    s.select('libya:tripoli', { cause: 'url' });
    const start = firstCamera(s, cgtn, desktop, padding, picture);
    expect(start.from).toBe('intent');
    expect(start.camera.zoom).toBe(MAX_ZOOM_ONE);
    expect(start.applied).toBe(s.camera!.id);
  });

  it('a map made again starts where the last one rested, not at an intent that view already shows', () => {
    const s = new StoryState(cgtn);
    s.select('iraq-bases:tehran', { cause: 'api' });
    s.reportView({ center: [47.1, 34.2], zoom: 5.5 }, s.camera!.id);
    expect(firstCamera(s, cgtn, desktop, padding, picture)).toEqual({ camera: { center: [47.1, 34.2], zoom: 5.5 }, from: 'view', applied: s.camera!.id });
    // An intent made since (while the map was gone) wins.
    s.select('libya:tripoli', { cause: 'api' });
    expect(firstCamera(s, cgtn, desktop, padding).from).toBe('intent');
  });

  it('a link’s view is where the map starts, without a flight to the link’s selection', () => {
    const s = new StoryState(cgtn);
    s.select('iraq-bases:tehran', { move: false, cause: 'url' });
    s.moveCamera({ center: [44.5, 33.2], zoom: 6 }, false);
    expect(firstCamera(s, cgtn, desktop, padding, picture).camera).toEqual({ center: [44.5, 33.2], zoom: 6 });
  });
});

describe('framing again when a panel comes over what a link framed', () => {
  const idlib = { features: ['syria-idlib:idlib-governorate'] };
  const size = { width: 767, height: 658 };
  // The open legend (top left) from the start; the card (bottom right) only later.
  const legend = { left: 10, top: 10, right: 234, bottom: 468 };
  const card = { left: 437, top: 381, right: 757, bottom: 648 };
  const padFor = (panels: { left: number; top: number; right: number; bottom: number }[]) => (bounds: BBox) => paddingToFrame(size, panels, bounds);
  const early = cameraFor(idlib, cgtn, size, padFor([legend]))!;

  it('frames it again, beside the card, when the card came over it, as if it had been there', () => {
    const box = frameBox(idlib, cgtn, size, early)!;
    expect(boxesOverlap(box, card), 'the area framed without the card runs under it').toBe(true);
    const next = reframeCamera(idlib, cgtn, size, padFor([legend, card]), [legend, card], early)!;
    expect(next).toEqual(cameraFor(idlib, cgtn, size, padFor([legend, card])));
    expect(next.zoom).toBeLessThan(early.zoom);
    expect(boxesOverlap(frameBox(idlib, cgtn, size, next)!, card)).toBe(false);
  });

  it('leaves it alone when nothing is under a panel, or framing again would not move it', () => {
    // A small card that covers none of it.
    const corner = { left: 700, top: 620, right: 757, bottom: 648 };
    expect(reframeCamera(idlib, cgtn, size, padFor([legend, corner]), [legend, corner], early)).toBeNull();
    // Already framed with the card there.
    const framed = cameraFor(idlib, cgtn, size, padFor([legend, card]))!;
    expect(reframeCamera(idlib, cgtn, size, padFor([legend, card]), [legend, card], framed)).toBeNull();
    // A centre and zoom (the host's setView) frames nothing.
    expect(reframeCamera({ center: [36, 35], zoom: 8 }, cgtn, size, padFor([legend, card]), [card], early)).toBeNull();
  });

  it('tells the same view within a pixel and a thousandth of a zoom level', () => {
    expect(sameCamera(early, { ...early }, size)).toBe(true);
    expect(sameCamera(early, { ...early, zoom: early.zoom + 0.01 }, size)).toBe(false);
    expect(sameCamera(early, panCamera(early, 0.5, 0), size)).toBe(true);
    expect(sameCamera(early, panCamera(early, 3, 0), size)).toBe(false);
  });
});

describe('coveringBoxes: what covers a map, in its own pixels', () => {
  const el = (left: number, top: number, width: number, height: number, children: Element[] = []) =>
    ({ children, getBoundingClientRect: () => ({ left, top, right: left + width, bottom: top + height, width, height }) }) as unknown as Element;

  it("measures each wrapper's children against the frame, and skips what is not drawn", () => {
    const frame = el(100, 50, 800, 600);
    const legend = el(110, 60, 224, 300);
    const hidden = el(0, 0, 0, 0);
    const card = el(600, 400, 280, 200);
    const boxes = coveringBoxes(frame, [el(100, 50, 800, 600, [legend, hidden]), el(100, 50, 800, 600, [card])]);
    expect(boxes).toEqual([
      { left: 10, top: 10, right: 234, bottom: 310 },
      { left: 500, top: 350, right: 780, bottom: 550 },
    ]);
    expect(coveringBoxes(frame, [])).toEqual([]);
  });
});
