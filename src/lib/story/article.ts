// Turns the article's Markdown into blocks of plain data (headings and passages made of inline
// runs). Nothing here produces HTML: the panel renders these runs as text nodes, so whatever an
// article file contains, it is shown, never run.
import { Lexer, type Token, type Tokens } from 'marked';
import { isSafeLink, unsafeScheme } from './safe-link';
import { boundNesting, MAX_BLOCK_DEPTH, MAX_EMPHASIS_DEPTH } from './article-depth';
import { isReservedKey, TEXT_LIMITS } from './keys';

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'em' | 'strong'; children: Inline[] }
  | { type: 'link'; href: string | null; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'br' };

export interface Passage {
  kind: 'passage';
  id: string;
  /** Position in the article, from 0. */
  index: number;
  inlines: Inline[];
  /** The passage as plain text, for search, matching aliases and screen readers. */
  text: string;
  /** True when the whole passage is emphasised, as photo captions are. */
  caption: boolean;
  /**
   * Not part of the story the map tells: a caption (of a photo the page does not show) or a
   * passage marked `{#id .aside}` (a "Read more" teaser). Shown quietly, never linked to the map.
   */
  aside?: boolean;
}

export interface Heading {
  kind: 'heading';
  id: string;
  level: number;
  text: string;
}

export type Block = Passage | Heading;

export interface ArticleProblem {
  line: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  fix: string;
  fixed?: string;
}

// `{#id}` at the end of a paragraph names it; `{#id .aside}` also marks it as an aside.
const ID_MARK = /\s*\{#([A-Za-z0-9][A-Za-z0-9_.-]*)(\s+\.aside)?\}\s*$/;

/** What the inline renderer met that an editor should hear about. */
type InlineNote = { kind: 'refused-link'; href: string } | { kind: 'html'; raw: string };

function inlines(tokens: Token[] | undefined, notes?: InlineNote[]): Inline[] {
  const out: Inline[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'text':
      case 'escape':
        if ('tokens' in t && t.tokens?.length) out.push(...inlines(t.tokens, notes));
        else out.push({ type: 'text', text: decodeEntities((t as Tokens.Text).text) });
        break;
      case 'em':
      case 'strong':
        out.push({ type: t.type, children: inlines((t as Tokens.Em).tokens, notes) });
        break;
      case 'link': {
        const href = (t as Tokens.Link).href.trim();
        const safe = isSafeLink(href);
        if (!safe) notes?.push({ kind: 'refused-link', href });
        out.push({ type: 'link', href: safe ? href : null, children: inlines((t as Tokens.Link).tokens, notes) });
        break;
      }
      case 'codespan':
        out.push({ type: 'code', text: decodeEntities((t as Tokens.Codespan).text) });
        break;
      case 'br':
        out.push({ type: 'br' });
        break;
      default:
        // Raw HTML, images and anything else inline are shown as the text they were written as.
        if (t.type === 'html') notes?.push({ kind: 'html', raw: t.raw });
        out.push({ type: 'text', text: t.raw });
    }
  }
  return out;
}

/** marked escapes &, <, > and quotes in text tokens; we render text nodes, so undo that. */
function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _);
}

export function plainText(runs: Inline[]): string {
  return runs
    .map((r) => (r.type === 'text' || r.type === 'code' ? r.text : r.type === 'br' ? '\n' : plainText(r.children)))
    .join('');
}

/**
 * Parses the article. A passage is a paragraph (or list item, or quote); it takes its id from a
 * trailing `{#id}`, or else `p<n>` from its position. Problems are returned, not thrown.
 */
export function parseArticle(markdown: string): { blocks: Block[]; problems: ArticleProblem[] } {
  const src = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const blocks: Block[] = [];
  const problems: ArticleProblem[] = [];
  const seen = new Map<string, number>();
  let line = 1;
  let index = 0;

  let marked = false;
  // Every block gets an id of its own: links go to the first block with an id, and the page keys
  // its blocks by id. A repeated id (or one JavaScript reserves) is reported, and the block gets
  // another that no {#id} can be ("intro~2": "~" is not allowed in ids).
  const unique = (id: string) => {
    if (!seen.has(id)) return id;
    let n = 2;
    while (seen.has(`${id}~${n}`)) n++;
    return `${id}~${n}`;
  };
  const takeId = (text: string, fallback: string, at: number): [string, string] => {
    const m = ID_MARK.exec(text);
    let id = m?.[1] ?? fallback;
    if (isReservedKey(id) || id.length > TEXT_LIMITS.id) {
      problems.push({
        severity: 'error',
        code: isReservedKey(id) ? 'id-reserved' : 'id-too-long',
        line: at,
        message: isReservedKey(id) ? `The passage id "${id}" is a name JavaScript reserves for its own objects; it cannot be used as an id.` : `The passage id is ${id.length} characters long; ids may have at most ${TEXT_LIMITS.id}.`,
        fix: 'Choose another id for this passage, e.g. add a prefix.',
        fixed: 'The passage is shown, but nothing can link to it.',
      });
      id = unique(`${fallback}~`);
    } else if (seen.has(id)) {
      problems.push({
        severity: 'error',
        code: 'passage-id-duplicate',
        line: at,
        message: `The passage id "${id}" is used twice (first on line ${seen.get(id)}).`,
        fix: `Give each passage its own id: change the {#${id}} at the end of line ${at}.`,
        fixed: 'Both passages are shown; links go to the first.',
      });
      id = unique(id);
    }
    seen.set(id, at);
    marked = !!m?.[2];
    return [m ? text.slice(0, m.index) : text, id];
  };

  const report = (notes: InlineNote[], at: number) => {
    for (const n of notes) {
      if (n.kind === 'refused-link') {
        const scheme = unsafeScheme(n.href);
        problems.push({
          severity: 'error', code: 'unsafe-link', line: at,
          message: scheme ? `A ${scheme}: link is refused: it could run code or hide content in the reader's browser.` : `The link ${JSON.stringify(n.href.slice(0, 60))} is not a web address; only https://, http://, mailto: and #passage links are shown as links.`,
          fix: 'Link to an https:// page instead, or remove the link.',
          fixed: 'Shown as plain text, not as a link.',
        });
      } else {
        problems.push({ severity: 'warning', code: 'html-as-text', line: at, message: `The article contains HTML (${n.raw.trim().slice(0, 40)}); it is shown as written, never run or formatted.`, fix: 'Use Markdown instead: *italic*, **bold**, [link](https://…).', fixed: 'Shown as plain text.' });
      }
    }
  };

  const visit = (tokens: Token[]) => {
    for (const t of tokens) {
      const at = line;
      if (t.type === 'heading') {
        const h = t as Tokens.Heading;
        const [text, id] = takeId(h.text, `h${blocks.length + 1}`, at);
        const notes: InlineNote[] = [];
        blocks.push({ kind: 'heading', id, level: h.depth, text: plainText(inlines(new Lexer().inlineTokens(text), notes)) });
        report(notes, at);
      } else if (t.type === 'paragraph' || t.type === 'text') {
        const [text, id] = takeId((t as Tokens.Paragraph).text, `p${index + 1}`, at);
        const notes: InlineNote[] = [];
        const runs = inlines(new Lexer().inlineTokens(text), notes);
        report(notes, at);
        const caption = runs.length === 1 && runs[0]?.type === 'em';
        blocks.push({ kind: 'passage', id, index: index++, inlines: runs, text: plainText(runs).trim(), caption, aside: caption || marked });
      } else if (t.type === 'list') {
        for (const item of (t as Tokens.List).items) visit(item.tokens);
      } else if (t.type === 'blockquote') {
        visit((t as Tokens.Blockquote).tokens);
      } else if (t.type === 'html' || t.type === 'code') {
        const raw = 'text' in t ? String(t.text) : t.raw;
        const [text, id] = takeId(raw.trim(), `p${index + 1}`, at);
        if (t.type === 'html') report([{ kind: 'html', raw: text }], at);
        blocks.push({ kind: 'passage', id, index: index++, inlines: [{ type: 'text', text }], text, caption: false, aside: marked });
      }
      if (t.type !== 'list' && t.type !== 'blockquote') line += (t.raw.match(/\n/g) ?? []).length;
      else line = at + (t.raw.match(/\n/g) ?? []).length;
    }
  };
  const bounded = boundNesting(src);
  for (const n of bounded.notes) {
    problems.push(
      n.kind === 'blocks'
        ? { severity: 'warning', code: 'article-too-deep', line: n.line, message: `Quotes or lists here are nested more than ${MAX_BLOCK_DEPTH} levels deep.`, fix: 'Remove the extra “>” markers or list indentation; an article needs a few levels at most.', fixed: `Shown ${MAX_BLOCK_DEPTH} levels deep.` }
        : { severity: 'warning', code: 'article-too-deep', line: n.line, message: `Emphasis (* or _) in this paragraph is nested more than ${MAX_EMPHASIS_DEPTH} levels deep.`, fix: 'Check the * and _ in this paragraph; emphasis rarely nests more than twice.', fixed: 'The paragraph is shown with its * and _ as written.' },
    );
  }
  visit(new Lexer().lex(bounded.text));
  return { blocks, problems };
}
