// One-off import of the CGTN story's layers from a folder of source GeoJSON (see its SOURCES.md).
// It picks the features each story layer needs and adds the story format's normalised properties
// (id, name, date, source, confidence, approximate, description); every original property is kept,
// so provenance travels with the feature. Re-run: node scripts/import-cgtn.mjs <sources-dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rewind } from '@turf/turf';

const src = process.argv[2];
if (!src) throw new Error('usage: node scripts/import-cgtn.mjs <folder with the source GeoJSON and SOURCES.md>');
const out = 'geodata/cgtn-2020-01-09/layers';
const read = (f) => JSON.parse(readFileSync(join(src, f), 'utf8')).features;
const byId = new Map();
for (const f of [
  'events_points_2020-01.geojson', 'libya_boundary_ne10m.geojson', 'libya_control_schematic_2020-01_APPROX.geojson',
  'libya_control_points_2020-01_APPROX.geojson', 'syria_idlib_governorate_ne10m.geojson',
  'syria_idlib_towns_2020-01_APPROX.geojson', 'turkstream_route_osm.geojson', 'turkstream_points.geojson',
  'black_sea_ne10m_derived.geojson',
]) for (const feat of read(f)) byId.set(feat.properties.id, { ...feat, file: f });

const GN = 'GeoNames (CC BY 4.0)';
const WP = 'Wikipedia (coordinates)';
const NE = 'Natural Earth (public domain)';
const OSM = '© OpenStreetMap contributors (ODbL), compiled by Global Energy Monitor';

function pick(id, extra) {
  const f = byId.get(id);
  if (!f) throw new Error(`no feature ${id} in ${src}`);
  const { file, ...feature } = f;
  const p = feature.properties;
  const props = { id, ...extra, source_file: file };
  for (const [k, v] of Object.entries(p)) if (!(k in props)) props[k] = v;
  // Round to 6 decimals (~0.1 m): more is noise, and it keeps the files small.
  const round = (c) => (typeof c[0] === 'number' ? c.map((v) => Math.round(v * 1e6) / 1e6) : c.map(round));
  const geometry = { ...feature.geometry, coordinates: round(feature.geometry.coordinates) };
  // RFC 7946 winding (outer rings counterclockwise); Natural Earth via TopoJSON winds them the other way.
  return { type: 'Feature', id, properties: props, geometry: /Polygon/.test(geometry.type) ? rewind(geometry) : geometry };
}
const write = (name, features) =>
  writeFileSync(join(out, `${name}.geojson`), JSON.stringify({ type: 'FeatureCollection', features }, null, 0).replace(/\},\{"type":"Feature"/g, '},\n{"type":"Feature"') + '\n');

const districts = [...byId.values()].filter((f) => f.properties.id.startsWith('ly-district-'));
write('libya', [
  pick('libya-boundary', { name: 'Libya', kind: 'boundary', date: 'Ceasefire from 00:00, 12 Jan 2020', source: NE, confidence: 'high', description: 'Putin and Erdogan called for a ceasefire from midnight on 12 January. The LNA’s began at 00:01 local time, the GNA’s at 00:00 (Reuters, AFP, TASS).' }),
  ...districts.map((d) => pick(d.properties.id, {
    name: `${d.properties.district_ne} district: ${d.properties.control_approx}`, kind: 'zone', control: d.properties.control_approx,
    date: 'c. 6–12 Jan 2020', source: `${NE}; status: Al Jazeera, PolGeoNow, Reuters/AFP/TASS`, confidence: d.properties.confidence, approximate: true,
    description: `Approximate zone of influence, not a surveyed front line. ${d.properties.note}`.trim(),
  })),
  pick('tripoli', { name: 'Tripoli', kind: 'city', date: 'Jan 2020', source: GN, confidence: 'high', description: 'Seat of the UN-recognised Government of National Accord (GNA).' }),
  pick('ly-sirte', { name: 'Sirte', kind: 'city', date: '6 Jan 2020', source: GN, confidence: 'high', approximate: true, description: 'Taken by the LNA on 6 January 2020, two days before the Istanbul meeting.' }),
  pick('benghazi', { name: 'Benghazi', kind: 'city', date: 'Jan 2020', source: GN, confidence: 'high', description: 'The east: stronghold of Khalifa Haftar’s Libyan National Army (LNA).' }),
  pick('tobruk', { name: 'Tobruk', kind: 'city', date: 'Jan 2020', source: GN, confidence: 'high', description: 'The east: seat of the House of Representatives, allied with the LNA.' }),
]);
write('syria-idlib', [
  pick('idlib-governorate', { name: 'Idlib Governorate', kind: 'zone', date: 'Ceasefire 9–12 Jan 2020', source: NE, confidence: 'high (administrative boundary)', description: 'Administrative boundary, not a line of control. Russia declared a ceasefire in the Idlib de-escalation zone from 14:00 MSK on 9 Jan; Turkey announced it from 00:01 on 12 Jan.' }),
  pick('sy-idlib', { name: 'Idlib', kind: 'city', date: 'c. 9–12 Jan 2020', source: GN, confidence: 'medium', approximate: true, description: 'Provincial capital, held by the opposition, inside the de-escalation zone.' }),
  pick('sy-maarat-al-numan', { name: 'Ma’arrat al-Nu’man', kind: 'city', date: 'c. 9–12 Jan 2020', source: GN, confidence: 'medium', approximate: true, description: 'On the front line; taken by government forces on 28 Jan 2020.' }),
  pick('sy-saraqib', { name: 'Saraqib', kind: 'city', date: 'c. 9–12 Jan 2020', source: GN, confidence: 'medium', approximate: true, description: 'Held by the opposition; taken by government forces in early Feb 2020.' }),
  pick('sy-khan-shaykhun', { name: 'Khan Shaykhun', kind: 'city', date: 'c. 9–12 Jan 2020', source: GN, confidence: 'medium', approximate: true, description: 'Taken by government forces in Aug 2019.' }),
  pick('damascus', { name: 'Damascus', kind: 'event', date: '7 Jan 2020', source: GN, confidence: 'high (city; meeting site not public)', description: 'Putin met Bashar al-Assad here on 7 January, then flew on to Istanbul.' }),
]);
write('iraq-bases', [
  pick('al-asad-airbase', { name: 'Al Asad Airbase', kind: 'event', date: '8 Jan 2020, ~01:30 local', source: WP, confidence: 'high (base; impact points not located)', description: 'Hit by Iranian ballistic missiles in retaliation for the killing of Soleimani.' }),
  pick('erbil-airport', { name: 'Erbil', kind: 'event', date: '8 Jan 2020, early hours', source: WP, confidence: 'high (airport; impact points not located)', description: 'Erbil International Airport and the coalition base area, targeted by Iranian missiles.' }),
  pick('baghdad-intl-airport', { name: 'Baghdad International Airport', kind: 'event', date: '3 Jan 2020, shortly after 00:00 local', source: WP, confidence: 'high (airport; strike point within ~2 km)', description: 'A US drone strike on the airport access road killed Qasem Soleimani and Abu Mahdi al-Muhandis.' }),
  pick('tehran', { name: 'Tehran', kind: 'event', date: '8 Jan 2020', source: GN, confidence: 'high (city; venue not located)', description: 'Supreme Leader Ali Khamenei’s televised address.' }),
]);
write('istanbul', [
  pick('istanbul', { name: 'Istanbul', kind: 'event', date: '8 Jan 2020', source: GN, confidence: 'high (city; venue of the talks not confirmed)', description: 'Putin and Erdogan met here and issued their joint statement.' }),
  pick('halic-congress-center', { name: 'Haliç Congress Center', kind: 'event', date: '8 Jan 2020', source: WP, confidence: 'high', description: 'Venue of the TurkStream inauguration ceremony.' }),
]);
write('turkstream', [
  pick('black-sea', { name: 'Black Sea', kind: 'sea', date: 'static', source: `${NE} (derived)`, confidence: 'medium (conventional limits at the straits)', description: 'TurkStream crosses about 930 km of it, from Anapa to Kıyıköy.' }),
  pick('turkstream-offshore', { name: 'TurkStream offshore line', kind: 'route', date: 'Gas since 1 Jan 2020; inaugurated 8 Jan 2020', source: OSM, confidence: 'medium-high', description: 'From the Russkaya compressor station near Anapa across the Black Sea to Kıyıköy.' }),
  pick('turkstream-offshore-string-parallel', { name: 'TurkStream second string (near Anapa)', kind: 'route', date: 'as built', source: OSM, confidence: 'medium', description: 'Mapped in OpenStreetMap only near the Russian coast; elsewhere the two strings run close together.' }),
  pick('turkstream-onshore-string1', { name: 'Onshore string 1 to Lüleburgaz', kind: 'route', date: 'Jan 2020', source: OSM, confidence: 'medium', description: 'Carries gas for the Turkish market to the BOTAŞ grid.' }),
  pick('turkstream-onshore-string2', { name: 'Onshore string 2 to Malkoçlar', kind: 'route', date: 'Flows to Bulgaria from 1 Jan 2020', source: OSM, confidence: 'medium', description: 'Transit string to the Turkey–Bulgaria border, onward to Europe.' }),
  pick('ts-russkaya-cs', { name: 'Russkaya compressor station', kind: 'facility', date: 'in service 2019/2020', source: OSM, confidence: 'medium', description: 'Start of the TurkStream route, Anapa district.' }),
  pick('ts-anapa-landfall', { name: 'Anapa landfall', kind: 'facility', date: 'as built', source: OSM, confidence: 'approximate (±1–2 km)', approximate: true, description: 'Where the pipeline leaves the Russian coast.' }),
  pick('ts-kiyikoy-terminal', { name: 'Kıyıköy receiving terminal', kind: 'facility', date: 'completed 2019', source: OSM, confidence: 'medium-high', description: 'Where TurkStream comes ashore in Turkey.' }),
  pick('ts-luleburgaz-tiein', { name: 'Lüleburgaz tie-in', kind: 'facility', date: 'Jan 2020', source: OSM, confidence: 'medium', description: 'String 1 joins the BOTAŞ grid near Büyükkarıştıran.' }),
  pick('ts-malkoclar-border', { name: 'Malkoçlar border point', kind: 'facility', date: 'from 1 Jan 2020', source: OSM, confidence: 'medium', description: 'String 2 reaches the Bulgarian border, continuing to Europe.' }),
]);
console.log('written', out);
