import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/lib/story/model';
import { Selection } from '../../src/lib/story/selection.svelte';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { CGTN_DIR, createPoint, createTexts } from './fixtures';

const cgtn = readStoryFolder(CGTN_DIR);

describe('Selection', () => {
  it('selecting a feature highlights it and its passages', () => {
    const s = new Selection(cgtn);
    expect(s.selectFeature('libya:tripoli', 'map')).toBe(true);
    expect(s.highlighted).toEqual(['libya:tripoli']);
    expect(s.highlightedPassages).toEqual(['libya-war', 'sustainable']);
    expect(s.passage).toBe('libya-war');
    expect(s.origin).toBe('map');
  });

  it('selecting a passage highlights all its features', () => {
    const s = new Selection(cgtn);
    s.selectPassage('iraq-strikes', 'text');
    expect([...s.highlighted].sort()).toEqual(['iraq-bases:al-asad-airbase', 'iraq-bases:baghdad-intl-airport', 'iraq-bases:erbil-airport', 'iraq-bases:iran']);
    expect(s.highlightedPassages).toEqual(['iraq-strikes']);
  });

  it('select() takes a feature key or a passage id, and refuses unknown ones', () => {
    const s = new Selection(cgtn);
    expect(s.select('khamenei', 'api')).toBe(true);
    expect(s.highlighted).toEqual(['iraq-bases:iran', 'iraq-bases:tehran']);
    expect(s.select('nope', 'api')).toBe(false);
    expect(s.highlighted).toEqual(['iraq-bases:iran', 'iraq-bases:tehran']);
  });

  it('selecting something in a hidden layer shows the layer', () => {
    const s = new Selection(cgtn);
    s.setLayer('istanbul', false);
    expect(s.visible.has('istanbul')).toBe(false);
    s.selectPassage('lede', 'text');
    expect(s.visible.has('istanbul')).toBe(true);
  });

  it('hiding the layer of the selected feature clears the selection; other layers are untouched', () => {
    const s = new Selection(cgtn);
    s.selectFeature('turkstream:black-sea', 'map');
    s.setLayer('turkstream', false);
    expect(s.feature).toBeNull();
    expect(s.highlighted).toEqual([]);
    expect([...s.visible].sort()).toEqual(['iraq-bases', 'istanbul', 'libya', 'syria-idlib']);
  });

  it('clear() empties the highlight; serial counts every selection', () => {
    const s = new Selection(cgtn);
    const before = s.serial;
    s.selectFeature('libya:tripoli', 'map');
    s.selectFeature('libya:tripoli', 'map');
    s.clear();
    expect(s.serial).toBe(before + 3);
    expect(s.highlighted).toEqual([]);
    expect(s.highlightedPassages).toEqual([]);
  });

  it('starts with the layers the story marks visible, never a failed one', () => {
    const model = buildModel(
      createTexts({ story: { layers: [{ id: 'places', name: 'Places', file: 'places.geojson', color: '#336699', visible: false }] }, features: [createPoint('rome', [12.5, 41.9])] }),
    );
    expect([...new Selection(model).visible]).toEqual([]);
    const broken = createTexts();
    broken.layers['places.geojson'] = '{';
    const s = new Selection(buildModel(broken));
    expect([...s.visible]).toEqual([]);
    s.setLayer('places', true);
    expect([...s.visible]).toEqual([]);
  });
});
