// Tables of a bench run, as Markdown: printed by `npm run bench` and pasted into docs/performance.md.
import type { BudgetResult } from './budgets';
import { CATEGORIES, CATEGORY_LABELS, totalOf, type ByteSplit } from './bytes';
import type { PageKind } from './measure';
import { ratio, type Summary } from './stats';

export const kb = (b: number | undefined) => (b === undefined ? '–' : `${(b / 1000).toFixed(1)} kB`);
export const ms = (v: number | undefined) => (v === undefined ? '–' : `${Math.round(v)} ms`);
const x = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(2)}×`);
const mb = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(1)} MB`);
const pct = (v: number | undefined) => (v === undefined ? '–' : `${Math.round(v * 100)} %`);
const count = (v: number | undefined) => (v === undefined ? '–' : String(Math.round(v)));

export function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join(' | ')} |`;
  return [line(head), `|${w.map((n, i) => (i === 0 ? ` ${'-'.repeat(n)} ` : ` ${'-'.repeat(n - 1)}: `)).join('|')}|`, ...rows.map(line)].join('\n');
}

type Row = [label: string, pick: (s: Summary) => number | undefined, fmt: (v: number | undefined) => string, ratioToo: boolean];
const ROWS: Row[] = [
  ['first contentful paint', (s) => s.fcp, ms, true],
  ['first contentful paint, rendered (before presented)', (s) => s.fcpRendered, ms, true],
  ['page’s own script first ran', (s) => s.scriptStart, ms, false],
  ['article text visible', (s) => s.textVisible, ms, false],
  ['static map visible', (s) => s.staticMap, ms, false],
  ['maplibre-gl downloaded', (s) => s.maplibreDownloaded, ms, true],
  ['maplibre-gl ready (evaluated)', (s) => s.maplibreLoaded, ms, true],
  ['map first frame (load)', (s) => s.mapLoaded, ms, true],
  ['map idle, all layers drawn', (s) => s.mapIdle, ms, true],
  ['app live (hydrated, map taken over)', (s) => s.appLive, ms, false],
  ['click to highlight, median', (s) => s.click.median, ms, true],
  ['click to highlight, p95', (s) => s.click.p95, ms, true],
  ['JS heap after use', (s) => s.heapMB, mb, true],
  ['frame interval p50 (pan/zoom)', (s) => s.frames.p50, ms, true],
  ['frame interval p95 (pan/zoom)', (s) => s.frames.p95, ms, true],
  ['frames over 50 ms', (s) => s.frames.over50, pct, false],
  ['longest main-thread task', (s) => s.longestTask, ms, true],
  ['WebGL programs by map idle', (s) => s.glPrograms, count, true],
  ['compiling and linking them', (s) => s.glMs, ms, true],
];

/** One story, one profile: app, bare MapLibre, template page, and app/bare. */
export function timesTable(summaries: Summary[], profile: string, story: string, pages: PageKind[] = ['app', 'bare', 'template']): string {
  const by = (p: PageKind) => summaries.find((s) => s.profile === profile && s.story === story && s.page === p);
  const present = pages.filter((p) => by(p));
  const head = ['', ...present.map((p) => (p === 'bare' ? 'bare MapLibre' : p === 'template' ? 'storytelling template' : 'app')), ...(present.includes('bare') && present.includes('app') ? ['app / bare'] : [])];
  const rows = ROWS.map(([label, pick, fmt, withRatio]) => {
    const cells = present.map((p) => fmt(pick(by(p)!)));
    if (head.length > present.length + 1) cells.push(withRatio ? x(ratio(pick(by('app')!), pick(by('bare')!))) : '');
    return [label, ...cells];
  });
  return table(head, rows);
}

export function bytesTable(split: ByteSplit): string {
  const rows = CATEGORIES.filter((c) => split[c].files.length).map((c) => [CATEGORY_LABELS[c], String(split[c].files.length), kb(split[c].raw), kb(split[c].gzip), kb(split[c].brotli)]);
  const total = totalOf(split);
  rows.push(['total', String(CATEGORIES.reduce((n, c) => n + split[c].files.length, 0)), kb(total.raw), kb(total.gzip), kb(total.brotli)]);
  return table(['first render', 'files', 'raw', 'gzip', 'brotli'], rows);
}

export function budgetsTable(budgets: BudgetResult[]): string {
  const fmt = (b: BudgetResult, v: number | undefined) => (v === undefined ? '–' : b.unit === 'B' ? kb(v) : b.unit === '×' ? `${v.toFixed(2)}×` : b.unit === 'ms' ? ms(v) : `${Math.round(v)} ${b.unit}`);
  return table(
    ['budget', 'scope', 'measured', 'limit', 'result'],
    budgets.map((b) => [b.label + (b.note ? ` (${b.note})` : ''), b.scope ?? '', fmt(b, b.value), (b.unit === '×' || b.unit === 'ms' || b.unit === 'B' ? '≤ ' : b.id === 'text-first' || b.id === 'paint-before-script' ? '= ' : '≤ ') + fmt(b, b.limit), b.pass === null ? 'not measured' : b.pass ? 'PASS' : 'FAIL']),
  );
}

export interface ScaleRow {
  story: string;
  features: number;
  fileBytes: number;
  /** model.json's size (a tiled layer's features are not in it: src/lib/story/tiled.ts). */
  modelBytes?: number;
  /** Everything the app fetched before its map was idle, gzipped. */
  firstRenderGzip?: number;
  modelMs?: number;
  app?: Summary;
  bare?: Summary;
  /** The bare page with the basemap alone. */
  basemap?: Summary;
}

export function scaleTable(rows: ScaleRow[]): string {
  return table(
    ['story', 'features', 'layer file', 'model.json', 'first render (gzip)', 'model (Node)', 'text visible', 'map idle', 'bare idle', 'click median', 'bare click', 'heap', 'bare heap', 'frame p95', 'bare frame p95', 'longest task', 'bare longest', 'basemap alone longest'],
    rows.map((r) => [
      r.story,
      r.features.toLocaleString('en-GB'),
      kb(r.fileBytes),
      r.modelBytes === undefined ? '–' : kb(r.modelBytes),
      r.firstRenderGzip === undefined ? '–' : kb(r.firstRenderGzip),
      ms(r.modelMs),
      ms(r.app?.textVisible),
      ms(r.app?.mapIdle),
      ms(r.bare?.mapIdle),
      ms(r.app?.click.median),
      ms(r.bare?.click.median),
      mb(r.app?.heapMB),
      mb(r.bare?.heapMB),
      ms(r.app?.frames.p95),
      ms(r.bare?.frames.p95),
      ms(r.app?.longestTask),
      ms(r.bare?.longestTask),
      ms(r.basemap?.longestTask),
    ]),
  );
}
