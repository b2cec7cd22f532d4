// Checks on text that readers will see, and small helpers for words in messages.
import type { Problem } from '../problems';

import { unsafeScheme } from '../safe-link';
import { isReservedKey, TEXT_LIMITS, truncate } from '../keys';

const HTML_TAG = /<\s*\/?\s*[a-z][a-z0-9-]*(\s[^<>]*)?\/?\s*>/i;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

export type Say = (p: Omit<Problem, 'file'>) => void;

/** What a plain-text field should say instead of a link. */
const TEXT_FIX: Record<string, string> = {
  source: 'Say in words where the location comes from, with its licence, e.g. "GeoNames (CC BY 4.0)" or "Reuters, 9 Jan 2020"; a source is never a link (a web address there is shown as text).',
  claimSource: 'Say in words where what the card says comes from, e.g. "Reuters, 9 Jan 2020"; a source is never a link.',
  name: 'Write the name readers should see.',
  mapLabel: 'Write the shorter name the map’s label should show.',
};

/** Reports HTML (shown as text), javascript:/data: links (refused) and hidden direction overrides in a text value. */
export function checkText(value: string, say: Say, at: Omit<Problem, 'file' | 'severity' | 'message'>, opts: { link?: boolean; field?: string } = {}): void {
  const scheme = unsafeScheme(value);
  if (scheme && opts.link) {
    say({ ...at, severity: 'error', code: 'unsafe-link', message: `A ${scheme}: link is refused: it could run code or hide content in the reader's browser.`, fix: 'Link to an https:// page instead, or remove the link.', fixed: 'The value is never used as a link.' });
    return;
  }
  if (scheme) {
    // Text readers see is shown escaped and never made a link, so a "javascript:" in it runs nothing;
    // but it is not what the field should say (a source credit, a name).
    const field = opts.field ? `"${opts.field}"` : 'This text';
    say({
      ...at, severity: 'warning', code: 'link-as-text',
      message: `${field} is ${JSON.stringify(truncate(value, 80))}, which looks like a ${scheme}: link. It is plain text, shown as written and never used as a link, so it runs nothing; but readers would read it as written${opts.field === 'source' ? ', where the card says where the location comes from' : ''}.`,
      fix: TEXT_FIX[opts.field ?? ''] ?? 'Write the words readers should see.',
      fixed: 'Shown as plain text, never as a link.',
    });
    return;
  }
  if (opts.link) return;
  const tag = HTML_TAG.exec(value);
  if (tag) {
    say({ ...at, severity: 'warning', code: 'html-as-text', message: `This text contains HTML (${tag[0].slice(0, 40)}); it is shown as written, never run or formatted.`, fix: 'Write plain text; in the article use Markdown (*italic*, **bold**, [link](https://…)).', fixed: 'Shown as plain text.' });
  }
  if (BIDI.test(value)) {
    say({ ...at, severity: 'warning', code: 'bidi-control', message: 'This text contains invisible direction-override characters (U+202A–U+202E or U+2066–U+2069), which can make it read differently from what it says.', fix: 'Remove them; right-to-left text displays correctly without them.' });
  }
}

/**
 * A feature's texts readers see, by their names in a layer file, a table's columns and story.json's
 * `features` entries (its aliases aside): checked for markup, hidden characters and length wherever
 * they are given.
 */
export const FEATURE_TEXTS = ['name', 'mapLabel', 'date', 'source', 'confidence', 'description', 'claimSource'] as const;

/** The longest text allowed in a field readers see (longer is shortened on load). */
export function textLimit(field: string): number {
  if (['name', 'mapLabel', 'aliases', 'label'].includes(field)) return TEXT_LIMITS.name;
  if (['description', 'summary', 'approximate'].includes(field)) return TEXT_LIMITS.paragraph;
  return TEXT_LIMITS.line;
}

/** Reports a text longer than its field allows; the model shortens it (keys.ts truncate). */
export function checkLength(value: string, field: string, say: Say): void {
  const max = textLimit(field);
  if (value.length <= max) return;
  say({ severity: 'warning', code: 'text-too-long', message: `This text is ${value.length.toLocaleString('en')} characters long; "${field}" may have at most ${max}.`, fix: 'Shorten it; a long text belongs in the article.', fixed: `Shortened to ${max} characters.` });
}

/** Why an id (or category value) cannot be used, or null: a name reserved by JavaScript, or too long. */
export function badKey(id: string, what: string): { code: 'id-reserved' | 'id-too-long' | 'id-invalid'; message: string; fix: string } | null {
  if (isReservedKey(id)) return { code: 'id-reserved', message: `${what} ${JSON.stringify(id)} is a name JavaScript reserves for its own objects; it cannot be used as an id or key.`, fix: 'Choose another name, e.g. add a prefix ("place-constructor").' };
  // eslint-disable-next-line no-control-regex
  if (/[\p{Cc}\p{Cf}]/u.test(id)) return { code: 'id-invalid', message: `${what} ${JSON.stringify(id)} contains control or invisible formatting characters.`, fix: 'Use letters, digits, "-", "_" and "." in ids.' };
  if (id.length > TEXT_LIMITS.id) return { code: 'id-too-long', message: `${what} is ${id.length.toLocaleString('en')} characters long; ids may have at most ${TEXT_LIMITS.id}.`, fix: 'Use a short id; put long text in the name or description.' };
  return null;
}

/** Edit distance, for "did you mean" suggestions (short strings only). */
export function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The closest known word, when the given one is a likely misspelling of it. */
export function closest(word: string, known: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = k.toLowerCase() === w ? 0 : distance(w, k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return bestD <= (word.length >= 5 ? 2 : 1) ? best : undefined;
}

export const show = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (Array.isArray(v)) return v.length ? `a list of ${v.length}` : 'an empty list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return String(v);
};
