import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseBasemap } from '../../src/lib/map/basemap-source';
import { EXTERNAL_PREFIX, buildStyle, underStory } from '../../src/lib/map/style';
import { basemapSchema } from '../../src/lib/story/schema';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { CGTN_DIR } from './fixtures';

const ROOT = 'https://news.example/maps/';
const STYLE = {
  version: 8,
  glyphs: 'https://tiles.example.org/fonts/{fontstack}/{range}.pbf',
  sources: { land: { type: 'vector', tiles: ['https://tiles.example.org/{z}/{x}/{y}.pbf'] }, ['__proto__']: { type: 'vector', tiles: ['https://tiles.example.org/p/{z}/{x}/{y}.pbf'] } },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#eee' } },
    { id: 'water', type: 'fill', source: 'land', 'source-layer': 'water', paint: { 'fill-color': '#9cf' } },
  ],
};
const json = (body: unknown, status = 200) => vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

afterEach(() => vi.restoreAllMocks());

describe('the basemap a story names (story.json "basemap")', () => {
  it('is the site\'s own tiles when the story names none', async () => {
    const load = vi.fn();
    expect(await chooseBasemap(undefined, ROOT, load)).toEqual({ tiles: 'https://news.example/maps/basemap/tiles/{z}/{x}/{y}.pbf' });
    expect(load).not.toHaveBeenCalled();
  });

  it('uses the newsroom\'s tiles in our schema as given, with their deepest zoom', async () => {
    const load = vi.fn();
    expect(await chooseBasemap({ tiles: 'https://cdn.example/basemap/{z}/{x}/{y}.pbf', maxzoom: 12 }, ROOT, load)).toEqual({ tiles: 'https://cdn.example/basemap/{z}/{x}/{y}.pbf', maxzoom: 12 });
    expect(load).not.toHaveBeenCalled();
  });

  it('loads a newsroom style without cookies and puts it under the story, its ids prefixed', async () => {
    const load = json(STYLE);
    const choice = await chooseBasemap({ style: 'https://tiles.example.org/style.json', attribution: [{ text: '© Newsroom' }] }, ROOT, load);
    expect(load).toHaveBeenCalledWith('https://tiles.example.org/style.json', { credentials: 'omit' });
    expect('external' in choice).toBe(true);
    const model = readStoryFolder(CGTN_DIR);
    const style = buildStyle(model, new Set(model.layers.map((l) => l.spec.id)), { basemap: choice, fonts: { latin: 'l.woff2', latinExt: 'le.woff2' } });
    // Theirs first (drawn under), then the story's; none of the app's own basemap layers.
    expect(style.layers.slice(0, 2).map((l) => l.id)).toEqual([`${EXTERNAL_PREFIX}background`, `${EXTERNAL_PREFIX}water`]);
    expect(style.layers.some((l) => l.id.startsWith('basemap'))).toBe(false);
    expect((style.layers[1] as { source: string }).source).toBe(`${EXTERNAL_PREFIX}land`);
    expect(Object.keys(style.sources)).toContain(`${EXTERNAL_PREFIX}land`);
    expect(Object.keys(style.sources)).toContain(`${EXTERNAL_PREFIX}__proto__`);
    expect(Object.getPrototypeOf(style.sources)).toBe(Object.prototype);
    // Their glyphs serve their labels; the story's labels keep the bundled font.
    expect(style.glyphs).toBe(STYLE.glyphs);
    expect(Object.keys(style['font-faces'] ?? {})).toContain('Noto Sans Regular');
    // Every story layer is still there, above theirs.
    for (const l of model.layers) expect(style.layers.some((s) => s.id.startsWith(`${l.spec.id}:`) || s.id.includes(l.spec.id))).toBe(true);
  });

  it('falls back to the site\'s own basemap, saying why, when the style cannot be loaded or is not a style', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const own = { tiles: 'https://news.example/maps/basemap/tiles/{z}/{x}/{y}.pbf' };
    expect(await chooseBasemap({ style: 'https://tiles.example.org/missing.json' }, ROOT, json({}, 404))).toEqual(own);
    expect(warn.mock.calls.at(-1)?.[0]).toMatch(/missing\.json.*HTTP 404.*site's own basemap/);
    expect(await chooseBasemap({ style: 'https://tiles.example.org/style.json' }, ROOT, json({ version: 8, layers: [] }))).toEqual(own);
    expect(warn.mock.calls.at(-1)?.[0]).toMatch(/no "sources" object/);
    expect(await chooseBasemap({ style: 'https://tiles.example.org/style.json' }, ROOT, vi.fn(async () => { throw new TypeError('Failed to fetch'); }))).toEqual(own);
    expect(warn.mock.calls.at(-1)?.[0]).toMatch(/Failed to fetch.*CORS/);
  });

  it('reads a newsroom PMTiles archive in our schema through the pmtiles protocol, drawn with our style', async () => {
    const archives = { open: vi.fn(async () => ({})), protomaps: vi.fn() };
    const choice = await chooseBasemap({ pmtiles: 'https://cdn.example/basemap.pmtiles' }, ROOT, vi.fn(), archives);
    expect(archives.open).toHaveBeenCalledWith('https://cdn.example/basemap.pmtiles');
    expect(archives.protomaps).not.toHaveBeenCalled();
    expect(choice).toEqual({ url: 'pmtiles://https://cdn.example/basemap.pmtiles' });
    const model = readStoryFolder(CGTN_DIR);
    const style = buildStyle(model, new Set(), { basemap: choice, fonts: { latin: 'l.woff2', latinExt: 'le.woff2' } });
    expect(style.sources.basemap).toMatchObject({ type: 'vector', url: 'pmtiles://https://cdn.example/basemap.pmtiles', sparse: true });
    expect(style.layers.some((l) => l.id === 'water')).toBe(true);
  });

  it('draws a Protomaps archive with the quiet style made for it, under the story', async () => {
    const { protomapsStyle } = await import('../../src/lib/map/protomaps-style');
    const archives = { open: vi.fn(async () => ({})), protomaps: vi.fn(async (u: string) => protomapsStyle(u)) };
    const choice = await chooseBasemap({ pmtiles: 'https://cdn.example/planet.pmtiles', schema: 'protomaps', attribution: [{ text: '© OpenStreetMap' }] }, ROOT, vi.fn(), archives);
    expect('external' in choice).toBe(true);
    const style = buildStyle(readStoryFolder(CGTN_DIR), new Set(), { basemap: choice, fonts: { latin: 'l.woff2', latinExt: 'le.woff2' } });
    expect(style.sources[`${EXTERNAL_PREFIX}protomaps`]).toEqual({ type: 'vector', url: 'pmtiles://https://cdn.example/planet.pmtiles' });
    expect(style.layers[0]!.id).toBe(`${EXTERNAL_PREFIX}background`);
  });

  it('falls back to the site\'s own basemap, saying why, when the archive cannot be read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const archives = { open: vi.fn(async () => { throw new Error('Wrong magic number for PMTiles archive'); }), protomaps: vi.fn() };
    expect(await chooseBasemap({ pmtiles: 'https://cdn.example/basemap.pmtiles' }, ROOT, vi.fn(), archives)).toEqual({ tiles: 'https://news.example/maps/basemap/tiles/{z}/{x}/{y}.pbf' });
    expect(warn.mock.calls.at(-1)?.[0]).toMatch(/archive "https:\/\/cdn\.example\/basemap\.pmtiles" could not be used \(Wrong magic number.*site's own basemap.*basemap\.pmtiles.*range requests/);
  });

  it('refuses a style that is not one', () => {
    expect(() => underStory(null)).toThrow(/not a MapLibre style/);
    expect(() => underStory({ version: 8, sources: {}, layers: [{ type: 'fill' }] })).toThrow(/no "id"/);
  });
});

describe('the basemap field of story.json', () => {
  const ok = (v: unknown) => basemapSchema.safeParse(v).success;
  const why = (v: unknown) => basemapSchema.safeParse(v).error?.issues.map((i) => i.message).join('; ') ?? '';
  it('takes tiles, an archive or a style with its credits', () => {
    expect(ok({ tiles: 'https://cdn.example/b/{z}/{x}/{y}.pbf' })).toBe(true);
    expect(ok({ pmtiles: 'https://cdn.example/basemap.pmtiles' })).toBe(true);
    expect(ok({ pmtiles: 'https://cdn.example/planet.pmtiles?v=2', schema: 'protomaps', attribution: [{ text: '© OpenStreetMap' }] })).toBe(true);
    expect(ok({ style: 'https://tiles.example.org/style.json', attribution: [{ text: '© OpenStreetMap', url: 'https://www.openstreetmap.org/copyright' }] })).toBe(true);
  });
  it('says what is wrong otherwise', () => {
    expect(why({ tiles: 'https://a/{z}/{x}/{y}.pbf', style: 'https://a/s.json', attribution: [{ text: 'x' }] })).toMatch(/one of "tiles", "pmtiles" or "style"/);
    expect(why({ pmtiles: 'https://a/b.pmtiles', style: 'https://a/s.json', attribution: [{ text: 'x' }] })).toMatch(/one of "tiles", "pmtiles" or "style"/);
    expect(why({})).toMatch(/one of "tiles", "pmtiles" or "style"/);
    expect(why({ pmtiles: 'https://a/basemap.mbtiles' })).toMatch(/ends in "\.pmtiles"/);
    expect(why({ tiles: 'https://a/{z}/{x}/{y}.pbf', schema: 'protomaps' })).toMatch(/"schema" is for a "pmtiles" archive only/);
    expect(why({ pmtiles: 'https://a/planet.pmtiles', schema: 'protomaps' })).toMatch(/Protomaps archive needs its "attribution"/);
    expect(why({ pmtiles: 'https://a/planet.pmtiles', schema: 'openmaptiles', attribution: [{ text: 'x' }] })).toMatch(/story-map|protomaps/);
    expect(why({ style: 'https://a/s.json' })).toMatch(/needs its "attribution"/);
    expect(why({ tiles: 'https://a/tiles.pbf' })).toMatch(/\{z\}, \{x\} and \{y\}/);
    expect(why({ style: 'javascript:alert(1)', attribution: [{ text: 'x' }] })).toMatch(/absolute http/);
    expect(why({ style: '/style.json', attribution: [{ text: 'x' }] })).toMatch(/absolute http/);
  });
});
