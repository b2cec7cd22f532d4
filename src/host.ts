// embed-host.js: the small script a host page adds once for its iframe embeds.
//
//   <iframe data-story-map src="<where the map is published>/embed.html?story=cgtn-2020-01-09" …></iframe>
//   <script type="module" src="<where the map is published>/embed-host.js"></script>
//
// For every iframe[data-story-map] (also ones added later) it sizes the iframe to its content's
// height, tells it when it may start its map (the page-wide WebGL budget, shared with <story-map>
// elements), and relays the host API: DOM events `story-map:<name>` on the iframe, and
// `connect(iframe)` for methods. Messages are accepted only from that iframe's own window and the
// origin of its src, and only in the expected shape; a height is a number, never CSS.
import { pageBudget, type Slot } from './lib/embed/budget';
import { commandMessage, message, parseEvent, parseFrameMessage, parseLayerList, parseViewTarget, type Command, type EventDetails, type EventName, type ReadyDetail, type ViewTarget } from './lib/embed/protocol';
import { distanceToViewport, watchZone } from './lib/embed/zones';

type Listener<K extends EventName> = (detail: EventDetails[K]) => void;

export interface StoryMapFrame {
  readonly iframe: HTMLIFrameElement;
  /** The `ready` event's detail once the story inside has loaded, else null. */
  readonly ready: ReadyDetail | null;
  select(target: string): void;
  clearSelection(): void;
  setLayers(layers: string[]): void;
  setView(view: ViewTarget): void;
  /** Listens to an event; returns the function that stops listening. */
  on<K extends EventName>(name: K, listener: Listener<K>): () => void;
  /** Stops sizing and relaying; the iframe stays as it is. */
  disconnect(): void;
}

const frames = new Map<HTMLIFrameElement, Frame>();
const budget = pageBudget();

class Frame implements StoryMapFrame {
  ready: ReadyDetail | null = null;
  private readonly origin: string;
  private hello = false;
  private queue: Command[] = [];
  private listeners = new Map<EventName, Set<(detail: never) => void>>();
  private readonly slot: Slot;
  private readonly unwatch: () => void;

  constructor(readonly iframe: HTMLIFrameElement) {
    this.origin = new URL(iframe.src, location.href).origin;
    this.slot = {
      zone: 'away',
      live: false,
      distance: () => distanceToViewport(iframe),
      setLive: (live) => this.hello && this.post(message('live', { live })),
    };
    budget.add(this.slot);
    const unwatch = watchZone(iframe, (zone) => {
      this.slot.zone = zone;
      budget.update();
    });
    // The page inside may have started before this script and said hello to nobody: greet it now
    // (lost harmlessly if it is not there yet) and after every load; it answers with its own hello.
    const greet = () => this.post(message('hello'));
    iframe.addEventListener('load', greet);
    // Not while it still shows its first about:blank: the browser would log the origin mismatch.
    const doc = iframe.contentDocument;
    if (!doc || doc.URL !== 'about:blank') greet();
    this.unwatch = () => {
      unwatch();
      iframe.removeEventListener('load', greet);
    };
  }

  private post(msg: object) {
    this.iframe.contentWindow?.postMessage(msg, this.origin);
  }

  private command(cmd: Command) {
    if (this.hello) this.post(commandMessage(cmd));
    else if (this.queue.length < 100) this.queue.push(cmd);
  }

  receive(e: MessageEvent) {
    if (e.origin !== this.origin) return;
    const frame = parseFrameMessage(e.data);
    if (frame?.name === 'resize') {
      this.iframe.style.height = `${Math.ceil(frame.height)}px`;
      return;
    }
    if (frame?.name === 'hello') {
      // The page inside started (or answers our greeting): tell it whether to run a map, then what
      // the host asked for meanwhile. Only a page that started again has a new `ready` to come.
      this.hello = true;
      if (!frame.answer) this.ready = null;
      this.post(message('live', { live: this.slot.live }));
      for (const cmd of this.queue.splice(0)) this.post(commandMessage(cmd));
      return;
    }
    const event = parseEvent(e.data);
    if (!event) return;
    if (event.name === 'ready') {
      // The same page's `ready` again (it answers every greeting with it, and this script greets
      // on start and on load): listeners hear it once.
      if (this.ready) return;
      this.ready = event.detail as unknown as ReadyDetail;
    }
    this.iframe.dispatchEvent(new CustomEvent(`story-map:${event.name}`, { detail: event.detail, bubbles: true }));
    for (const fn of this.listeners.get(event.name) ?? []) fn(event.detail as never);
  }

  select(target: string) {
    if (typeof target !== 'string' || !target) throw new TypeError('select() takes a feature key or a passage id');
    this.command({ name: 'select', target });
  }
  clearSelection() {
    this.command({ name: 'clearSelection' });
  }
  setLayers(layers: string[]) {
    const list = parseLayerList(layers);
    if (!list) throw new TypeError('setLayers() takes an array of layer ids');
    this.command({ name: 'setLayers', layers: list });
  }
  setView(view: ViewTarget) {
    const v = parseViewTarget(view);
    if (!v) throw new TypeError('setView() takes { center: [lon, lat], zoom } or { bounds: [west, south, east, north] }');
    this.command({ name: 'setView', view: v });
  }
  on<K extends EventName>(name: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as (detail: never) => void);
    return () => set.delete(listener as (detail: never) => void);
  }
  disconnect() {
    this.unwatch();
    budget.delete(this.slot);
    frames.delete(this.iframe);
  }
}

function onMessage(e: MessageEvent) {
  // Only a window we embedded ourselves may talk to us; find which one.
  if (!e.source) return;
  for (const f of frames.values()) {
    if (f.iframe.contentWindow === e.source) return f.receive(e);
  }
}

/** Connects an iframe embed (those with data-story-map are connected automatically). */
export function connect(iframe: HTMLIFrameElement): StoryMapFrame {
  const existing = frames.get(iframe);
  if (existing) return existing;
  if (!frames.size) window.addEventListener('message', onMessage);
  const f = new Frame(iframe);
  frames.set(iframe, f);
  return f;
}

function scan(root: ParentNode) {
  for (const el of root.querySelectorAll<HTMLIFrameElement>('iframe[data-story-map]')) connect(el);
}

function start() {
  scan(document);
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) if (n instanceof Element) (n.matches('iframe[data-story-map]') ? connect(n as HTMLIFrameElement) : scan(n));
      for (const n of r.removedNodes) {
        if (!(n instanceof Element)) continue;
        for (const [iframe, f] of frames) if (!iframe.isConnected && (n === iframe || n.contains(iframe))) f.disconnect();
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
