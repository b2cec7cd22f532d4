// The editorial fact-check of the shipped stories, kept as tests: what each phrase of the article
// points at on the map, which places are marked approximate, and that every claim on a card says
// where it comes from. Phrases are resolved with the article's own matcher (marks.ts), so these are
// the marks a reader clicks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { along, booleanPointInPolygon, distance, length, lineString, pointToLineDistance } from '@turf/turf';
import type { Feature, LineString, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { aliasMatcher, excludedFor } from '../../src/lib/story/marks';
import type { StoryModel } from '../../src/lib/story/model';
import { readStoryFolder } from '../../src/lib/story/read-folder';

const ROOT = join(import.meta.dirname, '../..');
const cgtn = readStoryFolder(join(ROOT, 'geodata/cgtn-2020-01-09'));
const suez = readStoryFolder(join(ROOT, 'geodata/suez-2021-04-02'));

/** The features a phrase marks in a passage, exactly as the article marks it. */
function target(model: StoryModel, pid: string, phrase: string): string[] {
  const passage = model.passageById.get(pid)!;
  const keys = model.featuresByPassage.get(pid) ?? [];
  const mark = aliasMatcher(keys.flatMap((key) => model.features.get(key)!.aliases.map((text) => ({ text, key }))), excludedFor(model.story.exclude, pid));
  const segs = mark(passage.text).filter((s) => s.keys && s.text.toLowerCase() === phrase.toLowerCase());
  expect(segs.length, `“${phrase}” is marked in ${pid}`).toBeGreaterThan(0);
  return [...new Set(segs.flatMap((s) => s.keys!))].sort();
}

/** Whether `phrase` is in the passage and no place is marked on it (nor on a longer phrase holding it). */
function unmarked(model: StoryModel, pid: string, phrase: string): boolean {
  const passage = model.passageById.get(pid)!;
  expect(passage.text.toLowerCase(), `${pid} says “${phrase}”`).toContain(phrase.toLowerCase());
  const keys = model.featuresByPassage.get(pid) ?? [];
  const mark = aliasMatcher(keys.flatMap((key) => model.features.get(key)!.aliases.map((text) => ({ text, key }))), excludedFor(model.story.exclude, pid));
  return !mark(passage.text).some((s) => s.keys && s.text.toLowerCase().includes(phrase.toLowerCase()));
}

describe('CGTN: Libya', () => {
  const districts = [...cgtn.features.values()].filter((f) => f.key.startsWith('libya:ly-district-'));
  const side = (f: { category?: string }) => f.category;

  // A contested district is neither side's: lit by both names, the grey of Murzuq, the biggest, read
  // as the Government of National Accord's (it is "LNA vs Tebu local forces").
  it('each district carries its own side’s alias; the contested ones neither', () => {
    expect(districts).toHaveLength(22);
    for (const d of districts) {
      const gna = d.aliases.includes('Government of National Accord');
      const lna = d.aliases.includes('Libyan National Army');
      expect([gna, lna], `${d.name}`).toEqual(side(d) === 'GNA' ? [true, false] : side(d) === 'LNA' ? [false, true] : [false, false]);
    }
  });

  it('“Government of National Accord” and “Libyan National Army” light up districts of their own side only', () => {
    const gna = target(cgtn, 'libya-war', 'Government of National Accord').map((k) => cgtn.features.get(k)!);
    const lna = target(cgtn, 'libya-war', 'Libyan National Army').map((k) => cgtn.features.get(k)!);
    expect(new Set(gna.map(side))).toEqual(new Set(['GNA']));
    expect(new Set(lna.map(side))).toEqual(new Set(['LNA']));
    // Where the war was fought: the contested districts, and the towns SOURCES.md says the front line
    // south of Tripoli ran through (Aziziya, Tarhuna): without them the phrase lit the southern
    // desert and left the front at the capital out (a fact-checker's review).
    const war = target(cgtn, 'libya-war', 'raging civil war').map((k) => cgtn.features.get(k)!);
    expect(war.filter((f) => f.kind === 'area').map(side)).toEqual(Array(5).fill('contested'));
    expect(war.filter((f) => f.kind === 'point').map((f) => f.key).sort()).toEqual(['libya:ly-aziziya', 'libya:ly-tarhuna']);
    const tripoli = cgtn.features.get('libya:tripoli')!;
    for (const f of war.filter((x) => x.kind === 'point')) expect(distance([f.bbox[0], f.bbox[1]], [tripoli.bbox[0], tripoli.bbox[1]], { units: 'kilometers' }), f.key).toBeLessThan(70);
    // An army is not a city: no point, so neither Benghazi nor Sirte.
    expect(lna.every((f) => f.kind === 'area')).toBe(true);
    expect(lna.map((f) => f.key)).not.toContain('libya:benghazi');
    expect(lna.map((f) => f.key)).not.toContain('libya:ly-sirte');
  });

  it('“the east” is the eastern LNA districts (and the two eastern seats), nothing in the west', () => {
    const east = target(cgtn, 'libya-war', 'the east').map((k) => cgtn.features.get(k)!);
    const areas = east.filter((f) => f.kind === 'area');
    expect(areas.length).toBeGreaterThanOrEqual(5);
    for (const f of areas) {
      expect(side(f), f.name).toBe('LNA');
      expect((f.bbox[0] + f.bbox[2]) / 2, f.name).toBeGreaterThan(19);
    }
    expect(east.filter((f) => f.kind === 'point').map((f) => f.key).sort()).toEqual(['libya:benghazi', 'libya:tobruk']);
  });

  // SOURCES.md: the maps are Al Jazeera's 2020 editions and PolGeoNow's of May 2020; only the
  // agency reports are of 6-12 January (the card said all of them were).
  // Districts whose status comes from reports of their own (below) cite those instead.
  const OWN_SOURCES = ['MZ', 'NQ', 'ZA', 'MI', 'JI', 'MQ', 'WD'].map((c) => `libya:ly-district-LY-${c}`);
  it('the districts’ cards date each source as SOURCES.md does', () => {
    for (const d of districts.filter((f) => !OWN_SOURCES.includes(f.key))) {
      expect(d.claimSource, d.name).toMatch(/Al Jazeera’s maps of 2020 and PolGeoNow’s map of May 2020, checked against Reuters, AFP and TASS reports of 6–12 Jan 2020/);
      // Shown after "Reported by:": the reports come first, the editors' part after them.
      expect(d.claimSource, d.name).toMatch(/^Al Jazeera’s maps.*; each district’s side assigned by the editors from them$/);
    }
  });

  it('Mizdah is not marked GNA, and says where its status comes from', () => {
    const mizdah = cgtn.features.get('libya:ly-district-LY-MZ')!;
    expect(mizdah.category).toBe('contested');
    expect(mizdah.claimSource).toMatch(/Al-Monitor.*2020.*Al-Masdar/);
    expect(mizdah.description).toMatch(/May 2020/);
    // Dated January like every district, its evidence is of May: the card says so, in both places.
    expect(mizdah.date).toMatch(/Jan 2020/);
    expect(mizdah.claimSource).toMatch(/No January 2020 source/);
    expect(mizdah.description).toMatch(/No report of January 2020/);
  });

  // SOURCES.md marks An Nuqat al Khams GNA and calls Sabratha and Surman GNA-aligned; Haftar-aligned
  // forces held them until 13 April 2020, and the LNA the al-Watiya airbase until 18 May. A district
  // whose towns of comparable weight each side held is contested (as Murqub: Khoms and Tarhuna);
  // where the other side's town was the smaller (Surman beside Zawiya, Bani Walid beside Misrata),
  // the card says so. SOURCES.md called Bani Walid neutral: its council backed the LNA.
  it('An Nuqat al Khams, where Haftar-aligned forces held Sabratha and al-Watiya, is contested, with the reports that say so', () => {
    const nq = cgtn.features.get('libya:ly-district-LY-NQ')!;
    expect(nq.category).toBe('contested');
    expect(nq.name).toMatch(/district: contested$/);
    expect(nq.description).toMatch(/Sabratha.*13 April 2020.*al-Watiya.*18 May 2020/);
    expect(nq.claimSource).toMatch(/Sabratha: .*13 Apr 2020.*Al-Watiya: .*18 May 2020/);
    expect(nq.aliases).toContain('raging civil war');
    expect(nq.aliases).not.toContain('Government of National Accord');
  });

  it('Zawiya and Misrata stay GNA, and their cards name the smaller town the other side held, with its source', () => {
    const za = cgtn.features.get('libya:ly-district-LY-ZA')!;
    const mi = cgtn.features.get('libya:ly-district-LY-MI')!;
    expect([za.category, mi.category]).toEqual(['GNA', 'GNA']);
    expect(za.description).toMatch(/Surman.*Haftar-aligned.*13 April 2020/);
    expect(za.claimSource).toMatch(/Surman: .*13 Apr 2020/);
    expect(mi.description).toMatch(/Bani Walid.*backed the LNA.*June 2020/);
    expect(mi.description).not.toMatch(/neutral/);
    expect(mi.claimSource).toMatch(/Bani Walid: .*Al Jazeera, 6 Jun 2020/);
    // No card calls the coast west of Tripoli wholly the GNA's any more.
    for (const d of districts) expect(d.description, d.name).not.toMatch(/Sabratha, Surman\) GNA-aligned/);
  });

  it('the cards of Al Jifarah, Murzuq and Wadi al Hayaa say what their reports say, and cite them', () => {
    const f = (c: string) => cgtn.features.get(`libya:ly-district-LY-${c}`)!;
    // "Aziziya area LNA-held in 2019-20" was not so: the GNA retook it in April 2019.
    expect(f('JI').description).toMatch(/GNA retook Aziziya in April 2019/);
    expect(f('JI').claimSource).toMatch(/Al Jazeera, 24 Apr 2019.*Albawaba, 21 Oct 2019/);
    expect(f('MQ').description).toMatch(/South Protection Force/);
    expect(f('MQ').claimSource).toMatch(/Libya Observer, 18 Aug 2019/);
    // Ubari was held in part by GNA-aligned units all 2020: LNA at low confidence, and said.
    expect(f('WD').category).toBe('LNA');
    expect(f('WD').confidence).toBe('low');
    expect(f('WD').description).toMatch(/Ali Kanna.*Ubari until December 2020/);
    expect(f('WD').claimSource).toMatch(/Crisis24, 19 Jan 2020/);
  });

  it('Sirte, not named in the text, is context with the source of “taken 6 Jan”', () => {
    const sirte = cgtn.features.get('libya:ly-sirte')!;
    expect(sirte.context).toBe(true);
    expect(cgtn.passagesByFeature.has(sirte.key)).toBe(false);
    // Dated as SOURCES.md dates them: a reader weighs a report of the day against one of June.
    expect(sirte.claimSource).toMatch(/Graphic News, 7 Jan 2020/);
    expect(sirte.claimSource).toMatch(/Al Jazeera, June 2020/);
  });
});

describe('CGTN: TurkStream', () => {
  // The pipelines are its two strings, each offshore and then onshore in Turkey: linked to the
  // offshore line alone, "TurkStream pipelines" framed Kıyıköy and the map left the strings to
  // Lüleburgaz and to the Bulgarian border under the legend at 1280x800.
  it('“TurkStream pipelines” points at both strings, offshore and onshore, not only a stub', () => {
    expect(target(cgtn, 'turkstream', 'TurkStream pipelines').sort()).toEqual([
      'turkstream:turkstream-offshore',
      'turkstream:turkstream-offshore-string-parallel',
      'turkstream:turkstream-onshore-string1',
      'turkstream:turkstream-onshore-string2',
    ]);
  });

  it('“Europe” is the string towards Europe through Bulgaria, and says so', () => {
    // In its name or, for the border point (whose three-line name crowded the Balkans), its card.
    for (const key of target(cgtn, 'turkstream', 'Europe')) {
      const f = cgtn.features.get(key)!;
      expect(`${f.name}. ${f.description}`, key).toMatch(/Europe.*Bulgaria/);
      expect(f.name.length, key).toBeLessThanOrEqual(45);
    }
  });

  it('the Black Sea is context, with no date; the approximate landfall and compressor station have the layer’s caption', () => {
    const sea = cgtn.features.get('turkstream:black-sea')!;
    expect(sea.context).toBe(true);
    // A context feature's date reads as an event (it was "Jan 2020", and "static" in the file).
    expect(sea.date).toBeFalsy();
    const layer = cgtn.layers.find((l) => l.spec.id === 'turkstream')!;
    // The station's point is the route's first vertex; the station is at Gai-Kodzor, 5 km inland (SOURCES.md).
    expect(layer.features.filter((f) => f.approximate).map((f) => f.id).sort()).toEqual(['ts-anapa-landfall', 'ts-russkaya-cs']);
    expect(layer.spec.approximate).toMatch(/Anapa landfall.*Russkaya compressor station/);
    const station = cgtn.features.get('turkstream:ts-russkaya-cs')!;
    expect(station.description).toMatch(/Gai-Kodzor/);
    expect(station.claimSource).toMatch(/OpenStreetMap.*TASS/);
  });
});

describe('CGTN: Syria, Iran and Iraq', () => {
  it('the Idlib phrases point at the governorate, not at towns the text never names', () => {
    for (const [pid, phrase] of [['idlib-truce', 'rebel-stronghold region'], ['idlib-truce', 'Idlib'], ['idlib-offensive', 'Idlib']] as const) {
      expect(target(cgtn, pid, phrase), `${pid}: ${phrase}`).toEqual(['syria-idlib:idlib-governorate']);
    }
    // The forces and the rebels are not a place: "Syrian government forces" lit the governorate the
    // rebels held, which read as the government's. The passage on the war names no place the map has.
    for (const [pid, phrase] of [['syria-war', 'Syrian government forces'], ['syria-war', 'rebels'], ['idlib-offensive', 'Syrian government forces']] as const) {
      expect(unmarked(cgtn, pid, phrase), `${pid}: ${phrase}`).toBe(true);
    }
    expect(cgtn.featuresByPassage.get('syria-war') ?? []).toEqual([]);
    for (const key of ['sy-idlib', 'sy-maarat-al-numan', 'sy-saraqib', 'sy-khan-shaykhun']) {
      const f = cgtn.features.get(`syria-idlib:${key}`)!;
      expect(f.context, key).toBe(true);
      expect(cgtn.passagesByFeature.has(f.key), key).toBe(false);
    }
  });

  it('each Syrian place wears the side that held it on the article’s date, with who reported it: Khan Shaykhun the government’s, not the rebels’', () => {
    const layer = cgtn.layers.find((l) => l.spec.id === 'syria-idlib')!;
    const side = (v: string) => layer.spec.categories!.values.find((c) => c.value === v)!;
    expect(side('government').label).toMatch(/^Government-held, 9 Jan 2020$/);
    expect(side('rebels').label).toMatch(/^Rebel-held, 9 Jan 2020$/);
    const held = { 'sy-khan-shaykhun': 'government', damascus: 'government', 'sy-idlib': 'rebels', 'sy-maarat-al-numan': 'rebels', 'sy-saraqib': 'rebels', 'idlib-governorate': 'rebels' };
    for (const [id, control] of Object.entries(held)) {
      const f = cgtn.features.get(`syria-idlib:${id}`)!;
      expect(f.category, id).toBe(control);
      expect(f.claimSource, id).toMatch(/\w{3}/);
    }
    // Taken before the article (August 2019); the two that fell after it say so, with their dates.
    expect(cgtn.features.get('syria-idlib:sy-khan-shaykhun')!.description).toMatch(/August 2019/);
    expect(cgtn.features.get('syria-idlib:sy-maarat-al-numan')!.description).toMatch(/28 January 2020, after the article/);
    expect(cgtn.features.get('syria-idlib:sy-saraqib')!.description).toMatch(/^Rebel-held on the article’s date\. After this article/);
    // No place of the layer is drawn in the layer's own colour, which says no side.
    expect(layer.features.every((f) => f.category !== undefined)).toBe(true);
    expect(layer.spec.categories!.values.map((c) => c.color)).not.toContain(layer.spec.color);
  });

  it('Damascus is linked by the visit that went there, not by the man Putin met there', () => {
    // "Bashar al-Assad" names a person; the map has no feature for him, only the city he met Putin in.
    expect(target(cgtn, 'damascus-visit', 'surprise visit to Syria')).toEqual(['syria-idlib:damascus']);
    expect(unmarked(cgtn, 'damascus-visit', 'Bashar al-Assad')).toBe(true);
  });

  it('Iran is a feature of its own (an outline), linked by “Iran”; Tehran is not in a layer named for Iraq’s bases', () => {
    const iran = cgtn.features.get('iraq-bases:iran')!;
    expect(iran).toMatchObject({ kind: 'area', context: true });
    for (const pid of ['lede', 'iraq-strikes', 'khamenei']) expect(target(cgtn, pid, 'Iran'), pid).toEqual(['iraq-bases:iran']);
    const layer = cgtn.layers.find((l) => l.features.some((f) => f.id === 'tehran'))!;
    expect(layer.spec.name).toMatch(/Iran/);
    expect(layer.spec.name).not.toMatch(/bases/i);
  });

  it('marks the places that stand for unlocated sites as approximate, with a caption in each layer', () => {
    for (const key of ['iraq-bases:baghdad-intl-airport', 'iraq-bases:al-asad-airbase', 'iraq-bases:erbil-airport', 'iraq-bases:tehran', 'istanbul:istanbul', 'syria-idlib:damascus', 'turkstream:ts-anapa-landfall', 'syria-idlib:idlib-governorate']) {
      expect(cgtn.features.get(key)!.approximate, key).toBe(true);
    }
    for (const l of cgtn.layers) if (l.hasApproximate) expect(l.spec.approximate, l.spec.id).toMatch(/approximate/i);
  });

  it('says where the claims come from: the strikes, Sirte, the meeting, the ceasefire', () => {
    for (const key of ['iraq-bases:baghdad-intl-airport', 'iraq-bases:al-asad-airbase', 'iraq-bases:erbil-airport', 'libya:ly-sirte', 'syria-idlib:damascus', 'libya:libya-boundary', 'istanbul:halic-congress-center']) {
      expect(cgtn.features.get(key)!.claimSource, key).toMatch(/\w{3}/);
    }
  });
});

describe('the articles are credited', () => {
  it.each([['CGTN', cgtn], ['Suez', suez]] as const)('%s: the outlet’s URL in story.json and a credit line', (_n, model) => {
    expect(model.story.url).toMatch(/^https:\/\//);
    expect(model.story.attribution.some((a) => a.url === model.story.url)).toBe(true);
  });
  it('CGTN: the credit says whose text it is', () => {
    expect(cgtn.story.url).toMatch(/^https:\/\/news\.cgtn\.com\//);
    expect(cgtn.story.credit).toMatch(/© CGTN/);
  });
});

describe('Suez', () => {
  it('“both sides of the operation” is the Red Sea side and the Bitter Lake, not the ports or the canal', () => {
    expect(target(suez, 'backlog', 'both sides of the operation')).toEqual(['water:great-bitter-lake', 'water:gulf-of-suez-north']);
  });

  // A phrase is marked only where it names what it points at: "wedged" (a verb) was underlined as
  // if it were the ship (a graphics-desk review).
  it('the Ever Given is linked by the ship’s names, not by what happened to it', () => {
    expect(target(suez, 'refloated', 'Ever Given')).toEqual(['places:ever-given']);
    expect(target(suez, 'refloated', 'giant container ship')).toEqual(['places:ever-given']);
    expect(unmarked(suez, 'refloated', 'wedged')).toBe(true);
  });

  it('the canal’s description gives the length of the line drawn, and the full length with its source', () => {
    const canal = suez.features.get('canal:suez-canal')!;
    const layer = suez.layers.find((l) => l.spec.id === 'canal')!;
    const drawn = length(layer.data.features[0] as Feature, { units: 'kilometers' });
    const kms = [...(canal.description ?? '').matchAll(/([\d.]+) km/g)].map((m) => Number(m[1]));
    expect(kms).toContain(193.3);
    expect(canal.claimSource).toMatch(/193\.3/);
    // Any other length stated is the drawn line's, to within 2 %.
    for (const k of kms.filter((k) => k !== 193.3)) expect(Math.abs(k - drawn) / drawn, `${k} km vs ${drawn.toFixed(1)} km drawn`).toBeLessThan(0.02);
    expect(kms.some((k) => k !== 193.3)).toBe(true);
  });

  it('the canal’s line keeps to the water, from Port Said to Suez, and passes the Ever Given', () => {
    // The water the line was traced in (OSM via @geo-maps/earth-seas-10m, written by
    // scripts/import-suez.mjs). An earlier line took the Great Bitter Lake's southern bay for the
    // channel and ran 20 km over land to the channel south of the Little Bitter Lake.
    const water = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/suez-water.geojson'), 'utf8')) as Feature<Polygon>;
    const shore = water.geometry.coordinates.map((ring) => lineString(ring));
    const line = suez.layers.find((l) => l.spec.id === 'canal')!.data.features[0] as Feature<LineString>;
    const km = length(line, { units: 'kilometers' });
    let worst = { at: 0, m: 0 };
    for (let d = 0; d <= km; d += 0.05) {
      const p = along(line, d, { units: 'kilometers' });
      const m = booleanPointInPolygon(p, water) ? 0 : Math.min(...shore.map((r) => pointToLineDistance(p, r, { units: 'meters' })));
      if (m > worst.m) worst = { at: d, m };
    }
    // Within the line's simplification (0.0004°, about 45 m) of the water.
    expect(worst.m, `${worst.m.toFixed(0)} m from the water, ${worst.at.toFixed(2)} km from Port Said`).toBeLessThan(50);
    const ship = suez.features.get('places:ever-given')!;
    const [lon, lat] = (suez.layers.find((l) => l.spec.id === 'places')!.data.features.find((f) => f.properties?.id === 'ever-given')!.geometry as { coordinates: number[] }).coordinates;
    expect(pointToLineDistance([lon!, lat!], line, { units: 'meters' }), ship.name).toBeLessThan(200);
  });

  it('says who reported what the cards say: the grounding and refloating, and where the ships waited', () => {
    const ship = suez.features.get('places:ever-given')!;
    expect(ship.claimSource).toMatch(/NOAA NESDIS \(this article\): refloated at about 3 pm/);
    expect(ship.claimSource).toMatch(/aground/);
    for (const key of ['water:great-bitter-lake', 'water:gulf-of-suez-north']) expect(suez.features.get(key)!.claimSource, key).toMatch(/^NOAA NESDIS \(this article\): more than 400 ships backed up/);
    // The article says so: "more than 400 ships backed up", refloated "at about 3 pm local time Monday".
    const text = suez.passages.map((p) => p.text).join(' ');
    expect(text).toMatch(/more than 400 ships backed up/);
    expect(text).toMatch(/about 3 pm local time Monday/);
  });

  it('claims nothing about the ports that no source says: they are context, with no date as if of an event', () => {
    for (const key of ['places:port-said', 'places:suez']) {
      const f = suez.features.get(key)!;
      expect(f.context, key).toBe(true);
      expect(f.description, key).not.toMatch(/waited|queued/);
      // "Port Said, 29 Mar 2021" on its card read as something that happened there that day.
      expect(f.date, key).toBe('');
    }
  });
});

// A card that cites the article says what the article says, in its words and spelling; a card's
// other claims name their source (a third graphics-desk review).
describe('Cards in the article\u2019s words', () => {
  const article = [...cgtn.passageById.values()].map((p) => p.text).join(' ');

  it('Iran\u2019s card says "rockets", as CGTN does, not "missiles"', () => {
    const iran = cgtn.features.get('iraq-bases:iran')!;
    expect(iran.claimSource).toMatch(/CGTN/);
    expect(article).toMatch(/fired rockets/);
    expect(iran.description).toMatch(/rockets/);
    expect(iran.description).not.toMatch(/missile/i);
  });

  it('Tripoli\u2019s card spells "UN-recognized" as the article beside it does', () => {
    expect(article).toMatch(/UN-\s*recognized/);
    expect(cgtn.features.get('libya:tripoli')!.description).toMatch(/UN-recognized/);
  });

  it('the Black Sea\u2019s card makes no claim without a source: no length the sources do not give, and who drew the route', () => {
    const sea = cgtn.features.get('turkstream:black-sea')!;
    expect(sea.description).not.toMatch(/\d+\s*km/);
    expect(sea.claimSource).toMatch(/OpenStreetMap/);
  });

  it('names use one apostrophe, the typographic one (Ma\u2019arrat al-Nu\u2019man, Ash Shati\u2019)', () => {
    for (const model of [cgtn, suez]) for (const f of model.features.values()) expect(f.name, f.key).not.toContain("'");
    expect(cgtn.features.get('libya:ly-district-LY-WS')!.name).toBe('Ash Shati\u2019 district: LNA');
  });
});

describe('CGTN: what a card says and what a phrase names (a standards editor’s review)', () => {
  it('Tehran’s card gives a source that puts the address there; the article names no city', () => {
    const tehran = cgtn.features.get('iraq-bases:tehran')!;
    expect(cgtn.passageById.get('khamenei')!.text).not.toMatch(/Tehran/);
    expect(tehran.claimSource).toMatch(/in Tehran: The Times of Israel, 8 Jan 2020/);
    expect(tehran.approximate).toBe(true);
  });

  it('a statement is not a place: “joint statement” links nothing; the lede’s “Istanbul” links the city', () => {
    expect(unmarked(cgtn, 'joint-statement', 'joint statement')).toBe(true);
    expect(target(cgtn, 'lede', 'Istanbul')).toEqual(['istanbul:istanbul']);
  });

  it('Idlib’s date is two declared starts, not a ceasefire that ran 9 to 12 January', () => {
    const idlib = cgtn.features.get('syria-idlib:idlib-governorate')!;
    // The date is the article's: the ceasefires came after it, as the card says (a two-line date made
    // the card taller, and Idlib was framed smaller, Turkey's name gone).
    expect(idlib.date).toBe('Jan 2020');
    expect(idlib.description).toMatch(/After this article, Russia declared a ceasefire.*from 14:00 MSK on 9 Jan, Turkey from 00:01 on 12 Jan/);
  });

  // The article was updated at 12:10 Beijing time on 9 January (04:10 UTC): what happened later is
  // said to be later, on every card that tells it (a fact-checker's review).
  it('cards that tell of events after the article say so', () => {
    const after = /after (this|the) article/i;
    expect(cgtn.features.get('libya:libya-boundary')!.description).toMatch(/After this article, the LNA’s ceasefire began/);
    expect(cgtn.features.get('syria-idlib:sy-saraqib')!.description).toMatch(after);
    expect(cgtn.features.get('syria-idlib:sy-maarat-al-numan')!.description).toMatch(after);
  });
});

describe('CGTN: Istanbul', () => {
  // At the pipeline's views the venue stands on Istanbul's point, whose name gives way to it (the
  // points standing on one another are named once): the city was named nowhere.
  it('the inauguration venue\u2019s name says it is in Istanbul', () => {
    expect(cgtn.features.get('istanbul:halic-congress-center')!.name).toMatch(/, Istanbul$/);
  });
});
