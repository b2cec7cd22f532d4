import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/lib/story/model';
import { StoryState } from '../../src/lib/story/state.svelte';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { CGTN_DIR, createPoint, createTexts } from './fixtures';

const cgtn = readStoryFolder(CGTN_DIR);

describe('StoryState: plain state', () => {
  it('selecting a feature highlights it and its passages', () => {
    const s = new StoryState(cgtn);
    expect(s.select('libya:tripoli', { cause: 'map' })).toBe(true);
    expect(s.highlighted).toEqual(['libya:tripoli']);
    expect(s.highlightedPassages).toEqual(['libya-war', 'sustainable']);
    expect(s.passage).toBe('libya-war');
    expect(s.change?.cause).toBe('map');
  });

  it('selecting a passage highlights all its features', () => {
    const s = new StoryState(cgtn);
    s.select('iraq-strikes', { cause: 'text' });
    expect([...s.highlighted].sort()).toEqual(['iraq-bases:al-asad-airbase', 'iraq-bases:baghdad-intl-airport', 'iraq-bases:erbil-airport', 'iraq-bases:iran']);
    expect(s.highlightedPassages).toEqual(['iraq-strikes']);
  });

  it('select() takes a feature key or a passage id, and refuses unknown ones', () => {
    const s = new StoryState(cgtn);
    expect(s.select('khamenei', { cause: 'api' })).toBe(true);
    expect(s.highlighted).toEqual(['iraq-bases:iran', 'iraq-bases:tehran']);
    expect(s.select('nope', { cause: 'api' })).toBe(false);
    expect(s.highlighted).toEqual(['iraq-bases:iran', 'iraq-bases:tehran']);
  });

  it('selecting something in a hidden layer shows the layer', () => {
    const s = new StoryState(cgtn);
    s.setLayer('istanbul', false, 'legend');
    expect(s.visible.has('istanbul')).toBe(false);
    s.select('lede', { cause: 'text' });
    expect(s.visible.has('istanbul')).toBe(true);
  });

  it('hiding the layer of the selected feature clears the selection; other layers are untouched', () => {
    const s = new StoryState(cgtn);
    s.select('turkstream:black-sea', { cause: 'map' });
    s.setLayer('turkstream', false, 'legend');
    expect(s.feature).toBeNull();
    expect(s.highlighted).toEqual([]);
    expect([...s.visible].sort()).toEqual(['iraq-bases', 'istanbul', 'libya', 'syria-idlib']);
  });

  it('clear() empties the highlight and records its cause; clearing nothing changes nothing', () => {
    const s = new StoryState(cgtn);
    s.select('libya:tripoli', { cause: 'map' });
    const change = s.change;
    s.clear('card');
    expect(s.highlighted).toEqual([]);
    expect(s.highlightedPassages).toEqual([]);
    expect(s.change).toMatchObject({ cause: 'card' });
    expect(s.change!.id).toBeGreaterThan(change!.id);
    const after = s.change;
    s.clear('keyboard');
    expect(s.change).toBe(after);
  });

  it('starts with the layers the story marks visible, never a failed one', () => {
    const model = buildModel(
      createTexts({ story: { layers: [{ id: 'places', name: 'Places', file: 'places.geojson', color: '#336699', visible: false }] }, features: [createPoint('rome', [12.5, 41.9])] }),
    );
    expect([...new StoryState(model).visible]).toEqual([]);
    const broken = createTexts();
    broken.layers['places.geojson'] = '{';
    const s = new StoryState(buildModel(broken));
    expect([...s.visible]).toEqual([]);
    s.setLayer('places', true, 'legend');
    expect([...s.visible]).toEqual([]);
  });
});

describe('StoryState: intents', () => {
  it('select() asks to frame the selection and to bring its passage into view, each with a newer id', () => {
    const s = new StoryState(cgtn);
    expect(s.camera).toBeNull();
    expect(s.reveal).toBeNull();
    s.select('iraq-strikes', { cause: 'api' });
    const camera = s.camera!;
    expect([...('features' in camera.target ? camera.target.features : [])].sort()).toEqual([...cgtn.featuresByPassage.get('iraq-strikes')!].sort());
    expect(camera.animate).toBe(true);
    expect(s.reveal).toMatchObject({ passage: 'iraq-strikes' });
    s.select('libya:tripoli', { cause: 'api' });
    expect(s.camera!.id).toBeGreaterThan(camera.id);
    expect(s.camera!.target).toEqual({ features: ['libya:tripoli'] });
    expect(s.reveal).toMatchObject({ passage: 'libya-war' });
    // Selecting the same thing again is a new intent: a view that moved away since goes back to it.
    const again = s.camera!.id;
    s.select('libya:tripoli', { cause: 'api' });
    expect(s.camera!.id).toBeGreaterThan(again);
  });

  it('callers say what they want: a click on the map neither moves the camera nor is told to the text as a move; the text does not scroll itself', () => {
    const s = new StoryState(cgtn);
    s.select('iraq-bases:tehran', { move: false, cause: 'map' });
    expect(s.camera).toBeNull();
    expect(s.reveal).toMatchObject({ passage: 'khamenei' });
    const reveal = s.reveal;
    s.select('libya-war', { reveal: false, cause: 'text' });
    expect(s.reveal).toBe(reveal);
    expect(s.camera!.target).toEqual({ features: cgtn.featuresByPassage.get('libya-war') });
    // The cause is kept for the host page only; the intents do not depend on it.
    expect(s.change).toMatchObject({ cause: 'text' });
  });

  it('clearing, hiding a layer and hovering make no intent', () => {
    const s = new StoryState(cgtn);
    s.select('turkstream:black-sea', { move: false, reveal: false, cause: 'map' });
    s.hovered = 'libya:tripoli';
    s.setLayer('turkstream', false, 'legend');
    s.clear('keyboard');
    expect(s.camera).toBeNull();
    expect(s.reveal).toBeNull();
    expect(s.change).toMatchObject({ cause: 'legend' });
  });

  it('a centre and zoom is the view at once; framing anything else leaves the view unknown until a map reports it', () => {
    const s = new StoryState(cgtn);
    s.moveCamera({ center: [13.2, 32.9], zoom: 7 }, false);
    expect(s.camera).toMatchObject({ target: { center: [13.2, 32.9], zoom: 7 }, animate: false });
    expect(s.view).toEqual({ center: [13.2, 32.9], zoom: 7, camera: s.camera!.id });
    s.select('libya:tripoli', { cause: 'api' });
    expect(s.view).toBeNull();
    s.reportView({ center: [13.1, 32.8], zoom: 8 }, s.camera!.id);
    expect(s.view).toMatchObject({ zoom: 8, camera: s.camera!.id });
    s.resetView();
    expect(s.camera!.target).toEqual({ bounds: cgtn.story.view.bounds });
    // The old view is not where the map will be: a link written now has no stale v=.
    expect(s.view).toBeNull();
  });

  it('unknown targets change nothing and make no intent', () => {
    const s = new StoryState(cgtn);
    expect(s.select('nope', { cause: 'api' })).toBe(false);
    expect(s.camera).toBeNull();
    expect(s.reveal).toBeNull();
    expect(s.change).toBeNull();
  });
});

describe('StoryState: a place name selects what it names', () => {
  // Three western districts (any several of one passage)
  const WEST = ['libya:ly-district-LY-GD', 'libya:ly-district-LY-NQ', 'libya:ly-district-LY-MZ'];
  it('several features: just those, in their passage; the camera frames them, not the passage', () => {
    const s = new StoryState(cgtn);
    expect(s.selectNamed('libya-war', WEST, { cause: 'text' })).toBe(true);
    expect(s.feature).toBeNull();
    expect(s.passage).toBe('libya-war');
    expect(s.highlighted).toEqual(WEST);
    expect(s.highlighted).not.toContain('libya:ly-district-LY-BU');
    expect(s.highlightedPassages).toEqual(['libya-war']);
    expect(s.camera?.target).toEqual({ features: WEST });
    expect(s.change).toMatchObject({ cause: 'text' });
  });

  it('one feature is selected as that feature; all of the passage’s as the passage', () => {
    const s = new StoryState(cgtn);
    s.selectNamed('libya-war', ['libya:tripoli'], { cause: 'text' });
    expect(s.feature).toBe('libya:tripoli');
    s.selectNamed('khamenei', ['iraq-bases:tehran', 'iraq-bases:iran'], { cause: 'text' });
    expect(s.feature).toBeNull();
    expect(s.group).toBeNull();
    expect(s.passage).toBe('khamenei');
  });

  it('keys not linked to the passage are dropped; none left changes nothing', () => {
    const s = new StoryState(cgtn);
    s.select('libya:tripoli', { cause: 'map' });
    expect(s.selectNamed('libya-war', ['istanbul:istanbul', 'nope'], { cause: 'text' })).toBe(false);
    expect(s.feature).toBe('libya:tripoli');
    expect(s.selectNamed('libya-war', [...WEST, 'istanbul:istanbul'], { cause: 'text' })).toBe(true);
    expect(s.highlighted).toEqual(WEST);
  });

  it('a new selection, clearing, or hiding the layer ends the group', () => {
    const s = new StoryState(cgtn);
    s.selectNamed('libya-war', WEST, { cause: 'text' });
    s.select('libya-war', { cause: 'text' });
    expect(s.group).toBeNull();
    expect(s.highlighted.length).toBe(cgtn.featuresByPassage.get('libya-war')!.length);
    s.selectNamed('libya-war', WEST, { cause: 'text' });
    s.clear('keyboard');
    expect(s.highlighted).toEqual([]);
    s.selectNamed('libya-war', WEST, { cause: 'text' });
    s.setLayer('libya', false, 'legend');
    expect(s.passage).toBeNull();
    expect(s.change).toMatchObject({ cause: 'legend' });
  });
});
