// The gazetteer the drafter resolves names against: read from its file's text (made at build time
// by scripts/draft/build-gazetteer.ts and served as gazetteer.json), indexed by folded name.
// Pure and browser-safe: no node: imports under src/lib/draft.

export const GAZETTEER_FORMAT = 'story-map-gazetteer';
export const GAZETTEER_VERSION = 2;

export type Kind = 'city' | 'country' | 'region' | 'water' | 'other';

/** The file as stored: compact rows, so that it stays small and compresses well. */
export interface GazetteerFile {
  format: typeof GAZETTEER_FORMAT;
  version: number;
  sources: { id: string; text: string; url: string; about?: string }[];
  countries: { code: string; name: string; aliases: string[]; demonyms: string[]; center: [number, number]; outline: [number, number][][][] }[];
  /** name, other names (`;`), ISO country code, admin-1 code, lon, lat, population, GeoNames feature code */
  cities: [string, string, string, string, number, number, number, string][];
  /** Natural Earth admin-1: name, other names (`;`), ISO country code, type (Province, State …), label point lon, lat, Natural Earth label rank (2 for a big, well-known region … 9), outline */
  regions: [string, string, string, string, number, number, number, [number, number][][][]][];
  /** name, kind (sea, gulf, strait …), lon, lat */
  water: [string, string, number, number][];
}

export interface GazetteerEntry {
  id: string;
  name: string;
  kind: Kind;
  /** every name it is known by (its own first) */
  names: string[];
  country?: string;
  admin1?: string;
  coordinates: [number, number];
  population?: number;
  /** GeoNames feature code: PPLC capital, PPLA first-level seat …; a region's type (Province, State …); a sea's kind */
  featureCode?: string;
  /** a region's Natural Earth label rank: 2 for a big, well-known one … 9 */
  rank?: number;
  outline?: [number, number][][][];
  demonyms?: string[];
  source: string;
}

export interface Gazetteer {
  sources: GazetteerFile['sources'];
  cities: GazetteerEntry[];
  countries: GazetteerEntry[];
  regions: GazetteerEntry[];
  water: GazetteerEntry[];
  /** folded name → entries, biggest first */
  byName: Map<string, GazetteerEntry[]>;
  /** folded demonym → its country */
  byDemonym: Map<string, GazetteerEntry>;
  countryByCode: Map<string, GazetteerEntry>;
  /** the most words in any name */
  maxWords: number;
}

/**
 * A name as compared: no diacritics, lower case, apostrophes and dots dropped, hyphens and runs of
 * spaces as one space ("Mişrātah" → "misratah", "Sana'a" → "sanaa", "U.S." → "us").
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    // Letters NFD does not take apart: Białystok, Øresund, Đakovo, Straße, Færøerne.
    .replace(/[ıİ]/g, 'i')
    .replace(/[łŁ]/g, 'l')
    .replace(/[øØ]/g, 'o')
    .replace(/[đĐ]/g, 'd')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[þÞ]/g, 'th')
    .toLowerCase()
    .replace(/['’‘ʼʻʿʾ`.]/g, '')
    .replace(/[-‐–\s]+/g, ' ')
    .trim();
}

const slug = (s: string) => fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';

export class GazetteerError extends Error {}

/** Reads the gazetteer file's text (gazetteer.json); throws GazetteerError when it is not one. */
export function parseGazetteer(text: string): Gazetteer {
  let file: GazetteerFile;
  try {
    file = JSON.parse(text) as GazetteerFile;
  } catch {
    throw new GazetteerError('The gazetteer is not valid JSON.');
  }
  if (!file || file.format !== GAZETTEER_FORMAT || file.version !== GAZETTEER_VERSION || !Array.isArray(file.cities) || !Array.isArray(file.countries) || !Array.isArray(file.regions) || !Array.isArray(file.water)) {
    throw new GazetteerError(`The gazetteer is not a ${GAZETTEER_FORMAT} file of version ${GAZETTEER_VERSION}.`);
  }
  const src = (id: string) => file.sources.find((s) => s.id === id)?.text ?? id;
  const countries: GazetteerEntry[] = file.countries.map((c) => ({
    id: `ne-${slug(c.code)}`, name: c.name, kind: 'country', names: [c.name, ...c.aliases], country: c.code.startsWith('X-') ? undefined : c.code,
    coordinates: c.center, outline: c.outline, demonyms: c.demonyms, source: src('naturalearth'),
  }));
  const cities: GazetteerEntry[] = file.cities.map(([name, alt, cc, admin, lon, lat, pop, code]) => ({
    id: `gn-${slug(name)}-${cc.toLowerCase()}${admin ? `-${slug(admin)}` : ''}`, name, kind: 'city', names: [name, ...(alt ? alt.split(';') : [])], country: cc, admin1: admin || undefined,
    coordinates: [lon, lat], population: pop, featureCode: code, source: src('geonames'),
  }));
  // Ids unique: two towns of one name in one admin-1 area are told apart by their rank.
  const seen = new Map<string, number>();
  for (const c of cities) {
    const n = seen.get(c.id) ?? 0;
    seen.set(c.id, n + 1);
    if (n) c.id = `${c.id}-${n + 1}`;
  }
  const water: GazetteerEntry[] = file.water.map(([name, kind, lon, lat]) => ({
    id: `water-${slug(name)}`, name, kind: 'water', names: waterNames(name), coordinates: [lon, lat], featureCode: kind, source: src('marine'),
  }));
  // Names a region must not take on its own: a country's name or its people's ("Somali", "Mexico"):
  // such a region is found only as "Somali region", "Mexico state".
  const taken = new Set<string>();
  for (const c of countries) for (const n of [...c.names, ...(c.demonyms ?? [])]) taken.add(fold(n));
  const regions: GazetteerEntry[] = file.regions.map(([name, alt, cc, type, lon, lat, rank, outline]) => ({
    id: `ne1-${slug(name)}-${cc.toLowerCase()}`, name, kind: 'region', names: regionNames(name, alt ? alt.split(';') : [], cc, taken), country: cc,
    coordinates: [lon, lat], featureCode: type || undefined, rank, outline, source: src('naturalearth-admin1'),
  }));
  const regionIds = new Set<string>();
  for (const [i, e] of regions.entries()) {
    if (regionIds.has(e.id)) e.id = `${e.id}-${i}`;
    regionIds.add(e.id);
  }
  const byName = new Map<string, GazetteerEntry[]>();
  let maxWords = 1;
  for (const e of [...countries, ...water, ...cities, ...regions]) {
    for (const n of new Set(e.names.map(fold))) {
      if (!n) continue;
      const list = byName.get(n);
      if (list) list.push(e);
      else byName.set(n, [e]);
      maxWords = Math.max(maxWords, n.split(' ').length);
    }
  }
  const byDemonym = new Map<string, GazetteerEntry>();
  for (const c of countries) for (const d of c.demonyms ?? []) byDemonym.set(fold(d), c);
  const countryByCode = new Map(countries.filter((c) => c.country).map((c) => [c.country!, c]));
  return { sources: file.sources, cities, countries, regions, water, byName, byDemonym, countryByCode, maxWords };
}

/** The words after a region's name that say it is one: "Idlib province", "Tachira state". */
export const REGION_WORDS = ['province', 'region', 'governorate', 'state', 'oblast', 'prefecture', 'voivodeship', 'county', 'department', 'territory'];
const REGION_SUFFIX = new RegExp(` (?:${REGION_WORDS.join('|')})$`);
/** A name made only of such words names no region on its own ("Central", "North East", "Capital"). */
const GENERIC = /^(?:(?:north|south|east|west|northern|southern|eastern|western|central|centre|center|centro|middle|upper|lower|far|greater|capital|coast|coastal|lakes|islands?|highlands?|interior|littoral|nord|sud|est|ouest|norte|sur|este|oeste|city|federal|national|district|territory|region|province|state|autonomous|special|new|great|grand|la|el|al|the|and|of)\s?)+$/;

/** A folded name that says it is a region ("idlib province"). */
export function namesRegion(key: string): boolean {
  return REGION_SUFFIX.test(key);
}

/**
 * A region's names: its own and its other names; "North Darfur" for "Northern Darfur" (and back);
 * the short Arabic forms towns get (Al Jufrah → Jufra); each also with a region word after it
 * ("Idlib province", "Donetsk region"). The bare name is left out when it is generic ("Central")
 * or a country's or its people's ("Somali"): those are found only with the word after them.
 */
function regionNames(name: string, alt: string[], cc: string, taken: Set<string>): string[] {
  const base = new Set<string>([name, ...alt]);
  for (const n of [...base]) {
    const dir = /^(North|South|East|West)(ern)? (.+)$/.exec(n);
    if (dir) base.add(`${dir[1]}${dir[2] ? '' : 'ern'} ${dir[3]}`);
    if (ARABIC_ARTICLE.has(cc)) {
      const art = /^(?:Al|El|Ad|Ar|As|Ash|At|Az|An)[ -](\S.+)$/.exec(n);
      const short = art ? art[1]! : n;
      base.add(short);
      if (/ah$/.test(short)) base.add(short.slice(0, -1));
    }
  }
  const out: string[] = [];
  for (const n of base) {
    const f = fold(n);
    if (!f) continue;
    if (!GENERIC.test(f) && !taken.has(f)) out.push(n);
    if (!REGION_SUFFIX.test(f)) for (const w of REGION_WORDS.slice(0, 5)) out.push(`${n} ${w}`);
  }
  return out;
}
// Arabic-speaking countries, where news text drops the article of a name (as for towns).
const ARABIC_ARTICLE = new Set('DZ BH EG IQ JO KW LB LY MA MR OM PS QA SA SD SY TN AE YE TD EH'.split(' '));

/** "the Mediterranean" for the Mediterranean Sea: the short form is matched only after "the". */
function waterNames(name: string): string[] {
  const m = /^(.+) (Sea|Ocean)$/.exec(name);
  return m && !/^(North|South|East|West|Red|Black|Yellow|Dead|Coral|Java|Banda|Sulu|Timor|Celtic|Irish)$/.test(m[1]!) ? [name, `the ${m[1]}`] : [name];
}

/** The entry as a candidate (for the editor's lists and --json). */
export function toCandidate(e: GazetteerEntry, score = 0): import('./types.ts').Candidate {
  return {
    id: e.id, name: e.name, kind: e.kind, ...(e.country ? { country: e.country } : {}), ...(e.admin1 ? { admin1: e.admin1 } : {}),
    coordinates: e.coordinates, ...(e.population !== undefined ? { population: e.population } : {}), score: Math.round(score * 100) / 100,
  };
}

/**
 * Name search, for the editor's "snap to the gazetteer": exact names first, then names starting
 * with the query, then names containing it; countries and water before cities, bigger first.
 */
export function searchGazetteer(gazetteer: Gazetteer, query: string, limit = 10): import('./types.ts').Candidate[] {
  const q = fold(query);
  if (!q) return [];
  // A region ranks with a town of 10,000: after the towns of its name (Tripoli, Libya's), which
  // the drafter also prefers.
  const rank = (e: GazetteerEntry) => (e.kind === 'country' ? 1e12 : e.kind === 'water' ? 1e11 : e.kind === 'region' ? 1e4 : e.population ?? 0);
  const exact = [...(gazetteer.byName.get(q) ?? [])].sort((a, b) => rank(b) - rank(a));
  const out: GazetteerEntry[] = [...exact];
  const seen = new Set(out);
  if (out.length < limit) {
    const starts: GazetteerEntry[] = [];
    const contains: GazetteerEntry[] = [];
    for (const [name, list] of gazetteer.byName) {
      if (name === q) continue;
      const at = name.indexOf(q);
      if (at < 0) continue;
      for (const e of list) if (!seen.has(e)) (at === 0 ? starts : contains).push(e);
    }
    for (const group of [starts, contains]) {
      group.sort((a, b) => rank(b) - rank(a));
      for (const e of group) {
        if (out.length >= limit) break;
        if (!seen.has(e)) { seen.add(e); out.push(e); }
      }
    }
  }
  return out.slice(0, limit).map((e, i) => toCandidate(e, limit - i));
}
