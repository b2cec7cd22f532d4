// npm run validate -- <story folder | layer file> [--json]
// Checks a story (or one layer file) with the same validator the app runs when it loads a story.
// Exit code 0: no errors (warnings allowed); 1: errors. Never a stack trace: every failure is a
// message an editor can act on.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { countProblems, sortProblems, where, type Problem } from '../src/lib/story/problems.ts';
import { validateFolder, validateLayerFile } from '../src/lib/story/read-folder.ts';
import { terminalSafe, terminalSafeJson } from './terminal.ts';

const USAGE = `Checks a story folder or one layer file, and explains every mistake.

  npm run validate -- <story folder | file.geojson | file.csv | file.json> [--json]

  --json   machine-readable output (one JSON object)

Exit code 0 when there are no errors (warnings allowed), 1 when there are.
The story format: docs/story-format.md`;

export interface Report {
  target: string;
  ok: boolean;
  errors: number;
  warnings: number;
  problems: Problem[];
}

/** Validates a path; every outcome, even a missing path, is a report. */
export function validatePath(target: string): Report {
  const abs = resolve(target);
  let problems: Problem[];
  if (!existsSync(abs)) {
    problems = [{ severity: 'error', file: target, code: 'file-missing', message: 'There is no file or folder at this path.', fix: 'Check the path; give a story folder (with story.json) or a layer file.' }];
  } else if (statSync(abs).isDirectory()) {
    problems = existsSync(resolve(abs, 'story.json'))
      ? validateFolder(abs)
      : [{ severity: 'error', file: target, code: 'not-a-story', message: 'This folder has no story.json, so it is not a story folder.', fix: 'Give the folder that holds story.json, or a single layer file.' }];
  } else if (basename(abs) === 'story.json') {
    problems = validateFolder(dirname(abs));
  } else if (/\.(geojson|json|csv)$/i.test(abs)) {
    problems = validateLayerFile(abs, basename(abs));
  } else {
    problems = [{ severity: 'error', file: target, code: 'file-type', message: 'This is not a file the validator reads.', fix: 'Give a story folder, or a .geojson, .json or .csv layer file.' }];
  }
  const sorted = sortProblems(problems);
  const errors = countProblems(sorted.filter((p) => p.severity === 'error'));
  return { target, ok: errors === 0, errors, warnings: countProblems(sorted.filter((p) => p.severity === 'warning')), problems: sorted };
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/**
 * The report as an editor reads it: grouped by file, each problem with where, what, how to fix.
 * Everything from the story's files is printed with its control characters escaped (terminal.ts):
 * the only escape sequences in the output are the colours painted here.
 */
export function formatReport(r: Report, color = false): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  return formatSafe({ ...r, target: terminalSafe(r.target), problems: r.problems.map(safeProblem) }, paint);
}

/** A problem with every text field printable (see formatReport). */
export function safeProblem(p: Problem): Problem {
  const out = { ...p };
  for (const k of ['file', 'path', 'field', 'message', 'fix', 'fixed', 'code'] as const) if (typeof out[k] === 'string') out[k] = terminalSafe(out[k]);
  if (out.feature?.id !== undefined) out.feature = { ...out.feature, id: terminalSafe(out.feature.id) };
  return out;
}

/** The report as JSON, with control characters kept escaped (terminal.ts). */
export function formatJson(r: Report): string {
  return terminalSafeJson(JSON.stringify(r, null, 2));
}

function formatSafe(r: Report, paint: (code: string, s: string) => string): string {
  const lines: string[] = [];
  let file = '';
  for (const p of r.problems) {
    if (p.file !== file) {
      file = p.file;
      lines.push('', paint('1', file));
    }
    const mark = p.severity === 'error' ? paint('31', '✖ error') : paint('33', '▲ warning');
    const at = where(p).slice(p.file.length).replace(/^, /, '');
    lines.push(`  ${mark}${at ? `  ${paint('2', at)}` : ''}`);
    lines.push(`    ${p.message}`);
    if (p.fix) lines.push(`    ${paint('36', 'Fix:')} ${p.fix}`);
    if (p.fixed) lines.push(`    ${paint('2', `On load: ${p.fixed}`)}`);
  }
  const summary = r.ok
    ? paint('32', `✔ ${r.target}: no errors${r.warnings ? `, ${plural(r.warnings, 'warning')}` : ''}.`)
    : paint('31', `✖ ${r.target}: ${plural(r.errors, 'error')}${r.warnings ? `, ${plural(r.warnings, 'warning')}` : ''}.`);
  lines.push('', summary);
  return lines.join('\n').replace(/^\n/, '');
}

function main(argv: string[]): number {
  const json = argv.includes('--json');
  const args = argv.filter((a) => a !== '--json');
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const unknown = args.filter((a) => a.startsWith('-'));
  if (args.length !== 1 || unknown.length) {
    const msg = unknown.length ? `Unknown option ${unknown.join(', ')}.` : args.length ? 'Give one story folder or file at a time.' : 'Give a story folder or a layer file to check.';
    if (json) process.stdout.write(`${terminalSafeJson(JSON.stringify({ ok: false, errors: 1, warnings: 0, problems: [{ severity: 'error', file: '', code: 'usage', message: msg }] }))}\n`);
    else process.stderr.write(`${terminalSafe(msg)}\n\n${USAGE}\n`);
    return 1;
  }
  const target = args[0]!;
  const shown = relative(process.cwd(), resolve(target)) || '.';
  const report = validatePath(target);
  report.target = shown;
  if (json) process.stdout.write(`${formatJson(report)}\n`);
  else process.stdout.write(`${formatReport(report, process.stdout.isTTY === true && !process.env.NO_COLOR)}\n`);
  return report.ok ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  // A closed pipe (e.g. | head) is not a failure of the check.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  let code: number;
  try {
    code = main(process.argv.slice(2));
  } catch (e) {
    // Should never happen (the validator never throws); still no stack trace for an editor.
    process.stderr.write(`The check could not finish: ${terminalSafe(e instanceof Error ? e.message : String(e))}\n`);
    code = 1;
  }
  process.exitCode = code;
}
