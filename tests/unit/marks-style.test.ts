import { describe, expect, it } from 'vitest';
import { aliasMatcher } from '../../src/lib/story/marks';
import { parseArticle } from '../../src/lib/story/article';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { buildStyle, interactiveLayerIds, styleLayerIds } from '../../src/lib/map/style';
import { CGTN_DIR } from './fixtures';

describe('place-name marks', () => {
  const mark = aliasMatcher([
    { text: 'Iran', key: 'a:iran' },
    { text: 'Iran-U.S. tension', key: 'a:tension' },
    { text: 'Tripoli', key: 'b:tripoli' },
  ]);

  it('marks whole words only, longest first, case-insensitively', () => {
    expect(mark('Iranian troops left iran; the Iran-U.S. tension grew near TRIPOLI.')).toEqual([
      { text: 'Iranian troops left ' },
      { text: 'iran', keys: ['a:iran'] },
      { text: '; the ' },
      { text: 'Iran-U.S. tension', keys: ['a:tension'] },
      { text: ' grew near ' },
      { text: 'TRIPOLI', keys: ['b:tripoli'] },
      { text: '.' },
    ]);
  });

  it('falls back to a shorter alias where a longer one ends inside a word, and knows letters in any script', () => {
    const m = aliasMatcher([
      { text: 'Erbil', key: 'c:erbil' },
      { text: 'Erbil Air', key: 'c:air' },
      { text: 'Šiauliai', key: 'd:siauliai' },
      { text: '東京', key: 'e:tokyo' },
    ]);
    expect(m('Erbil Airport, Erbil Air, Erbilx')).toEqual([
      { text: 'Erbil', keys: ['c:erbil'] },
      { text: ' Airport, ' },
      { text: 'Erbil Air', keys: ['c:air'] },
      { text: ', Erbilx' },
    ]);
    expect(m('šiauliai and XŠiauliai; 東京都 and 東京.')).toEqual([
      { text: 'šiauliai', keys: ['d:siauliai'] },
      { text: ' and XŠiauliai; 東京都 and ' },
      { text: '東京', keys: ['e:tokyo'] },
      { text: '.' },
    ]);
  });

  it('leaves text without aliases alone', () => {
    expect(aliasMatcher([])('plain')).toEqual([{ text: 'plain' }]);
    expect(mark('nothing here')).toEqual([{ text: 'nothing here' }]);
  });
});

describe('article parsing', () => {
  it('never turns HTML or javascript: links into anything but text', () => {
    const { blocks } = parseArticle('Hi <img src=x onerror=alert(1)> [click](javascript:alert(1)) {#a}\n');
    const p = blocks[0]!;
    expect(p.kind).toBe('passage');
    if (p.kind !== 'passage') return;
    expect(p.text).toContain('<img src=x onerror=alert(1)>');
    const link = p.inlines.find((r) => r.type === 'link');
    expect(link && link.type === 'link' ? link.href : 'missing').toBeNull();
  });

  it('takes passage ids from {#id}, numbering unmarked paragraphs', () => {
    const { blocks } = parseArticle('One. {#first}\n\nTwo.\n\n## Head {#h}\n\n_caption_ {#cap}\n');
    expect(blocks.map((b) => [b.kind, b.id])).toEqual([['passage', 'first'], ['passage', 'p2'], ['heading', 'h'], ['passage', 'cap']]);
    expect(blocks[3]!.kind === 'passage' && blocks[3]!.caption).toBe(true);
  });
});

describe('map style', () => {
  const model = readStoryFolder(CGTN_DIR);
  const basemap = { tiles: 'http://localhost/basemap/tiles/{z}/{x}/{y}.pbf' };
  const fonts = { latin: 'http://localhost/a.woff2', latinExt: 'http://localhost/b.woff2' };

  it('draws areas under lines under points, whatever the layer order, and earlier layers on top', () => {
    const style = buildStyle(model, new Set(model.layers.map((l) => l.spec.id)), { basemap, fonts });
    const ids = style.layers.map((l) => l.id);
    const at = (id: string) => ids.indexOf(id);
    expect(at(styleLayerIds('libya').fill)).toBeLessThan(at(styleLayerIds('turkstream').line));
    expect(at(styleLayerIds('turkstream').line)).toBeLessThan(at(styleLayerIds('turkstream').circle));
    expect(at(styleLayerIds('libya').circle)).toBeGreaterThan(at(styleLayerIds('istanbul').circle));
    // The basemap first (borders under the water, so none runs out to sea), its labels below every story layer.
    expect(ids.slice(0, 6)).toEqual(['land', 'borders', 'water', 'place-labels', 'marine-labels', 'country-labels']);
    // Story points keep basemap labels off them: their keep-out symbols are placed before the basemap's labels.
    expect(at(styleLayerIds('istanbul').keepout)).toBeGreaterThan(at(styleLayerIds('istanbul').circle));
    expect(at(styleLayerIds('istanbul').keepout)).toBeLessThan(at(styleLayerIds('istanbul').label));
  });

  it('hides layers through visibility only, and uses bundled fonts, no glyph server', () => {
    const style = buildStyle(model, new Set(['libya']), { basemap, fonts });
    const all = buildStyle(model, new Set(model.layers.map((l) => l.spec.id)), { basemap, fonts });
    expect(style.layers.map((l) => l.id)).toEqual(all.layers.map((l) => l.id));
    const vis = (id: string) => (style.layers.find((l) => l.id === id)?.layout as { visibility?: string } | undefined)?.visibility;
    expect(vis(styleLayerIds('libya').fill)).toBe('visible');
    expect(vis(styleLayerIds('istanbul').circle)).toBe('none');
    expect(style.glyphs).toBeUndefined();
    expect(JSON.stringify(style['font-faces'])).toContain(fonts.latin);
  });

  it('lists interactive layers points first', () => {
    const ids = interactiveLayerIds(model);
    expect(ids[0]).toMatch(/:circle$/);
    expect(ids.at(-1)).toMatch(/:fill$/);
  });
});
