// From an article's text (plain text or Markdown) to passages with stable ids, and to article.md.
// An id is made of the passage's own first significant words ("Putin and Erdogan urge restraint…"
// → "putin-erdogan-urge"), so adding, removing or editing another passage never renumbers it; a
// passage whose words would give an id already taken takes more of its words, then a number.
import { fold } from './gazetteer.ts';

export interface Passage {
  id: string;
  kind: 'passage' | 'heading' | 'caption' | 'aside';
  /** the text as readers see it (no Markdown escapes, no id mark) */
  text: string;
  /** the block as written in article.md, without its id mark */
  markdown: string;
}

export interface SplitArticle {
  title?: string;
  date?: string;
  byline?: string;
  passages: Passage[];
}

const STOP = new Set(
  'a an the and or but of in on at to for from by with as is are was were be been has have had it its this that these those he she they we i you his her their our said says say will would could should may might also after before over under about into than then there here which who whom what when where while not no yes all any some more most other such one two three'.split(' '),
);

/** The id words of a text: its words, folded, without the commonest. */
function idWords(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOP.has(w));
}

const ID_MARK = /\s*\{#([A-Za-z0-9][A-Za-z0-9_.-]*)(\s+\.aside)?\}\s*$/;
const CAPTION = /(\/\s*[A-Z][\w .&-]{0,30}\s*Photo|\((?:Photo|Picture|Image)[^)]*\)|\bPhoto:\s*[^.]{1,60})\s*$/;
const TEASER = /^(read more|related|see also|also read|more on this)\s*:?\s*$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** An ISO date (YYYY-MM-DD) from a dateline such as "Updated 12:10, 09-Jan-2020" or "January 9, 2020". */
export function findDate(text: string): string | undefined {
  const pad = (n: number) => String(n).padStart(2, '0');
  const ok = (y: number, m: number, d: number) => {
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : undefined;
  };
  let m = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (m) return ok(+m[1]!, +m[2]!, +m[3]!);
  m = /\b(\d{1,2})[- ]([A-Za-z]{3,9})\.?[- ,]+(\d{4})\b/.exec(text);
  if (m && MONTHS.includes(m[2]!.slice(0, 3).toLowerCase())) return ok(+m[3]!, MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1, +m[1]!);
  m = /\b([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})\b/.exec(text);
  if (m && MONTHS.includes(m[1]!.slice(0, 3).toLowerCase())) return ok(+m[3]!, MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1, +m[2]!);
  return undefined;
}

/** Plain text made safe as Markdown: what would be read as markup is escaped. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>{}|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#>+-]|\d+[.)])(\s)/, '$1\\$2$3');
}

/** Markdown's escapes and emphasis undone, for the text readers see (and names are found in). */
function plain(markdown: string): string {
  return markdown.replace(/\\([\\`*_[\]<>{}|~#>+.()-])/g, '$1').replace(/(\*\*|__|\*|_)(\S[^*_]*?)\1/g, '$2').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/**
 * Splits an article into passages. Paragraphs are separated by blank lines (or, in a text with
 * none, by line breaks). A title may open it (`# Title`, or a first short line); short lines before
 * the first paragraph are its header (dateline, byline) and a date is read from them. In plain
 * text, a short line without closing punctuation is a heading, "Read more:" and the line after it
 * are an aside, and a line ending with a photo credit ("/AP Photo") is a caption (a caption
 * repeated at once is kept once).
 */
export function splitArticle(input: string, options: { markdown?: boolean; title?: string } = {}): SplitArticle {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const markdown = options.markdown ?? /(^|\n)(#{1,6} |> |\s*[-*] )|\{#[A-Za-z0-9]/.test(text);
  let blocks = (/\n\s*\n/.test(text) ? text.split(/\n\s*\n/) : text.split('\n')).map((b) => b.trim()).filter(Boolean);
  // In plain text, a block of short lines is lines (a headline over its dateline and byline); any
  // other block is one paragraph wrapped over several lines.
  if (!markdown) blocks = blocks.flatMap((b) => (b.includes('\n') && b.split('\n').every((l) => words(l) <= 12) ? b.split('\n').map((l) => l.trim()).filter(Boolean) : [b.replace(/\s*\n\s*/g, ' ')]));

  const out: SplitArticle = { passages: [] };
  let i = 0;
  if (options.title) out.title = options.title;
  const same = (a: string, b: string) => plain(a).replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();
  if (options.title && blocks[0] && same(blocks[0].replace(/^# /, '').replace(ID_MARK, ''), options.title)) {
    // The headline given as the title and pasted with the text: the title, not the first passage
    // (and the short lines under it are the header, below).
    i = 1;
  } else if (blocks[0] && /^# /.test(blocks[0])) {
    out.title ??= plain(blocks[0].slice(2).replace(ID_MARK, '').trim());
    i = 1;
  } else if (!options.title && blocks[0] && blocks.length > 1 && blocks[0].length <= 200 && !/[.!?]["”']?$/.test(blocks[0]) && words(blocks[0]) >= 3) {
    out.title = plain(blocks[0]);
    i = 1;
  } else if (!out.title && blocks[0]) {
    out.title = plain(blocks[0]).split(/(?<=[.!?])\s/)[0]!.slice(0, 160);
  }
  // The header: short lines before the first paragraph of eight words or more.
  const header: string[] = [];
  while (i < blocks.length && words(blocks[i]!) < 8 && !/^#/.test(blocks[i]!) && blocks.slice(i).some((b) => words(b) >= 8) && header.length < 6) header.push(blocks[i++]!);
  out.date = findDate(header.join('\n'));
  // A wire dateline ("BEIRUT, March 14 (Reuters) -") opens the first paragraph, as printed.
  const dateline = header.find((h) => /^\p{Lu}[\p{Lu} .'’-]+,/u.test(h) && /\p{L}/u.test(h));
  if (dateline && blocks[i]) blocks[i] = `${dateline.replace(/\s*[-–—]+\s*$/, '')} – ${blocks[i]}`;
  const byline = header.find((h) => /^by\s/i.test(h));
  if (byline) out.byline = byline.replace(/^by\s+/i, '').slice(0, 200);

  const passages: Passage[] = [];
  let teaser = false;
  for (; i < blocks.length; i++) {
    let block = blocks[i]!;
    const mark = ID_MARK.exec(block);
    const givenId = mark?.[1];
    if (mark) block = block.slice(0, mark.index);
    let kind: Passage['kind'] = mark?.[2] ? 'aside' : 'passage';
    let md: string;
    if (markdown) {
      md = block;
      if (/^#{1,6} /.test(block)) kind = 'heading';
      else if (/^_[^_].*_$/s.test(block)) kind = 'caption';
    } else {
      md = escapeMarkdown(block);
      if (TEASER.test(block)) { kind = 'aside'; teaser = true; }
      else if (teaser) { kind = 'aside'; teaser = false; }
      else if (CAPTION.test(block)) kind = 'caption';
      // "(With input from Xinhua, AFP)": a note in brackets, not the story.
      else if (/^\(.*\)$/s.test(block)) kind = 'aside';
      else if (words(block) <= 8 && !/[.!?:;,"”]$/.test(block)) kind = 'heading';
      if (kind === 'caption' && passages.at(-1)?.kind === 'caption' && passages.at(-1)!.text === block) continue;
      if (kind === 'heading') md = `## ${md}`;
      else if (kind === 'caption') md = `_${md}_`;
    }
    const shown = plain(md.replace(/^#{1,6} /, '').replace(/^_(.*)_$/s, '$1'));
    passages.push({ id: givenId ?? '', kind, text: shown, markdown: md });
  }
  assignIds(passages);
  out.passages = passages;
  return out;
}

/** Gives every passage without an id one made of its words (see the top of this file). */
export function assignIds(passages: Passage[]): void {
  const taken = new Set(passages.filter((p) => p.id).map((p) => p.id));
  for (const p of passages) {
    if (p.id) continue;
    const w = idWords(p.text);
    const prefix = p.kind === 'heading' ? 'h-' : '';
    let id = '';
    for (let n = Math.min(3, w.length); n <= Math.max(3, Math.min(w.length, 8)); n++) {
      const c = prefix + (w.slice(0, n).join('-').slice(0, 60).replace(/-+$/, '') || 'passage');
      if (!taken.has(c)) { id = c; break; }
    }
    if (!id) {
      const base = prefix + (w.slice(0, 3).join('-') || 'passage');
      let k = 2;
      while (taken.has(`${base}-${k}`)) k++;
      id = `${base}-${k}`;
    }
    taken.add(id);
    p.id = id;
  }
}

/** article.md: each passage followed by its id mark. */
export function articleMarkdown(passages: Passage[]): string {
  return passages.map((p) => `${p.markdown} {#${p.id}${p.kind === 'aside' ? ' .aside' : ''}}`).join('\n\n') + '\n';
}
