// The iframe page's side of postMessage: who the parent is, what it may say, and what we tell it
// (our height, the host API events). Every message is checked for coming from the parent window
// itself and from the parent's origin, then for its shape; anything else is ignored.
import type { FrameGate } from './map-gate.svelte';
import type { HostApi } from './api.svelte';
import { message, parseCommand, parseFrameMessage } from './protocol';

/**
 * The origin of the page we are embedded in, or null when we cannot tell (then we do not talk).
 *
 * `location.ancestorOrigins` (Chromium, Safari) names it and cannot be forged by the parent;
 * elsewhere the referrer does (hosts with `Referrer-Policy: no-referrer` must then name their
 * origin in the iframe src). An `origin=` list in the src restricts which parents we talk to.
 */
export function parentOrigin(opts: { ancestor?: string | null; referrer?: string; allowed?: string | null }): string | null {
  const allowed = (opts.allowed ?? '')
    .split(',')
    .map((s) => originOf(s.trim()))
    .filter((s): s is string => !!s);
  const actual = (opts.ancestor && originOf(opts.ancestor)) || (opts.referrer ? originOf(opts.referrer) : null);
  if (!allowed.length) return actual;
  if (actual) return allowed.includes(actual) ? actual : null;
  return allowed.length === 1 ? allowed[0]! : null;
}

function originOf(url: string): string | null {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? null : o;
  } catch {
    return null;
  }
}

export interface FrameLink {
  /** Posts a host API event (or a frame message) to the parent. */
  post(name: string, detail?: object): void;
  stop(): void;
}

/**
 * Talks to the parent page: sends `hello` and our height (on every change), forwards the parent's
 * commands to the API and its `live` decisions to the gate. Does nothing when not in a frame.
 */
export function connectFrame(opts: { api: HostApi; gate: FrameGate; measure: Element; win?: Window; onhost?: () => void }): FrameLink {
  const win = opts.win ?? window;
  const parent = win.parent;
  const search = new URLSearchParams(win.location.search);
  const origin =
    parent && parent !== win
      ? parentOrigin({ ancestor: win.location.ancestorOrigins?.[0] ?? null, referrer: win.document.referrer, allowed: search.get('origin') })
      : null;
  if (!origin) {
    if (parent !== win) console.info('story map: the embedding page’s origin is unknown, so the host API and self-sizing are off. Add origin=<its origin> to the iframe src.');
    return { post() {}, stop() {} };
  }

  const post = (name: string, detail: object = {}) => parent.postMessage(message(name, detail), origin);

  const onMessage = (e: MessageEvent) => {
    if (e.source !== parent || e.origin !== origin) return;
    const frame = parseFrameMessage(e.data);
    if (frame?.name === 'live') return opts.gate.setHostLive(frame.live);
    if (frame?.name === 'hello') {
      // A host script sizes the iframe to its content: the embed may grow (box.css).
      opts.onhost?.();
      // The host script started after us and missed what we said: say it again.
      post('hello', { answer: true });
      last = -1;
      report();
      opts.api.announce();
      return;
    }
    const cmd = parseCommand(e.data);
    if (cmd) opts.api.run(cmd);
  };
  win.addEventListener('message', onMessage);

  // Our content's height, in whole CSS pixels, whenever it changes (story loaded, width reflow).
  let last = -1;
  const report = () => {
    const h = Math.ceil(opts.measure.getBoundingClientRect().height);
    if (h === last) return;
    last = h;
    post('resize', { height: h });
  };
  const ro = new ResizeObserver(report);
  ro.observe(opts.measure);

  post('hello');
  report();
  return {
    post,
    stop() {
      ro.disconnect();
      win.removeEventListener('message', onMessage);
    },
  };
}
