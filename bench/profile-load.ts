// Where a page's longest main-thread task goes: loads a page of the built site under the CPU
// profiler (Chrome DevTools Protocol `Profiler`), finds the longest stretch of main-thread work
// without idle (the long task), and prints the functions it spent its time in, inclusive and self.
//
//   npx tsx bench/profile-load.ts [--story synth-points-100k] [--pages app,basemap] [--runs 2]
//                                [--site DIR[,DIR2]] [--readable] [--port N]
//
// Without --site it builds the current tree into .bench/profile-site (kept, for the next run);
// --readable builds it unminified with MapLibre's development build, so the profile names
// MapLibre's and the app's functions (the timing is then a little different: use it to name
// functions, the minified build to time them). With two sites it alternates between them, run by
// run, in one browser: an A/B of two trees on the same machine at the same time.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import { snapshotFiles } from '../scripts/model-snapshot';
import { installBenchProbe, type BenchWindow } from './probe';
import { pageUrl, type PageKind } from './measure';
import { serve } from './server';
import { SCALE_STORIES, synthStory } from './synth';
import { buildSite } from './build';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const val = (f: string) => {
  const i = args.indexOf(f);
  return i >= 0 ? args[i + 1] : undefined;
};
const storyName = val('--story') ?? 'synth-points-100k';
const pages = (val('--pages') ?? 'app,basemap').split(',') as PageKind[];
const runs = Number(val('--runs') ?? 2);
const readable = args.includes('--readable');
const top = Number(val('--top') ?? 25);
const gl = args.includes('--gl');
const timeline = args.includes('--timeline');
/** --within NAME: where the time went in samples whose stack holds a function of that name (e.g. hydrate). */
const within = val('--within');

/**
 * In the page (--gl): times every WebGL shader program linked (compile, link and the first status
 * query, where a software GL does its work) and keeps what it was: MapLibre's #defines name the
 * program and which paint values are per feature.
 */
function glProbe() {
  const programs: { at: number; ms: number; defines: string }[] = [];
  (window as unknown as { __programs: typeof programs }).__programs = programs;
  for (const C of [WebGL2RenderingContext, WebGLRenderingContext]) {
    const P = C.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
    const sources = new WeakMap<object, string>();
    const attached = new WeakMap<object, string[]>();
    const wrap = (name: string, after: (self: unknown, args: unknown[], ms: number, t0: number) => void) => {
      const orig = P[name]!;
      P[name] = function (this: unknown, ...args: unknown[]) {
        const t0 = performance.now();
        const r = orig.apply(this, args);
        try {
          after(this, args, performance.now() - t0, t0);
        } catch (e) {
          programs.push({ at: t0, ms: 0, defines: `probe error: ${String(e)}` });
        }
        return r;
      };
    };
    let pending = 0;
    wrap('shaderSource', (_s, [sh, src]) => void sources.set(sh as object, String(src)));
    wrap('compileShader', (_s, _a, ms) => void (pending += ms));
    wrap('getShaderParameter', (_s, _a, ms) => void (pending += ms));
    wrap('attachShader', (_s, [prog, sh]) => {
      const list = attached.get(prog as object) ?? [];
      list.push(sources.get(sh as object) ?? '');
      attached.set(prog as object, list);
    });
    wrap('linkProgram', (_s, _a, ms) => void (pending += ms));
    wrap('getProgramParameter', (_s, [prog], ms, t0) => {
      const src = (attached.get(prog as object) ?? []).join('\n');
      // Which paint values are per feature (attributes a_*) and which constant (HAS_UNIFORM_u_*).
      const attributes = [...new Set(src.match(/\bin (?:highp |mediump |lowp )?\w+ a_\w+/g) ?? [])].map((d) => d.replace(/^.* /, ''));
      const uniforms = [...new Set(src.match(/#define HAS_UNIFORM_u_\w+/g) ?? [])].map((d) => d.slice(20));
      const defines = `${attributes.join(',')} | const ${uniforms.join(',')}`;
      programs.push({ at: t0, ms: pending + ms, defines });
      pending = 0;
    });
  }
}

const short = (url: string) => (url ? url.replace(/^.*\/(assets|bench)\//, '$1/').replace(/\?.*$/, '') : '');
const where = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

interface Sample {
  /** When it was taken, ms from the profile's start. */
  at: number;
  /** The time it stands for (until the next sample), ms. */
  ms: number;
  /** Its call stack, leaf first, without the root. */
  stack: Node[];
}

/** The profile's samples with their stacks (timeDeltas[i] is the time from sample i-1 to i). */
function samplesOf(p: Profile): Sample[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let at = 0;
  return p.samples.map((leaf, i) => {
    at += (p.timeDeltas[i] ?? 0) / 1000;
    const stack: Node[] = [];
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) if (byId.get(id)!.callFrame.functionName !== '(root)') stack.push(byId.get(id)!);
    return { at, ms: (p.timeDeltas[i + 1] ?? 0) / 1000, stack };
  });
}

const isIdle = (s: Sample) => s.stack[0]?.callFrame.functionName === '(idle)';

/** Self time (the leaf) and inclusive time (each distinct frame of `frames(s)`, leaf first) of some samples, biggest first. */
function tally(samples: Sample[], frames: (s: Sample) => Node[] = (s) => s.stack, name: (n: Node) => string = where) {
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const s of samples) {
    if (s.stack[0]) self.set(name(s.stack[0]), (self.get(name(s.stack[0])) ?? 0) + s.ms);
    for (const w of new Set(frames(s).map(name))) incl.set(w, (incl.get(w) ?? 0) + s.ms);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { self: sorted(self), inclusive: sorted(incl) };
}

/** The longest stretch of samples with no idle sample in it, and where its time went. */
export function longestStretch(p: Profile) {
  const samples = samplesOf(p);
  let best = { from: 0, to: -1, ms: 0 };
  let from = -1;
  let ms = 0;
  samples.forEach((s, i) => {
    if (isIdle(s)) {
      from = -1;
      return;
    }
    if (from < 0) {
      from = i;
      ms = 0;
    }
    ms += s.ms;
    if (ms > best.ms) best = { from, to: i, ms };
  });
  const startMs = best.from > 0 ? samples[best.from - 1]!.at : 0;
  return { startMs, ms: best.ms, ...tally(samples.slice(best.from, best.to + 1)) };
}

/**
 * --timeline: the page's main thread from the profile's start in 50 ms steps: how busy each step
 * was and the functions of the site it spent most time in (the browser's own work, e.g. layout or
 * "(program)", by the leaf's name).
 */
function printTimeline(p: Profile) {
  const steps = new Map<number, Sample[]>();
  for (const s of samplesOf(p)) if (!isIdle(s)) steps.set(Math.floor(s.at / 50), [...(steps.get(Math.floor(s.at / 50)) ?? []), s]);
  console.log('timeline (50 ms steps: busy ms, where):');
  for (const [step, samples] of [...steps].sort((a, b) => a[0] - b[0])) {
    const busy = samples.reduce((n, s) => n + s.ms, 0);
    if (busy < 5) continue;
    const { inclusive } = tally(samples, (s) => s.stack.filter((n, i) => n.callFrame.url || i === 0), (n) => (n.callFrame.url ? where(n) : n.callFrame.functionName));
    console.log(`  ${String(step * 50).padStart(5)} ms ${busy.toFixed(0).padStart(3)}  ${inclusive.slice(0, 4).map(([w, ms]) => `${w} ${ms.toFixed(0)}`).join(' | ')}`);
  }
}

/** --within: self and inclusive time of the samples under any call of `name` (frames below it only). */
function printWithin(p: Profile, name: string) {
  const under = (s: Sample) => s.stack.findIndex((n) => n.callFrame.functionName === name);
  const samples = samplesOf(p).filter((s) => under(s) >= 0);
  const { self, inclusive } = tally(samples, (s) => s.stack.slice(0, under(s)));
  console.log(`within ${name}: ${samples.reduce((n, s) => n + s.ms, 0).toFixed(0)} ms`);
  console.log('  inclusive:');
  for (const [w, ms] of inclusive.slice(0, 25)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${w}`);
  console.log('  self:');
  for (const [w, ms] of self.slice(0, 12)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${w}`);
}

async function main() {
  const work = resolve('.bench');
  let sites = val('--site')?.split(',').map((s) => resolve(s));
  if (!sites) {
    const dir = join(work, readable ? 'profile-site-readable' : 'profile-site');
    console.error(`profile: building the current tree into ${dir}`);
    if (readable) {
      await build({
        configFile: resolve('vite.config.ts'),
        logLevel: 'warn',
        resolve: { alias: [{ find: /^maplibre-gl$/, replacement: resolve('node_modules/maplibre-gl/dist/maplibre-gl-dev.mjs') }] },
        build: { outDir: dir, emptyOutDir: true, minify: false },
      });
      // The comparison pages, as the bench builds them.
      const tmp = await buildSite(join(work, 'profile-site-pages'));
      const { cpSync } = await import('node:fs');
      cpSync(join(tmp.dir, 'bench'), join(dir, 'bench'), { recursive: true });
    } else await buildSite(dir);
    sites = [dir];
  }
  // A story the site was built with (e.g. the CGTN story) is served as built; a synthetic one is made here.
  const built = existsSync(join(sites[0]!, 'stories', storyName, 'model.json'));
  const storyDir = join(work, 'stories', storyName);
  if (!built && !existsSync(join(storyDir, 'model.json'))) {
    const spec = SCALE_STORIES.find((s) => s.name === storyName);
    if (!spec) throw new Error(`unknown story ${storyName}`);
    console.error(`profile: generating ${storyName}`);
    for (const [name, text] of Object.entries(synthStory(spec))) {
      mkdirSync(dirname(join(storyDir, name)), { recursive: true });
      writeFileSync(join(storyDir, name), text);
    }
    const files = snapshotFiles(storyDir);
    for (const layer of files.tiles.values()) {
      mkdirSync(dirname(join(storyDir, layer.descriptor.index)), { recursive: true });
      writeFileSync(join(storyDir, layer.descriptor.index), layer.indexText());
      for (const [path, bytes] of layer.files()) {
        mkdirSync(dirname(join(storyDir, path)), { recursive: true });
        writeFileSync(join(storyDir, path), bytes);
      }
    }
    writeFileSync(join(storyDir, 'model.json'), files.text);
  }
  const servers = await Promise.all(sites.map((s, i) => serve(s, built ? {} : { [`stories/${storyName}`]: storyDir }, i === 0 ? Number(val('--port') ?? 0) : 0)));
  const browser = await chromium.launch(chromiumLaunchOptions());
  const summary: { site: number; page: string; run: number; longTask: number; stretch: number; idle?: number }[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const order = run % 2 ? [...servers.keys()].reverse() : [...servers.keys()];
      for (const s of order) {
        for (const page of run % 2 ? [...pages].reverse() : pages) {
          const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
          const tab = await context.newPage();
          await tab.addInitScript('window.__name = (f) => f;');
          await tab.addInitScript(installBenchProbe, page === 'app' ? { mapIdle: '.map[data-map-ready]' } : { mapIdle: '[data-map-ready]' });
          if (gl) await tab.addInitScript(glProbe);
          const cdp = await context.newCDPSession(tab);
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
          await cdp.send('Profiler.start');
          await tab.goto(pageUrl(servers[s]!.url, page, storyName), { waitUntil: 'commit' });
          await tab.waitForSelector(page === 'app' ? '.map[data-map-ready]' : '[data-map-ready]', { state: 'attached', timeout: 240_000 });
          await tab.waitForTimeout(500);
          const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
          const info = await tab.evaluate(() => {
            const B = (window as unknown as BenchWindow).__bench;
            return { longTasks: B.longTasks, idle: B.marks.mapIdle, programs: (window as unknown as { __programs?: { at: number; ms: number; defines: string }[] }).__programs ?? [] };
          });
          await context.close();
          const L = longestStretch(profile);
          const longTask = Math.max(0, ...info.longTasks.map((t) => t.duration));
          summary.push({ site: s, page, run, longTask, stretch: L.ms, idle: info.idle });
          console.log(`\n### site ${s} (${sites[s]}), ${page}, run ${run + 1}: longest long task ${Math.round(longTask)} ms; longest busy stretch in the profile ${Math.round(L.ms)} ms at ${Math.round(L.startMs)} ms of the profile; map idle ${Math.round(info.idle ?? NaN)} ms`);
          console.log(`long tasks: ${info.longTasks.map((t) => `${Math.round(t.start)}+${Math.round(t.duration)}`).join(', ')}`);
          if (gl) {
            console.log(`programs: ${info.programs.length}, ${Math.round(info.programs.reduce((n, p) => n + p.ms, 0))} ms`);
            for (const p of info.programs) console.log(`  at ${Math.round(p.at)} ms: ${p.ms.toFixed(0).padStart(4)} ms  ${p.defines}`);
          }
          if (timeline) printTimeline(profile);
          if (within) printWithin(profile, within);
          console.log('inclusive:');
          for (const [w, ms] of L.inclusive.slice(0, top)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${w}`);
          console.log('self:');
          for (const [w, ms] of L.self.slice(0, 15)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${w}`);
        }
      }
    }
  } finally {
    await browser.close();
    for (const s of servers) await s.close();
  }
  console.log('\n## summary (longest long task, ms)');
  for (const s of sites.keys())
    for (const page of pages) {
      const rows = summary.filter((r) => r.site === s && r.page === page);
      console.log(`site ${s} ${page}: ${rows.map((r) => Math.round(r.longTask)).join(', ')}  (profile stretch ${rows.map((r) => Math.round(r.stretch)).join(', ')})`);
    }
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname ?? '', 'profile-load.ts');
if (isMain)
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
