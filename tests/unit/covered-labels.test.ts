// Names under the map's panels (the basemap's, and the story's but the selected one's): hidden by
// feature-state while covered, shown again after, with only the changes written (each one repaints the map).
import { describe, expect, it } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { BASEMAP_LABEL_LAYERS, CoveredLabels, edgeStrips, judgeAll, repeatDistance, unjudged } from '../../src/lib/map/covered-labels';
import { createPropertyExpression, latest } from '@maplibre/maplibre-gl-style-spec';
import { drawnPointRadius } from '../../src/lib/map/style';
import { STACK_PX, stackedLabels } from '../../src/lib/map/label-sides';
import { basemapLabelLayers, COVERED_OPACITY, JUDGED_OPACITY } from '../../src/lib/map/basemap-style';
import type { Box } from '../../src/lib/map/framing';

type Name = { id?: number; name: string; at: [number, number]; layer?: string; source?: string };

/**
 * Names drawn at points of the canvas; a query box finds those whose point it holds. A name of a
 * story layer (`source`) comes from a GeoJSON source, with no source layer.
 */
function fakeMap(names: Name[], layers: readonly string[] = BASEMAP_LABEL_LAYERS) {
  const states = new Map<string, Record<string, unknown>>();
  const writes: string[] = [];
  const key = (r: { source?: string; sourceLayer?: string; id?: string | number }) => `${r.sourceLayer ?? r.source}:${r.id}`;
  let styleLoaded = true;
  const map = {
    isStyleLoaded: () => styleLoaded,
    getLayer: (id: string) => (layers.includes(id) ? { id } : undefined),
    queryRenderedFeatures: (box: [[number, number], [number, number]] | { layers: string[] }, o?: { layers: string[] }) => {
      // With no box, the whole canvas (MapLibre's queryRenderedFeatures(options)).
      const [[x0, y0], [x1, y1]] = Array.isArray(box) ? box : [[-Infinity, -Infinity], [Infinity, Infinity]];
      const opts = (Array.isArray(box) ? o : box)!;
      return names
        .filter((n) => opts.layers.includes(n.layer ?? 'place-labels') && n.at[0] >= x0 && n.at[0] <= x1 && n.at[1] >= y0 && n.at[1] <= y1)
        .map((n) => ({
          id: n.id,
          ...(n.source ? { source: n.source } : { source: 'basemap', sourceLayer: n.layer === 'country-labels' ? 'country_label' : 'place' }),
          properties: { name: n.name },
          // Where the name's point is: the canvas's pixels are its "longitude and latitude" here (project is the identity).
          geometry: { type: 'Point', coordinates: n.at },
          layer: { id: n.layer ?? 'place-labels' },
          state: states.get(key(n.source ? { source: n.source, id: n.id } : { sourceLayer: n.layer === 'country-labels' ? 'country_label' : 'place', id: n.id })) ?? {},
        }));
    },
    project: ([x, y]: [number, number]) => ({ x, y }),
    getZoom: () => 3,
    setFeatureState: (r: { sourceLayer?: string; id?: string | number }, s: Record<string, unknown>) => {
      writes.push(`set ${key(r)}`);
      states.set(key(r), { ...states.get(key(r)), ...s });
    },
    removeFeatureState: (r: { sourceLayer?: string; id?: string | number }, k: string) => {
      writes.push(`remove ${key(r)}`);
      const s = { ...states.get(key(r)) };
      delete s[k];
      states.set(key(r), s);
    },
  };
  const covered = () => [...states].filter(([, s]) => s.covered === true).map(([k]) => k).sort();
  const judged = () => [...states].filter(([, s]) => s.judged === true).map(([k]) => k).sort();
  return { map: map as unknown as MapLibreMap, writes, covered, judged, setStyleLoaded: (v: boolean) => (styleLoaded = v) };
}

const legend: Box = { left: 0, top: 0, right: 100, bottom: 200 };
const card: Box = { left: 300, top: 300, right: 400, bottom: 400 };

describe('CoveredLabels', () => {
  it('hides the names under any panel (and at its very edge), and no other', () => {
    const f = fakeMap([
      { id: 1, name: 'Latakia', at: [90, 50] },
      { id: 2, name: 'Aleppo', at: [200, 50] },
      { id: 3, name: 'At the edge', at: [101, 10] },
      { id: 4, name: 'Under the card', at: [350, 350] },
    ]);
    new CoveredLabels(f.map).update([legend, card]);
    expect(f.covered()).toEqual(['place:1', 'place:3', 'place:4']);
  });

  it('shows a name again once no panel covers it, and writes only what changed', () => {
    const f = fakeMap([
      { id: 1, name: 'Latakia', at: [90, 50] },
      { id: 4, name: 'Under the card', at: [350, 350] },
    ]);
    const c = new CoveredLabels(f.map);
    c.update([legend, card]);
    c.update([legend, card]);
    // The second pass changed nothing, so wrote nothing (a write repaints, and the repaint calls this again).
    expect(f.writes).toEqual(['set place:1', 'set place:4']);
    c.update([legend]);
    expect(f.covered()).toEqual(['place:1']);
    expect(f.writes.slice(2)).toEqual(['remove place:4']);
  });

  it('shows a country’s name once where the tiles repeat it close by: the one nearest the map’s middle, or the next one clear of the panels', () => {
    const country = (id: number, name: string, at: [number, number]): Name => ({ id, name, at, layer: 'country-labels' });
    const frame = { width: 800, height: 600 };
    // Libya named beside its border in a column, 250 px apart, and once more far off; Tunisia beside it.
    const f = fakeMap([
      country(1, 'Libya', [400, 50]),
      country(2, 'Libya', [400, 300]),
      country(3, 'Libya', [400, 550]),
      country(4, 'Tunisia', [300, 300]),
      country(5, 'Libya', [780, 300]),
      { id: 6, name: 'Zuwarah', at: [420, 310] },
      { id: 7, name: 'Zuwarah', at: [420, 330] },
    ]);
    const c = new CoveredLabels(f.map);
    c.update([], frame);
    // The middle one stays; those within 600 px of it (0.6 of this map's diagonal) go; the one 380 px
    // off goes too, Tunisia and the towns are untouched (a place's name is never a repeat).
    expect(repeatDistance(frame)).toBe(600);
    expect(f.covered()).toEqual(['country_label:1', 'country_label:3', 'country_label:5']);
    // The card over the middle one (and the towns): those are hidden as covered, and the name above it
    // shows in its stead; the one below, 500 px from it, and the far one, 455 px off, do not.
    c.update([{ left: 350, top: 250, right: 450, bottom: 350 }], frame);
    expect(f.covered()).toEqual(['country_label:2', 'country_label:3', 'country_label:5', 'place:6', 'place:7']);
    // Where a panel covers that one too, the name below is the one shown: a country shown at all keeps a name.
    c.update([{ left: 350, top: 0, right: 450, bottom: 350 }], frame);
    expect(f.covered()).toEqual(['country_label:1', 'country_label:2', 'country_label:5', 'place:6', 'place:7']);
    // At 1440x900 the map (863 x 742) named IRAQ four times at the view of the bases Iran struck, 419-424
    // px from the middle one, and twice 535 px off at its foot: one is shown. A phone's map: 500 px.
    expect(repeatDistance({ width: 863, height: 742 })).toBeGreaterThan(600);
    expect(repeatDistance({ width: 390, height: 357 })).toBe(500);
    const iraq = fakeMap([country(1, 'Iraq', [431, 300]), country(2, 'Iraq', [431 + 340, 300 + 413]), country(3, 'Iraq', [431 + 340, 300 - 250])]);
    new CoveredLabels(iraq.map).update([], { width: 863, height: 742 });
    expect(iraq.covered()).toEqual(['country_label:2', 'country_label:3']);
    // Without the map's frame (a call that knows no size) names are not thinned.
    const g = fakeMap([country(1, 'Libya', [400, 50]), country(2, 'Libya', [400, 300])]);
    new CoveredLabels(g.map).update([]);
    expect(g.covered()).toEqual([]);
  });

  // Shown at once and hidden a moment later, a country's repeated names blinked as the reader zoomed:
  // on the app's map a country's name shows only once it has been looked at (judged).
  it('shows a country’s names only once it has looked at them: the one kept shown, the repeats and those under a panel hidden', () => {
    const country = (id: number, name: string, at: [number, number]): Name => ({ id, name, at, layer: 'country-labels' });
    const frame = { width: 800, height: 600 };
    const f = fakeMap([country(1, 'Syria', [400, 300]), country(2, 'Syria', [500, 300]), country(3, 'Turkey', [50, 50]), { id: 4, name: 'Aleppo', at: [420, 320] }]);
    const c = new CoveredLabels(f.map);
    c.update([legend], frame);
    // Every country name drawn is looked at; places are not (they are never repeats).
    expect(f.judged()).toEqual(['country_label:1', 'country_label:2', 'country_label:3']);
    expect(f.covered()).toEqual(['country_label:2', 'country_label:3']);
    // Each once: a second pass writes nothing.
    const n = f.writes.length;
    c.update([legend], frame);
    expect(f.writes.length).toBe(n);
    // The style's opacity: nothing until looked at, then shown unless hidden.
    const opacity = createPropertyExpression(JUDGED_OPACITY, 'text-opacity', (latest as unknown as Record<string, Record<string, unknown>>).paint_symbol!['text-opacity'] as never);
    if (opacity.result !== 'success') throw new Error('JUDGED_OPACITY does not parse');
    const at = (state: Record<string, unknown>) => (opacity.value as { evaluate: (...a: unknown[]) => number }).evaluate({ zoom: 6 }, { type: 'Point', properties: {} }, state);
    expect([at({}), at({ judged: true }), at({ judged: true, covered: true }), at({ covered: true })]).toEqual([0, 1, 0, 0]);
    // Only the app's map judges: the bare MapLibre page's style (no CoveredLabels) shows every name.
    const countries = (judged: boolean) => basemapLabelLayers({ italic: false }, {}, { judged }).find((l) => l.id === 'country-labels') as { paint: Record<string, unknown> };
    expect(countries(true).paint['text-opacity']).toEqual(JUDGED_OPACITY);
    expect(countries(false).paint['text-opacity']).toEqual(COVERED_OPACITY);
    // The probe counts a name not looked at as hidden.
    const feature = (layer: string, state: Record<string, unknown>) => ({ layer: { id: layer }, state }) as never;
    expect([unjudged(feature('country-labels', {})), unjudged(feature('country-labels', { judged: true })), unjudged(feature('place-labels', {}))]).toEqual([true, false, false]);
    // The map made before the app (early-map.ts) shows every name it draws: all looked at, none hidden.
    const early = fakeMap([country(1, 'Syria', [400, 300]), country(2, 'Syria', [500, 300]), { id: 4, name: 'Aleppo', at: [420, 320] }]);
    judgeAll(early.map);
    expect(early.judged()).toEqual(['country_label:1', 'country_label:2']);
    expect(early.covered()).toEqual([]);
  });

  it('treats the map’s edges as covering: a name running off any side is hidden, one inside is not', () => {
    const f = fakeMap([
      { id: 1, name: 'Off the left', at: [0, 300] },
      { id: 2, name: 'Off the right', at: [390, 100] },
      { id: 3, name: 'Off the top', at: [200, 0] },
      { id: 4, name: 'Off the bottom', at: [200, 300] },
      { id: 5, name: 'Inside', at: [200, 150] },
      // Two pixels in from the top: whole, and kept (a panel's margin does not apply to the map's edges).
      { id: 6, name: 'Near the top', at: [200, 2] },
    ]);
    new CoveredLabels(f.map).update([], { width: 390, height: 300 });
    expect(f.covered()).toEqual(['place:1', 'place:2', 'place:3', 'place:4']);
    expect(edgeStrips(390, 300)).toHaveLength(4);
  });

  it('hides the story’s labels a panel cuts or the map’s edge, not one that only grazes a panel, and only in the layers it is given', () => {
    const story = ['story:t:label', 'story:t:label-active'];
    const f = fakeMap(
      [
        // 1 px into the legend: its box's padding, the label reads whole.
        { id: 5, name: 'Grazing', at: [99, 50], layer: 'story:t:label', source: 'story:t' },
        // 3 px in: the panel cuts it.
        { id: 6, name: 'Cut', at: [97, 50], layer: 'story:t:label', source: 'story:t' },
        { id: 7, name: 'Under the card', at: [350, 350], layer: 'story:t:label-active', source: 'story:t' },
        { id: 8, name: 'Off the right edge', at: [500, 250], layer: 'story:t:label', source: 'story:t' },
        // The selected feature's label: its tier is not given, so it is never hidden.
        { id: 9, name: 'Selected', at: [360, 360], layer: 'story:t:label-selected', source: 'story:t' },
        { id: 10, name: 'In the open', at: [200, 250], layer: 'story:t:label', source: 'story:t' },
      ],
      [...BASEMAP_LABEL_LAYERS, ...story, 'story:t:label-selected'],
    );
    const c = new CoveredLabels(f.map);
    c.update([legend, card], { width: 500, height: 500 }, story);
    expect(f.covered()).toEqual(['story:t:6', 'story:t:7', 'story:t:8']);
    // Without the story's layers (a map whose story has none), only basemap names are looked at.
    c.update([legend, card], { width: 500, height: 500 });
    expect(f.covered()).toEqual([]);
  });

  it('hides a basemap name the story gives where it names a highlighted area, but not while the story’s name is hidden', () => {
    // Zoomed in on the Great Bitter Lake, the lake was named twice: the story's name of its
    // highlighted area, and the basemap's a few kilometres off.
    const story = ['story:w:label', 'story:w:name'];
    const names: Name[] = [
      { id: 1, name: 'Great Bitter Lake', at: [250, 250], layer: 'story:w:name', source: 'story-names' },
      { id: 2, name: 'Great Bitter Lake', at: [300, 200], layer: 'marine-labels' },
      { id: 3, name: 'Little Bitter Lake', at: [350, 150], layer: 'marine-labels' },
      // A point's label of the same name is not an area's name: the basemap keeps its own.
      { id: 4, name: 'Ismailia', at: [150, 250], layer: 'story:w:label', source: 'story:w' },
      { id: 5, name: 'Ismailia', at: [160, 260] },
    ];
    const f = fakeMap(names, [...BASEMAP_LABEL_LAYERS, ...story]);
    const c = new CoveredLabels(f.map);
    c.update([legend], { width: 500, height: 500 }, story);
    expect(f.covered()).toEqual(['place:2']);
    // Under the card the story's name is hidden: the basemap's shows again.
    c.update([legend, { left: 200, top: 220, right: 280, bottom: 280 }], { width: 500, height: 500 }, story);
    expect(f.covered()).toEqual(['story-names:1']);
  });

  it('a story’s name qualified in brackets hides the basemap’s bare name too, not a longer one', () => {
    // The Suez map's "Red Sea" selection: "GULF OF SUEZ (NORTHERN END)", the story's, under the
    // basemap's "Gulf of Suez" in the same hatched water.
    const story = ['story:w:name'];
    const names: Name[] = [
      { id: 1, name: 'Gulf of Suez (northern end)', at: [250, 250], layer: 'story:w:name', source: 'story-names' },
      { id: 2, name: 'Gulf of Suez', at: [260, 200], layer: 'marine-labels' },
      { id: 3, name: 'Gulf of Suez Coast', at: [300, 300], layer: 'marine-labels' },
    ];
    const f = fakeMap(names, [...BASEMAP_LABEL_LAYERS, ...story]);
    new CoveredLabels(f.map).update([legend], { width: 500, height: 500 }, story);
    expect(f.covered()).toEqual(['place:2']);
  });

  it('leaves alone names without an id, and a newsroom style without the basemap’s name layers', () => {
    const noId = fakeMap([{ name: 'No id', at: [10, 10] }]);
    new CoveredLabels(noId.map).update([legend]);
    expect(noId.writes).toEqual([]);
    const external = fakeMap([{ id: 1, name: 'Theirs', at: [10, 10], layer: 'their-labels' }], ['their-labels']);
    new CoveredLabels(external.map).update([legend]);
    expect(external.writes).toEqual([]);
  });

  it('waits while the map has no style to read (lost context, style being made), then starts again from nothing hidden', () => {
    const f = fakeMap([{ id: 1, name: 'Latakia', at: [90, 50] }]);
    const c = new CoveredLabels(f.map);
    c.update([legend]);
    f.setStyleLoaded(false);
    c.update([]);
    expect(f.writes).toEqual(['set place:1']);
    f.setStyleLoaded(true);
    c.forget();
    c.update([legend]);
    // Written again: the new style has no feature-states.
    expect(f.writes).toEqual(['set place:1', 'set place:1']);
  });

  it('every name layer of the basemap reads the state as opacity 0 (and the place dots too)', () => {
    const layers = basemapLabelLayers({ italic: true });
    expect(layers.map((l) => l.id).sort()).toEqual([...BASEMAP_LABEL_LAYERS].sort());
    for (const l of layers) {
      const paint = (l as { paint: Record<string, unknown> }).paint;
      expect(paint['text-opacity'], l.id).toEqual(['case', ['boolean', ['feature-state', 'covered'], false], 0, 1]);
    }
    expect((layers.find((l) => l.id === 'place-labels') as { paint: Record<string, unknown> }).paint['icon-opacity']).toEqual(['case', ['boolean', ['feature-state', 'covered'], false], 0, 1]);
  });
});

describe('stacked story points', () => {
  it('names only the first of points standing on one another, named or not, and points clear of them', () => {
    const hidden = stackedLabels([
      { key: 'istanbul:halic', x: 100.2, y: 100, order: 5 },
      { key: 'istanbul:istanbul', x: 100, y: 100, order: 4 },
      { key: 'turkstream:kiyikoy', x: 100, y: 80, order: 6 },
      { key: 'turkstream:luleburgaz', x: 103, y: 82, order: 7 },
    ]);
    expect([...hidden].sort()).toEqual(['istanbul:halic', 'turkstream:luleburgaz']);
    // Each against every point before it: a chain leaves only its first named.
    expect([...stackedLabels([{ key: 'a', x: 0, y: 0, order: 0 }, { key: 'b', x: 5, y: 0, order: 1 }, { key: 'c', x: 10, y: 0, order: 2 }])].sort()).toEqual(['b', 'c']);
    expect(stackedLabels([{ key: 'a', x: 0, y: 0, order: 0 }, { key: 'b', x: STACK_PX, y: 0, order: 1 }]).size).toBe(0);
    // Neighbours in the next cell of its grid, and off the map's top-left, are found too.
    expect([...stackedLabels([{ key: 'a', x: 5.9, y: 11.9, order: 0 }, { key: 'b', x: 6.2, y: 12.3, order: 1 }])]).toEqual(['b']);
    expect([...stackedLabels([{ key: 'a', x: -0.5, y: -3, order: 1 }, { key: 'b', x: 0.5, y: -1, order: 0 }])]).toEqual(['a']);
  });

  it('counts a context point as on one of the story’s own wherever that one’s symbol covers its centre (it is drawn under it)', () => {
    // Tripoli's highlighted circle (11 px at zoom 3) and Tarhuna's context dot 9 px from its centre.
    const tripoli = { key: 'tripoli', x: 0, y: 0, order: 0, reach: drawnPointRadius(3, { selected: true }) };
    const tarhuna = { key: 'tarhuna', x: 5.5, y: 6.8, order: 2, context: true, reach: drawnPointRadius(3, { context: true }) };
    expect(tripoli.reach).toBe(11);
    expect([...stackedLabels([tripoli, tarhuna])]).toEqual(['tarhuna']);
    // Not beyond the circle's reach, nor for a point of the story's own there (drawn beside it, not under it).
    expect([...stackedLabels([tripoli, { ...tarhuna, x: 9, y: 7 }])]).toEqual([]);
    expect([...stackedLabels([tripoli, { ...tarhuna, context: false }])]).toEqual([]);
    // Nor when the context point comes first in the order: it is then the one named, as before.
    expect([...stackedLabels([{ ...tripoli, order: 3 }, tarhuna])]).toEqual([]);
    // Unselected, the circle reaches 6.5 px: the dot 9 px away is clear of it.
    expect([...stackedLabels([{ ...tripoli, reach: drawnPointRadius(3, {}) }, tarhuna])]).toEqual([]);
  });

  it('hides the label of a point on one before it in the order (the selection’s first), whether that one has a label or not; never the selected one', () => {
    const POINTS = 'story:istanbul:circle';
    const LABEL = 'story:istanbul:label';
    const SELECTED = 'story:istanbul:label-selected';
    // The fake map's features: a point's circle and its label at the same place; `name` is the key.
    const at = { istanbul: [200, 100], halic: [200.3, 100], far: [260, 100], luleburgaz: [203, 101] } as const;
    const feature = (id: number, key: keyof typeof at, layer: string): Name => ({ id, name: `istanbul:${key}`, at: [...at[key]] as [number, number], layer, source: 'story:istanbul' });
    const names: Name[] = [
      feature(1, 'istanbul', POINTS), feature(2, 'halic', POINTS), feature(3, 'far', POINTS), feature(4, 'luleburgaz', POINTS),
      // Istanbul's own name had no room: only the centre's, the far point's and Lüleburgaz's are drawn.
      feature(2, 'halic', LABEL), feature(3, 'far', LABEL), feature(4, 'luleburgaz', LABEL),
    ];
    const f = fakeMap(names, [POINTS, LABEL, SELECTED]);
    const map = f.map as unknown as { queryRenderedFeatures: (...a: unknown[]) => { properties: Record<string, unknown> }[] };
    const query = map.queryRenderedFeatures.bind(map);
    map.queryRenderedFeatures = (...a: unknown[]) => query(...a).map((r) => ({ ...r, properties: { ...r.properties, key: r.properties.name } }));
    let selected = '';
    const reading = ['istanbul:istanbul', 'istanbul:halic', 'istanbul:far', 'istanbul:luleburgaz'];
    const order = { points: [POINTS], rank: (k: string) => (k === selected ? 0 : 1e6) + reading.indexOf(k) };
    const c = new CoveredLabels(f.map);
    c.update([], { width: 400, height: 300 }, [LABEL], order);
    // Istanbul is first, unnamed: the two on it lose their names too; the far one keeps its.
    expect(f.covered()).toEqual(['story:istanbul:2', 'story:istanbul:4']);
    // The centre selected: first in the order, its name stands (its layer never hides), Lüleburgaz's goes.
    selected = 'istanbul:halic';
    names[4]!.layer = SELECTED;
    c.update([], { width: 400, height: 300 }, [LABEL], order);
    expect(f.covered()).toEqual(['story:istanbul:4']);
  });
});
