// Checks across story.json and its layers that neither the schema nor a single layer file can make:
// colours that would tell the reader something untrue, and excluded phrases that exclude nothing.
import type { Passage } from '../article';
import { keysNamed } from '../marks';
import type { StoryLayer } from '../model';
import type { Problem } from '../problems';
import type { StoryFile } from '../schema';
import type { Path } from './json';

type Locate = (path: Path) => Pick<Problem, 'file' | 'path' | 'line' | 'column'>;

/** "#abc" and "#AABBCC" as "#aabbcc", for comparing colours. */
export const normColor = (c: string) => {
  const h = c.trim().toLowerCase().replace('#', '');
  return `#${h.length === 3 ? [...h].map((x) => x + x).join('') : h}`;
};

/** Features of a categorised layer that have no category value (or one the layer does not list), context aside. */
export function uncategorised(layer: StoryLayer) {
  const cats = layer.spec.categories;
  if (!cats) return [];
  const values = new Set(cats.values.map((v) => v.value));
  return layer.features.filter((f) => !f.context && (f.category === undefined || !values.has(f.category)));
}

/**
 * A feature without a category value is drawn in the layer's own colour. That colour must then not
 * be one of the categories' (it would say "LNA" of a place nobody said was LNA), and an editor
 * should know which features have no value.
 */
export function checkCategories(layer: StoryLayer, locate: Locate, index?: number): Problem[] {
  const cats = layer.spec.categories;
  if (!cats || layer.error) return [];
  const out: Problem[] = [];
  const i = index ?? -1;
  const at = (path: Path) => (i >= 0 ? locate(path) : { file: 'story.json' });
  const same = cats.values.find((v) => normColor(v.color) === normColor(layer.spec.color));
  if (same) {
    out.push({
      severity: 'warning', code: 'category-colour-same', ...at(['layers', i, 'color']),
      message: `The colour ${layer.spec.color} of the layer “${layer.spec.name}” is also the colour of its category “${same.label}”: features with no "${cats.property}" value are drawn in the layer colour, so they would look like “${same.label}”.`,
      fix: `Give the layer a colour of its own, unlike every category's (it is used for features with no "${cats.property}" value and for the layer's context).`,
    });
  }
  const missing = uncategorised(layer);
  if (missing.length) {
    const names = missing.slice(0, 5).map((f) => `“${f.name}”`).join(', ') + (missing.length > 5 ? ` and ${missing.length - 5} more` : '');
    out.push({
      severity: 'warning', code: 'category-missing', ...at(['layers', i, 'categories']),
      message: `${missing.length} feature${missing.length > 1 ? 's' : ''} of the layer “${layer.spec.name}” ${missing.length > 1 ? 'have' : 'has'} no "${cats.property}" value among ${cats.values.map((v) => `"${v.value}"`).join(', ')}: ${names}.`,
      fix: `Give ${missing.length > 1 ? 'each' : 'it'} a "${cats.property}" value, or mark ${missing.length > 1 ? 'them' : 'it'} "context": true when ${missing.length > 1 ? 'they are' : 'it is'} there for orientation only.`,
      fixed: `Drawn in the layer colour and listed in the legend as “No ${cats.property} value”, never in a category's colour.`,
    });
  }
  // A category no feature has: the map draws nothing in its colour, so the legend leaves it out
  // (legend.ts); the editor may have misspelt a value, or named a side the story has not drawn yet.
  const used = new Set(layer.features.map((f) => f.category));
  cats.values.forEach((v, j) => {
    if (used.has(v.value)) return;
    out.push({
      severity: 'warning', code: 'category-unused', ...at(['layers', i, 'categories', 'values', j, 'value']),
      message: `No feature of the layer “${layer.spec.name}” has the "${cats.property}" value "${v.value}" (“${v.label}”).`,
      fix: `Give the features it stands for "${cats.property}": "${v.value}" (spelt as here), or remove the category.`,
      fixed: 'Left out of the legend: the map draws nothing in its colour.',
    });
  });
  return out;
}

/** Every excluded phrase must be a passage's, as whole words: otherwise it excludes nothing (a typo, or a passage id that changed). */
export function checkExclusions(story: StoryFile, passages: ReadonlyMap<string, Passage>, locate: Locate): Problem[] {
  const out: Problem[] = [];
  for (const [pid, phrases] of Object.entries(story.exclude)) {
    const passage = passages.get(pid);
    if (!passage) {
      out.push({ severity: 'warning', code: 'exclude-unused', ...locate(['exclude', pid]), message: `"exclude" names the passage "${pid}", which is not in ${story.article}.`, fix: 'Check the passage id against the {#id} marks in the article.' });
      continue;
    }
    phrases.forEach((phrase, j) => {
      if (!keysNamed(passage.text, [{ text: phrase, key: 'x' }]).size) {
        out.push({ severity: 'warning', code: 'exclude-unused', ...locate(['exclude', pid, j]), message: `The passage "${pid}" does not contain “${phrase}” as whole words, so excluding it changes nothing.`, fix: 'Copy the phrase from the passage as it is written (case and the kind of apostrophe do not matter).' });
      }
    });
  }
  return out;
}
