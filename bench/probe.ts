// Code that runs inside the measured pages. It is plain functions handed to Playwright
// (addInitScript / evaluate), so it must not close over anything from this module.

export interface PageMarks {
  /** When an element matching each watched selector first appeared in the DOM. */
  marks: Record<string, number>;
  /**
   * When content inside each watched selector was first painted, from the browser's own paint
   * timing (Largest Contentful Paint and Element Timing entries): later than `marks` when the
   * main thread holds the frame back.
   */
  painted: Record<string, number>;
  /** First contentful paint (Paint Timing), ms after navigation start: when it was presented. */
  fcp?: number;
  /**
   * When that frame was rendered on the main thread (Paint Timing's paintTime, Chromium 133 on),
   * before the compositor and the GPU presented it: what comes before it can have changed it.
   */
  fcpRendered?: number;
  /** Long tasks on the main thread (Long Tasks API). */
  longTasks: { start: number; duration: number }[];
  /** Intervals between animation frames while recording, in ms. */
  frames: number[];
  /**
   * WebGL programs linked so far, and the main thread's time in compiling and linking them (and in
   * the status queries that wait for that): MapLibre links one per mix of constant and per-feature
   * paint values a layer type is drawn with (docs/performance.md).
   */
  gl: { programs: number; ms: number };
}

export interface BenchWindow {
  __bench: PageMarks & { recording: boolean; startFrames(): void; stopFrames(): number[] };
}

/**
 * Installed before any page script: watches the DOM for the selectors (name -> CSS selector) and
 * records when each one first matches and when content inside it is first painted, long tasks,
 * first contentful paint, and on demand the intervals between frames.
 */
export function installBenchProbe(selectors: Record<string, string>) {
  const B = {
    marks: {} as Record<string, number>,
    painted: {} as Record<string, number>,
    fcp: undefined as number | undefined,
    fcpRendered: undefined as number | undefined,
    longTasks: [] as { start: number; duration: number }[],
    frames: [] as number[],
    gl: { programs: 0, ms: 0 },
    recording: false,
    startFrames() {
      B.frames = [];
      B.recording = true;
      let last: number | undefined;
      const loop = (t: number) => {
        if (!B.recording) return;
        if (last !== undefined) B.frames.push(t - last);
        last = t;
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    },
    stopFrames() {
      B.recording = false;
      return B.frames;
    },
  };
  (window as unknown as BenchWindow).__bench = B;
  for (const C of [globalThis.WebGL2RenderingContext, globalThis.WebGLRenderingContext]) {
    if (!C) continue;
    const proto = C.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const name of ['compileShader', 'linkProgram', 'getShaderParameter', 'getProgramParameter']) {
      const original = proto[name]!;
      proto[name] = function (this: unknown, ...a: unknown[]) {
        const t = performance.now();
        try {
          return original.apply(this, a);
        } finally {
          B.gl.ms += performance.now() - t;
          if (name === 'linkProgram') B.gl.programs++;
        }
      };
    }
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { paintTime?: number })[])
        if (e.name === 'first-contentful-paint') {
          B.fcp = e.startTime;
          B.fcpRendered = e.paintTime;
        }
    }).observe({ type: 'paint', buffered: true });
    // Paint times of elements: LCP candidates (big text, images) and elements marked elementtiming.
    const onPaint = (list: PerformanceObserverEntryList) => {
      for (const e of list.getEntries() as (PerformanceEntry & { element?: Element | null; renderTime?: number; loadTime?: number; identifier?: string })[]) {
        const t = e.renderTime || e.loadTime || e.startTime;
        for (const [name, selector] of Object.entries(selectors)) {
          const hit = e.identifier === name || (e.element && (e.element.matches(selector) || e.element.closest(selector)));
          if (hit && (B.painted[name] === undefined || t < B.painted[name]!)) B.painted[name] = t;
        }
      }
    };
    new PerformanceObserver(onPaint).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver(onPaint).observe({ type: 'element', buffered: true });
  } catch {
    /* an engine without these entry types: the marks stay empty and the bench says so */
  }
  const pending = new Map(Object.entries(selectors));
  const check = () => {
    for (const [name, selector] of pending) {
      if (!document.querySelector(selector)) continue;
      pending.delete(name);
      B.marks[name] = performance.now();
    }
    if (!pending.size) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-map-ready', 'data-map-loaded', 'data-static-map', 'class'] });
}

// The map's probe, as the app (src/lib/map/probe.ts) and the bench's own pages install it. These
// functions run in the page, so they read it with the type, not with that module's helpers.
import type { ProbedElement } from '../src/lib/map/probe';

/** Page coordinates of lng/lats on the map, or null for those hidden behind something else. */
export function screenPoints(points: [number, number][]): ({ x: number; y: number } | null)[] {
  const el = document.querySelector<HTMLElement>('.map') as (HTMLElement & ProbedElement) | null;
  const probe = el?.storyMapProbe;
  if (!el || !probe) return points.map(() => null);
  const r = el.getBoundingClientRect();
  return points.map((ll) => {
    const p = probe.project(ll);
    const x = r.left + p.x;
    const y = r.top + p.y;
    if (x < r.left + 8 || y < r.top + 8 || x > r.right - 8 || y > r.bottom - 8) return null;
    // Only where the canvas itself is hit: not under the legend, a card or the controls.
    return document.elementFromPoint(x, y)?.tagName === 'CANVAS' ? { x, y } : null;
  });
}

/**
 * Resolves once the map has drawn no frame for `quietMs` (or after `maxMs`): the page has finished
 * drawing what came before (a cleared selection, a fade), so a timed click starts from rest.
 */
export function mapQuiet(arg: { quietMs: number; maxMs: number }): Promise<void> {
  const probe = (document.querySelector('.map') as ProbedElement | null)?.storyMapProbe;
  return new Promise((resolve) => {
    let last = performance.now();
    const off = probe?.onRender?.(() => (last = performance.now()));
    const start = performance.now();
    const check = () => {
      const now = performance.now();
      if ((now - last >= arg.quietMs && !probe?.moving()) || now - start >= arg.maxMs) {
        off?.();
        resolve();
      } else setTimeout(check, 25);
    };
    setTimeout(check, 25);
  });
}

export interface ClickTiming {
  /** pointerdown timestamp (ms after navigation start). */
  input?: number;
  /** First frame after the passage got its highlight. */
  passage?: number;
  /** First map render after the feature's highlight state was set. */
  drawn?: number;
}

/**
 * Arms the measurement of one click: the next pointerdown, then the passage marked active (when a
 * passage is expected) and the map frame that draws the feature's highlight. Resolves when both are
 * seen, or after `timeout` ms with what was seen. With key null, the feature is whichever the page
 * says it highlighted (the bare page highlights whatever is under the pointer).
 */
export function armClick(arg: { key: string | null; passage: string | null; timeout: number }): void {
  const t: ClickTiming = {};
  const probe = (document.querySelector('.map') as ProbedElement | null)?.storyMapProbe;
  let offRender: (() => void) | undefined;
  let mo: MutationObserver | undefined;
  const done = new Promise<ClickTiming>((resolve) => {
    const finish = () => {
      offRender?.();
      mo?.disconnect();
      window.removeEventListener('pointerdown', down, true);
      resolve(t);
    };
    const maybe = () => {
      if (t.drawn !== undefined && (arg.passage === null || t.passage !== undefined)) finish();
    };
    const down = (e: PointerEvent) => {
      if (t.input !== undefined) return;
      t.input = e.timeStamp;
      setTimeout(finish, arg.timeout);
    };
    window.addEventListener('pointerdown', down, true);
    offRender = probe?.onRender?.(() => {
      if (t.input === undefined || t.drawn !== undefined) return;
      const key = arg.key ?? probe.selected?.() ?? null;
      if (key !== null && probe.state(key)?.selected === true) {
        t.drawn = performance.now();
        maybe();
      }
    });
    if (arg.passage !== null) {
      const el = document.querySelector(`[data-passage="${CSS.escape(arg.passage)}"]`);
      mo = new MutationObserver(() => {
        if (t.input === undefined || t.passage !== undefined || !el?.classList.contains('active')) return;
        requestAnimationFrame(() => {
          t.passage = performance.now();
          maybe();
        });
      });
      if (el) mo.observe(el, { attributes: true, attributeFilter: ['class'] });
    }
  });
  (window as unknown as { __click: Promise<ClickTiming> }).__click = done;
}

export function clickResult(): Promise<ClickTiming> {
  return (window as unknown as { __click: Promise<ClickTiming> }).__click;
}

export function mapMoving(): boolean {
  return (document.querySelector('.map') as ProbedElement | null)?.storyMapProbe?.moving() ?? false;
}
