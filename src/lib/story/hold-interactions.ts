// Before the app has hydrated a prerendered page (start-page.ts), its text and its first map are already
// there; its buttons (places, pins, the legend's layers, the list of places) are not alive yet.
// What the reader does meanwhile is not lost: the first press, key or focus in the page asks for
// the app at once, and a click on a control (or on the map) is held and carried out again once the
// app is live. This is the pattern of event replay in server-rendered apps (Angular's
// `withEventReplay`, Qwik's and JSAction's queues), for the few kinds of controls this page has.
// Links stay plain links and a folded section (the legend, `<details>`) opens as it is: they work
// without the app. The map's own controls (zoom buttons) and gestures are MapLibre's, alive as
// soon as the map is shown.

/** What is held until the app is live: a control of the page, or a point on the map's canvas. */
type Held = { kind: 'control'; el: HTMLElement } | { kind: 'map'; el: HTMLElement; x: number; y: number };

/** The page's own controls, which do nothing until the app is live. */
export const HELD_CONTROLS = 'button, [role="button"], input, select, label, [data-passage]';

export interface Hold {
  /** Stops holding (the app is about to take the page, or will not). */
  stop(): void;
  /** Carries out what was held, in order, on what is still in the page (once the app is live). */
  replay(): void;
  /** How many clicks are held (for the tests). */
  readonly held: number;
}

/**
 * Holds clicks on `root`'s controls until `stop`, and calls `want` once at the reader's first
 * press, key or focus in the page.
 */
export function holdInteractions(root: HTMLElement, want: () => void, doc: Document = root.ownerDocument): Hold {
  const held: Held[] = [];
  let asked = false;
  const ask = (e: Event) => {
    if (asked || !(e.target instanceof Node) || !(root.contains(e.target) || e.target === doc.body || e.target === doc.documentElement)) return;
    asked = true;
    want();
  };
  const onclick = (e: MouseEvent) => {
    const t = e.target;
    if (!(t instanceof Element) || !root.contains(t)) return;
    if (t.closest('a[href]')) return;
    if (t instanceof HTMLCanvasElement && t.closest('.early-map')) {
      // MapLibre sees this click too, with nobody listening yet: it is held for the app's map.
      held.push({ kind: 'map', el: t, x: e.clientX, y: e.clientY });
      return;
    }
    // The map's own controls (zoom buttons) work as they are.
    if (t.closest('.early-map')) return;
    const control = t.closest<HTMLElement>(HELD_CONTROLS);
    if (!control || t.closest('summary')) return;
    // Not toggled, opened or pressed now: that happens once, when the app is live.
    e.preventDefault();
    e.stopImmediatePropagation();
    held.push({ kind: 'control', el: control });
    if (!asked) {
      asked = true;
      want();
    }
  };
  const asks = ['pointerdown', 'keydown', 'focusin'] as const;
  for (const type of asks) doc.addEventListener(type, ask, true);
  doc.addEventListener('click', onclick, true);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      for (const type of asks) doc.removeEventListener(type, ask, true);
      doc.removeEventListener('click', onclick, true);
    },
    replay() {
      const list = held.splice(0);
      if (!list.length) return;
      // After the app's first effects (the selection wired); a click on the map once the map
      // component has taken the map over (its box says it is ready: StoryMap.svelte).
      void (async () => {
        for (const h of list) {
          await (h.kind === 'map' ? mapTaken(h.el) : nextTask());
          if (!h.el.isConnected) continue;
          if (h.kind === 'control') h.el.click();
          else h.el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, clientX: h.x, clientY: h.y, button: 0, view: doc.defaultView }));
        }
      })();
    },
    get held() {
      return held.length;
    },
  };
}

const nextTask = () => new Promise<void>((go) => setTimeout(go));

/** Once `canvas` is in the map component's box, ready (at most ten seconds), and a task later (its handlers). */
async function mapTaken(canvas: HTMLElement) {
  const until = Date.now() + 10_000;
  while (!canvas.closest('.map[data-map-ready]') && Date.now() < until) await new Promise((go) => requestAnimationFrame(() => go(null)));
  await nextTask();
}
