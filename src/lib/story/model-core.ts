// The parts of the model a reader's page needs without the validator: the error a story fails
// with, where its files are, and the box around some features. model.ts re-exports them; the
// page imports them from here, so that its first script holds no validator (see
// docs/performance.md: the validator runs at build time, snapshot.ts reads its result).
import type { BBox, StoryModel } from './model';
import type { Problem } from './problems';

export class StoryFileError extends Error {
  constructor(public problems: Problem[]) {
    super(problems.map((p) => p.message).join('\n'));
  }
}

const STORY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Where a story's files are served from, relative to the page. */
export function storyBase(name: string, root = './'): string {
  if (!STORY_NAME.test(name)) throw new StoryFileError([{ severity: 'error', file: 'story', message: `“${name}” is not a story name.`, fix: 'Story names are letters, digits, - and _.' }]);
  return `${root}stories/${name}/`;
}

/** The smallest box holding all the given features. */
export function boundsOf(model: StoryModel, keys: Iterable<string>): BBox | null {
  let out: BBox | null = null;
  for (const k of keys) {
    const b = model.features.get(k)?.bbox;
    if (!b) continue;
    out = out ? [Math.min(out[0], b[0]), Math.min(out[1], b[1]), Math.max(out[2], b[2]), Math.max(out[3], b[3])] : [...b];
  }
  return out;
}
