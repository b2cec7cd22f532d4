// The build-time first-paint picture (scripts/static-map.ts): what it covers, that it is small,
// safe to inline, drawn like the map, and that its pixels are where the map puts things.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { extendedBounds, NAME_BANDS, pictureNames, pictureNamesMarkup, rasterise, REFERENCE_WIDTH, renderStaticMap, simplifiedForPicture, staticMapMarkup, staticMapSvg, tileBasemap } from '../../scripts/static-map';
import { TileMaker } from '../../scripts/basemap/tiles';
import { BASEMAP_COLORS } from '../../src/lib/map/basemap-style';
import type { SceneBasemap } from '../../src/lib/fallback/scene';
import { PICTURE_SPAN } from '../../src/lib/map/static-map';
import { CONTROLS_TOP, CREDITS_OPEN_MIN_HEIGHT, GAP, LABEL_ROOM, NOTES_OPEN_MIN_HEIGHT, STACKED_MAP_SHARE, WIDE_APP_PX } from '../../src/lib/map/framing';
import { COLORS } from '../../src/lib/map/style';
import { buildModel } from '../../src/lib/story/model';
import { readStoryTexts } from '../../src/lib/story/read-folder';
import { createPoint, createTexts } from './fixtures';

const GEODATA = join(import.meta.dirname, '../../geodata');
// The story's drawing does not depend on the basemap; the basemap's own drawing is checked on the
// real tiles below (renderStaticMap).
const noBasemap = (): SceneBasemap => ({ covered: { type: 'FeatureCollection', features: [] }, water: { type: 'FeatureCollection', features: [] }, borders: { type: 'MultiLineString', coordinates: [] } });
const CGTN = join(GEODATA, 'cgtn-2020-01-09');
const storyJson = () => JSON.parse(readFileSync(join(CGTN, 'story.json'), 'utf8')) as { view: { bounds: number[] }; layers: { id: string; color: string; categories?: { values: { value: string; color: string }[] } }[] };
const mx = (lon: number) => (lon + 180) / 360;
const my = (lat: number) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const near = (a: number[], b: number[], tol: number) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);

describe('static first-paint picture', () => {
  it('covers more than the story’s bounds, within the world', () => {
    const [w, s, e, n] = extendedBounds([9, 24, 54, 46.5]);
    expect(w).toBeLessThan(9 - 20);
    expect(e).toBeGreaterThan(54 + 20);
    expect(s).toBeLessThan(24 - 5);
    expect(n).toBeGreaterThan(46.5 + 5);
    expect(extendedBounds([-170, -80, 170, 80])).toEqual([-180, -85, 180, 85]);
    // As far as the picture spans: 1.2 times the bounds' width beside them, twice their (Mercator) height above and below.
    expect(w).toBeCloseTo(9 - 45 * 1.2, 6);
    expect(e).toBeCloseTo(54 + 45 * 1.2, 6);
    const height = my(24) - my(46.5);
    expect(my(s) - my(24)).toBeCloseTo(height * 2, 6);
    expect(my(46.5) - my(n)).toBeCloseTo(height * 2, 6);
  });

  it('sizes the image box in static-map.css by the span the picture is drawn at', () => {
    // The CSS cannot import PICTURE_SPAN: its numbers are held to it here. The image box is the box
    // the bounds fit in (--w x --h) PICTURE_SPAN times over, centred on it.
    const css = readFileSync(join(import.meta.dirname, '../../src/lib/map/static-map.css'), 'utf8');
    const rule = /\.static-map img \{([^}]*)\}/.exec(css)![1]!;
    const { x, y } = PICTURE_SPAN;
    const side = (n: number, v: string) => ((n - 1) / 2 === 1 ? `var(${v})` : `${(n - 1) / 2} * var(${v})`);
    expect(rule).toContain(`width: calc(${x} * var(--w));`);
    expect(rule).toContain(`height: calc(${y} * var(--h));`);
    expect(rule).toContain(`left: calc(var(--left) - ${side(x, '--w')});`);
    expect(rule).toContain(`top: calc(var(--top) - ${side(y, '--h')});`);
  });

  it('opens the legend, and keeps room for it in the picture, from the width the app opens it at', () => {
    // The CSS cannot import WIDE_APP_PX, GAP or LABEL_ROOM (framing.ts): its numbers are held to them here.
    const css = readFileSync(join(import.meta.dirname, '../../src/lib/map/static-map.css'), 'utf8');
    const legend = readFileSync(join(import.meta.dirname, '../../src/lib/panel/Legend.svelte'), 'utf8');
    const room = /@container app \(min-width: (\d+)px\) \{\s*\.static-map \{[^}]*--left: calc\(14\.6rem \+ (\d+)px\)/.exec(css);
    expect(room, 'static-map.css keeps room for the open legend').not.toBeNull();
    expect(Number(room![1])).toBe(WIDE_APP_PX);
    expect(Number(room![2])).toBe(GAP + LABEL_ROOM);
    const open = /@container \(min-width: (\d+)px\) \{\s*:global\(\.story-map:not\(\.measured\)\) \.legend::details-content/.exec(legend);
    expect(open, 'Legend.svelte shows the legend open before the app has measured itself').not.toBeNull();
    expect(Number(open![1])).toBe(WIDE_APP_PX);
    // Every other rule for "the legend is open" agrees: the no-script legend's heading, and the
    // footer's key of colours, hidden where the legend keys them (Attribution.svelte).
    const attribution = readFileSync(join(import.meta.dirname, '../../src/lib/panel/Attribution.svelte'), 'utf8');
    const widths = [css, legend, attribution].flatMap((text) => [...text.matchAll(/@container (?:app )?\(min-width: (\d+)px\)/g)].map((m) => Number(m[1])));
    expect(widths.length).toBeGreaterThanOrEqual(4);
    expect(new Set(widths)).toEqual(new Set([WIDE_APP_PX]));
  });

  it('starts the story’s bounds no higher than the map frames them: under "Reset view" (CONTROLS_TOP)', () => {
    const css = readFileSync(join(import.meta.dirname, '../../src/lib/map/static-map.css'), 'utf8');
    const top = /--top: max\(var\(--p\), (\d+)px\);/.exec(css);
    expect(top, 'static-map.css keeps the top room of baseMargin').not.toBeNull();
    expect(Number(top![1])).toBe(CONTROLS_TOP);
  });

  it('folds the notes and the credits under the map, before the app has measured itself, below the pane heights the app folds them at', () => {
    // Attribution.svelte's media queries cannot import NOTES_OPEN_MIN_HEIGHT, CREDITS_OPEN_MIN_HEIGHT
    // or the stacked map's share of the app (framing.ts, App.svelte's grid): held to them here.
    const footer = readFileSync(join(import.meta.dirname, '../../src/lib/panel/Attribution.svelte'), 'utf8');
    const app = readFileSync(join(import.meta.dirname, '../../src/App.svelte'), 'utf8');
    expect(app).toContain(`grid-template-rows: minmax(min(16rem, 40%), ${STACKED_MAP_SHARE * 100}%) 1fr;`);
    const style = footer.slice(footer.indexOf('<style>'));
    const block = (layout: string) => {
      const at = style.indexOf(`@container app (${layout})`);
      expect(at, layout).toBeGreaterThan(-1);
      return style.slice(at, style.indexOf('@container app', at + 1) > 0 ? style.indexOf('@container app', at + 1) : undefined);
    };
    const heightFor = (text: string, what: 'credits' | 'notes') => {
      const m = new RegExp(`@media \\(min-height: (\\d+)px\\) \\{\\s*\\.attribution \\{\\s*--${what}-whole: 1;`).exec(text);
      expect(m, what).not.toBeNull();
      return Number(m![1]);
    };
    // Side by side the map pane is the app's height; stacked, STACKED_MAP_SHARE of it.
    const side = block('width > 640px');
    const stacked = block('width <= 640px');
    expect(heightFor(side, 'notes')).toBe(NOTES_OPEN_MIN_HEIGHT);
    expect(heightFor(side, 'credits')).toBe(CREDITS_OPEN_MIN_HEIGHT);
    expect(heightFor(stacked, 'notes')).toBe(Math.ceil(NOTES_OPEN_MIN_HEIGHT / STACKED_MAP_SHARE));
    expect(heightFor(stacked, 'credits')).toBe(Math.ceil(CREDITS_OPEN_MIN_HEIGHT / STACKED_MAP_SHARE));
    // And each is shown whole where its flag is set.
    expect(style).toMatch(/@container style\(--credits-whole: 1\) \{\s*\.attribution:not\(\.measured\) \.all::details-content/);
    expect(style).toMatch(/@container style\(--notes-whole: 1\) \{\s*\.attribution:not\(\.measured\) \.notes::details-content/);
  });

  it('draws the CGTN story with every layer, the story’s bounds in the middle of the picture', () => {
    const model = buildModel(readStoryTexts(CGTN));
    const svg = staticMapSvg(simplifiedForPicture(model), noBasemap());
    // The viewBox is the story's bounds (REFERENCE_WIDTH wide) PICTURE_SPAN times over, centred on them.
    const vb = /viewBox="([^"]+)"/.exec(svg)![1]!.split(' ').map(Number);
    expect(vb[2]).toBeCloseTo(PICTURE_SPAN.x * REFERENCE_WIDTH, 0);
    const [w, s, e, n] = storyJson().view.bounds as [number, number, number, number];
    const boundsHeight = (REFERENCE_WIDTH * (my(s) - my(n))) / (mx(e) - mx(w));
    expect(vb[3]).toBeCloseTo(PICTURE_SPAN.y * boundsHeight, 0);
    // Land in the map's colour; the layers' colours (Libya's categories, the pipeline, the bases).
    const colours = storyJson().layers.flatMap((l) => [l.color, ...(l.categories?.values.map((v) => v.color) ?? [])]);
    expect(colours.length).toBeGreaterThanOrEqual(7);
    for (const c of [COLORS.land, ...colours]) expect(svg).toContain(c);
    expect(svg).toContain('stroke-dasharray="3 2"');
    expect(svg).toContain('fill="url(#sm-hatch-');
  });

  it('inlines the CGTN picture as a small WebP whose pixels are where the map puts the places', async () => {
    const markup = (await renderStaticMap({ geodata: GEODATA }, 'cgtn-2020-01-09'))!;
    expect(markup).toMatch(/^<div class="static-map" data-static-map data-story="cgtn-2020-01-09" data-bounds="9,24,54,46.5" aria-hidden="true"><img alt="" src="data:image\/webp;base64,[A-Za-z0-9+/=]+" /);
    expect(markup).not.toMatch(/\sstyle=|<style|<script|javascript:/i);
    // Small enough to inline (WebP does not gzip further): at PICTURE_QUALITY, REFERENCE_WIDTH and
    // PICTURE_SPAN about 26 kB of WebP, 35 kB as base64 (3 across and down, with the bounds 500 px
    // wide, it was 24 kB; at quality 75, 31 kB).
    const img = /<img [^>]*>/.exec(markup)![0];
    expect(img.length).toBeLessThan(36_000);
    // Its names (without scripts, text over it) a few kB more: about 7 kB, 1.4 kB gzip.
    expect(markup.length - img.length).toBeLessThan(10_000);
    const webp = Buffer.from(/base64,([^"]+)"/.exec(markup)![1]!, 'base64');
    const { data, info } = await sharp(webp).raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(PICTURE_SPAN.x * REFERENCE_WIDTH);
    const [w, , e, n] = storyJson().view.bounds as [number, number, number, number];
    const k = REFERENCE_WIDTH / (mx(e) - mx(w));
    const pixel = (lon: number, lat: number) => {
      const x = Math.round((REFERENCE_WIDTH * (PICTURE_SPAN.x - 1)) / 2 + (mx(lon) - mx(w)) * k);
      const y = Math.round((info.height * (PICTURE_SPAN.y - 1)) / 2 / PICTURE_SPAN.y + (my(lat) - my(n)) * k);
      const i = (y * info.width + x) * info.channels;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    };
    // Tripoli is a dot in its side's colour (the GNA's); Erbil and Damascus, approximate locations,
    // open rings (white inside); open sea and the Sahara are the map's sea and land.
    const gna = storyJson().layers.find((l) => l.id === 'libya')!.categories!.values.find((v) => v.value === 'GNA')!;
    expect(near(pixel(13.18733, 32.88743), rgb(gna.color), 40)).toBe(true);
    expect(near(pixel(43.96306, 36.2375), rgb(COLORS.halo), 40)).toBe(true);
    expect(near(pixel(36.29128, 33.5102), rgb(COLORS.halo), 40)).toBe(true);
    expect(near(pixel(18, 34), rgb(COLORS.sea), 12)).toBe(true);
    expect(near(pixel(5, 27), rgb(COLORS.land), 12)).toBe(true);
    // The basemap of the whole world, from its tiles (the old one stopped at 77°E): Tibet is land, the Caspian sea.
    expect(near(pixel(80, 31), rgb(COLORS.land), 12)).toBe(true);
    expect(near(pixel(50.9, 41.8), rgb(COLORS.sea), 12)).toBe(true);
  }, 300_000);

  it('rasterises at the picture’s size, over the sea’s colour', async () => {
    const { webp, width, height } = await rasterise('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150" width="300" height="150"><path d="M0 0H150V150H0Z" fill="#ff0000"/></svg>');
    expect([width, height]).toEqual([300, 150]);
    const { data, info } = await sharp(webp).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(near(at(40, 75), [255, 0, 0], 30)).toBe(true);
    expect(near(at(250, 75), rgb(COLORS.sea), 10)).toBe(true);
  });

  it('escapes what comes from data and never lets a colour carry markup', () => {
    const texts = createTexts({
      story: { layers: [{ id: 'places', name: 'Places', file: 'places.geojson', color: '#336699' }] },
      features: [createPoint('rome', [12.4964, 41.9028])],
    });
    const model = buildModel(texts);
    const markup = staticMapMarkup({ webp: Buffer.from('x'), width: 3, height: 3 }, model, 'a"><script>x</script>');
    expect(markup).not.toContain('<script>');
    expect(markup).toContain('data-story="a&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    // A point is a round dot of the map's size: 10 px with a 1.5 px halo, whatever the scale.
    const svg = staticMapSvg(simplifiedForPicture(model), noBasemap());
    expect(svg).toMatch(/stroke="#336699" stroke-width="10" stroke-linecap="round" vector-effect="non-scaling-stroke"/);
  });

  it('draws and names only the layers shown when the story opens', () => {
    const texts = createTexts({
      story: { layers: [{ id: 'places', name: 'Places', file: 'places.geojson', color: '#336699' }, { id: 'later', name: 'Later', file: 'places.geojson', color: '#aa3311', visible: false }] },
      features: [createPoint('rome', [12.4964, 41.9028])],
    });
    const model = buildModel(texts);
    expect(model.layers.map((l) => l.spec.id)).toEqual(['places', 'later']);
    const shown = simplifiedForPicture(model);
    expect(shown.layers.map((l) => l.spec.id)).toEqual(['places']);
    const svg = staticMapSvg(shown, noBasemap());
    expect(svg).toContain('#336699');
    expect(svg).not.toContain('#aa3311');
    expect(pictureNames(shown, noBasemap()).filter((n) => n.kind === 'story').map((n) => n.lines.join(' '))).toEqual(['Rome']);
  });

  it('simplifies layers to the picture’s resolution', () => {
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
  });

  it('names the picture’s places for each band of scales, in percent of the bounds, a set never colliding', () => {
    const model = buildModel(readStoryTexts(CGTN));
    const names = pictureNames(simplifiedForPicture(model), tileBasemap(model, TileMaker.shared({ geodata: GEODATA })));
    const inBand = (cls: string) => names.filter((n) => n.bands.includes(cls));
    for (const band of NAME_BANDS) {
      const set = inBand(band.cls);
      // Each band: the story's names and the basemap's.
      expect(set.some((n) => n.kind === 'story'), band.cls).toBe(true);
      expect(set.filter((n) => n.kind === 'country').length, band.cls).toBeGreaterThan(2);
      // Within what the band places around the bounds.
      for (const n of set) {
        expect(n.x, n.lines.join(' ')).toBeGreaterThan(-100 * band.around.x - 1);
        expect(n.x, n.lines.join(' ')).toBeLessThan(100 + 100 * band.around.x + 1);
      }
    }
    // Istanbul's name right of its dot (the style's first choice, free there), 12.5 px off; the dot at
    // its place in the bounds (mercator).
    const [w, s, e, n] = storyJson().view.bounds as [number, number, number, number];
    const istanbul = names.find((x) => x.kind === 'story' && x.lines[0] === 'Istanbul')!;
    // (On a desktop's picture; on a phone's, b2, Erbil's name above its dot, free since the towns
    // of Idlib are not named at that scale (CONTEXT_NAME_MINZOOM), comes within a pixel of that
    // side, and Istanbul's is set below its dot.)
    expect(istanbul.bands).toEqual(expect.arrayContaining(['b1']));
    expect(names.some((x) => x.kind === 'story' && x.lines[0] === 'Istanbul' && x.bands.includes('b2'))).toBe(true);
    // The towns the text does not name are not named at the picture's scales (zoom 2 to 3.5).
    for (const town of ['Idlib (city)', 'Khan Shaykhun', 'Saraqib', 'Sirte']) expect(names.some((x) => x.lines.join(' ') === town), town).toBe(false);
    expect(istanbul.x).toBeCloseTo(((mx(28.94966) - mx(w)) / (mx(e) - mx(w))) * 100, 0);
    expect(istanbul.y).toBeCloseTo(((my(41.01384) - my(n)) / (my(s) - my(n))) * 100, 0);
    expect([istanbul.dx, istanbul.dy, istanbul.anchor]).toEqual([12.5, 0, 'start']);
    // Steps of the type scale only; water names in one.
    for (const x of names) expect([1, 2, 3]).toContain(x.step);
    expect(new Set(names.filter((x) => x.kind === 'water').map((x) => x.step))).toEqual(new Set([1]));
  });

  it('writes the names as escaped text placed by data attributes, never a style attribute', () => {
    const texts = createTexts({ story: { layers: [{ id: 'places', name: 'Places', file: 'places.geojson', color: '#336699' }] }, features: [createPoint('rome', [12.4964, 41.9028])] });
    const model = buildModel(texts);
    const html = pictureNamesMarkup([{ kind: 'story', lines: ['<img src=x onerror=alert(1)>', 'a&b'], x: 12.5, y: -3, dx: 0, dy: 16, anchor: 'middle', step: 2, bands: ['b1', 'b2'] }, { kind: 'place', lines: ['Roma'], x: 50, y: 50, dx: -6.2, dy: 0, anchor: 'end', step: 1, dot: { x: 50, y: 50, capital: true }, bands: ['b3'] }], model);
    expect(html).not.toMatch(/<img|\sstyle=/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;<br>a&amp;b');
    expect(html).toContain('<span class="nm story middle s2 b1 b2" data-x="12.5%" data-y="-3%" data-dy="16px">');
    expect(html).toContain('<i class="dot capital b3" data-x="50%" data-y="50%"></i><span class="nm place end s1 b3" data-x="50%" data-y="50%" data-dx="-6.2px">Roma</span>');
    // The bounds' shape, width over height in mercator, for the CSS to fit them as the picture is fitted.
    const ratio = Number(/data-r="([\d.]+)"/.exec(html)![1]);
    const [w, s, e, n] = model.story.view.bounds;
    expect(ratio).toBeCloseTo((mx(e) - mx(w)) / (my(s) - my(n)), 3);
    expect(pictureNamesMarkup([], model)).toBe('');
  });

  it('shows each band of names from the width static-map.css says, in the basemap’s colours', () => {
    // The CSS cannot import NAME_BANDS or BASEMAP_COLORS: its numbers are held to them here.
    const css = readFileSync(join(import.meta.dirname, '../../src/lib/map/static-map.css'), 'utf8');
    // Each band from its width up to the next one's; the first from its width on, the last below the one before.
    const from = (i: number) => Math.round(NAME_BANDS[i]!.scale * REFERENCE_WIDTH);
    NAME_BANDS.forEach((band, i) => {
      const query = i === 0 ? `width >= ${from(i)}px` : i === NAME_BANDS.length - 1 ? `width < ${from(i - 1)}px` : `${from(i)}px <= width < ${from(i - 1)}px`;
      expect(css, band.cls).toMatch(new RegExp(`@container picture-bounds \\(${query}\\) \\{\\s*\\.static-map-names \\.${band.cls} \\{\\s*display: block;`));
    });
    const rule = (sel: string) => new RegExp(`\\}\\n\\.static-map-names \\.${sel} \\{([^}]*)\\}`).exec(css)![1]!;
    expect(rule('country')).toContain(`color: ${BASEMAP_COLORS.countryLabel};`);
    expect(rule('country')).toContain(BASEMAP_COLORS.land);
    expect(rule('place')).toContain(`color: ${BASEMAP_COLORS.place};`);
    expect(rule('water')).toContain(`color: ${BASEMAP_COLORS.water};`);
    expect(rule('water')).toContain(BASEMAP_COLORS.sea);
    expect(rule('dot')).toContain(`background: ${BASEMAP_COLORS.placeDot};`);
  });

  it('says why and returns null when the story cannot be read', async () => {
    const warnings: string[] = [];
    expect(await renderStaticMap({ geodata: GEODATA }, 'no-such-story', (m) => warnings.push(m))).toBeNull();
    expect(warnings[0]).toMatch(/could not be made/);
  });

  it('draws a story across 180° the short way round: its bounds with east beyond 180, the cable whole, Fiji and Hawaii', async () => {
    // pacific-import's view is [170, -25, -150, 28] (west > east): a cable from Suva to Honolulu.
    const pacific = join(import.meta.dirname, '../fixtures/stories/pacific-import');
    const warnings: string[] = [];
    const markup = (await renderStaticMap({ geodata: GEODATA, story: pacific }, 'pacific-import', (m) => warnings.push(m)))!;
    expect(warnings).toEqual([]);
    expect(markup).toContain('data-bounds="170,-25,210,28"');
    const webp = Buffer.from(/base64,([^"]+)"/.exec(markup)![1]!, 'base64');
    const { data, info } = await sharp(webp).raw().toBuffer({ resolveWithObject: true });
    const [w, n] = [170, 28];
    const k = REFERENCE_WIDTH / (mx(210) - mx(w));
    const pixel = (lon: number, lat: number) => {
      const x = Math.round((REFERENCE_WIDTH * (PICTURE_SPAN.x - 1)) / 2 + (mx(lon) - mx(w)) * k);
      const y = Math.round((info.height * (PICTURE_SPAN.y - 1)) / 2 / PICTURE_SPAN.y + (my(lat) - my(n)) * k);
      const i = (y * info.width + x) * info.channels;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    };
    const islands = JSON.parse(readFileSync(join(pacific, 'story.json'), 'utf8')).layers.find((l: { color?: string }) => l.color)!.color as string;
    // Suva (178.44°E) and Honolulu (158.1°W, drawn at 201.9) are dots in their layer's colour, on
    // either side of 180°; the open ocean between is the sea; Viti Levu, west of Suva, is land.
    expect(near(pixel(178.4419, -18.1416), rgb(islands), 40)).toBe(true);
    expect(near(pixel(-157.8583 + 360, 21.3069), rgb(islands), 40)).toBe(true);
    expect(near(pixel(-170 + 360, 0), rgb(COLORS.sea), 12)).toBe(true);
    expect(near(pixel(177.6, -17.8), rgb(COLORS.land), 16)).toBe(true);
    // The area drawn is one world wide at most, centred on the bounds.
    expect(extendedBounds([170, -25, 210, 28])[0]).toBeCloseTo(190 - (20 + 20 * (PICTURE_SPAN.x - 1)), 6);
    const wide = extendedBounds([100, -10, 300, 10]);
    expect(wide[2] - wide[0]).toBe(360);
    expect((wide[0] + wide[2]) / 2).toBe(200);
  }, 300_000);
});
