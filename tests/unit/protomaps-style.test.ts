import { describe, expect, it } from 'vitest';
import { BASEMAP_COLORS, FONT, FONT_ITALIC } from '../../src/lib/map/basemap-style';
import { KEPT_LAYERS, protomapsStyle } from '../../src/lib/map/protomaps-style';

const style = protomapsStyle('https://cdn.example/planet.pmtiles');
/** Every string anywhere in a value (expressions included). */
const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);

describe("a Protomaps archive's style", () => {
  it('reads the archive through the pmtiles protocol', () => {
    expect(style.sources).toEqual({ protomaps: { type: 'vector', url: 'pmtiles://https://cdn.example/planet.pmtiles' } });
  });

  it('keeps what a locator map shows: no roads, buildings, land use or points of interest', () => {
    const ids = style.layers.map((l) => l.id);
    for (const id of ids) expect(KEPT_LAYERS as readonly string[]).toContain(id);
    for (const id of ['background', 'earth', 'water', 'boundaries_country', 'places_locality', 'places_country', 'water_label_ocean']) expect(ids).toContain(id);
    expect(ids.some((id) => /^(roads|buildings|landuse|landcover|pois)/.test(id))).toBe(false);
  });

  it("is drawn in the site's basemap colours", () => {
    const paint = (id: string) => style.layers.find((l) => l.id === id)!.paint as Record<string, unknown>;
    expect(paint('background')['background-color']).toBe(BASEMAP_COLORS.land);
    expect(paint('earth')['fill-color']).toBe(BASEMAP_COLORS.land);
    expect(paint('water')['fill-color']).toBe(BASEMAP_COLORS.sea);
  });

  it('sets every label in the bundled font and uses no sprite', () => {
    const fonts = new Set<string>();
    for (const l of style.layers) {
      const layout = (l as { layout?: Record<string, unknown> }).layout ?? {};
      for (const s of strings([layout['text-font'], layout['text-field']])) if (/^Noto Sans/.test(s)) fonts.add(s);
      for (const s of strings(layout['icon-image'])) if (s !== '' && !['zoom', 'case', '==', 'get', 'capital', 'yes', 'step'].includes(s)) expect(s).toMatch(/^basemap:/);
    }
    expect([...fonts].sort()).toEqual([FONT_ITALIC, FONT].sort());
    expect(style.sprite).toBeUndefined();
    expect(style.glyphs).toBeUndefined();
  });
});
