// The app's text and UI colours meet WCAG 2.2 AA contrast; every story's map colours stand out from
// the basemap and stay apart for the common colour-vision deficiencies (docs/accessibility.md).
import { describe, expect, it } from 'vitest';
import { allStories, BASEMAP, closestPairs, contrast, DEFICIENCIES, DISTINCT_MIN, distance, GRAPHIC_MIN, PAIRS } from '../../scripts/a11y-colours';
import { BASEMAP_COLORS } from '../../src/lib/map/basemap-style';
import { COLORS } from '../../src/lib/map/style';

describe('contrast', () => {
  it.each(PAIRS)('$what: $fg on $bg', ({ fg, bg, min }) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(min);
  });
  it('checks the colours the map style really uses', () => {
    expect(PAIRS.find((p) => p.what === 'map country labels (WebGL)')!.fg).toBe(COLORS.countryLabel);
    expect(PAIRS.find((p) => p.what === 'map place names (both maps)')!.fg).toBe(BASEMAP_COLORS.place);
    expect(PAIRS.find((p) => p.what === 'map water names (both maps)')!.fg).toBe(BASEMAP_COLORS.water);
    expect(BASEMAP).toEqual({ land: COLORS.land, sea: COLORS.sea });
  });
});

describe('story colours', () => {
  const stories = allStories();
  it('finds the stories', () => {
    expect(stories.map((s) => s.story)).toContain('cgtn-2020-01-09');
    // Five layers, Libya's three sides and Syria's two (its rebel-held colour is Syria's old one, and
    // its layer's own colour, which no feature is drawn in, is Libya's).
    expect(stories.find((s) => s.story === 'cgtn-2020-01-09')!.colours).toHaveLength(9);
  });
  for (const s of stories) {
    it(`${s.story}: every colour is at least 3:1 against land and sea`, () => {
      for (const c of s.colours) {
        expect(contrast(c.color, BASEMAP.land), c.label).toBeGreaterThanOrEqual(GRAPHIC_MIN);
        expect(contrast(c.color, BASEMAP.sea), c.label).toBeGreaterThanOrEqual(GRAPHIC_MIN);
      }
    });
    it(`${s.story}: colours stay apart with normal vision, protanopia, deuteranopia and tritanopia`, () => {
      for (const r of closestPairs(s)) expect(r.dE, `${r.vision}: ${r.a} / ${r.b}`).toBeGreaterThanOrEqual(DISTINCT_MIN);
    });
  }
});

describe('the simulation', () => {
  it('changes what the deficiencies change and keeps greys', () => {
    expect(DEFICIENCIES.deuteranopia('#ff0000')).not.toBe('#ff0000');
    expect(DEFICIENCIES.protanopia('#6b6b6b')).toBe('#6b6b6b');
    // Red and green, far apart normally, nearly meet for deuteranopia.
    expect(distance('#d62728', '#2ca02c')).toBeGreaterThan(50);
    expect(distance(DEFICIENCIES.deuteranopia('#d62728'), DEFICIENCIES.deuteranopia('#2ca02c'))).toBeLessThan(25);
  });
  it('catches the first palette’s clash: the Idlib purple and the Istanbul teal merge for deuteranopia', () => {
    const [none, , deuter] = closestPairs({ story: 'old', colours: [{ label: 'Syria / Idlib', color: '#8e3f8c' }, { label: 'Istanbul', color: '#1f6f8b' }] });
    expect(none!.dE).toBeGreaterThan(DISTINCT_MIN);
    expect(deuter!.dE).toBeLessThan(2);
  });
});
