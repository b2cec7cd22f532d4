// npm run draft -- <article.md|.txt> [--out geodata/<id>] [--title …] [--date …] [--json] [--force]
// Drafts a story folder from an article: passages with stable ids, and the places it names found
// and located offline (src/lib/draft, docs/drafting.md). Every failure is one line and an exit code,
// never a stack trace; everything printed that comes from the article is escaped (terminal.ts).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { draftStory, type Draft } from '../src/lib/draft/index.ts';
import { loadGazetteer } from './draft/gazetteer-cache.ts';
import { terminalSafe, terminalSafeJson } from './terminal.ts';

const USAGE = `Drafts a story folder from an article (plain text or Markdown).

  npm run draft -- <article.md|.txt> [--out geodata/<id>] [--title "…"] [--date 2020-01-09] [--json] [--force]

  --out     the story folder to write (default geodata/<id from the title and date>)
  --title   the headline (default: the article's first line)
  --date    the publication date (default: read from the dateline, else "unknown")
  --json    print the places found (name, forms, coordinates, confidence, candidates) as JSON
  --force   write into a folder that already holds a story

Exit codes: 0 written; 1 the article cannot be drafted (empty, binary, too large); 2 bad usage or
a path that cannot be read or written. Check the result with: npm run validate -- <folder>`;

export const MAX_BYTES = 1_000_000;

export class DraftInputError extends Error {
  constructor(message: string, readonly code: number) { super(message); }
}

export interface Args { input?: string; out?: string; title?: string; date?: string; json: boolean; force: boolean; help: boolean }

export function parseArgs(argv: string[]): Args {
  const a: Args = { json: false, force: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new DraftInputError(`${x} needs a value (npm run draft -- --help).`, 2);
      return v;
    };
    if (x === '--json') a.json = true;
    else if (x === '--force') a.force = true;
    else if (x === '--help' || x === '-h') a.help = true;
    else if (x === '--out') a.out = value();
    else if (x === '--title') a.title = value();
    else if (x === '--date') a.date = value();
    else if (x.startsWith('--')) throw new DraftInputError(`Unknown option ${x} (npm run draft -- --help).`, 2);
    else if (a.input === undefined) a.input = x;
    else throw new DraftInputError(`One article at a time: ${x} is one too many.`, 2);
  }
  return a;
}

/** The article's text, or a DraftInputError saying in one line what is wrong with the file. */
export function readArticle(path: string): string {
  const shown = terminalSafe(path);
  if (!existsSync(path)) throw new DraftInputError(`There is no file at ${shown}.`, 2);
  const st = statSync(path);
  if (st.isDirectory()) throw new DraftInputError(`${shown} is a folder; give the article's file (.md or .txt).`, 2);
  if (st.size > MAX_BYTES) throw new DraftInputError(`${shown} is ${(st.size / 1e6).toFixed(1)} MB; an article is at most ${MAX_BYTES / 1e6} MB of text.`, 1);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new DraftInputError(`${shown} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, 2);
  }
  if (bytes.includes(0)) throw new DraftInputError(`${shown} is not text (it holds binary data); give the article as plain text or Markdown.`, 1);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DraftInputError(`${shown} is not UTF-8 text; save the article as UTF-8 plain text or Markdown.`, 1);
  }
  if (!text.replace(/^\uFEFF/, '').trim()) throw new DraftInputError(`${shown} is empty; there is no article to draft.`, 1);
  if (!/\p{L}{2}/u.test(text)) throw new DraftInputError(`${shown} has no words; there is no article to draft.`, 1);
  return text;
}

export function writeDraft(draft: Draft, out: string, force: boolean): void {
  if (existsSync(out) && !statSync(out).isDirectory()) throw new DraftInputError(`${terminalSafe(out)} is a file, not a folder.`, 2);
  if (existsSync(join(out, 'story.json')) && !force) throw new DraftInputError(`${terminalSafe(out)} already holds a story; give another --out, or --force to overwrite it.`, 2);
  for (const [name, text] of draft.files) {
    const path = join(out, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.help) { console.log(USAGE); return 0; }
    if (!args.input) throw new DraftInputError('Give the article to draft: npm run draft -- <article.md|.txt> (--help for more).', 2);
    if (args.date !== undefined && !/^(\d{4}(-\d{2}(-\d{2})?)?(\/\d{4}(-\d{2}(-\d{2})?)?)?|unknown)$/.test(args.date)) throw new DraftInputError(`--date ${terminalSafe(args.date)}: write it as 2020-01-09, 2020-01, 2020 or unknown.`, 2);
    const text = readArticle(args.input);
    const draft = draftStory(text, await loadGazetteer(), { ...(args.title ? { title: args.title } : {}), ...(args.date ? { date: args.date } : {}), markdown: /\.(md|markdown)$/i.test(args.input) ? undefined : false });
    const out = args.out ?? join('geodata', draft.id);
    writeDraft(draft, resolve(out), args.force);
    if (args.json) {
      console.log(terminalSafeJson(JSON.stringify({ story: relative(process.cwd(), resolve(out)) || '.', id: draft.id, places: draft.places }, null, 2)));
    } else {
      const mapped = draft.places.filter((p) => p.mapped !== false);
      console.log(`Wrote ${terminalSafe(out)}: ${mapped.length} places mapped, ${draft.places.length - mapped.length} listed for review only.`);
      for (const p of draft.places) {
        const where = `${p.coordinates[1].toFixed(3)}, ${p.coordinates[0].toFixed(3)}`;
        console.log(`  ${p.mapped === false ? '–' : '•'} ${terminalSafe(p.name)} (${p.kind}${p.country ? `, ${p.country}` : ''}; ${where}) ${p.confidence}: ${p.forms.map((f) => `“${terminalSafe(f)}”`).join(', ')}${p.review ? `\n      check: ${terminalSafe(p.review)}` : ''}`);
      }
      console.log(`Check it: npm run validate -- ${terminalSafe(out)}   Open it: npm run dev -- --story ${terminalSafe(out)}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof DraftInputError) { console.error(`draft: ${e.message}`); return e.code; }
    console.error(`draft: could not draft the story: ${terminalSafe(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) process.exitCode = await main(process.argv.slice(2));
