// The editor's layer colours pass the same checks as the stories' (docs/accessibility.md).
import { describe, expect, it } from 'vitest';
import { BASEMAP, contrast, DEFICIENCIES, DISTINCT_MIN, distance, GRAPHIC_MIN } from '../../scripts/a11y-colours';
import { PALETTE } from '../../src/lib/palette';
import { draftStory, parseGazetteer } from '../../src/lib/draft';
import { GAZETTEER_VERSION } from '../../src/lib/draft/gazetteer';

describe('editor palette', () => {
  it.each(PALETTE)('$name ($color) is at least 3:1 on land and sea', ({ color }) => {
    expect(contrast(color, BASEMAP.land)).toBeGreaterThanOrEqual(GRAPHIC_MIN);
    expect(contrast(color, BASEMAP.sea)).toBeGreaterThanOrEqual(GRAPHIC_MIN);
  });
  it('colours stay apart with normal vision and the common deficiencies', () => {
    const worst: string[] = [];
    for (const [vision, sim] of Object.entries(DEFICIENCIES)) {
      for (let i = 0; i < PALETTE.length; i++) for (let j = i + 1; j < PALETTE.length; j++) {
        const d = distance(sim(PALETTE[i]!.color), sim(PALETTE[j]!.color));
        if (d < DISTINCT_MIN) worst.push(`${vision}: ${PALETTE[i]!.name} / ${PALETTE[j]!.name} ${d.toFixed(1)}`);
      }
    }
    expect(worst).toEqual([]);
  });
});

describe('the drafter’s layer colour', () => {
  it('a drafted story’s places layer is coloured from the checked palette', () => {
    // A one-city gazetteer: enough for the drafter to map a place and write its layer.
    const gazetteer = parseGazetteer(JSON.stringify({ format: 'story-map-gazetteer', version: GAZETTEER_VERSION, sources: [{ id: 'geonames', text: 'GeoNames (CC BY 4.0)', url: 'https://www.geonames.org/' }], countries: [], regions: [], water: [], cities: [['Istanbul', '', 'TR', '34', 28.97, 41.01, 15000000, 'PPLA']] }));
    const draft = draftStory('Leaders met in Istanbul on Wednesday to open the pipeline.', gazetteer, { title: 'Leaders meet', date: '2020-01-08' });
    const story = JSON.parse(draft.files.get('story.json')!) as { layers: { color: string }[] };
    expect(story.layers.length).toBeGreaterThan(0);
    for (const layer of story.layers) expect(PALETTE.map((p) => p.color)).toContain(layer.color.toLowerCase());
    expect(draft.places.some((p) => p.name === 'Istanbul')).toBe(true);
  });
});
