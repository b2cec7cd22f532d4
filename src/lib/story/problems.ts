/** One thing wrong (error) or doubtful (warning) in a story's files, said so an editor can fix it. */
export interface Problem {
  severity: 'error' | 'warning';
  /** File, relative to the story folder. */
  file: string;
  /** Where in the file: a JSON path like features[3].geometry.coordinates, or "line 12". */
  path?: string;
  /** The feature concerned: its index in the file and its id when it has one. */
  feature?: { index: number; id?: string };
  /** Line and column in the file's text (from 1), when known. */
  line?: number;
  column?: number;
  /** Table files (CSV or JSON rows): the data row (1 = the first row under the header) and the column's name. */
  row?: number;
  field?: string;
  /** What is wrong, in plain words. */
  message: string;
  /** How to fix it. */
  fix?: string;
  /** What the app does about it when it loads the story (warnings fixed on load, features left out). */
  fixed?: string;
  /** On a summary line ("12 more places … have the same problem"): how many problems it stands for. */
  repeats?: number;
  /** A stable name for the kind of problem (e.g. "ring-unclosed"), for tools and tests; listed in docs/story-format.md. */
  code?: string;
}

/** Where a problem is, as words: "layers/a.geojson, line 3, column 9, feature 2 (“rome”), features[2].geometry". */
export function where(p: Problem): string {
  const parts: string[] = [p.file];
  if (p.row !== undefined) parts.push(`row ${p.row}${p.line !== undefined ? ` (line ${p.line})` : ''}`);
  else if (p.line !== undefined) parts.push(`line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ''}`);
  if (p.field !== undefined) parts.push(`column “${p.field}”`);
  if (p.feature && p.row === undefined) parts.push(`feature ${p.feature.index}${p.feature.id ? ` (“${p.feature.id}”)` : ''}`);
  if (p.path) parts.push(p.path);
  return parts.join(', ');
}

export function describe(p: Problem): string {
  return `${p.severity === 'error' ? 'Error' : 'Warning'} in ${where(p)}: ${p.message}${p.fix ? ` Fix: ${p.fix}` : ''}${p.fixed ? ` On load: ${p.fixed}` : ''}`;
}

/** Problems in file order: by file, then line, then row, errors before warnings at the same place. */
export function sortProblems(list: readonly Problem[]): Problem[] {
  return list
    .map((p, i) => [p, i] as const)
    .sort(([a, i], [b, j]) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      i - j,
    )
    .map(([p]) => p);
}

/** How many problems a list stands for (a summary line counts for all it summarises). */
export const countProblems = (list: readonly Problem[]) => list.reduce((n, p) => n + (p.repeats ?? 1), 0);
