// The reader's pages set their text in six sizes and two weights (docs/architecture.md, "Type
// scale"). Each size, weight and style the first layout meets is a font strike the browser must
// make before it can paint, and on Linux each one costs a round trip to the browser process for
// its rendering style (docs/performance.md, "Six type sizes"): the page had twenty.
// The editor is a tool page of its own and is not held to it.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TYPE_SCALE_REM, TYPE_WEIGHTS } from '../type-scale';

/** A weight between the faces' is another strike drawn from the same file. */
const WEIGHTS = new Set([...TYPE_WEIGHTS.map(String), 'normal', 'bold', 'inherit']);

const ROOT = join(import.meta.dirname, '../..');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return relative(ROOT, p) === 'src/lib/editor' ? [] : files(p);
    return /\.(svelte|css)$/.test(n) ? [p] : [];
  });
}

/** The CSS of a file: a Svelte component's <style> blocks (the rest blanked, so lines keep their numbers), or the whole .css file. */
function cssOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.svelte')) return text;
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return text.replace(/([\s\S]*?)(<style[^>]*>[\s\S]*?<\/style>|$)/g, (_, before: string, style: string) => blank(before) + style);
}

/** Every size, weight and `font` shorthand a stylesheet declares, with its line. */
function fontDeclarations(css: string): { prop: string; value: string; line: number }[] {
  const out: { prop: string; value: string; line: number }[] = [];
  const code = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  for (const m of code.matchAll(/(?<![\w-])(font-size|font-weight|font)\s*:\s*([^;}]+)/g)) {
    out.push({ prop: m[1]!, value: m[2]!.trim(), line: code.slice(0, m.index).split('\n').length });
  }
  return out;
}

/** What is wrong with one declaration, or null. The element's root size (16px) is the scale's 1rem. */
function offScale(prop: string, value: string): string | null {
  const size = (v: string) => {
    if (v === 'inherit') return true;
    const rem = /^(\d*\.?\d+)rem$/.exec(v);
    return rem ? (TYPE_SCALE_REM as readonly number[]).includes(Number(rem[1])) : false;
  };
  if (prop === 'font-weight') return WEIGHTS.has(value) ? null : `weight ${value} (use 400 or 700)`;
  if (prop === 'font-size') return size(value) ? null : `size ${value} (use one of ${TYPE_SCALE_REM.join(', ')} rem)`;
  if (value === 'inherit') return null;
  const first = value.split(/\s+/)[0]!.split('/')[0]!;
  return size(first) ? null : `font shorthand size ${first} (use one of ${TYPE_SCALE_REM.join(', ')} rem)`;
}

describe('the type scale', () => {
  it('every size and weight the reader pages declare is in the scale', () => {
    const sheets = [join(ROOT, 'src/App.svelte'), join(ROOT, 'src/global.css'), ...files(join(ROOT, 'src/lib'))];
    const wrong: string[] = [];
    let seen = 0;
    for (const f of sheets) {
      for (const d of fontDeclarations(cssOf(f))) {
        seen++;
        // The shadow root's own root size: what its rem is pinned to (src/lib/embed/element.css).
        if (relative(ROOT, f) === 'src/lib/embed/element.css' && d.prop === 'font-size' && d.value === '16px') continue;
        const why = offScale(d.prop, d.value);
        if (why) wrong.push(`${relative(ROOT, f)} (line ${d.line}): ${d.prop}: ${d.value}: ${why}`);
      }
    }
    expect(seen).toBeGreaterThan(40);
    expect(wrong).toEqual([]);
  });

  it('reads sizes, weights and shorthands, and tells what is off the scale', () => {
    const css = '.a { font-size: 0.76rem; }\n/* font-size: 3rem */\n.b{font-weight:600;font: 11px/1.4 sans-serif}\n.c { font: inherit; font-size: 0.875rem }';
    const d = fontDeclarations(css);
    expect(d.map((x) => `${x.prop}=${x.value}@${x.line}`)).toEqual(['font-size=0.76rem@1', 'font-weight=600@3', 'font=11px/1.4 sans-serif@3', 'font=inherit@4', 'font-size=0.875rem@4']);
    expect(d.map((x) => offScale(x.prop, x.value))).toEqual([
      'size 0.76rem (use one of 0.7, 0.8, 0.875, 1, 1.15, 1.6 rem)',
      'weight 600 (use 400 or 700)',
      'font shorthand size 11px (use one of 0.7, 0.8, 0.875, 1, 1.15, 1.6 rem)',
      null,
      null,
    ]);
  });
});
