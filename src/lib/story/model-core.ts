// The parts of the model a reader's page needs without the validator: the error a story fails
// with, where its files are, the one way a model is put together and frozen, and the box around
// some features. The page imports them from here, so that its first script holds no validator (see
// docs/performance.md: the validator runs at build time, snapshot.ts reads its result).
import type { ShownDate } from './story-date';
import type { Block, Passage } from './article';
import type { BBox, StoryFeature, StoryLayer, StoryModel } from './model';
import type { Problem } from './problems';
import type { StoryFile } from './schema';
import { unionBox } from './lon-wrap';
import { STORY_NAME } from './page-story';

export class StoryFileError extends Error {
  constructor(public problems: Problem[]) {
    super(problems.map((p) => p.message).join('\n'));
  }
}

/** Where a story's files are served from, relative to the page. */
export function storyBase(name: string, root = './'): string {
  if (!STORY_NAME.test(name)) throw new StoryFileError([{ severity: 'error', file: 'story', message: `“${name}” is not a story name.`, fix: 'Story names are letters, digits, - and _.' }]);
  return `${root}stories/${name}/`;
}

/** The layers shown when a story opens: those its story.json shows, less any that could not be read. */
export function initiallyVisible(model: StoryModel): string[] {
  return model.layers.filter((l) => l.spec.visible && !l.error).map((l) => l.spec.id);
}

/** The smallest box holding all the given features (east beyond 180 when it crosses the antimeridian: lon-wrap.ts). */
export function boundsOf(model: StoryModel, keys: Iterable<string>): BBox | null {
  let out: BBox | null = null;
  for (const k of keys) {
    const b = model.features.get(k)?.bbox;
    if (!b) continue;
    // The short way round: features on both sides of 180° are framed across it, not across the world.
    out = out ? unionBox(out, b) : [...b];
  }
  return out;
}

/** What a model is made of; everything else in it (passages, lookups) is derived by freezeModel. */
export interface ModelParts {
  story: StoryFile;
  blocks: Block[];
  layers: StoryLayer[];
  problems: Problem[];
  featuresByPassage: Iterable<readonly [string, readonly string[]]>;
  passagesByFeature: Iterable<readonly [string, readonly string[]]>;
  shownDate: ShownDate;
}

/**
 * The one way a StoryModel is assembled, from the validated files (model.ts) or from a snapshot
 * (snapshot.ts): passages in reading order, lookups by id (a repeated passage id links to the
 * first), features by key in layer order, and frozen index lists.
 */
export function freezeModel(parts: ModelParts): StoryModel {
  const passages = parts.blocks.filter((b): b is Passage => b.kind === 'passage');
  const passageById = new Map<string, Passage>();
  for (const p of passages) if (!passageById.has(p.id)) passageById.set(p.id, p);
  const features = new Map<string, StoryFeature>();
  for (const l of parts.layers) for (const f of l.features) features.set(f.key, f);
  const frozen = (list: Iterable<readonly [string, readonly string[]]>) => new Map([...list].map(([k, v]) => [k, Object.freeze([...v])] as const));
  return Object.freeze({
    story: parts.story,
    blocks: parts.blocks,
    passages,
    layers: parts.layers,
    features,
    passageById,
    featuresByPassage: frozen(parts.featuresByPassage),
    passagesByFeature: frozen(parts.passagesByFeature),
    problems: parts.problems,
    shownDate: Object.freeze({ ...parts.shownDate }),
  });
}
