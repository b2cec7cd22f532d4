// The limits the validator enforces, in one place (docs/story-format.md lists them).

export const LIMITS = {
  /** Largest layer file (GeoJSON), in bytes: refused before parsing. */
  layerBytes: 20 * 1024 * 1024,
  /** Largest table layer (CSV or JSON rows). */
  tableBytes: 5 * 1024 * 1024,
  /** Largest story.json. */
  storyBytes: 1024 * 1024,
  /** Largest article. */
  articleBytes: 1024 * 1024,
  /** Deepest nesting of arrays and objects in a JSON file (GeoJSON needs about 8). */
  depth: 64,
  /** Decimal places beyond which a coordinate is "too precise" (6 places is about 10 cm). */
  decimals: 6,
  /** Messages of one kind reported for one feature before the rest are counted in one line. */
  perFeature: 3,
  /** Above this size, line and column numbers are not worked out (the JSON path still is). */
  locateBytes: 8 * 1024 * 1024,
} as const;

export type Limits = { -readonly [K in keyof typeof LIMITS]: number };

export const mb = (bytes: number) => `${(bytes / 1048576).toFixed(bytes < 1048576 ? 2 : 1)} MB`;

/** The size limit for a file, by its name. */
export function limitFor(file: string): number {
  if (/\.csv$/i.test(file)) return LIMITS.tableBytes;
  if (/\.(md|markdown|txt)$/i.test(file)) return LIMITS.articleBytes;
  if (/(^|\/)story\.json$/i.test(file)) return LIMITS.storyBytes;
  return LIMITS.layerBytes;
}
