// The map tells the truth with its symbols (docs/cartography.md): every colour it draws is in the
// legend, a feature without a category never takes a category's colour, hatching is only for
// approximate areas, context draws under the story and quietly, and a layer of points shows no
// hatched swatch. Checked on the real MapLibre style: its filters and paint expressions are
// evaluated for every feature of every shipped story with MapLibre's own style-spec code.
import { join } from 'node:path';
import { expression, featureFilter, latest, type FilterSpecification, type LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { buildStyle, COLORS, styleLayerIds } from '../../src/lib/map/style';
import { CONTEXT_OUTLINE_FADE, contextOutlineShown } from '../../src/lib/map/context-outline';
import { legendColors, legendEntry } from '../../src/lib/story/legend';
import type { StoryLayer, StoryModel } from '../../src/lib/story/model';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { svgScene } from '../../src/lib/fallback/scene';
import { buildModel } from '../../src/lib/story/model';
import { createPoint, createTexts } from './fixtures';

const ROOT = join(import.meta.dirname, '../..');
const STORIES = ['cgtn-2020-01-09', 'suez-2021-04-02'].map((name) => [name, readStoryFolder(join(ROOT, 'geodata', name))] as const);
const basemap = { tiles: 'http://localhost/basemap/tiles/{z}/{x}/{y}.pbf' };
const fonts = { latin: 'http://localhost/a.woff2', latinExt: 'http://localhost/b.woff2' };
const GEOM = { point: 1, line: 2, area: 3 } as const;
const TYPE = { point: 'Point', line: 'LineString', area: 'Polygon' } as const;

const hex = (c: { r: number; g: number; b: number }) => `#${[c.r, c.g, c.b].map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('')}`;
const styleOf = (model: StoryModel) => buildStyle(model, new Set(model.layers.map((l) => l.spec.id)), { basemap, fonts });

/** The style layers that draw a map feature (their filter accepts it), in drawing order. */
function drawnBy(style: ReturnType<typeof styleOf>, layer: StoryLayer, props: Record<string, unknown>) {
  return style.layers.filter((sl): sl is LayerSpecification & { source: string } => 'source' in sl && sl.source === `story:${layer.spec.id}`).filter((sl) => {
    const f = featureFilter((sl as { filter?: FilterSpecification }).filter, 'filter');
    return f.filter({ zoom: 5 }, { type: GEOM[props.kind as keyof typeof GEOM], properties: props } as never);
  });
}

/** Colours a style layer paints a feature in, resting (not selected or hovered): fill, line, circle, stroke, hatch. */
function paintedColours(sl: LayerSpecification, layer: StoryLayer, props: Record<string, unknown>): string[] {
  const paint = (sl as { paint?: Record<string, unknown> }).paint ?? {};
  const out: string[] = [];
  const group = latest[`paint_${sl.type}` as keyof typeof latest] as unknown as Record<string, never>;
  for (const key of ['fill-color', 'line-color', 'circle-color', 'circle-stroke-color']) {
    if (!(key in paint)) continue;
    const e = expression.createExpression(paint[key], 'paint', group[key]);
    if (e.result !== 'success') throw new Error(`${sl.id} ${key}: ${JSON.stringify(e.value)}`);
    out.push(hex(e.value.evaluate({ zoom: 5 } as never, { type: TYPE[props.kind as keyof typeof TYPE], properties: props } as never, {}) as never));
  }
  if ('fill-pattern' in paint) {
    // The hatch image of a category (or -1: the layer colour), as patterns.ts draws it.
    const cat = Number(props.cat);
    out.push((cat >= 0 ? layer.spec.categories!.values[cat]!.color : layer.spec.color).toLowerCase());
  }
  return out;
}

describe.each(STORIES)('%s: what the map draws', (_name, model) => {
  const style = styleOf(model);

  it('every colour it draws for a feature is in that layer’s legend entry (halo white and selection black aside)', () => {
    let checked = 0;
    for (const layer of model.layers) {
      const legend = legendColors(legendEntry(layer));
      for (const mf of layer.data.features) {
        const props = mf.properties!;
        for (const sl of drawnBy(style, layer, props)) {
          if (sl.type === 'symbol') continue;
          for (const c of paintedColours(sl, layer, props)) {
            if (c === COLORS.halo || c === COLORS.selected) continue;
            expect(legend.has(c), `${props.key} is drawn in ${c} by ${sl.id}; the legend has ${[...legend].join(', ')}`).toBe(true);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(model.features.size);
  });

  it('shows no colour in the legend that the map does not draw for that layer', () => {
    // The converse of the test above: a layer's own swatch, its category rows and its context rows
    // each key a colour some feature of that layer is painted in. CGTN's Libya and Syria / Idlib
    // showed one purple area and dot beside their names, drawn nowhere (every feature has a side).
    for (const layer of model.layers) {
      const drawn = new Set<string>();
      for (const mf of layer.data.features) {
        for (const sl of drawnBy(style, layer, mf.properties!)) if (sl.type !== 'symbol') for (const c of paintedColours(sl, layer, mf.properties!)) drawn.add(c);
      }
      for (const c of legendColors(legendEntry(layer))) expect(drawn.has(c), `${layer.spec.id}'s legend shows ${c}; the map draws ${[...drawn].join(', ')}`).toBe(true);
    }
  });

  it('hatches exactly the approximate areas that are not context', () => {
    for (const layer of model.layers) {
      for (const f of layer.features) {
        const props = layer.data.features.find((m) => m.properties!.key === f.key)!.properties!;
        const hatched = drawnBy(style, layer, props).some((sl) => sl.id === styleLayerIds(layer.spec.id).hatch);
        expect(hatched, f.key).toBe(f.kind === 'area' && f.approximate && !f.context);
      }
    }
  });

  it('draws context areas under every other story area, and quietly', () => {
    const ids = style.layers.map((l) => l.id);
    const lastContext = Math.max(...ids.map((id, i) => (id.endsWith(':context-fill') || id.endsWith(':context-outline') ? i : -1)));
    const firstArea = ids.findIndex((id) => /^story:.*:(fill|hatch|outline)$/.test(id));
    expect(lastContext).toBeLessThan(firstArea);
    for (const layer of model.layers) {
      for (const f of layer.features.filter((x) => x.context && x.kind === 'area')) {
        const props = layer.data.features.find((m) => m.properties!.key === f.key)!.properties!;
        const by = drawnBy(style, layer, props).map((sl) => sl.id);
        expect(by, f.key).toEqual([styleLayerIds(layer.spec.id).contextFill, styleLayerIds(layer.spec.id).contextOutline]);
      }
    }
  });

  it('says how approximation is drawn only where the layer has it: no hatched swatch for points', () => {
    for (const layer of model.layers) {
      const e = legendEntry(layer);
      const subject = layer.features.filter((f) => !f.context);
      const hasApproxArea = subject.some((f) => f.approximate && f.kind === 'area');
      expect(e.marks.some((m) => m.style === 'hatched'), layer.spec.id).toBe(hasApproxArea);
      // Category swatches are hatched when their category has approximate areas; no other swatch ever is.
      expect(e.rows.some((r) => r.style === 'hatched'), layer.spec.id).toBe(hasApproxArea && !!layer.spec.categories);
      expect(e.marks.some((m) => m.style === 'ring'), layer.spec.id).toBe(subject.some((f) => f.approximate && f.kind === 'point'));
    }
  });
});

describe('the CGTN story’s symbols', () => {
  const model = STORIES[0]![1];
  const style = styleOf(model);

  it('fades a context area’s outline out as the reader zooms past its scale, unless it is selected', () => {
    const outlines = style.layers.filter((sl) => sl.id.endsWith(':context-outline'));
    // The Black Sea, Libya and Iran: the rule is tried on real context areas.
    expect(model.layers.some((l) => l.features.some((f) => f.context && f.kind === 'area'))).toBe(true);
    expect(outlines.length).toBeGreaterThan(0);
    for (const sl of outlines) {
      const e = expression.createPropertyExpression((sl as { paint: Record<string, unknown> }).paint['line-width'] as never, 'line-width', latest.paint_line['line-width'] as never);
      if (e.result !== 'success') throw new Error(`${sl.id}: ${JSON.stringify(e.value)}`);
      const width = (zoom: number, state: Record<string, boolean> = {}) => e.value.evaluate({ zoom } as never, { type: 'Polygon', properties: {} } as never, state as never) as number;
      const [whole, gone] = CONTEXT_OUTLINE_FADE;
      // As wide as before at the zooms its outline holds, and none once the basemap's coast is the edge.
      for (const z of [2, 5, whole]) expect(width(z), `${sl.id} at ${z}`).toBeCloseTo(0.9);
      expect(width((whole + gone) / 2)).toBeCloseTo(0.45);
      for (const z of [gone, 8, 14]) {
        expect(width(z), `${sl.id} at ${z}`).toBe(0);
        expect(width(z, { hover: true })).toBe(0);
        expect(width(z, { selected: true }), 'a selected area keeps its outline').toBe(2.5);
      }
      // The SVG fallback fades it by the same rule.
      for (const z of [3, whole, 6.4, 7, gone, 12]) expect(contextOutlineShown(z) * 0.9).toBeCloseTo(width(z));
    }
  });

  const colourOf = (key: string) => {
    const layer = model.layers.find((l) => key.startsWith(`${l.spec.id}:`))!;
    const props = layer.data.features.find((m) => m.properties!.key === key)!.properties!;
    const sl = drawnBy(style, layer, props).find((s) => s.type === 'circle' || s.type === 'fill')!;
    return paintedColours(sl, layer, props)[0];
  };
  const cat = (v: string) => model.layers[0]!.spec.categories!.values.find((c) => c.value === v)!.color.toLowerCase();

  it('draws Tripoli, the GNA’s seat, in the GNA colour, and the eastern cities in the LNA colour', () => {
    expect(colourOf('libya:tripoli')).toBe(cat('GNA'));
    expect(colourOf('libya:benghazi')).toBe(cat('LNA'));
    expect(colourOf('libya:tobruk')).toBe(cat('LNA'));
  });

  it('draws the Black Sea, the whole of Libya and Iran as context, never hatched, never in a category colour', () => {
    for (const key of ['turkstream:black-sea', 'libya:libya-boundary', 'iraq-bases:iran']) {
      expect(model.features.get(key)?.context, key).toBe(true);
      expect(model.features.get(key)?.kind, key).toBe('area');
    }
    expect(Object.values(model.layers[0]!.spec.categories!.values).map((c) => c.color.toLowerCase())).not.toContain(model.layers[0]!.spec.color.toLowerCase());
  });

  it('draws each swatch as the map draws what it keys: a ring where every place is approximate', () => {
    const entry = (id: string) => legendEntry(model.layers.find((l) => l.spec.id === id)!);
    // Iran and Iraq: four places, all open rings on the map (Iran itself is context).
    expect(entry('iraq-bases')).toMatchObject({ kinds: ['point'], approx: ['point'] });
    // Istanbul: the city a ring, the congress centre a dot; the TurkStream's line exact and its
    // terminals dots beside two rings.
    expect(entry('istanbul')).toMatchObject({ kinds: ['point'], approx: [] });
    expect(entry('turkstream')).toMatchObject({ kinds: ['line', 'point'], approx: [] });
    // Syria's "Government-held": Damascus, a ring (Khan Shaykhun is context); "Rebel-held" hatched.
    expect(entry('syria-idlib').rows.map((r) => [r.value, r.style])).toEqual([['rebels', 'hatched'], ['government', 'ring']]);
    for (const layer of model.layers) {
      const e = legendEntry(layer);
      for (const k of e.approx) expect(layer.features.filter((f) => !f.context && f.kind === k).every((f) => f.approximate), `${layer.spec.id} ${k}`).toBe(true);
    }
  });

  it('has no hatched legend swatch for the TurkStream layer (its only approximate feature is a point) and says “Open ring” once', () => {
    const e = legendEntry(model.layers.find((l) => l.spec.id === 'turkstream')!);
    expect(e.marks.map((m) => m.label)).toEqual(['Open ring: approximate location']);
    expect(e.rows).toEqual([expect.objectContaining({ label: 'Black Sea (context)', style: 'context', context: { names: ['Black Sea'], more: 0 } })]);
  });

  it('names up to three context areas of a colour in one row, and counts the rest, each name apart from the English', () => {
    const square = (x: number) => ({ type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] });
    const names = ['Ouest', 'Centre', 'Est', 'Nord', 'Sud'];
    const m = buildModel(createTexts({
      story: { layers: [{ id: 'places', name: 'Places', file: 'places.geojson', color: '#336699' }], features: { 'places:rome': { passages: ['intro'], aliases: ['Rome'] } } },
      article: 'Rome. {#intro}\n',
      features: [createPoint('rome', [12.4964, 41.9028]), ...names.map((name, i) => ({ type: 'Feature', properties: { id: `z${i}`, name, date: 'static', source: 'Invented', context: true }, geometry: square(i * 2) }))],
    }));
    const rows = legendEntry(m.layers[0]!).rows;
    expect(rows).toEqual([expect.objectContaining({ label: 'Ouest, Centre, Est and 2 more (context)', style: 'context', context: { names: ['Ouest', 'Centre', 'Est'], more: 2 } })]);
  });
});

describe('a feature without a category value', () => {
  // A categorised layer whose colour (wrongly) equals a category's, and a point without a value.
  const model = buildModel(createTexts({
    story: {
      layers: [{ id: 'places', name: 'Places', file: 'places.geojson', color: '#336699', categories: { property: 'side', values: [{ value: 'a', label: 'Side A', color: '#cc3311' }, { value: 'b', label: 'Side B', color: '#117733' }] } }],
      features: { 'places:rome': { passages: ['intro'], aliases: ['Rome'] }, 'places:milan': { passages: ['intro'], aliases: ['Milan'] } },
    },
    article: 'Rome and Milan. {#intro}\n',
    features: [createPoint('rome', [12.4964, 41.9028], { side: 'a' }), createPoint('milan', [9.19, 45.4642])],
  }));
  const layer = model.layers[0]!;

  it('gives a layer with categories no swatch of its own, its rows key every colour; a layer without has its own', () => {
    // The categorised layer's own colour is keyed by its "No side value" row, not beside its name.
    expect(legendEntry(layer).kinds).toEqual([]);
    // (Side B, which no feature has, is not keyed: the next test.)
    expect(legendColors(legendEntry(layer))).toEqual(new Set(['#cc3311', '#336699']));
    const plain = (features: object[]) =>
      buildModel(createTexts({
        story: { layers: [{ id: 'places', name: 'Places', file: 'places.geojson', color: '#336699' }], features: { 'places:rome': { passages: ['intro'], aliases: ['Rome'] } } },
        article: 'Rome. {#intro}\n',
        features,
      })).layers[0]!;
    const sea = { type: 'Feature', properties: { id: 'sea', name: 'Tyrrhenian Sea', date: 'static', source: 'Invented', context: true }, geometry: { type: 'Polygon', coordinates: [[[10, 39], [12, 39], [12, 41], [10, 41], [10, 39]]] } };
    // Points in the layer's colour: a dot beside its name.
    expect(legendEntry(plain([createPoint('rome', [12.4964, 41.9028]), sea])).kinds).toEqual(['point']);
    // Context only: its row names it; nothing beside the name (it was a solid area the map did not draw).
    const contextOnly = legendEntry(plain([{ ...sea, properties: { ...sea.properties, id: 'rome' } }]));
    expect(contextOnly.kinds).toEqual([]);
    expect(contextOnly.rows.map((r) => r.style)).toEqual(['context']);
  });

  it('keys no category that no feature has, and warns of it; one only context points have keys their dots', () => {
    const side = (features: object[]) =>
      buildModel(createTexts({
        story: {
          layers: [{ id: 'places', name: 'Places', file: 'places.geojson', color: '#336699', categories: { property: 'side', values: [{ value: 'a', label: 'Side A', color: '#cc3311' }, { value: 'b', label: 'Side B', color: '#117733' }, { value: 'c', label: 'Side C', color: '#aa7700' }] } }],
          features: { 'places:rome': { passages: ['intro'], aliases: ['Rome'] } },
        },
        article: 'Rome. {#intro}\n',
        features,
      }));
    const m = side([createPoint('rome', [12.4964, 41.9028], { side: 'a' }), createPoint('ostia', [12.29, 41.73], { side: 'b', context: true })]);
    const e = legendEntry(m.layers[0]!);
    expect(e.rows.map((r) => [r.label, r.kinds])).toEqual([['Side A', ['point']], ['Side B', ['point']]]);
    const unused = m.problems.filter((p) => p.code === 'category-unused');
    expect(unused).toHaveLength(1);
    expect(unused[0]).toMatchObject({ severity: 'warning', file: 'story.json' });
    expect(unused[0]!.message).toContain('"c"');
    expect(unused[0]!.message).toContain('Side C');
    expect(unused[0]!.line).toBeGreaterThan(0);
    // Every category used: no warning.
    const all = side([createPoint('rome', [12.4964, 41.9028], { side: 'a' }), createPoint('ostia', [12.29, 41.73], { side: 'b' }), createPoint('tivoli', [12.8, 41.96], { side: 'c' })]);
    expect(all.problems.map((p) => p.code)).not.toContain('category-unused');
    expect(legendEntry(all.layers[0]!).rows.map((r) => r.label)).toEqual(['Side A', 'Side B', 'Side C']);
  });

  it('is drawn in the layer’s own colour, listed in the legend as “No side value”, and warned about', () => {
    const style = styleOf(model);
    const props = layer.data.features.find((m) => m.properties!.id === 'milan')!.properties!;
    const sl = drawnBy(style, layer, props).find((s) => s.type === 'circle')!;
    expect(paintedColours(sl, layer, props)[0]).toBe('#336699');
    expect(legendEntry(layer).rows.map((r) => [r.label, r.color])).toEqual([['Side A', '#cc3311'], ['No side value', '#336699']]);
    expect(model.problems.map((p) => p.code)).toContain('category-missing');
    expect(model.problems.map((p) => p.code)).not.toContain('category-colour-same');
  });

  it('the SVG fallback draws what the style draws: context under areas, hatching only on approximate subject areas', () => {
    const cgtn = STORIES[0]![1];
    const scene = svgScene(cgtn, null, { width: 800, height: 500 });
    const firstSubjectArea = scene.features.findIndex((f) => f.kind === 'area' && !f.context);
    const lastContextArea = Math.max(...scene.features.map((f, i) => (f.kind === 'area' && f.context ? i : -1)));
    expect(lastContextArea).toBeLessThan(firstSubjectArea);
    for (const f of scene.features) expect(!!f.pattern, f.key).toBe(f.kind === 'area' && f.approximate && !f.context);
  });
});

describe('the order of story names and dots', () => {
  /** A layout value of a style layer, evaluated for one feature as MapLibre would. */
  const layoutValue = (sl: LayerSpecification, key: string, props: Record<string, unknown>): unknown => {
    const layout = (sl as { layout?: Record<string, unknown> }).layout ?? {};
    if (!(key in layout)) return undefined;
    const group = latest[`layout_${sl.type}` as keyof typeof latest] as unknown as Record<string, never>;
    const e = expression.createExpression(layout[key], 'layout', group[key]);
    if (e.result !== 'success') throw new Error(`${sl.id} ${key}: ${JSON.stringify(e.value)}`);
    return e.value.evaluate({ zoom: 5 } as never, { type: 'Point', properties: props } as never, {});
  };
  const props = (model: StoryModel, key: string) => model.layers.flatMap((l) => l.data.features).find((f) => f.properties?.key === key)!.properties!;

  it('places a layer’s names in reading order: the places the text names before the towns it does not', () => {
    const model = STORIES[0]![1];
    const style = styleOf(model);
    const label = style.layers.find((sl) => sl.id === styleLayerIds('syria-idlib').label)!;
    const key = (k: string) => layoutValue(label, 'symbol-sort-key', props(model, k)) as number;
    // Damascus is in the file after the four context towns; it was left unnamed beside them on a 390 px phone.
    for (const town of ['sy-idlib', 'sy-saraqib', 'sy-maarat-al-numan', 'sy-khan-shaykhun']) expect(key('syria-idlib:damascus'), town).toBeLessThan(key(`syria-idlib:${town}`));
    // The same order as the SVG map's and the picture's (featureOrder), in every tier.
    for (const id of [styleLayerIds('syria-idlib').labelActive, styleLayerIds('syria-idlib').labelSelected]) {
      expect(layoutValue(style.layers.find((sl) => sl.id === id)!, 'symbol-sort-key', props(model, 'syria-idlib:damascus'))).toBe(key('syria-idlib:damascus'));
    }
  });

  it('draws a context dot under the story’s own points (Suez’s dot under the Ever Given’s ring)', () => {
    const model = STORIES[1]![1];
    const circle = styleOf(model).layers.find((sl) => sl.id === styleLayerIds('places').circle)!;
    const sortKey = (k: string) => layoutValue(circle, 'circle-sort-key', props(model, k)) as number;
    expect(sortKey('places:suez')).toBeLessThan(sortKey('places:ever-given'));
    expect(sortKey('places:port-said')).toBeLessThan(sortKey('places:ever-given'));
    const scene = svgScene(model, null, { width: 390, height: 300 });
    const at = (k: string) => scene.features.findIndex((f) => f.key === k);
    expect(at('places:suez')).toBeLessThan(at('places:ever-given'));
  });
});
