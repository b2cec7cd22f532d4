// Reads a JSON file's text the careful way: size limit before parsing, byte-order mark accepted,
// nesting depth checked before anything recurses, and syntax errors told with line, column and
// what is probably wrong there. Any JSON path can then be turned into a line and column.
import { findNodeAtLocation, parse as parseLoose, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Problem } from '../problems';
import { LIMITS, mb } from './limits';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** features[3].geometry.coordinates[0]; keys that aren't plain words are quoted: features["places:rome"]. */
export function formatPath(path: Path): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENT.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Turns offsets into 1-based line and column numbers. */
export class LineIndex {
  private starts: number[] | null = null;
  constructor(private readonly text: string) {}
  at(offset: number): { line: number; column: number } {
    if (!this.starts) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
      this.starts = starts;
    }
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - s[lo]! + 1 };
  }
}

/** UTF-8 size of a text, without allocating it. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The size check every reader does first: too large is refused before any parsing. */
export function tooLarge(text: string, limit: number): number | null {
  if (text.length > limit) return text.length;
  if (text.length * 3 <= limit) return null;
  const bytes = utf8Bytes(text);
  return bytes > limit ? bytes : null;
}

/** Deepest nesting of [ and {, and where it first passes the limit; strings are skipped. Linear, no recursion. */
export function nesting(text: string, limit: number): { depth: number; offset: number } | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return { depth, offset: i };
    } else if (c === 93 || c === 125) depth--;
  }
  return null;
}

export interface JsonRead {
  /** The parsed value; undefined when the file could not be read. */
  value?: unknown;
  problems: Problem[];
  /** Line and column of the value at a path (or of its nearest ancestor that exists). */
  locate(path: Path): { line: number; column: number } | undefined;
}

const describeToken = (s: string) => {
  const t = s.match(/^[^\s,:\]}[{]{1,24}/)?.[0] ?? s.slice(0, 1);
  return t ? `“${t}”` : 'the end of the file';
};

function prevSignificant(text: string, offset: number): string {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i]!;
    if (!/\s/.test(c)) return c;
  }
  return '';
}

/** Says what a JSON syntax error probably is, in plain words. */
function syntaxProblem(text: string, err: ParseError, file: string, index: LineIndex): Problem {
  const code = printParseErrorCode(err.error);
  const rest = text.slice(err.offset, err.offset + 40);
  // Cut off at the end, or inside a text value that runs to the end of the file.
  const atEnd = err.offset >= text.trimEnd().length || (code === 'UnexpectedEndOfString' && !/[\n"]/.test(text.slice(err.offset + 1)));
  const { line, column } = index.at(Math.min(err.offset, text.length));
  const base = { severity: 'error' as const, file, line, column };
  if (atEnd && code !== 'EndOfFileExpected') {
    return { ...base, code: 'json-truncated', message: `The file ends too early, in the middle of the data: it looks cut off (truncated) at line ${line}.`, fix: 'Export or copy the file again in full; if you edited it by hand, look for a missing closing ] or } at the end.' };
  }
  const prev = prevSignificant(text, err.offset);
  let message: string;
  let fix = 'Correct the JSON at that point; an editor with JSON checking (e.g. VS Code) shows the spot.';
  if (/^(-?Infinity|NaN)\b/.test(rest)) {
    message = `${rest.match(/^-?\w+/)![0]} is not a number JSON allows.`;
    fix = 'Write a real number, or remove the position; a converter wrote an invalid value here.';
  } else if (/^undefined\b/.test(rest)) {
    message = '“undefined” is not a JSON value.';
    fix = 'Write null, or remove the member.';
  } else if (rest.startsWith("'")) {
    message = 'Text in JSON must be in double quotes ("), not single quotes (\').';
    fix = 'Replace the single quotes with double quotes.';
  } else if (rest.startsWith('/')) {
    message = 'JSON does not allow comments.';
    fix = 'Remove the comment (// … or /* … */).';
  } else if ((code === 'ValueExpected' || code === 'PropertyNameExpected') && prev === ',' && /^[\]}]/.test(rest)) {
    message = `There is a comma before the closing ${rest[0]}; JSON does not allow a trailing comma.`;
    fix = 'Remove the comma after the last item.';
  } else if (code === 'PropertyNameExpected') {
    message = `A field name in double quotes is expected here, but found ${describeToken(rest)}.`;
    fix = 'Put the field name in double quotes, e.g. "name": "Rome".';
  } else if (code === 'ColonExpected') {
    message = `A colon (:) is expected after the field name, but found ${describeToken(rest)}.`;
  } else if (code === 'CommaExpected') {
    message = `A comma is missing before ${describeToken(rest)}.`;
    fix = 'Separate items with commas: [1, 2] and {"a": 1, "b": 2}.';
  } else if (code === 'CloseBraceExpected' || code === 'CloseBracketExpected') {
    message = `A closing ${code === 'CloseBraceExpected' ? '}' : ']'} or a comma is expected before ${describeToken(rest)}.`;
  } else if (code === 'EndOfFileExpected') {
    message = `The JSON data is complete before this point, but more text follows (${describeToken(rest)}).`;
    fix = 'Remove the extra text or bracket; a file holds one JSON value.';
  } else if (code === 'UnexpectedEndOfString') {
    message = 'A text value is not closed: its closing double quote is missing.';
    fix = 'Add the closing " (text values cannot span lines).';
  } else if (code === 'InvalidEscapeCharacter' || code === 'InvalidUnicode') {
    message = 'A backslash in a text value starts an escape JSON does not know.';
    fix = 'Write a backslash as \\\\ (two backslashes).';
  } else if (code === 'InvalidCharacter') {
    message = 'A text value contains a control character (a tab or line break) that JSON requires to be escaped.';
    fix = 'Write tabs as \\t and line breaks as \\n inside text.';
  } else if (code === 'InvalidNumberFormat') {
    message = `The number ${describeToken(rest)} is not written the JSON way.`;
    fix = 'Write numbers like 12.5 or -0.25: no leading zeros, no "+", digits after the decimal point.';
  } else if (code === 'InvalidCommentToken' || code === 'UnexpectedEndOfComment') {
    message = 'JSON does not allow comments.';
    fix = 'Remove the comment (// … or /* … */).';
  } else {
    message = `Unexpected ${describeToken(rest)} here.`;
  }
  return { ...base, code: 'json-syntax', message: `The file is not valid JSON. ${message}`, fix };
}

/**
 * Parses a JSON file. Never throws: every way the text can be wrong becomes a problem.
 * `what` names the file in messages ("layer file", "story file").
 */
export function readJson(raw: string, file: string, opts: { maxBytes: number; what?: string; maxDepth?: number } = { maxBytes: LIMITS.layerBytes }): JsonRead {
  const problems: Problem[] = [];
  const what = opts.what ?? 'file';
  const nowhere = () => undefined;
  const size = tooLarge(raw, opts.maxBytes);
  if (size !== null) {
    problems.push({ severity: 'error', file, code: 'file-too-large', message: `The ${what} is ${mb(size)}; the limit is ${mb(opts.maxBytes)}, so it was not read.`, fix: 'Simplify the geometry (e.g. mapshaper -simplify 10%), round coordinates to 6 decimals, or split the layer.' });
    return { problems, locate: nowhere };
  }
  // A UTF-8 byte-order mark (Excel and some Windows tools write one) is accepted and ignored.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const index = new LineIndex(text);
  if (!text.trim()) {
    problems.push({ severity: 'error', file, code: 'file-empty', message: `The ${what} is empty.`, fix: 'Export the data again; an empty file usually means the export or download failed.' });
    return { problems, locate: nowhere };
  }
  const deep = nesting(text, opts.maxDepth ?? LIMITS.depth);
  if (deep) {
    problems.push({ severity: 'error', file, code: 'json-too-deep', ...index.at(deep.offset), message: `The data is nested more than ${opts.maxDepth ?? LIMITS.depth} levels deep here, far more than GeoJSON or a story needs, so it was not read.`, fix: 'Check that the file is what you meant to publish; GeoJSON needs about 8 levels.' });
    return { problems, locate: nowhere };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    parseLoose(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    if (errors.length) problems.push(syntaxProblem(text, errors[0]!, file, index));
    else problems.push({ severity: 'error', file, code: 'json-syntax', message: 'The file is not valid JSON.', fix: 'Open it in an editor with JSON checking (e.g. VS Code) to find the spot.' });
    return { problems, locate: nowhere };
  }
  let tree: Node | undefined | null = null;
  const locate = (path: Path) => {
    if (text.length > LIMITS.locateBytes) return undefined;
    if (tree === null) tree = parseTree(text) ?? undefined;
    if (!tree) return undefined;
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(tree, path.slice(0, n) as PathSegment[]);
      if (node) return index.at(node.parent?.type === 'property' && n > 0 ? node.parent.offset : node.offset);
    }
    return undefined;
  };
  return { value, problems, locate };
}
