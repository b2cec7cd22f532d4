// The build-time first-paint picture (scripts/static-map.ts): what it covers, that it is small,
// safe to inline, and drawn like the map.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { degreesPerUnit, extendedBounds, pictureBasemap, REFERENCE_WIDTH, renderStaticMap, simplifiedForPicture, staticMapMarkup } from '../../scripts/static-map';
import type { BasemapTopology } from '../../src/lib/map/basemap';
import { COLORS } from '../../src/lib/map/style';
import { buildModel } from '../../src/lib/story/model';
import { createPoint, createTexts } from './fixtures';

const GEODATA = join(import.meta.dirname, '../../geodata');
const topo = () => JSON.parse(readFileSync(join(GEODATA, 'basemap/countries.topo.json'), 'utf8')) as BasemapTopology;

describe('static first-paint picture', () => {
  it('covers more than the story’s bounds, within the world', () => {
    const [w, s, e, n] = extendedBounds([9, 24, 54, 46.5]);
    expect(w).toBeLessThan(9 - 20);
    expect(e).toBeGreaterThan(54 + 20);
    expect(s).toBeLessThan(24 - 5);
    expect(n).toBeGreaterThan(46.5 + 5);
    expect(extendedBounds([-170, -80, 170, 80])).toEqual([-180, -85, 180, 85]);
  });

  it('renders the CGTN story small enough to inline (under 40 kB gzip) and with every layer drawn', async () => {
    const markup = renderStaticMap({ geodata: GEODATA }, 'cgtn-2020-01-09')!;
    const { gzipSync } = await import('node:zlib');
    expect(gzipSync(markup).length).toBeLessThan(40_000);
    expect(markup).toMatch(/^<div class="static-map" data-static-map data-story="cgtn-2020-01-09" data-bounds="9,24,54,46.5" aria-hidden="true"><svg /);
    // The viewBox is the story's bounds, REFERENCE_WIDTH wide.
    const vb = /viewBox="([^"]+)"/.exec(markup)![1]!.split(' ').map(Number);
    expect(vb[2]).toBe(REFERENCE_WIDTH);
    // Land in the map's colour; the layers' colours (Libya's categories, the pipeline, the bases).
    const story = JSON.parse(readFileSync(join(GEODATA, 'cgtn-2020-01-09/story.json'), 'utf8')) as { layers: { color: string; categories?: { values: { color: string }[] } }[] };
    const colours = story.layers.flatMap((l) => [l.color, ...(l.categories?.values.map((v) => v.color) ?? [])]);
    expect(colours.length).toBeGreaterThanOrEqual(7);
    for (const c of [COLORS.land, ...colours]) expect(markup).toContain(c);
    expect(markup).toContain('stroke-dasharray="3 2"');
    expect(markup).toContain('fill="url(#sm-hatch-');
    expect(markup).not.toMatch(/\sstyle=|<style|<script/);
  });

  it('escapes what comes from data and never lets a colour carry markup', () => {
    const texts = createTexts({
      story: { layers: [{ id: 'places', name: 'Places', file: 'places.geojson', color: '#336699' }] },
      features: [createPoint('rome', [12.4964, 41.9028])],
    });
    const model = buildModel(texts);
    const markup = staticMapMarkup(simplifiedForPicture(model), pictureBasemap(topo(), degreesPerUnit(model)), 'a"><script>x</script>');
    expect(markup).not.toContain('<script>');
    expect(markup).toContain('data-story="a&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    // A point is a round dot of the map's size: 10 px with a 1.5 px halo, whatever the scale.
    expect(markup).toMatch(/stroke="#336699" stroke-width="10" stroke-linecap="round" vector-effect="non-scaling-stroke"/);
  });

  it('simplifies layers and basemap to the picture’s resolution', () => {
    const ring: [number, number][] = Array.from({ length: 2001 }, (_, i) => {
      const t = (i / 2000) * 2 * Math.PI;
      return [20 + 3 * Math.cos(t) + 0.001 * Math.sin(97 * t), 35 + 3 * Math.sin(t)];
    });
    ring[2000] = ring[0]!;
    const texts = createTexts({ features: [{ type: 'Feature', properties: { id: 'blob', name: 'Blob', date: '2020', source: 'Test' }, geometry: { type: 'Polygon', coordinates: [ring] } }], story: { features: {} } });
    const model = buildModel(texts);
    const simple = simplifiedForPicture(model);
    const coords = (simple.layers[0]!.data.features[0]!.geometry as { coordinates: number[][][] }).coordinates[0]!;
    expect(coords.length).toBeLessThan(400);
    expect(coords.length).toBeGreaterThan(20);
    const full = pictureBasemap(topo(), 0.001);
    const coarse = pictureBasemap(topo(), 0.09);
    expect(JSON.stringify(coarse.land).length).toBeLessThan(JSON.stringify(full.land).length / 2);
  });

  it('says why and returns null when the story cannot be read', () => {
    const warnings: string[] = [];
    expect(renderStaticMap({ geodata: GEODATA }, 'no-such-story', (m) => warnings.push(m))).toBeNull();
    expect(warnings[0]).toMatch(/could not be made/);
  });
});
