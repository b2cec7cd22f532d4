// The model with thousands of features: problems stay readable (summarised), links stay complete.
import { describe, expect, it } from 'vitest';
import { synthStory } from '../../bench/synth';
import { buildModel, type StoryTexts } from '../../src/lib/story/model';
import { countProblems } from '../../src/lib/story/problems';

function createSynthTexts(points: number, linksPerPassage = 5): StoryTexts {
  const files = synthStory({ name: 'scale', points, linksPerPassage });
  const story = JSON.parse(files['story.json']!) as { layers: { file: string }[] };
  return { story: files['story.json']!, article: files['article.md']!, layers: Object.fromEntries(story.layers.map((l) => [l.file, files[l.file]!])) };
}

describe('a story with thousands of features', () => {
  it('lists the first unlinked features of a layer and counts the rest on one line', () => {
    const model = buildModel(createSynthTexts(3000));
    const unlinked = model.problems.filter((p) => p.code === 'feature-unlinked');
    expect(unlinked).toHaveLength(11);
    const summary = unlinked.at(-1)!;
    expect(summary.repeats).toBe(3000 - 100 - 10);
    expect(summary.message).toBe('2890 more features of the layer “points” are linked to no passage.');
    // Counted, the problems still stand for every unlinked feature.
    expect(countProblems(unlinked)).toBe(2900);
  });

  it('links many features to one passage, every one both ways', () => {
    const model = buildModel(createSynthTexts(4000, 400));
    const first = model.featuresByPassage.get('s1')!;
    expect(first.length).toBe(200);
    for (const key of first) expect(model.passagesByFeature.get(key)).toEqual(['s1']);
  });
});
