// Bounds how deeply an article's Markdown nests before the Markdown parser sees it. The parser
// (marked) recurses once per level of quotes, lists and emphasis, and takes time that grows
// quickly with the depth: `> ` written 2 000 times (4 KB) overflows its stack, a list nested
// 1 000 deep takes seconds. A news article needs a few levels; deeper text is kept, flattened.
// Linear scans, no recursion, so no input can blow the stack here either.

/** Deepest nesting of quotes and lists kept (levels beyond it are flattened into the last). */
export const MAX_BLOCK_DEPTH = 16;
/** Deepest emphasis nesting parsed; a paragraph nesting deeper shows its * and _ as written. */
export const MAX_EMPHASIS_DEPTH = 16;

export interface DepthNote {
  line: number;
  kind: 'blocks' | 'emphasis';
}

// One container marker at the start of a line: a quote ">", or a list item "-", "*", "+", "1." or "1)".
const MARKER = /^[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]?/;

/** Columns of leading white space (a tab to the next multiple of 4). */
function indentOf(line: string): { cols: number; chars: number } {
  let cols = 0;
  let i = 0;
  for (; i < line.length; i++) {
    if (line[i] === ' ') cols++;
    else if (line[i] === '\t') cols += 4 - (cols % 4);
    else break;
  }
  return { cols, chars: i };
}

/** A line with at most MAX_BLOCK_DEPTH levels of quote and list markers and indentation, or null when it is within them. */
function boundLine(line: string): string | null {
  let rest = line;
  let depth = 0;
  let prefix = '';
  for (;;) {
    const { cols, chars } = indentOf(rest);
    // Indentation nests lists (two columns a level is the least any list needs).
    const levels = depth + Math.floor(cols / 2);
    if (levels > MAX_BLOCK_DEPTH) {
      const keep = Math.max(0, (MAX_BLOCK_DEPTH - depth) * 2);
      return `${prefix}${' '.repeat(keep)}${rest.slice(chars).replace(/^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]?)+/, '')}`;
    }
    const m = MARKER.exec(rest);
    if (!m) return null;
    depth += 1 + Math.floor(cols / 2);
    if (depth > MAX_BLOCK_DEPTH) return `${prefix}${rest.slice(m[0].length).replace(/^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]?)+/, '')}`;
    prefix += m[0];
    rest = rest.slice(m[0].length);
  }
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isPunct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);

/**
 * How deeply emphasis may nest in a paragraph: each run of * or _ that can only open emphasis
 * (left-flanking, CommonMark §6.2) counts one level, each that can only close it ends one.
 */
export function emphasisDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '*' && c !== '_') continue;
    if (i > 0 && text[i - 1] === '\\') continue;
    let j = i;
    while (text[j] === c) j++;
    const before = i > 0 ? text[i - 1] : undefined;
    const after = text[j];
    const left = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
    const right = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
    if (left && !right) max = Math.max(max, ++depth);
    else if (right && !left) depth = Math.max(0, depth - 1);
    i = j - 1;
  }
  return max;
}

/** The Markdown with its nesting bounded, and where it had to be (1-based lines). */
export function boundNesting(src: string): { text: string; notes: DepthNote[] } {
  const lines = src.split('\n');
  const notes: DepthNote[] = [];
  let changed = false;
  let previous = -2;
  for (let i = 0; i < lines.length; i++) {
    const bounded = boundLine(lines[i]!);
    if (bounded === null) continue;
    lines[i] = bounded;
    changed = true;
    // One note for each run of lines that had to be flattened.
    if (previous !== i - 1) notes.push({ line: i + 1, kind: 'blocks' });
    previous = i;
  }
  // Paragraphs (runs of non-blank lines) whose emphasis nests too deeply: their markers become text.
  for (let start = 0; start < lines.length; ) {
    if (!lines[start]!.trim()) {
      start++;
      continue;
    }
    let end = start;
    while (end < lines.length && lines[end]!.trim()) end++;
    const para = lines.slice(start, end).join('\n');
    if (emphasisDepth(para) > MAX_EMPHASIS_DEPTH) {
      for (let k = start; k < end; k++) lines[k] = lines[k]!.replace(/(?<!\\)([*_])/g, '\\$1');
      changed = true;
      notes.push({ line: start + 1, kind: 'emphasis' });
    }
    start = end;
  }
  return { text: changed ? lines.join('\n') : src, notes };
}
