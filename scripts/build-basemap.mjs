// Builds the offline basemap from Natural Earth (npm world-atlas, NE v4.1.0, public domain):
// the countries that touch the region our stories need, simplified for the zooms they are seen at,
// as TopoJSON (shared borders stored once), plus one label point per country.
// Run: node scripts/build-basemap.mjs [west south east north]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as topojson from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify, quantile } from 'topojson-simplify';
import * as turf from '@turf/turf';

const require = createRequire(import.meta.url);
const region = process.argv.slice(2).map(Number);
const [west, south, east, north] = region.length === 4 ? region : [-15, 2, 72, 62];
const regionPoly = turf.bboxPolygon([west, south, east, north]);

const world = JSON.parse(readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8'));
const all = topojson.feature(world, world.objects.countries);
const kept = all.features
  .filter((f) => f.geometry && turf.booleanIntersects(turf.bboxPolygon(turf.bbox(f)), regionPoly))
  // Clip to the region (with a margin) so Russia's far east or Canada's islands cost nothing.
  .map((f) => turf.bboxClip(f, [west - 5, south - 5, east + 5, north + 5]))
  .map((f) => {
    // bboxClip leaves empty parts where a part lies wholly outside; drop them.
    const g = f.geometry;
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).filter((p) => p.length && p[0].length >= 4);
    return { ...f, geometry: { type: 'MultiPolygon', coordinates: polys } };
  })
  .filter((f) => f.geometry.coordinates.length > 0)
  .map((f, i) => ({ type: 'Feature', id: i, properties: { name: f.properties.name }, geometry: f.geometry }));

let topo = topology({ countries: { type: 'FeatureCollection', features: kept } });
topo = presimplify(topo);
// quantile(p) sorts weights descending: p is the share of points kept (endpoints always stay).
topo = simplify(topo, quantile(topo, Number(process.env.KEEP_QUANTILE ?? 0.1)));
// Quantize last: integer, delta-encoded arcs are what make TopoJSON small (1e5 steps ≈ 90 m here).
topo = topojson.quantize(topo, 1e5);
writeFileSync('geodata/basemap/countries.topo.json', JSON.stringify(topo));

const labels = {
  type: 'FeatureCollection',
  features: kept.map((f) => {
    // The label sits on the largest part of the country, so islands don't pull it into the sea.
    const parts = f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates.map((c) => turf.polygon(c)) : [turf.feature(f.geometry)];
    const largest = parts.reduce((a, b) => (turf.area(a) >= turf.area(b) ? a : b));
    const p = turf.centerOfMass(largest);
    const inside = turf.booleanPointInPolygon(p, largest) ? p : turf.pointOnFeature(largest);
    const c = inside.geometry.coordinates.map((v) => Math.round(v * 1000) / 1000);
    return { type: 'Feature', properties: { name: f.properties.name, area: Math.round(turf.area(largest) / 1e6) }, geometry: { type: 'Point', coordinates: c } };
  }),
};
writeFileSync('geodata/basemap/labels.geojson', JSON.stringify(labels));
console.log(`basemap: ${kept.length} countries, ${(JSON.stringify(topo).length / 1024).toFixed(0)} KB topojson`);
