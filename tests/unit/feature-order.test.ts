import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/lib/story/model';
import { featureGroups, featureOrder, stepKey } from '../../src/lib/panel/feature-order';
import { createPoint, createTexts } from './fixtures';

function createModel() {
  const line = { type: 'Feature', properties: { id: 'road', name: 'Road', date: '2020', source: 'OSM' }, geometry: { type: 'LineString', coordinates: [[12, 41], [13, 42]] } };
  const area = { type: 'Feature', properties: { id: 'lazio', name: 'Lazio', date: '2020', source: 'NE' }, geometry: { type: 'Polygon', coordinates: [[[11, 41], [14, 41], [14, 43], [11, 43], [11, 41]]] } };
  return buildModel(
    createTexts({
      article: 'Intro about Lazio, Rome and the Road. {#intro}\n\nThen Milan. {#later}\n\nAnd Bari. {#last}\n',
      features: [createPoint('milan', [9.19, 45.46]), area, line, createPoint('rome', [12.5, 41.9]), createPoint('bari', [16.87, 41.12]), createPoint('zeta', [10, 44]), createPoint('alpha', [11, 44])],
      story: {
        layers: [
          { id: 'places', name: 'Places', file: 'places.geojson', color: '#336699' },
          { id: 'missing', name: 'Missing', file: 'missing.geojson', color: '#993366' },
        ],
        features: {
          'places:bari': { passages: ['last'] },
          'places:milan': { passages: ['later'] },
          'places:rome': { passages: ['intro'] },
          'places:road': { passages: ['intro'] },
          'places:lazio': { passages: ['intro', 'later'] },
        },
      },
    }),
  );
}

describe('featureGroups', () => {
  it('orders by first mention in the article, then points, lines, areas, then by name; unlinked last', () => {
    const groups = featureGroups(createModel());
    expect(groups.map((g) => g.layer.spec.id)).toEqual(['places']);
    expect(groups[0]!.features.map((f) => f.id)).toEqual(['rome', 'road', 'lazio', 'milan', 'bari', 'alpha', 'zeta']);
  });

  it('puts the story’s subjects before its context at the same passage, whatever their names', () => {
    // Libya's war: the capital and a context town 20 km south, linked from the same passage. By name
    // alone Aziziya came first, and on a phone, where the two dots stand on one another, the capital's
    // dot was named "Aziziya" (the labels are placed in this order: label-sides.ts, stackedLabels).
    const model = buildModel(
      createTexts({
        article: 'A civil war, fought around the capital Tripoli. {#war}\n\nLater. {#later}\n',
        features: [createPoint('aziziya', [13.02, 32.53], { context: true }), createPoint('tripoli', [13.19, 32.89]), createPoint('abbey', [13.3, 32.7])],
        story: {
          features: { 'places:aziziya': { passages: ['war'] }, 'places:tripoli': { passages: ['war'] }, 'places:abbey': { passages: ['later'] } },
        },
      }),
    );
    expect(featureOrder(model).map((k) => k.split(':')[1])).toEqual(['tripoli', 'aziziya', 'abbey']);
  });

  it('leaves out layers that failed or are empty, and can keep only some layers', () => {
    const model = createModel();
    expect(model.layers.find((l) => l.spec.id === 'missing')?.error).toBeTruthy();
    expect(featureOrder(model)).toHaveLength(7);
    expect(featureOrder(model, new Set(['missing']))).toEqual([]);
  });
});

describe('stepKey', () => {
  const order = ['a', 'b', 'c'];
  it('moves one step and stops at the ends', () => {
    expect(stepKey(order, 'a', 'ArrowDown')).toBe('b');
    expect(stepKey(order, 'b', 'ArrowRight')).toBe('c');
    expect(stepKey(order, 'c', 'ArrowDown')).toBe('c');
    expect(stepKey(order, 'b', 'ArrowUp')).toBe('a');
    expect(stepKey(order, 'a', 'ArrowLeft')).toBe('a');
  });
  it('jumps to the ends, starts at the first key, and has nothing to step through when empty', () => {
    expect(stepKey(order, 'b', 'Home')).toBe('a');
    expect(stepKey(order, 'a', 'End')).toBe('c');
    expect(stepKey(order, null, 'ArrowDown')).toBe('a');
    expect(stepKey(order, 'gone', 'ArrowUp')).toBe('a');
    expect(stepKey([], 'a', 'ArrowDown')).toBeNull();
  });
});
