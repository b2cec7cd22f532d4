// npm run bench [-- options]: builds the app and the comparison pages, serves them on loopback,
// measures them in headless Chromium in alternating runs, checks the budgets, prints tables and
// writes the results as JSON. See docs/performance.md.
//
//   --quick            one run, desktop only, CGTN and the 1 000-point story: checks the bench works
//   --runs N           runs per page and profile (default 5)
//   --profiles a,b     desktop, phone-4g (default both)
//   --no-scale         skip the synthetic stories; --scale-runs N (default 3)
//   --scale-only       only the synthetic stories (--stories a,b picks some of them)
//   --port N           loopback port (default: any free one)
//   --out FILE         JSON output (default bench/results/latest.json; quick: .bench/quick.json)
import { gitCommit } from './git';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { snapshotFiles } from '../scripts/model-snapshot';
import { decodeTile, tilesCovering } from '../src/lib/map/basemap-tiles';
import { clustered } from '../src/lib/map/style';
import { buildModel, type StoryTexts } from '../src/lib/story/model';
import { buildSite, writeTemplateConfig } from './build';
import { checkBudgets, type BudgetResult } from './budgets';
import { fontSubsetRanges, fontsUsed, maplibreChunks, splitBytes, topModules, type ByteSplit } from './bytes';
import { CHROMIUM_PATH, chromiumLaunchOptions } from '../scripts/chromium.mjs';
import { measurePage, PAGE_KINDS, PROFILES, type PageKind, type RunResult } from './measure';
import { budgetsTable, bytesTable, scaleTable, timesTable, type ScaleRow } from './report';
import { serve } from './server';
import { median, roundOrder, roundRatios, summarizeAll, type Summary } from './stats';
import { SCALE_STORIES, synthStory } from './synth';
import { clickTargets } from './targets';

export interface BenchOptions {
  quick: boolean;
  runs: number;
  profiles: string[];
  scale: boolean;
  scaleOnly: boolean;
  /** Synthetic stories to run (default all; quick: the first). */
  stories?: string[];
  scaleRuns: number;
  port: number;
  out: string;
}

export function parseArgs(argv: string[]): BenchOptions {
  const has = (f: string) => argv.includes(f);
  const val = (f: string) => {
    const i = argv.indexOf(f);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = has('--quick');
  const profiles = (val('--profiles') ?? (quick ? 'desktop' : Object.keys(PROFILES).join(','))).split(',').filter(Boolean);
  for (const p of profiles) if (!PROFILES[p]) throw new Error(`unknown profile ${p}; known: ${Object.keys(PROFILES).join(', ')}`);
  const int = (f: string, d: number) => {
    const v = val(f);
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${f} needs a whole number, got ${v}`);
    return n;
  };
  return {
    quick,
    runs: Math.max(1, int('--runs', quick ? 1 : 5)),
    profiles,
    scale: !has('--no-scale'),
    scaleOnly: has('--scale-only'),
    stories: val('--stories')?.split(',').filter(Boolean),
    scaleRuns: Math.max(1, int('--scale-runs', quick ? 1 : 3)),
    port: int('--port', Number(process.env.BENCH_PORT ?? 0)),
    out: val('--out') ?? (quick ? '.bench/quick.json' : 'bench/results/latest.json'),
  };
}

function readStoryTexts(dir: string): StoryTexts {
  const story = readFileSync(join(dir, 'story.json'), 'utf8');
  const s = JSON.parse(story) as { article?: string; layers: { file: string }[] };
  const read = (f: string) => {
    try {
      return readFileSync(join(dir, f), 'utf8');
    } catch (e) {
      return e as Error;
    }
  };
  return { story, article: read(s.article ?? 'article.md'), layers: Object.fromEntries(s.layers.map((l) => [l.file, read(l.file)])) };
}

function writeStory(dir: string, files: Record<string, string>) {
  rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

function machine(browserVersion: string) {
  const c = cpus();
  const commit = gitCommit();
  // The load average at the end: other work on the machine slows every page alike, but it shows.
  return { cpu: c[0]?.model ?? 'unknown', cores: c.length, memGB: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, node: process.version, chromium: browserVersion, commit, gpu: 'SwiftShader (software WebGL)', loadavg: loadavg().map((n) => Math.round(n * 10) / 10) };
}

function timeModel(texts: StoryTexts, times = 3): number {
  const t: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    buildModel(texts);
    t.push(performance.now() - t0);
  }
  return median(t)!;
}

const log = (...a: unknown[]) => console.error(...a);

export async function runBench(o: BenchOptions) {
  const root = process.cwd();
  const work = resolve('.bench');
  const siteDir = join(work, `site-${process.pid}`);
  log(`bench: building the app and the comparison pages into ${siteDir}`);
  const site = await buildSite(siteDir, root);
  const mlChunks = maplibreChunks(site.chunks);

  const MAIN = 'cgtn-2020-01-09';
  const mainTexts = readStoryTexts(join(root, 'geodata', MAIN));
  writeTemplateConfig(site.dir, MAIN, mainTexts);
  const mainModel = buildModel(mainTexts);

  const scaleStories = !o.scale ? [] : o.stories ? SCALE_STORIES.filter((s) => o.stories!.includes(s.name)) : o.quick ? SCALE_STORIES.slice(0, 1) : SCALE_STORIES;
  const mounts: Record<string, string> = {};
  const modelMs: Record<string, number> = {};
  const modelBytes: Record<string, number> = {};
  const scaleTexts = new Map<string, StoryTexts>();
  for (const s of scaleStories) {
    const dir = join(work, 'stories', s.name);
    log(`bench: generating ${s.name}`);
    writeStory(dir, synthStory(s));
    mounts[`stories/${s.name}`] = dir;
    const texts = readStoryTexts(dir);
    scaleTexts.set(s.name, texts);
    modelMs[s.name] = timeModel(texts);
    // What a build does for every story folder: the validated model as model.json (the page reads
    // it), and a big layer's tiles and feature index (src/lib/story/tiled.ts).
    const files = snapshotFiles(dir);
    writeFileSync(join(dir, 'model.json'), files.text);
    modelBytes[s.name] = Buffer.byteLength(files.text);
    for (const layer of files.tiles.values()) {
      const { index } = layer.descriptor;
      mkdirSync(dirname(join(dir, index)), { recursive: true });
      writeFileSync(join(dir, index), layer.indexText());
      for (const [path, bytes] of layer.files()) {
        const file = join(dir, path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, bytes);
      }
    }
    log(`bench: ${s.name}: validate + model ${Math.round(modelMs[s.name]!)} ms (Node)`);
  }

  const server = await serve(site.dir, mounts, o.port);
  const browser = await chromium.launch(chromiumLaunchOptions());
  const browserVersion = browser.version();
  const started = Date.now();
  const runs: RunResult[] = [];
  const progress = (r: RunResult) => {
    runs.push(r);
    const e = r.errors.length ? `  errors: ${r.errors.slice(0, 2).join(' | ')}` : '';
    log(`  ${r.profile.padEnd(8)} ${r.story.padEnd(20)} ${r.page.padEnd(8)} text ${Math.round(r.textVisible ?? NaN)} idle ${Math.round(r.mapIdle ?? NaN)} clicks ${r.clicks.map(Math.round).join(',')}${e}`);
  };
  try {
    for (let round = 0; round < (o.scaleOnly ? 0 : o.runs); round++) {
      for (const profileName of o.profiles) {
        const profile = PROFILES[profileName]!;
        const mapWidth = profile.viewport.width > 640 ? profile.viewport.width * 0.6 : profile.viewport.width;
        const targets = clickTargets(mainModel, (16 / mapWidth) * (mainModel.story.view.bounds[2] - mainModel.story.view.bounds[0]), 6);
        for (const page of roundOrder(PAGE_KINDS, round)) {
          progress(await measurePage(browser, server, { page, story: MAIN, profile, targets, clicks: o.quick ? 3 : 6, gestures: true, timeoutMs: 90_000, maplibreChunks: mlChunks }));
        }
      }
    }
    for (const [name, texts] of scaleTexts) {
      const model = buildModel(texts);
      const profile = PROFILES.desktop!;
      // The app clusters big point layers: at first every point is inside a cluster, so it is
      // clicked through its passages. The bare page draws every point: it gets the linked points.
      const appTargets = model.layers.some(clustered) ? clickTargets(model, 1, 6).filter((t) => t.via === 'text') : clickTargets(model, (16 / (profile.viewport.width * 0.6)) * 45, 6);
      const bareTargets = clickTargets(model, 1e-9, 6);
      for (let round = 0; round < o.scaleRuns; round++) {
        for (const page of roundOrder<PageKind>(['app', 'bare', 'basemap'], round)) {
          const targets = page === 'app' ? appTargets : page === 'bare' ? bareTargets : [];
          progress(await measurePage(browser, server, { page, story: name, profile, targets, clicks: page === 'basemap' ? 0 : o.quick ? 3 : 5, gestures: true, timeoutMs: 240_000, maplibreChunks: mlChunks }));
        }
      }
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }

  // Bytes for the first render: what each page fetched before its map was idle (first desktop run).
  const firstRun = (page: PageKind) => runs.find((r) => r.page === page && r.story === MAIN && r.profile === o.profiles[0]);
  const bytes = Object.fromEntries(
    PAGE_KINDS.map((p) => [p, splitBytes(firstRun(p)?.resources.filter((r) => r.beforeIdle).map((r) => r.path) ?? [], site.dir, mounts, site.chunks)]),
  ) as Record<PageKind, ByteSplit>;
  const appChunks = bytes.app.appJs.files;
  const fontCss = readFileSync(join(root, 'node_modules/@fontsource/noto-sans/400.css'), 'utf8');
  const mapText = [...mainModel.features.values()].map((f) => f.name).join(' ') + ' ' + basemapNames(site.dir, mainModel.story.view.bounds as [number, number, number, number]);
  const pageText = mainModel.passages.map((p) => p.text).join(' ') + mainModel.story.title + mainModel.layers.map((l) => `${l.spec.name} ${l.spec.description ?? ''}`).join(' ') + JSON.stringify(mainModel.story.attribution);
  // Water names are the only text set in italic (basemap-style.ts).
  const waterNames = (JSON.parse(readFileSync(join(root, 'geodata/basemap/marine-labels.json'), 'utf8')) as { labels: { name: string }[] }).labels.map((l) => l.name).join(' ');
  const waterText = waterNames + waterNames.toUpperCase();
  const fonts = fontsUsed(bytes.app.fonts.files, pageText + mapText.toUpperCase() + mapText, fontSubsetRanges(fontCss), waterText);

  const summaries = summarizeAll(runs);
  const main = summaries.filter((s) => s.story === MAIN);
  const scaleApp = summaries.filter((s) => s.story !== MAIN && s.page === 'app');
  const scaleBare = summaries.filter((s) => s.story !== MAIN && s.page === 'bare');
  const scaleBasemap = summaries.filter((s) => s.story !== MAIN && s.page === 'basemap');
  // What each synthetic story's app page fetched before its map was idle (first run), gzipped.
  const scaleFirstRender = new Map<string, number>();
  for (const name of scaleTexts.keys()) {
    const first = runs.find((r) => r.story === name && r.page === 'app');
    if (first) scaleFirstRender.set(name, Object.values(splitBytes(first.resources.filter((x) => x.beforeIdle).map((x) => x.path), site.dir, mounts, site.chunks)).reduce((n, c) => n + c.gzip, 0));
  }
  // Each round's own ratios, app over bare MapLibre, by profile (the budgets' notes on their spread).
  const rounds = (pick: (r: RunResult) => number | undefined, pickBare = pick) => Object.fromEntries(o.profiles.map((p) => [p, roundRatios(runs, p, MAIN, pick, 'app', 'bare', pickBare)]));
  const budgets: BudgetResult[] = checkBudgets({
    summaries: main, appBytes: bytes.app, bareBytes: bytes.bare, fonts, scale: scaleApp, scaleBare, scaleBasemap, scaleFirstRender: Object.fromEntries(scaleFirstRender), modelMs,
    idleRounds: rounds((r) => r.mapIdle),
    pictureRounds: rounds((r) => r.staticMap, (r) => r.mapLoaded),
  });

  const scaleRows: ScaleRow[] = [...scaleTexts].map(([name, texts]) => {
    const layerText = Object.values(texts.layers).filter((t): t is string => typeof t === 'string');
    const features = layerText.reduce((n, t) => n + (t.match(/"type":"Feature"/g)?.length ?? 0), 0);
    const firstRenderGzip = scaleFirstRender.get(name);
    return { story: name, features, fileBytes: layerText.reduce((n, t) => n + Buffer.byteLength(t), 0), modelBytes: modelBytes[name], firstRenderGzip, modelMs: modelMs[name], app: summaries.find((s) => s.story === name && s.page === 'app'), bare: summaries.find((s) => s.story === name && s.page === 'bare'), basemap: summaries.find((s) => s.story === name && s.page === 'basemap') };
  });

  const out: string[] = [];
  for (const p of o.profiles) out.push(`\n## ${MAIN}, ${p} (${PROFILES[p]!.viewport.width}×${PROFILES[p]!.viewport.height}${PROFILES[p]!.link ? ', slow 4G' : ', loopback'}), medians of ${o.runs} run(s)\n`, timesTable(main, p, MAIN));
  out.push('\n## Bytes for the first render: app\n', bytesTable(bytes.app));
  out.push('\n## Bytes for the first render: bare MapLibre\n', bytesTable(bytes.bare));
  out.push('\n## Bytes for the first render: storytelling template\n', bytesTable(bytes.template));
  const top = topModules(site.chunks, appChunks);
  out.push("\n## The app's own JS, biggest parts (their code before minification, each gzipped alone)\n", top.map((m) => `- ${m.module}: ${(m.gzip / 1000).toFixed(1)} kB gzip (${(m.raw / 1000).toFixed(1)} kB raw)`).join('\n'));
  if (scaleRows.length) out.push(`\n## Scale (desktop, loopback, medians of ${o.scaleRuns} run(s))\n`, scaleTable(scaleRows));
  out.push('\n## Budgets\n', budgetsTable(budgets));
  console.log(out.join('\n'));

  const meta = { date: new Date().toISOString(), quick: o.quick, runs: o.runs, scaleRuns: o.scaleRuns, profiles: o.profiles, wallSeconds: Math.round((Date.now() - started) / 1000), machine: machine(browserVersion) };
  const strip = (r: RunResult) => ({ ...r, resources: r.resources.map((x) => x.path) });
  const json = { meta, summaries, bytes, appModules: top, fonts, budgets, scale: scaleRows.map((r) => ({ ...r, app: r.app, bare: r.bare })), modelMs, runs: runs.map(strip) };
  mkdirSync(dirname(resolve(o.out)), { recursive: true });
  writeFileSync(resolve(o.out), JSON.stringify(json, null, 1));
  log(`bench: wrote ${o.out}`);
  rmSync(siteDir, { recursive: true, force: true });
  return { json, summaries, budgets, runs };
}

/** In quick mode the bench only has to work: every page loaded, drew its map and was measured. */
export function quickProblems(runs: RunResult[], summaries: Summary[]): string[] {
  const problems: string[] = [];
  for (const r of runs) {
    if (r.mapIdle === undefined) problems.push(`${r.page} ${r.story}: the map never became idle`);
    if (r.heapBytes === undefined) problems.push(`${r.page} ${r.story}: no heap measurement`);
    if (!r.frames.length) problems.push(`${r.page} ${r.story}: no frames recorded`);
    if ((r.page === 'app' || r.page === 'template') && r.textVisible === undefined) problems.push(`${r.page} ${r.story}: text never visible`);
    const own = r.errors.filter((e) => e.startsWith('bench:') || e.startsWith('request to another host'));
    if (own.length) problems.push(`${r.page} ${r.story}: ${own.join('; ')}`);
  }
  for (const s of summaries) if (s.page !== 'template' && s.page !== 'basemap' && s.click.n === 0) problems.push(`${s.page} ${s.story}: no click could be timed`);
  return problems;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname ?? '', 'run.ts');
if (isMain) {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(`bench: ${CHROMIUM_PATH} is missing (scripts/ensure-chromium.sh installs it)`);
    process.exit(2);
  }
  runBench(o)
    .then(({ runs, summaries, budgets }) => {
      if (o.quick) {
        const problems = quickProblems(runs, summaries);
        if (problems.length) {
          console.error(`bench (quick): it did not work:\n- ${problems.join('\n- ')}`);
          process.exit(1);
        }
        console.error('bench (quick): every page loaded, drew its map and was measured.');
      } else {
        const failed = budgets.filter((b) => b.pass === false);
        console.error(failed.length ? `bench: ${failed.length} budget(s) failed` : 'bench: every budget passed');
      }
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}

/**
 * The upright names the basemap can draw in a story's opening view: the countries and places in
 * the built site's tiles over its bounds, at the zooms a story opens at on a phone or a desktop.
 * (Water names, the italic ones, come from geodata/basemap/marine-labels.json.)
 */
function basemapNames(siteDir: string, bounds: [number, number, number, number]): string {
  const names = new Set<string>();
  for (let z = 2; z <= 5; z++)
    for (const t of tilesCovering(bounds, z)) {
      const file = join(siteDir, 'basemap/tiles', `${t.z}/${t.x}/${t.y}.pbf`);
      if (!existsSync(file)) continue;
      for (const l of decodeTile({ ...t, data: new Uint8Array(readFileSync(file)) }).labels) if (l.kind !== 'water') names.add(l.name);
    }
  return [...names].join(' ');
}
