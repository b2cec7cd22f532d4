// What a click on the map means where features stack (stack.ts), the order story labels are placed
// in (style.ts label tiers, label-priority.ts), captions and asides (not map passages), and the
// embeds' text modes.
import { createPropertyExpression, featureFilter, latest, type FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/lib/story/model';
import { parseArticle } from '../../src/lib/story/article';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { candidatesAt, chooserItems } from '../../src/lib/map/stack';
import { applyLabelTiers, labelTiers } from '../../src/lib/map/label-priority';
import { buildStyle, CIRCLE_BOX_IMAGE, labelFilters, styleLayerIds } from '../../src/lib/map/style';
import { storyImages } from '../../src/lib/map/patterns';
import { perFeature } from '../../src/lib/map/basemap-style';
import { mayBreak } from '../../src/lib/map/label-sides';
import { parseTextMode } from '../../src/lib/embed/text-mode';
import { CGTN_DIR, createPoint, createTexts } from './fixtures';

const cgtn = readStoryFolder(CGTN_DIR);

describe('what is under the pointer', () => {
  it('points win over lines over areas; an area is picked where no point or line is', () => {
    expect(candidatesAt(cgtn, [{ key: 'libya:ly-district-LY-SR' }, { key: 'libya:libya-boundary' }, { key: 'libya:tripoli', distance: 2 }])).toEqual(['libya:tripoli']);
    expect(candidatesAt(cgtn, [{ key: 'turkstream:black-sea' }, { key: 'turkstream:turkstream-offshore' }])).toEqual(['turkstream:turkstream-offshore']);
    // Away from the points: the country and the district under the pointer, for the reader to choose.
    expect(candidatesAt(cgtn, [{ key: 'libya:ly-district-LY-SR' }, { key: 'libya:libya-boundary' }]).sort()).toEqual(['libya:libya-boundary', 'libya:ly-district-LY-SR']);
  });

  it('lists stacked points nearest first, each once, and ignores what the story does not have', () => {
    const hits = [
      { key: 'istanbul:halic-congress-center', distance: 3 },
      { key: 'istanbul:istanbul', distance: 1.5 },
      { key: 'istanbul:halic-congress-center', distance: 2 },
      { key: 'nope:nothing', distance: 0 },
    ];
    expect(candidatesAt(cgtn, hits)).toEqual(['istanbul:istanbul', 'istanbul:halic-congress-center']);
    expect(candidatesAt(cgtn, [])).toEqual([]);
  });

  // Tapping Tripoli on a phone opened a chooser: Aziziya and Tarhuna, context dots, lie a few pixels off.
  it('picks a story point nearest the pointer over the context dots around it; nearest a context dot, lists them all', () => {
    expect(cgtn.features.get('libya:ly-aziziya')!.context).toBe(true);
    expect(candidatesAt(cgtn, [{ key: 'libya:tripoli', distance: 1 }, { key: 'libya:ly-aziziya', distance: 5 }, { key: 'libya:ly-tarhuna', distance: 7 }])).toEqual(['libya:tripoli']);
    expect(candidatesAt(cgtn, [{ key: 'libya:tripoli', distance: 5 }, { key: 'libya:ly-aziziya', distance: 1 }, { key: 'libya:ly-tarhuna', distance: 7 }])).toEqual(['libya:ly-aziziya', 'libya:tripoli', 'libya:ly-tarhuna']);
    // Two story points stacked stay a choice, whatever context dots are near.
    expect(candidatesAt(cgtn, [{ key: 'istanbul:istanbul', distance: 1 }, { key: 'istanbul:halic-congress-center', distance: 2 }, { key: 'libya:ly-aziziya', distance: 3 }])).toEqual(['istanbul:istanbul', 'istanbul:halic-congress-center']);
  });

  it('names each choice with its layer, and its category when it has one, in its own colour', () => {
    const [tripoli, district] = chooserItems(cgtn, ['libya:tripoli', 'libya:ly-district-LY-SR']);
    expect(tripoli).toMatchObject({ name: 'Tripoli', detail: expect.stringContaining('Libya') });
    const cat = cgtn.layers[0]!.spec.categories!.values.find((c) => c.value === cgtn.features.get('libya:ly-district-LY-SR')!.category)!;
    expect(district).toMatchObject({ detail: `Libya · ${cat.label}`, color: cat.color });
    // What a screen reader hears: name and layer apart, the layer once when it is the name.
    expect(tripoli!.label).toBe('Tripoli, Libya · GNA (Tripoli government)');
    expect(chooserItems(cgtn, ['istanbul:istanbul'])[0]!.label).toBe('Istanbul');
    // Drawn as on the map: Istanbul, an approximate location, a ring; the congress centre and
    // Tripoli dots; a district (an area) never a ring.
    expect(chooserItems(cgtn, ['istanbul:istanbul', 'istanbul:halic-congress-center']).map((i) => i.ring)).toEqual([true, false]);
    expect([tripoli!.ring, district!.ring]).toEqual([false, false]);
  });
});

describe('story labels', () => {
  const basemap = { tiles: 'http://localhost/basemap/tiles/{z}/{x}/{y}.pbf' };
  const style = buildStyle(cgtn, new Set(cgtn.layers.map((l) => l.spec.id)), { basemap, fonts: { latin: 'a', latinExt: 'b' } });
  const ids = style.layers.map((l) => l.id);
  const at = (id: string) => ids.indexOf(id);

  it('are placed from the top down: points’ collision boxes, then the selected, the active passage, the rest; basemap labels last', () => {
    const layers = cgtn.layers.map((l) => styleLayerIds(l.spec.id));
    const last = (k: keyof ReturnType<typeof styleLayerIds>) => Math.max(...layers.map((l) => at(l[k])));
    const first = (k: keyof ReturnType<typeof styleLayerIds>) => Math.min(...layers.map((l) => at(l[k])));
    expect(first('circleBox')).toBeGreaterThan(last('labelSelected'));
    expect(first('labelSelected')).toBeGreaterThan(last('labelActive'));
    expect(first('labelActive')).toBeGreaterThan(last('label'));
    expect(at('country-labels')).toBeLessThan(first('label'));
  });

  it('sit beside their point wherever there is room, and points block them', () => {
    const label = style.layers.find((l) => l.id === styleLayerIds('iraq-bases').label)!;
    // Per feature (text-variable-anchor-offset): right of the point first, then left, above, below,
    // then the corners; a name the map may break onto two lines never at a corner (label-sides.ts).
    const layout = (label as { layout: Record<string, unknown> }).layout;
    expect(layout['text-variable-anchor']).toBeUndefined();
    const expr = createPropertyExpression(layout['text-variable-anchor-offset'], 'text-variable-anchor-offset', latest.layout_symbol['text-variable-anchor-offset'] as never);
    expect(expr.result).toBe('success');
    const offsets = (name: string) => (expr.value as { evaluate: (g: unknown, f: unknown) => { values: unknown[] } }).evaluate({ zoom: 5 }, { type: 1, properties: { name } }).values;
    // The shorter list repeats its last side (MapLibre types a case by its first branch's length).
    const anchors = (name: string) => [...new Set(offsets(name).filter((v) => typeof v === 'string'))];
    expect(anchors('Erbil')).toEqual(['left', 'right', 'bottom', 'top', 'bottom-left', 'top-left', 'bottom-right', 'top-right']);
    // Right of the point one em off, as text-radial-offset 1 had it; a corner along the diagonal.
    expect(offsets('Erbil').slice(0, 2)).toEqual(['left', [1, 0]]);
    expect((offsets('Erbil')[9] as number[])[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(anchors('Ma’arrat al-Nu’man')).toEqual(['left', 'right', 'bottom', 'top']);
    // One long word cannot break: its corners stay.
    expect(anchors('Slavyansk-na-Kubani-Krasnodar')).toHaveLength(8);
    for (const name of ['Erbil', 'Ma’arrat al-Nu’man', 'Slavyansk-na-Kubani-Krasnodar', 'Baghdad International Airport']) expect(anchors(name).length === 4, name).toBe(mayBreak(name));
    const box = style.layers.find((l) => l.id === styleLayerIds('iraq-bases').circleBox)!;
    expect(box.type === 'symbol' && box.layout).toMatchObject({ 'icon-image': CIRCLE_BOX_IMAGE, 'icon-allow-overlap': true, 'icon-ignore-placement': false });
    expect(storyImages(cgtn.layers).some((i) => i.id === CIRCLE_BOX_IMAGE)).toBe(true);
  });

  it('a highlighted point’s name stands further off, clear of its larger circle', () => {
    // Selected, "Anapa landfall" ran into its own ring (radius 10 at zoom 8, a wider stroke): the
    // selected and active tiers set names 1.3 em off, the rest 1 em.
    const offsetOf = (id: string) => {
      const layout = (style.layers.find((l) => l.id === id) as { layout: Record<string, unknown> }).layout;
      const expr = createPropertyExpression(layout['text-variable-anchor-offset'], 'text-variable-anchor-offset', latest.layout_symbol['text-variable-anchor-offset'] as never);
      return ((expr.value as { evaluate: (g: unknown, f: unknown) => { values: unknown[] } }).evaluate({ zoom: 7 }, { type: 1, properties: { name: 'Anapa landfall' } }).values[1] as number[])[0];
    };
    const ids = styleLayerIds('turkstream');
    expect(offsetOf(ids.label)).toBe(1);
    expect(offsetOf(ids.labelActive)).toBeCloseTo(1.3, 6);
    expect(offsetOf(ids.labelSelected)).toBeCloseTo(1.3, 6);
  });

  it('hide while a panel cuts them or the map’s edge does (covered-labels.ts), but for the selected feature’s, always drawn', () => {
    const paint = (id: string) => (style.layers.find((l) => l.id === id) as { paint: Record<string, unknown> }).paint;
    for (const l of cgtn.layers) {
      const tier = styleLayerIds(l.spec.id);
      for (const id of [tier.label, tier.labelActive]) expect(paint(id)['text-opacity'], id).toEqual(['case', ['boolean', ['feature-state', 'covered'], false], 0, 1]);
      // The same per-feature form (one text shader program for every tier), 1 either way.
      expect(paint(tier.labelSelected)['text-opacity']).toEqual(perFeature(1));
    }
  });

  it('tiers follow the selection: the feature, then the rest of its passage', () => {
    const tiers = labelTiers(cgtn, 'iraq-bases:erbil-airport', 'iraq-strikes');
    expect(tiers.selected).toEqual(['iraq-bases:erbil-airport']);
    expect(tiers.active).toEqual(expect.arrayContaining(['iraq-bases:al-asad-airbase', 'iraq-bases:baghdad-intl-airport']));
    expect(tiers.active).not.toContain('iraq-bases:erbil-airport');
    // With nothing selected, the areas and lines named at rest (namedAtRest): Idlib and the pipeline's
    // lines; not Libya's districts (areas among others), nor the context (Iran, Libya, the Black Sea).
    const rest = ['syria-idlib:idlib-governorate', 'turkstream:turkstream-offshore', 'turkstream:turkstream-offshore-string-parallel', 'turkstream:turkstream-onshore-string1', 'turkstream:turkstream-onshore-string2'];
    expect(labelTiers(cgtn, null, null)).toEqual({ selected: [], active: [], rest });
    const f = labelFilters(tiers);
    expect(JSON.stringify(f.labelSelected)).toContain('erbil-airport');
    expect(JSON.stringify(f.labelActive)).not.toContain('erbil-airport');
    // The rest excludes both tiers, so no label is placed twice.
    expect(JSON.stringify(f.label)).toContain('erbil-airport');
    expect(JSON.stringify(f.label)).toContain('al-asad-airbase');
    expect(f.label[0]).toBe('all');
    expect(JSON.stringify(f.restName)).toContain('idlib-governorate');
  });

  it('an area or line highlighted is named in the highlighted tier, not again at rest', () => {
    const tiers = labelTiers(cgtn, 'syria-idlib:idlib-governorate', 'idlib-truce', null, 8);
    expect(tiers.named).toEqual(['syria-idlib:idlib-governorate']);
    const f = labelFilters(tiers);
    const keys = (filter: unknown) => (filter as [string, unknown, [string, string[]]])[2][1];
    expect(keys(f.name)).toEqual(['syria-idlib:idlib-governorate']);
    expect(keys(f.restName)).not.toContain('syria-idlib:idlib-governorate');
    expect(keys(f.restName)).toContain('turkstream:turkstream-offshore');
  });

  it('a style just built has the filters of no selection, so the map sets none on start; a selection sets only its own layer’s', () => {
    // StoryMap passes the tiers of no selection as "before" the first time (no filter set at load).
    const none = labelTiers(cgtn, null, null);
    const built = Object.fromEntries(style.layers.map((l) => [l.id, (l as { filter?: unknown }).filter]));
    for (const l of cgtn.layers) {
      const ids = styleLayerIds(l.spec.id);
      const f = labelFilters(none);
      expect([built[ids.label], built[ids.labelActive], built[ids.labelSelected]]).toEqual([f.label, f.labelActive, f.labelSelected]);
      if (ids.name in built) expect(built[ids.name]).toEqual(f.name);
      // A layer's own names only (all name layers read one source).
      if (ids.restName in built) expect(built[ids.restName]).toEqual(labelFilters({ ...none, rest: none.rest?.filter((k) => k.startsWith(`${l.spec.id}:`)) }).restName);
    }
    const set: string[] = [];
    const map = {
      getLayer: (id: string) => (id in built ? {} : undefined),
      setFilter: (id: string, filter: FilterSpecification, options?: { validate?: boolean }) => {
        // Set without MapLibre validating it again, so it must be valid as it is: featureFilter
        // (MapLibre's own) throws on a filter that is not, and it picks the selected feature only.
        expect(options?.validate).toBe(false);
        const f = featureFilter(filter, 'filter');
        if (id === styleLayerIds('iraq-bases').labelSelected)
          expect(['iraq-bases:erbil-airport', 'iraq-bases:al-asad-airbase'].map((key) => f.filter({ zoom: 5 } as never, { type: 1, properties: { key, kind: 'point' }, geometry: [] } as never))).toEqual([true, false]);
        set.push(id);
      },
    } as never;
    applyLabelTiers(map, cgtn, none, none);
    expect(set).toEqual([]);
    applyLabelTiers(map, cgtn, { ...none, selected: ['iraq-bases:erbil-airport'] }, none);
    const ids = styleLayerIds('iraq-bases');
    expect(set.sort()).toEqual([ids.label, ids.labelActive, ids.labelSelected].sort());
  });
});

describe('captions and asides', () => {
  it('a paragraph all in italics, or marked {#id .aside}, is an aside', () => {
    const { blocks, problems } = parseArticle('Text. {#a}\n\n_A photo caption_ {#cap}\n\nRead more: elsewhere {#more .aside}\n');
    expect(problems).toEqual([]);
    expect(blocks.map((b) => b.kind === 'passage' && [b.id, !!b.aside, b.text])).toEqual([['a', false, 'Text.'], ['cap', true, 'A photo caption'], ['more', true, 'Read more: elsewhere']]);
  });

  it('a feature linked to one is not linked, with a warning saying why', () => {
    const model = buildModel(createTexts({ article: 'We met in Rome today. {#intro}\n\nRead more: Rome at night {#more .aside}\n', story: { features: { 'places:rome': { passages: ['intro', 'more'], aliases: ['Rome'] } } }, features: [createPoint('rome', [12.4964, 41.9028])] }));
    expect(model.passagesByFeature.get('places:rome')).toEqual(['intro']);
    expect(model.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'passage-aside', message: expect.stringContaining('"more"') })]);
  });

  it('the shipped story links no caption and no teaser', () => {
    for (const p of cgtn.passages.filter((p) => p.aside)) expect(cgtn.featuresByPassage.get(p.id) ?? [], p.id).toEqual([]);
    expect(cgtn.passageById.get('read-more')?.aside).toBe(true);
    expect(cgtn.passageById.get('photo-damascus')?.aside).toBe(true);
  });
});

describe('text modes', () => {
  it('reads full, summary and none; anything else is full', () => {
    expect(parseTextMode('summary')).toBe('summary');
    expect(parseTextMode(' NONE ')).toBe('none');
    expect(parseTextMode(null)).toBe('full');
    expect(parseTextMode('brief')).toBe('full');
  });
});
