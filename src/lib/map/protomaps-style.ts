// A newsroom's Protomaps basemap (a PMTiles archive in the Protomaps schema, story.json
// `basemap.pmtiles` with `"schema": "protomaps"`) drawn as quietly as the site's own basemap: the
// layers @protomaps/basemaps makes for that schema, kept to what a locator map shows (land, water,
// rivers, borders, place, water and country names: no roads, buildings, land use or points of
// interest), in the site's basemap colours, with every label in the bundled font (no glyph server,
// no sprite: place dots are the site's own images). Loaded only when a story names such an archive.
import { layers, namedFlavor, type Flavor } from '@protomaps/basemaps';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { BASEMAP_COLORS, FONT, FONT_ITALIC } from './basemap-style';

/** The source's id in the style (underStory() prefixes it, as every newsroom style's). */
export const PROTOMAPS_SOURCE = 'protomaps';

/** The Protomaps layers a locator map keeps, by id. */
export const KEPT_LAYERS = [
  'background',
  'earth',
  'water',
  'water_river',
  'boundaries_country',
  'boundaries',
  'water_label_ocean',
  'water_label_lakes',
  'earth_label_islands',
  'places_region',
  'places_locality',
  'places_country',
] as const;

const FLAVOR: Flavor = {
  ...namedFlavor('light'),
  background: BASEMAP_COLORS.land,
  earth: BASEMAP_COLORS.land,
  water: BASEMAP_COLORS.sea,
  boundaries: BASEMAP_COLORS.border,
  city_label: BASEMAP_COLORS.place,
  city_label_halo: BASEMAP_COLORS.land,
  subplace_label: BASEMAP_COLORS.countryLabel,
  subplace_label_halo: BASEMAP_COLORS.land,
  state_label: BASEMAP_COLORS.countryLabel,
  state_label_halo: BASEMAP_COLORS.land,
  country_label: BASEMAP_COLORS.countryLabel,
  ocean_label: BASEMAP_COLORS.water,
};

/** Every font a layer names becomes one the bundle has: italic stays italic, anything else regular. */
function bundledFonts(v: unknown): unknown {
  if (typeof v === 'string') return /^Noto Sans/.test(v) ? (/Italic/.test(v) ? FONT_ITALIC : FONT) : v;
  if (Array.isArray(v)) return v.map(bundledFonts);
  return v;
}

/** The style for an archive at `url` (absolute http(s) address of the .pmtiles file). */
export function protomapsStyle(url: string): StyleSpecification {
  const kept = new Set<string>(KEPT_LAYERS);
  const out: LayerSpecification[] = [];
  for (const layer of layers(PROTOMAPS_SOURCE, FLAVOR, { lang: 'en' })) {
    if (!kept.has(layer.id)) continue;
    const l = structuredClone(layer) as LayerSpecification & { layout?: Record<string, unknown> };
    if (l.layout?.['text-font'] !== undefined) l.layout['text-font'] = bundledFonts(l.layout['text-font']);
    // Text formats may name a font per part (scripts): the same mapping.
    if (l.layout?.['text-field'] !== undefined) l.layout['text-field'] = JSON.parse(JSON.stringify(l.layout['text-field']), (_k, v: unknown) => (typeof v === 'string' && /^Noto Sans/.test(v) ? bundledFonts(v) : v));
    // Town dots from the site's own images (basemap-style.ts basemapImages) instead of a sprite's.
    if (l.layout?.['icon-image'] !== undefined) l.layout['icon-image'] = ['step', ['zoom'], ['case', ['==', ['get', 'capital'], 'yes'], 'basemap:capital', 'basemap:place'], 8, ''];
    out.push(l);
  }
  return {
    version: 8,
    sources: { [PROTOMAPS_SOURCE]: { type: 'vector', url: `pmtiles://${url}` } },
    layers: out,
  };
}
