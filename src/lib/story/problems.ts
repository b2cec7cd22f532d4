/** One thing wrong (error) or doubtful (warning) in a story's files, said so an editor can fix it. */
export interface Problem {
  severity: 'error' | 'warning';
  /** File, relative to the story folder. */
  file: string;
  /** Where in the file: a JSON path like features[3].geometry.coordinates, or "line 12". */
  path?: string;
  /** The feature concerned: its index in the file and its id when it has one. */
  feature?: { index: number; id?: string };
  /** What is wrong, in plain words. */
  message: string;
  /** How to fix it. */
  fix?: string;
}

export function describe(p: Problem): string {
  const where = [p.file, p.feature ? `feature ${p.feature.index}${p.feature.id ? ` (“${p.feature.id}”)` : ''}` : '', p.path ?? '']
    .filter(Boolean)
    .join(', ');
  return `${p.severity === 'error' ? 'Error' : 'Warning'} in ${where}: ${p.message}${p.fix ? ` Fix: ${p.fix}` : ''}`;
}
