// Live validation: the reader's own validator (buildModel) run on the document, its problems sorted
// to where the editor shows them: beside a story field, a layer's fields, or a feature.
import { buildModel, type StoryModel } from '../story/model';
import { StoryFileError } from '../story/model-core';
import type { Problem } from '../story/problems';
import { toTexts, type EditorDoc } from './doc';

export interface Checked {
  /** The model the reader view shows; null when story.json has an error that stops the story. */
  model: StoryModel | null;
  problems: Problem[];
}

export function check(doc: EditorDoc): Checked {
  try {
    const model = buildModel(toTexts(doc));
    return { model, problems: model.problems };
  } catch (e) {
    if (e instanceof StoryFileError) return { model: null, problems: e.problems };
    return { model: null, problems: [{ severity: 'error', file: 'story.json', message: `The story could not be checked (${(e as Error).message}).` }] };
  }
}

/** Problems about one field of story.json: "title", "layers[0].color" (and anything under it). */
export function storyFieldProblems(problems: readonly Problem[], path: string): Problem[] {
  return problems.filter((p) => p.file === 'story.json' && p.path !== undefined && (p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`)));
}

/** Problems about one feature of a layer file (by its index in the file), and about its story.json entry. */
export function featureProblems(problems: readonly Problem[], file: string, index: number, key?: string): Problem[] {
  return problems.filter(
    (p) =>
      (p.file === file && (p.feature?.index === index || p.path?.startsWith(`features[${index}]`))) ||
      (key !== undefined && p.file === 'story.json' && p.path?.startsWith(`features["${key}"]`)),
  );
}

/** Problems about one property of a feature (its own property or its story.json override). */
export function propProblems(list: readonly Problem[], prop: string): Problem[] {
  return list.filter((p) => p.path !== undefined && (p.path.endsWith(`.properties.${prop}`) || p.path.endsWith(`.${prop}`) || p.path.endsWith(`["${prop}"]`) || (p.code === 'provenance-missing' && p.message.includes(`"${prop}"`))));
}

/** Problems about a layer file as a whole (not one of its features). */
export function fileProblems(problems: readonly Problem[], file: string): Problem[] {
  return problems.filter((p) => p.file === file && p.feature === undefined && !p.path?.startsWith('features['));
}
