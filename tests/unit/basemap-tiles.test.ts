// Reading the basemap's vector tiles without MapLibre (src/lib/map/basemap-tiles.ts): which tiles a
// view reads, each tile's water, borders and names cut to its own square (or to the square of the
// deeper tile it stands in for), and the names a map shows at a zoom, placed clear of the story.
import { describe, expect, it } from 'vitest';
import { decodeTile, decodeTiles, parentTile, tileKey, tilesCovering, tileUrl, tileZoom, type BasemapLabel } from '../../src/lib/map/basemap-tiles';
import { basemapLabelsAt, placeBasemapLabels, segmentCrosses, type SceneFeature } from '../../src/lib/fallback/scene';
import { createBoxRings, createFeature, createTile } from './fixtures';
import { countryMoveGapEm, COUNTRY_TEXT_SIZE, encodeCountryMoves, interpolateStops, type CountryMove } from '../../src/lib/map/basemap-style';

/** The [west, south, east, north] of a tile. */
function tileBounds({ z, x, y }: { z: number; x: number; y: number }): [number, number, number, number] {
  const n = 2 ** z;
  const lat = (t: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * t) / n))) * 180) / Math.PI;
  return [(x / n) * 360 - 180, lat(y + 1), ((x + 1) / n) * 360 - 180, lat(y)];
}
const inside = ([w, s, e, n]: number[], [lon, lat]: number[], eps = 1e-6) => lon! >= w! - eps && lon! <= e! + eps && lat! >= s! - eps && lat! <= n! + eps;
const allPositions = (g: { coordinates: unknown }): number[][] => (g.coordinates as unknown[]).flat(3).reduce<number[][]>((out, v, i, a) => (i % 2 ? out : [...out, [v as number, a[i + 1] as number]]), []);

describe('the tiles a view reads', () => {
  it('reads the zoom MapLibre would (the floor), within what the tiles are made for', () => {
    expect(tileZoom(5.99, 10)).toBe(5);
    expect(tileZoom(7, 10)).toBe(7);
    expect(tileZoom(12.4, 10)).toBe(10);
    expect(tileZoom(11, 14)).toBe(11);
    expect(tileZoom(-0.5, 10)).toBe(0);
    expect(tileZoom(NaN, 10)).toBe(0);
  });

  it('covers a box with the tiles of a zoom, each with its parent one zoom up', () => {
    // The South China Sea story's bounds at zoom 4: two columns, two rows.
    const tiles = tilesCovering([105, 8, 122, 22], 4);
    expect(tiles.map(tileKey).sort()).toEqual(['4/12/6', '4/12/7', '4/13/6', '4/13/7']);
    expect(parentTile({ z: 4, x: 13, y: 7 })).toEqual({ z: 3, x: 6, y: 3 });
    expect(parentTile({ z: 0, x: 0, y: 0 })).toBeNull();
    expect(tileUrl('https://tiles.example.org/basemap/{z}/{x}/{y}.pbf', { z: 9, x: 431, y: 229 })).toBe('https://tiles.example.org/basemap/9/431/229.pbf');
  });
});

describe('decoding a tile', () => {
  const t = { z: 4, x: 12, y: 7 };
  const [w, s, e, n] = tileBounds(t);
  // Water across the tile's east edge; a border across its north edge; names inside it, and one
  // just east of it (in its buffer: the next tile's).
  const layers = {
    water: [createFeature({ type: 'Polygon', coordinates: createBoxRings([w + 5, s + 2, e + 5, n - 2]) })],
    boundary: [createFeature({ type: 'LineString', coordinates: [[w + 3, s + 3], [w + 3, n + 5]] })],
    place: [
      createFeature({ type: 'Point', coordinates: [w + 2, s + 5] }, { name: 'Inland', minzoom: 4, rank: 7, capital: true, population: 1_500_000 }),
      createFeature({ type: 'Point', coordinates: [e + 0.1, s + 5] }, { name: 'Next door', minzoom: 4, rank: 3, capital: false, population: 9_000 }),
    ],
    marine_label: [createFeature({ type: 'Point', coordinates: [w + 8, s + 4] }, { name: 'Test Sea', kind: 'sea', minzoom: 3, maxzoom: 9, rank: 12 })],
    country_label: [createFeature({ type: 'Point', coordinates: [w + 1, s + 8] }, { name: 'Testland', area: 250_000 })],
  };

  it('cuts water and borders to the tile’s square, in longitude and latitude', async () => {
    const g = decodeTile({ ...t, data: await createTile(layers, t.z, t.x, t.y) });
    expect(g.water.features).toHaveLength(1);
    for (const p of allPositions(g.water.features[0]!.geometry)) expect(inside([w, s, e, n], p), `${p}`).toBe(true);
    // The water reaches the tile's east edge (cut there, not at the buffer's edge beyond it).
    expect(Math.max(...allPositions(g.water.features[0]!.geometry).map((p) => p[0]!))).toBeCloseTo(e, 4);
    expect(g.borders.coordinates).toHaveLength(1);
    const border = g.borders.coordinates[0]!;
    expect(border.at(-1)![1]).toBeCloseTo(n, 4);
    for (const p of border) expect(inside([w, s, e, n], p)).toBe(true);
    // Where the tile is known: its square.
    expect(allPositions(g.covered.features[0]!.geometry).every((p) => inside([w, s, e, n], p))).toBe(true);
  });

  it('reads its names with what the style places them by, each name from one tile only', async () => {
    const g = decodeTile({ ...t, data: await createTile(layers, t.z, t.x, t.y) });
    const byName = Object.fromEntries(g.labels.map((l) => [l.name, l]));
    expect(Object.keys(byName).sort()).toEqual(['Inland', 'Test Sea', 'Testland']);
    expect(byName.Inland).toMatchObject({ kind: 'place', rank: 7, minzoom: 4, capital: true, population: 1_500_000 });
    expect(byName['Test Sea']).toMatchObject({ kind: 'water', water: 'sea', minzoom: 3, maxzoom: 9, rank: 12 });
    expect(byName.Testland).toMatchObject({ kind: 'country', area: 250_000, rank: -250_000 });
    expect(byName.Inland!.at[0]).toBeCloseTo(w + 2, 1);
    expect(byName.Inland!.at[1]).toBeCloseTo(s + 5, 1);
    // The next tile has the name in its buffer-free square.
    const next = { z: 4, x: 13, y: 7 };
    expect(decodeTile({ ...next, data: await createTile(layers, next.z, next.x, next.y) }).labels.map((l) => l.name)).toEqual(['Next door']);
  });

  it('stands in for a missing deeper tile: only that tile’s square of it is read', async () => {
    const parent = { z: 3, x: 6, y: 3 };
    const data = await createTile(layers, parent.z, parent.x, parent.y);
    const whole = decodeTile({ ...parent, data });
    const part = decodeTile({ ...parent, data, area: t });
    expect(whole.labels.map((l) => l.name).sort()).toEqual(['Inland', 'Next door', 'Test Sea', 'Testland']);
    expect(part.labels.map((l) => l.name).sort()).toEqual(['Inland', 'Test Sea', 'Testland']);
    for (const f of part.water.features) for (const p of allPositions(f.geometry)) expect(inside([w, s, e, n], p)).toBe(true);
    expect(part.covered.features[0]!.geometry.coordinates[0]!.map((p) => p.map((v) => Math.round(v * 1000) / 1000))).toEqual(
      [[w, n], [e, n], [e, s], [w, s], [w, n]].map((p) => p.map((v) => Math.round(v * 1000) / 1000)),
    );
  });

  it('reads an empty tile (open land) as known and empty, and several tiles as one', async () => {
    const empty = decodeTile({ ...t, data: new Uint8Array() });
    expect(empty.water.features).toEqual([]);
    expect(empty.covered.features).toHaveLength(1);
    const both = decodeTiles([{ ...t, data: new Uint8Array() }, { z: 4, x: 13, y: 7, data: await createTile(layers, 4, 13, 7) }]);
    expect(both.covered.features).toHaveLength(2);
    expect(both.water.features).toHaveLength(1);
  });
});

describe('basemap names', () => {
  const label = (kind: BasemapLabel['kind'], name: string, at: [number, number], more: Partial<BasemapLabel> = {}): BasemapLabel => ({ kind, name, at, rank: 0, minzoom: 0, maxzoom: 24, ...more });
  const labels = [
    label('place', 'Small Town', [0, 0], { minzoom: 8, rank: 900, population: 5_000 }),
    label('place', 'Capital', [1, 1], { minzoom: 3, rank: 2, capital: true, population: 2_000_000 }),
    label('place', 'Big City', [2, 2], { minzoom: 4, rank: 40, population: 3_000_000 }),
    label('water', 'Test Sea', [3, 3], { minzoom: 3, maxzoom: 6, rank: 5, water: 'sea' }),
    label('country', 'Tiny', [4, 4], { area: 2_000, rank: -2_000 }),
    label('country', 'Huge', [5, 5], { area: 2_000_000, rank: -2_000_000 }),
    label('country', 'Middling', [6, 6], { area: 200_000, rank: -200_000 }),
  ];

  it('shows what the style shows at a zoom, in its order: countries by size, water, places by rank', () => {
    expect(basemapLabelsAt(labels, 1).map((l) => l.name)).toEqual(['Huge']);
    // Read at the whole zoom, as MapLibre reads the filter: at 1.9 the 600 000 km² of zoom 1, not 195 000.
    expect(basemapLabelsAt(labels, 1.9).map((l) => l.name)).toEqual(['Huge']);
    expect(basemapLabelsAt(labels, 2).map((l) => l.name)).toEqual(['Huge', 'Middling']);
    expect(basemapLabelsAt(labels, 4.5).map((l) => l.name)).toEqual(['Huge', 'Middling', 'Test Sea', 'Capital', 'Big City']);
    expect(basemapLabelsAt(labels, 8).map((l) => l.name)).toEqual(['Huge', 'Middling', 'Tiny', 'Capital', 'Big City', 'Small Town']);
  });

  // A plain projection: 100 px per degree, y down from latitude 10.
  const project = ([lon, lat]: [number, number]): [number, number] | null => {
    const p: [number, number] = [lon * 100, (10 - lat) * 100];
    return p[0] >= 0 && p[1] >= 0 && p[0] <= 1000 && p[1] <= 1000 ? p : null;
  };
  const storyPoint = (name: string, x: number, y: number): SceneFeature => ({ key: `s:${name}`, layerId: 's', name, kind: 'point', d: '', color: '#000', approximate: false, context: false, anchor: [x, y] });

  it('places names clear of each other, of the story’s points and of what covers the map', () => {
    const crowd = [label('country', 'Alphaland', [5, 5], { area: 900_000 }), label('country', 'Betaland', [5.05, 5.02], { area: 800_000 }), label('country', 'Gammaland', [2, 8], { area: 700_000 }), label('country', 'Deltaland', [8, 2], { area: 600_000 })];
    const placed = placeBasemapLabels(crowd, { width: 1000, height: 1000, zoom: 5, project, storyPoints: [storyPoint('Story', 200, 200)], avoid: [[750, 750, 1000, 1000]] });
    // Betaland collides with Alphaland, Gammaland sits on the story's point, Deltaland under what covers the map.
    expect(placed.map((l) => l.name)).toEqual(['ALPHALAND']);
    expect(placed[0]).toMatchObject({ x: 500, anchor: 'middle', lines: ['ALPHALAND'] });
  });

  it('leaves off a water’s name the story’s shown area name says already, bracketed qualifier or not', () => {
    // The Suez SVG map's "Red Sea" selection named the water twice: the basemap's "Gulf of Suez"
    // inside the story's "GULF OF SUEZ (NORTHERN END)".
    const gulf = label('water', 'Gulf of Suez', [5, 2], { minzoom: 3, maxzoom: 12, water: 'gulf' });
    const other = label('water', 'Gulf of Aqaba', [8, 2], { minzoom: 3, maxzoom: 12, water: 'gulf' });
    const areaName = { key: 'w:gulf', name: 'Gulf of Suez (northern end)', lines: ['GULF OF SUEZ', '(NORTHERN END)'], x: 500, y: 300, anchor: 'middle' as const, box: [420, 280, 580, 320] as [number, number, number, number], area: true as const };
    const named = placeBasemapLabels([gulf, other], { width: 1000, height: 1000, zoom: 7, project, storyLabels: [areaName] });
    expect(named.map((l) => l.name)).toEqual(['Gulf of Aqaba']);
    // A point's label of that name is not an area's: the basemap keeps its own.
    const pointLabel = { ...areaName, area: undefined, box: [0, 0, 10, 10] as [number, number, number, number] };
    expect(placeBasemapLabels([gulf, other], { width: 1000, height: 1000, zoom: 7, project, storyLabels: [pointLabel] }).map((l) => l.name)).toEqual(['Gulf of Suez', 'Gulf of Aqaba']);
  });

  it('keeps the basemap’s names off the story’s lines: a place’s on another side of its dot, or none; a sea’s or a country’s moved aside', () => {
    // "Ismailia" at (500, 500), its name right of the dot; the Suez Canal's line 8 px right of the dot.
    const ismailia = label('place', 'Ismailia', [5, 5], { minzoom: 3, population: 300_000 });
    const alone = placeBasemapLabels([ismailia], { width: 1000, height: 1000, zoom: 7, project });
    expect(alone[0]).toMatchObject({ anchor: 'start' });
    const canal: [number, number][] = [[508, 300], [508, 700]];
    const moved = placeBasemapLabels([ismailia], { width: 1000, height: 1000, zoom: 7, project, storyLines: [canal] });
    // Left of its dot, clear of the line.
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ anchor: 'end', name: 'Ismailia' });
    expect(moved[0]!.x).toBeLessThan(500);
    // A line through the dot: no name at all (MapLibre hides the dot with its name).
    expect(placeBasemapLabels([ismailia], { width: 1000, height: 1000, zoom: 7, project, storyLines: [[[500, 300], [500, 700]]] })).toEqual([]);
    // A sea's name across a line moves above or below its point, as the style's variable anchors move it;
    // a country's the ways its land has room for.
    const sea = label('water', 'Test Sea', [5, 5], { minzoom: 3, maxzoom: 9, water: 'sea' });
    expect(placeBasemapLabels([sea], { width: 1000, height: 1000, zoom: 7, project })[0]).toMatchObject({ x: 500, y: expect.closeTo(500, -1) });
    const seaMoved = placeBasemapLabels([sea], { width: 1000, height: 1000, zoom: 7, project, storyLines: [[[300, 500], [700, 500]]] })[0]!;
    expect(seaMoved).toMatchObject({ x: 500, name: 'Test Sea' });
    expect(seaMoved.y).toBeLessThan(490);
    const land = label('country', 'Wideland', [5, 5], { area: 900_000, east: 2, west: 2 });
    expect(placeBasemapLabels([land], { width: 1000, height: 1000, zoom: 5, project, storyLines: [[[480, 300], [480, 700]]] })[0]!.x).toBeGreaterThan(540);
  });

  it('finds where a segment passes through a box', () => {
    expect(segmentCrosses([0, 5], [20, 5], [8, 0, 12, 10])).toBe(true);
    expect(segmentCrosses([0, 0], [6, 6], [8, 0, 12, 10])).toBe(false);
    expect(segmentCrosses([10, -5], [10, 20], [8, 0, 12, 10])).toBe(true);
    expect(segmentCrosses([9, 1], [11, 2], [8, 0, 12, 10])).toBe(true);
    expect(segmentCrosses([0, 20], [20, 12], [8, 0, 12, 10])).toBe(false);
  });

  it('moves a country’s name east or west off a story point only within the country’s own land', () => {
    // 100 px per degree: "WIDELAND" at zoom 5 needs (8 × 0.72 + 0.4) em of 11.875 px, about 73 px, 0.73°.
    const wide = label('country', 'Wideland', [5, 5], { area: 900_000, east: 0.5, west: 2 });
    // A story point just east of the country's point: its dot holds the point (its label is right of it, as the map sets one).
    const onPoint = [storyPoint('Story', 530, 490)];
    const moved = placeBasemapLabels([wide], { width: 1000, height: 1000, zoom: 5, project, storyPoints: onPoint });
    // Not east (half a degree of land), but west, where the land reaches two degrees.
    expect(moved).toHaveLength(1);
    expect(moved[0]!.x).toBeCloseTo(500 - (8 * 11.875 * 0.84) / 2 - 0.4 * 11.875, 0);
    const narrow = label('country', 'Wideland', [5, 5], { area: 900_000, east: 0.5, west: 0.5 });
    expect(placeBasemapLabels([narrow], { width: 1000, height: 1000, zoom: 5, project, storyPoints: onPoint })).toEqual([]);
    // With its point free, on its point.
    expect(placeBasemapLabels([wide], { width: 1000, height: 1000, zoom: 5, project })[0]).toMatchObject({ x: 500 });
  });

  it('moves a country’s one name only the ways `moves` opens at the zoom, in MapLibre’s order', () => {
    // A story point just above the country's point holds it (its dot; its label is right of it, as the map sets one).
    const above = [storyPoint('Story', 500, 490)];
    const below = [storyPoint('Story', 500, 510)];
    const moves = (ways: CountryMove[], at = 3) => encodeCountryMoves(Array.from({ length: 6 }, (_, z) => (z === at ? ways : [])));
    const place = (m: number, storyPoints: SceneFeature[]) => placeBasemapLabels([label('country', 'Iraq', [5, 5], { area: 440_000, moves: m })], { width: 1000, height: 1000, zoom: 3, project, storyPoints })[0];
    const size = interpolateStops(COUNTRY_TEXT_SIZE, 3);
    // South: a line below the point (countryMoveGapEm), centred under it.
    const south = place(moves(['top', 'bottom']), above);
    expect(south).toMatchObject({ x: 500 });
    expect(south!.y).toBeGreaterThan(500 + countryMoveGapEm('top') * size);
    // North, tried after south: where the story holds the south.
    const north = place(moves(['top', 'bottom']), below);
    expect(north).toMatchObject({ x: 500 });
    expect(north!.y).toBeLessThan(500);
    // Not drawn where no open way is free, where no way is open, or where the ways are another zoom's.
    expect(place(moves(['bottom']), above)).toBeUndefined();
    expect(place(moves([]), above)).toBeUndefined();
    expect(place(moves(['top'], 4), above)).toBeUndefined();
    // With its point free, on its point.
    expect(place(moves([]), [])).toMatchObject({ x: 500 });
  });

  it('sets a name at a border on its anchor’s side of the point, as MapLibre does, and never moves it', () => {
    // "SYRIA" at zoom 8 (12.5 px): 5 letters, about 52 px wide with the SVG's roomy measure.
    const at = (anchor: 'left' | 'top-right' | 'bottom') => placeBasemapLabels([label('country', 'Syria', [5, 5], { area: 190_000, anchor })], { width: 1000, height: 1000, zoom: 8, project })[0]!;
    const east = at('left');
    expect(east.x).toBeGreaterThan(500 + 0.5 * 12.5);
    expect(east.y).toBeCloseTo(500 + 12.5 * 0.95 - (12.5 * 1.25) / 2, 0);
    const southWest = at('top-right');
    expect(southWest.x).toBeLessThan(500);
    expect(southWest.y).toBeGreaterThan(500 + 12.5 * 0.95);
    const north = at('bottom');
    expect(north.x).toBe(500);
    expect(north.y).toBeLessThan(500);
    // Its place taken by a story point: not drawn there, and not moved east or west as a cell's name may be.
    expect(placeBasemapLabels([label('country', 'Syria', [5, 5], { area: 190_000, anchor: 'left', east: 5, west: 5 })], { width: 1000, height: 1000, zoom: 8, project, storyPoints: [storyPoint('Story', 540, 492)] })).toEqual([]);
  });

  it('moves a water name aside for the story rather than drop it, and keeps a sea’s name on one line', () => {
    const sea = [label('water', 'South China Sea', [5, 5], { water: 'sea', minzoom: 3, maxzoom: 9 })];
    const free = placeBasemapLabels(sea, { width: 1000, height: 1000, zoom: 5, project });
    expect(free[0]).toMatchObject({ x: 500, lines: ['South China Sea'] });
    const moved = placeBasemapLabels(sea, { width: 1000, height: 1000, zoom: 5, project, storyPoints: [storyPoint('Shoal', 500, 500)] });
    expect(moved).toHaveLength(1);
    expect(Math.abs(moved[0]!.y - 500) + Math.abs(moved[0]!.x - 500)).toBeGreaterThan(15);
    const strait = placeBasemapLabels([label('water', 'Strait of Something Long', [5, 5], { water: 'strait', minzoom: 3, maxzoom: 9 })], { width: 1000, height: 1000, zoom: 5, project });
    expect(strait[0]!.lines).toEqual(['Strait of', 'Something Long']);
  });

  it('names few places, with their dots, and never one whose name would run off the map', () => {
    const towns = Array.from({ length: 40 }, (_, i) => label('place', `Town ${i}`, [(i % 8) + 1, Math.floor(i / 8) * 1.5 + 2], { rank: i, population: 50_000 }));
    const phone = placeBasemapLabels(towns, { width: 390, height: 360, zoom: 6, project });
    expect(phone.length).toBeGreaterThan(0);
    expect(phone.length).toBeLessThanOrEqual(2);
    const desk = placeBasemapLabels(towns, { width: 1000, height: 1000, zoom: 6, project });
    expect(desk.length).toBeLessThanOrEqual(11);
    expect(desk.length).toBeGreaterThan(phone.length);
    for (const l of desk) expect(l.dot).toBeDefined();
    // The first in rank order is placed first.
    expect(desk[0]!.name).toBe('Town 0');
    const edge = placeBasemapLabels([label('place', 'A very long place name indeed', [0.05, 5], { population: 50_000 })], { width: 1000, height: 1000, zoom: 6, project });
    expect(edge).toEqual([]);
  });
});
