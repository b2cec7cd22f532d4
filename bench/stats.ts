// Medians, percentiles and the per-page summary of several runs. Pure functions.
import type { PageKind, RunResult } from './measure';

export function quantile(values: readonly number[], q: number): number | undefined {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return undefined;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo]! + (v[hi]! - v[lo]!) * (pos - lo);
}
export const median = (values: readonly number[]) => quantile(values, 0.5);

/** a / b, or undefined when either is missing or b is 0. */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

/**
 * The ratio of one page's value to another's round by round (the n-th run of each, in the order
 * they ran: each round loads every page once, in an order turned by one each round, roundOrder),
 * for one profile and story (`pickB` reads the second page's value where it is another measure: the
 * app's picture against bare MapLibre's first frame). A round's pages ran within seconds of each
 * other, so its ratio shows how much of the medians' ratio is the page and how much the hour: the
 * spread is the noise.
 */
export function roundRatios(runs: readonly RunResult[], profile: string, story: string, pick: (r: RunResult) => number | undefined, a: PageKind = 'app', b: PageKind = 'bare', pickB = pick): number[] {
  const of = (page: PageKind) => runs.filter((r) => r.profile === profile && r.story === story && r.page === page);
  const [as, bs] = [of(a), of(b)];
  const out: number[] = [];
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const q = ratio(pick(as[i]!), pickB(bs[i]!));
    if (q !== undefined && Number.isFinite(q)) out.push(q);
  }
  return out;
}

export interface FrameSummary {
  /** Frames recorded. */
  count: number;
  p50?: number;
  p95?: number;
  max?: number;
  /** Share of frame intervals over 50 ms (visible stutter). */
  over50?: number;
}

export function frameSummary(intervals: readonly number[]): FrameSummary {
  if (!intervals.length) return { count: 0 };
  return {
    count: intervals.length,
    p50: quantile(intervals, 0.5),
    p95: quantile(intervals, 0.95),
    max: Math.max(...intervals),
    over50: intervals.filter((f) => f > 50).length / intervals.length,
  };
}

export interface Summary {
  page: PageKind;
  story: string;
  profile: string;
  runs: number;
  /** Medians over runs, ms after navigation start. */
  fcp?: number;
  textVisible?: number;
  staticMap?: number;
  mapLoaded?: number;
  mapIdle?: number;
  appLive?: number;
  maplibreDownloaded?: number;
  maplibreLoaded?: number;
  /** Runs in which the text was visible before maplibre-gl had finished loading. */
  textBeforeMaplibre?: number;
  /**
   * Runs in which the first contentful paint (the article and picture, from the HTML) was rendered
   * before the page's own script first ran; and the medians of the two.
   */
  paintBeforeScript?: number;
  fcpRendered?: number;
  scriptStart?: number;
  heapMB?: number;
  /** WebGL programs linked by map idle (median), and the time compiling and linking them. */
  glPrograms?: number;
  glMs?: number;
  click: { n: number; misses: number; median?: number; p95?: number };
  frames: FrameSummary;
  /** Longest main-thread task over all runs (ms), and how many exceeded 200 ms. */
  longestTask?: number;
  tasksOver200: number;
  errors: string[];
}

const med = (runs: RunResult[], pick: (r: RunResult) => number | undefined) => median(runs.map(pick).filter((x): x is number => x !== undefined));

export function summarize(runs: RunResult[]): Summary {
  const first = runs[0]!;
  const clicks = runs.flatMap((r) => r.clicks);
  const tasks = runs.flatMap((r) => r.longTasks.map((t) => t.duration));
  const heap = med(runs, (r) => r.heapBytes);
  const both = runs.filter((r) => r.textVisible !== undefined && r.maplibreLoaded !== undefined);
  const painted = runs.filter((r) => r.fcpRendered !== undefined && r.scriptStart !== undefined);
  return {
    page: first.page,
    story: first.story,
    profile: first.profile,
    runs: runs.length,
    fcp: med(runs, (r) => r.fcp),
    textVisible: med(runs, (r) => r.textVisible),
    staticMap: med(runs, (r) => r.staticMap),
    mapLoaded: med(runs, (r) => r.mapLoaded),
    mapIdle: med(runs, (r) => r.mapIdle),
    appLive: med(runs, (r) => r.appLive),
    maplibreDownloaded: med(runs, (r) => r.maplibreDownloaded),
    maplibreLoaded: med(runs, (r) => r.maplibreLoaded),
    textBeforeMaplibre: both.length ? both.filter((r) => r.textVisible! < r.maplibreLoaded!).length : undefined,
    paintBeforeScript: painted.length ? painted.filter((r) => r.fcpRendered! < r.scriptStart!).length : undefined,
    fcpRendered: med(runs, (r) => r.fcpRendered),
    scriptStart: med(runs, (r) => r.scriptStart),
    heapMB: heap === undefined ? undefined : heap / 1048576,
    glPrograms: med(runs, (r) => r.glPrograms),
    glMs: med(runs, (r) => r.glMs),
    click: { n: clicks.length, misses: runs.reduce((s, r) => s + r.clickMisses, 0), median: median(clicks), p95: quantile(clicks, 0.95) },
    frames: frameSummary(runs.flatMap((r) => r.frames)),
    longestTask: tasks.length ? Math.max(...tasks) : undefined,
    tasksOver200: tasks.filter((t) => t > 200).length,
    errors: [...new Set(runs.flatMap((r) => r.errors))],
  };
}

/** Groups runs by page, story and profile, and summarizes each group. */
export function summarizeAll(runs: RunResult[]): Summary[] {
  const groups = new Map<string, RunResult[]>();
  for (const r of runs) {
    const k = `${r.profile}|${r.story}|${r.page}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()].map(summarize);
}

/** Alternating order for round i: app, bare, template, then rotated, so no page always goes first. */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  const k = round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
