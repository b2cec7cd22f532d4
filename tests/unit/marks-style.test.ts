import { createPropertyExpression, featureFilter, latest, type FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { aliasMatcher, excludedFor } from '../../src/lib/story/marks';
import { parseArticle } from '../../src/lib/story/article';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { buildStyle, COLORS, drawnPointRadius, interactiveLayerIds, sourceId, styleLayerIds } from '../../src/lib/map/style';
import { buildModel } from '../../src/lib/story/model';
import { CGTN_DIR, createPoint, createTexts } from './fixtures';

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

  it('takes straight and curly apostrophes for the same letter, both ways, and keeps the text as written', () => {
    const m = aliasMatcher([{ text: "Ma'arrat al-Nu'man", key: 's:m' }, { text: 'Idlib’s countryside', key: 's:c' }]);
    expect(m('Near Ma’arrat al-Nu’man and in Idlib\'s countryside.')).toEqual([
      { text: 'Near ' },
      { text: 'Ma’arrat al-Nu’man', keys: ['s:m'] },
      { text: ' and in ' },
      { text: "Idlib's countryside", keys: ['s:c'] },
      { text: '.' },
    ]);
  });

  it('never marks an excluded phrase or the names inside it, and still marks them elsewhere', () => {
    const m = aliasMatcher([{ text: 'Idlib', key: 's:idlib' }], ['Dawn of Idlib 2']);
    expect(m('Operation Dawn of Idlib 2 reached Idlib; dawn of idlib 2 again.')).toEqual([
      { text: 'Operation Dawn of Idlib 2 reached ' },
      { text: 'Idlib', keys: ['s:idlib'] },
      { text: '; dawn of idlib 2 again.' },
    ]);
    // An alias that is also excluded marks nothing.
    expect(aliasMatcher([{ text: 'Idlib', key: 's:idlib' }], ['idlib'])('Idlib')).toEqual([{ text: 'Idlib' }]);
  });

  it('reads a passage’s exclusions as its own only: a passage called "constructor" has none', () => {
    expect(excludedFor({ p1: ['Dawn of Idlib 2'] }, 'constructor')).toEqual([]);
    expect(excludedFor({ p1: ['Dawn of Idlib 2'] }, 'p1')).toEqual(['Dawn of Idlib 2']);
    expect(excludedFor(undefined, 'p1')).toEqual([]);
  });

  it('does not mark a name that continues into a longer word', () => {
    expect(aliasMatcher([{ text: 'Aleppo Governorate', key: 'a:g' }])('in Aleppo Governorates')).toEqual([{ text: 'in Aleppo Governorates' }]);
  });

  it('leaves text without aliases alone', () => {
    expect(aliasMatcher([])('plain')).toEqual([{ text: 'plain' }]);
    expect(mark('nothing here')).toEqual([{ text: 'nothing here' }]);
  });
});

describe('the validator names what the article marks (one matcher)', () => {
  const warnings = (article: string, aliases: string[], exclude?: Record<string, string[]>) =>
    buildModel(createTexts({ article, story: { features: { 'places:rome': { passages: ['intro'], aliases } }, ...(exclude ? { exclude } : {}) }, features: [createPoint('rome', [12.4964, 41.9028], { name: 'Roma' })] }))
      .problems.filter((p) => p.code === 'passage-unmentioned' || p.code === 'exclude-unused').map((p) => p.code);

  it('warns when a name only occurs inside a longer word (substring is not enough)', () => {
    expect(warnings('Aleppo Governorates were shelled. {#intro}\n', ['Aleppo Governorate'])).toEqual(['passage-unmentioned']);
    expect(warnings('Aleppo Governorate was shelled. {#intro}\n', ['Aleppo Governorate'])).toEqual([]);
  });

  it('finds a name whatever its apostrophes', () => {
    expect(warnings('Near Ma’arrat al-Nu’man. {#intro}\n', ["Ma'arrat al-Nu'man"])).toEqual([]);
  });

  it('does not count a name inside an excluded phrase, and reports an exclusion that excludes nothing', () => {
    expect(warnings('The operation Dawn of Idlib 2 began. {#intro}\n', ['Idlib'], { intro: ['Dawn of Idlib 2'] })).toEqual(['passage-unmentioned']);
    expect(warnings('Idlib was shelled. {#intro}\n', ['Idlib'], { intro: ['Dawn of Idlib 2'] })).toEqual(['exclude-unused']);
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

  /** A paint property of one of the CGTN style's layers as a function of the zoom, the feature and its state (MapLibre's own evaluation). */
  const paintOf = (layerId: string, type: 'circle' | 'line', name: string) => {
    const style = buildStyle(model, new Set(model.layers.map((l) => l.spec.id)), { basemap, fonts });
    const layer = style.layers.find((l) => l.id === layerId) as { paint: Record<string, unknown> };
    const spec = (type === 'circle' ? latest.paint_circle : latest.paint_line) as Record<string, unknown>;
    const e = createPropertyExpression(layer.paint[name], name as never, spec[name] as never);
    expect(e.result, name).toBe('success');
    return (zoom: number, feature: object, state: object) => (e.value as { evaluate: (...a: unknown[]) => number }).evaluate({ zoom }, feature as never, state);
  };

  it('draws a story point\u2019s circle as far out as drawnPointRadius says (covered-labels.ts reads it), in every state and kind', () => {
    const radius = paintOf(styleLayerIds('libya').circle, 'circle', 'circle-radius');
    const stroke = paintOf(styleLayerIds('libya').circle, 'circle', 'circle-stroke-width');
    for (const properties of [{ kind: 'point' }, { kind: 'point', context: true }, { kind: 'point', approximate: true }]) {
      const feature = { type: 1, properties };
      for (const state of [{}, { hover: true }, { selected: true }]) {
        for (const zoom of [2, 3, 5.5, 8, 12]) {
          const drawn = radius(zoom, feature, state) + stroke(zoom, feature, state);
          expect(drawnPointRadius(zoom, { ...properties, ...state }), JSON.stringify({ properties, state, zoom })).toBeCloseTo(drawn, 6);
        }
      }
    }
  });

  it('draws an approximate area\u2019s dashed outline inside it, in every state: two selected districts\u2019 dashes on their shared edge fell out of step and read as one solid line', () => {
    const width = paintOf(styleLayerIds('libya').outlineApprox, 'line', 'line-width');
    const offset = paintOf(styleLayerIds('libya').outlineApprox, 'line', 'line-offset');
    const feature = { type: 2, properties: { kind: 'area', approximate: true } };
    for (const state of [{}, { hover: true }, { selected: true }]) {
      for (const zoom of [3, 6, 10]) {
        const w = width(zoom, feature, state);
        const o = offset(zoom, feature, state);
        // The model's rings are RFC 7946's (the validator rewinds them: outer counter-clockwise), which
        // MapLibre offsets inwards for a negative offset (looked at: the Libyan districts). The whole
        // width inside the edge, and the outline no further in than its own width.
        expect(o, JSON.stringify({ state, zoom })).toBeLessThanOrEqual(-w / 2);
        expect(o, JSON.stringify({ state, zoom })).toBeGreaterThanOrEqual(-w - 0.5);
      }
    }
  });

  it('draws areas under lines under points, whatever the layer order, and earlier layers on top', () => {
    const style = buildStyle(model, new Set(model.layers.map((l) => l.spec.id)), { basemap, fonts });
    const ids = style.layers.map((l) => l.id);
    const at = (id: string) => ids.indexOf(id);
    expect(at(styleLayerIds('libya').fill)).toBeLessThan(at(styleLayerIds('turkstream').line));
    expect(at(styleLayerIds('turkstream').line)).toBeLessThan(at(styleLayerIds('turkstream').circle));
    expect(at(styleLayerIds('libya').circle)).toBeGreaterThan(at(styleLayerIds('istanbul').circle));
    // The basemap first (borders under the water, so none runs out to sea).
    expect(ids.slice(0, 3)).toEqual(['land', 'borders', 'water']);
    // Its names over the story's areas (a country's name reads whole on a story's fill), under its
    // lines, points and labels; the names of highlighted areas and lines, then the story's lines'
    // boxes, just above them: those are placed first and keep the names off the lines.
    const areaNames = model.layers.filter((l) => l.features.some((f) => f.nameAt)).map((l) => styleLayerIds(l.spec.id).name);
    expect(areaNames.length).toBeGreaterThan(1);
    const restNames = ['syria-idlib', 'turkstream'].map((id) => styleLayerIds(id).restName);
    // The names at rest are placed just after the basemap's countries' (below them in the style): a
    // country the story is about keeps its name (TURKEY at the CGTN opening), before the seas' and places'.
    const names = ['place-labels', 'marine-labels', ...[...restNames].reverse(), 'country-labels', ...[...areaNames].reverse(), styleLayerIds('turkstream').lineBox];
    expect(ids.slice(at('place-labels'), at('place-labels') + names.length)).toEqual(names);
    // A name at rest is set as a highlighted one, in the story labels' ink, its colour per feature
    // as the highlighted names' (one text program serves both).
    const layerOf = (id: string) => style.layers.find((l) => l.id === id) as { layout: unknown; paint: Record<string, unknown> };
    const [rest, highlighted] = [layerOf(styleLayerIds('syria-idlib').restName), layerOf(styleLayerIds('syria-idlib').name)];
    expect(rest.layout).toEqual(highlighted.layout);
    expect(rest.paint['text-color']).toEqual(['case', ['has', 'story-map:never'], '#2b2b2b', '#2b2b2b']);
    expect(highlighted.paint['text-color']).toEqual(['case', ['has', 'story-map:never'], COLORS.selected, COLORS.selected]);
    expect(rest.paint['text-opacity']).toEqual(highlighted.paint['text-opacity']);
    expect(at('place-labels')).toBeGreaterThan(at(styleLayerIds('libya').fill));
    expect(at('place-labels')).toBeGreaterThan(at(styleLayerIds('turkstream').contextFill));
    expect(at(styleLayerIds('turkstream').lineBox)).toBeLessThan(at(styleLayerIds('turkstream').casing));
    expect(at(styleLayerIds('turkstream').lineBox)).toBeLessThan(at(styleLayerIds('istanbul').circle));
    expect(at(styleLayerIds('turkstream').lineBox)).toBeLessThan(at(styleLayerIds('istanbul').label));
    const box = style.layers.find((l) => l.id === styleLayerIds('turkstream').lineBox) as { layout: Record<string, unknown> };
    expect(box.layout).toMatchObject({ 'symbol-placement': 'line', 'icon-allow-overlap': true, 'icon-ignore-placement': false });
    // Only layers with lines have them (Libya's areas' outlines do not push names off).
    expect(ids).not.toContain(styleLayerIds('libya').lineBox);
    // Story points keep basemap labels off them: their circles' boxes are placed before the basemap's labels (which sit below).
    expect(at(styleLayerIds('istanbul').circleBox)).toBeGreaterThan(at('country-labels'));
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

  it('makes only the style layers a story layer has features for, and every one of them draws something', () => {
    const style = buildStyle(model, new Set(model.layers.map((l) => l.spec.id)), { basemap, fonts });
    const ours = style.layers.filter((l) => l.id.startsWith('story:'));
    // Each style layer's filter, as MapLibre reads it, picks at least one feature of its source
    // (but the active and selected labels' and the areas' names, which pick none until the reader picks something).
    for (const layer of ours.filter((l) => !/:(label-active|label-selected|name)$/.test(l.id))) {
      const { source, filter: spec } = layer as { source: string; filter: FilterSpecification };
      const data = style.sources[source] as { data: { features: { properties: Record<string, unknown>; geometry: { type: string } }[] } };
      const filter = featureFilter(spec, 'filter');
      const type = (g: { type: string }) => (/Point/.test(g.type) ? 1 : /LineString/.test(g.type) ? 2 : 3);
      const hits = data.data.features.filter((f) => filter.filter({ zoom: 5 } as never, { type: type(f.geometry), properties: f.properties, geometry: [] } as never));
      expect(hits.length, `${layer.id} draws nothing`).toBeGreaterThan(0);
    }
    // Istanbul's two points: no area or line layers; Libya's areas are approximate (hatched), so
    // no exact outline; the pipeline is a line with points, no area.
    const ids = ours.map((l) => l.id);
    const of = (layer: string) => ids.filter((id) => id.startsWith(`${sourceId(layer)}:`)).map((id) => id.slice(sourceId(layer).length + 1)).sort();
    expect(of('istanbul')).toEqual(['circle', 'circle-box', 'label', 'label-active', 'label-selected']);
    expect(of('libya')).toContain('hatch');
    expect(of('turkstream')).not.toContain('fill');
    // Fewer than the 14 each the style once gave every story layer.
    expect(ours.length).toBeLessThan(14 * model.layers.length);
    // What responds to the pointer is among them: MapLibre answers nothing when one is missing.
    for (const id of interactiveLayerIds(model)) expect(ids).toContain(id);
  });

  it('lists interactive layers points first', () => {
    const ids = interactiveLayerIds(model);
    expect(ids[0]).toMatch(/:circle$/);
    // Context areas (a sea, a country) last: anything drawn over them is picked first.
    expect(ids.at(-1)).toMatch(/:context-fill$/);
    const lastFill = Math.max(...ids.map((id, i) => (/:fill$/.test(id) ? i : -1)));
    expect(ids.findIndex((id) => id.endsWith(':context-fill'))).toBeGreaterThan(lastFill);
  });
});
