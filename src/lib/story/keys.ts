// Names that data may not use as ids or keys, and the bounds on text and ids, in one small module
// the reader's page can use without the validator (docs/security.md).
//
// A value from a story file that becomes a key of a plain object ({}) can reach Object.prototype:
// `o["__proto__"] = v` replaces o's prototype, and a lookup of "constructor" or "hasOwnProperty"
// finds the prototype's function, not data. The app keeps data-derived keys in Maps, but ids also
// travel to code that is not ours (MapLibre's feature-state, the `geojson` package), so the
// validator refuses these names wherever data become keys: feature ids, layer ids, passage ids,
// category values, table columns and property names.

/** `__proto__`, `constructor`, `prototype` and every member of Object.prototype. */
export const RESERVED_KEYS: readonly string[] = [
  '__proto__', 'constructor', 'prototype',
  '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf',
];
const RESERVED = new Set(RESERVED_KEYS);

/** Whether a name would reach Object.prototype's machinery as a key of a plain object. */
export const isReservedKey = (key: string): boolean => RESERVED.has(key);

export const TEXT_LIMITS = {
  /** Ids (features, layers, passages) and category values: links and the map compare them whole. */
  id: 200,
  /** Names readers see on the map, in the legend and in lists: feature and layer names, labels, aliases. */
  name: 200,
  /** Headlines, bylines, datelines, credits and other one-line fields. */
  line: 500,
  /** Longer texts: descriptions, summaries, captions. */
  paragraph: 5000,
} as const;

/** A text cut to `max` characters (never inside a surrogate pair), ending with "…" when it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Whether a language tag is well-formed BCP 47 (what Intl accepts: with any other, Intl throws). */
export function validLanguage(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
