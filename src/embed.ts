// <story-map story="cgtn-2020-01-09"> — the script embed (story-map.js). The one app, mounted in a
// shadow root so the host page's CSS stays out and ours stays in, with the host API as element
// methods and DOM events. Everything it loads comes from where this script is served.
//
// Shadow DOM pitfalls handled here (see docs/embedding.md):
// - Vite/Svelte put CSS in document.head; we link the built stylesheets inside the shadow root
//   instead (their paths are written into this file at build time), and wait for them before
//   mounting, so MapLibre measures a styled container.
// - @font-face does not work inside a shadow root: the font is registered on the document with the
//   CSS Font Loading API, under a family name of our own so it cannot restyle the host page.
// - Media queries see the host's window, not the element: the layout uses container queries.
// - Inherited properties (font, colour, line-height…) cross the shadow boundary: `all: initial`
//   on :host.
import { mount, unmount } from 'svelte';
import App from './App.svelte';
import 'maplibre-gl/dist/maplibre-gl.css';
import './lib/embed/element.css';
import boxCss from './lib/embed/box.css?inline';
import latin400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import latin700 from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2?url';
import latinExt400 from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url';
import latinExt700 from '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff2?url';
import { latinRestRange, latinSubsetRange, latinSubsetUrls, restRange, subsetRange, subsetUrls } from 'virtual:story-map-fonts';
import { HostApi } from './lib/embed/api.svelte';
import { ElementGate } from './lib/embed/map-gate.svelte';
import { parseLayerList, parseViewTarget, type EventDetails, type EventName, type ReadyDetail, type ViewTarget } from './lib/embed/protocol';
import type { StoryModel } from './lib/story/model';
import type { StoryState } from './lib/story/state.svelte';
import { applyLink } from './lib/story/url-sync.svelte';
import { parseView, type LinkState } from './lib/story/url';
import { pinRem } from './lib/embed/pin-rem';
import { parseTextMode } from './lib/embed/text-mode';
import { parseHeadingLevel } from './lib/embed/heading-level';

// Replaced at build time by scripts/embed-plugin.ts with the built CSS files this element needs,
// relative to this file. In dev there are none: Vite injects styles into document.head, mirrored below.
const STYLESHEETS: string[] = import.meta.env.DEV ? [] : (JSON.parse('__STORY_MAP_STYLESHEETS__') as string[]);

/** Where this script, the stories and the basemap are served from. */
const ROOT = import.meta.env.DEV ? new URL('/', location.href).href : new URL(/* @vite-ignore */ './', import.meta.url).href;

const FONT = 'story-map-noto-sans';
let fontsAdded = false;
function addFonts() {
  if (fontsAdded || typeof FontFace === 'undefined') return;
  fontsAdded = true;
  // The latin and latin-ext letters this site shows, in small files (scripts/fonts/subset.ts); the
  // full faces keep only the rest of their ranges, as Chrome would load both for a letter both have
  // (latinRestRange, restRange: made at build time).
  const faces: [string, string, string][] = [
    [latinSubsetUrls.regular, '400', latinSubsetRange.join(',')],
    [latinSubsetUrls.bold, '700', latinSubsetRange.join(',')],
    [latin400, '400', latinRestRange.join(',')],
    [latin700, '700', latinRestRange.join(',')],
    [subsetUrls.regular, '400', subsetRange.join(',')],
    [subsetUrls.bold, '700', subsetRange.join(',')],
    [latinExt400, '400', restRange.join(',')],
    [latinExt700, '700', restRange.join(',')],
  ];
  // Declared, not loaded: the browser fetches a file only when text needs it. A face whose range is
  // empty (every letter in the subset) is left out: an empty unicode-range is not valid.
  for (const [url, weight, unicodeRange] of faces) {
    if (!unicodeRange) continue;
    document.fonts.add(new FontFace(FONT, `url(${JSON.stringify(new URL(url, import.meta.url).href)}) format('woff2')`, { weight, unicodeRange, display: 'swap' }));
  }
}

function linkFromAttributes(el: HTMLElement): LinkState {
  const link: LinkState = {};
  const select = el.getAttribute('select')?.trim();
  if (select) link.feature = select; // a feature key or a passage id: applyLink selects either
  const layers = el.getAttribute('layers');
  if (layers !== null) link.layers = layers.split(',').map((s) => s.trim()).filter(Boolean);
  const view = el.getAttribute('view');
  const v = view ? parseView(view) : null;
  if (v) link.view = v;
  return link;
}

/** In dev only: copy the styles Vite injects into document.head into the shadow root, and follow changes (HMR). */
function mirrorDevStyles(shadow: ShadowRoot): () => void {
  const copies = new Map<Element, Element>();
  const sync = () => {
    for (const el of document.head.querySelectorAll('style[data-vite-dev-id]')) {
      let copy = copies.get(el);
      if (!copy) copies.set(el, (copy = shadow.insertBefore(document.createElement('style'), shadow.firstChild)));
      const css = pinRem(el.textContent ?? '');
      if (copy.textContent !== css) copy.textContent = css;
    }
  };
  sync();
  const mo = new MutationObserver(sync);
  mo.observe(document.head, { childList: true, subtree: true, characterData: true });
  return () => mo.disconnect();
}

function loadStylesheets(shadow: ShadowRoot): Promise<unknown> {
  return Promise.all(
    STYLESHEETS.map((href) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = new URL(href, import.meta.url).href;
      const done = new Promise((resolve) => {
        link.onload = resolve;
        link.onerror = resolve; // unstyled beats blank: the story still shows
      });
      shadow.append(link);
      return done;
    }),
  );
}

export class StoryMapElement extends HTMLElement {
  static observedAttributes = ['story', 'select', 'layers', 'view', 'text', 'heading-level'];

  #shadow: ShadowRoot | null = null;
  #box: HTMLElement | null = null;
  #app: Record<string, unknown> | null = null;
  #gate: ElementGate | null = null;
  #api: HostApi = new HostApi((name, detail) => this.#emit(name, detail));
  #story: { model: StoryModel; selection: StoryState } | null = null;
  #ready: ReadyDetail | null = null;
  #starting = 0;

  connectedCallback() {
    // Moving the element within the page disconnects and reconnects it: keep the running app.
    if (this.#app || this.#starting) return;
    void this.#start();
  }

  disconnectedCallback() {
    queueMicrotask(() => {
      if (!this.isConnected) this.#stop();
    });
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null) {
    if (old === value || !this.#app) return;
    if (name === 'story' || name === 'text' || name === 'heading-level') {
      this.#stop();
      void this.#start();
    } else if (this.#story) {
      applyLink(this.#story.model, this.#story.selection, linkFromAttributes(this));
    }
  }

  /** Whether the story has loaded; `story-map:ready` fires when it becomes true. */
  get ready(): boolean {
    return this.#ready !== null;
  }

  /** Selects a feature ("layerId:featureId") or a passage (its id). */
  select(target: string) {
    if (typeof target !== 'string' || !target) throw new TypeError('select() takes a feature key or a passage id');
    this.#api.run({ name: 'select', target });
  }

  clearSelection() {
    this.#api.run({ name: 'clearSelection' });
  }

  /** Shows exactly these layers. */
  setLayers(layers: string[]) {
    const list = parseLayerList(layers);
    if (!list) throw new TypeError('setLayers() takes an array of layer ids');
    this.#api.run({ name: 'setLayers', layers: list });
  }

  /** Moves the map: `{ center: [lon, lat], zoom }` or `{ bounds: [west, south, east, north] }`. */
  setView(view: ViewTarget) {
    const v = parseViewTarget(view);
    if (!v) throw new TypeError('setView() takes { center: [lon, lat], zoom } or { bounds: [west, south, east, north] }');
    this.#api.run({ name: 'setView', view: v });
  }

  #emit<K extends EventName>(name: K, detail: EventDetails[K]) {
    if (name === 'ready') this.#ready = detail as ReadyDetail;
    this.dispatchEvent(new CustomEvent(`story-map:${name}`, { detail, bubbles: true }));
  }

  async #start() {
    const run = ++this.#starting;
    addFonts();
    if (!this.#shadow) {
      this.#shadow = this.attachShadow({ mode: 'open' });
      // The box and its size first, from a constructed stylesheet (no request, allowed by strict
      // CSPs), so the element is as tall as it will be before anything loads: no layout shift.
      const sizing = new CSSStyleSheet();
      sizing.replaceSync(`:host{display:block}:host([hidden]){display:none}${boxCss}`);
      this.#shadow.adoptedStyleSheets = [sizing];
      const frame = document.createElement('div');
      // It grows with its content (box.css): the element's height is the page's layout.
      frame.className = 'story-map-frame grows';
      frame.setAttribute('part', 'frame');
      this.#box = frame.appendChild(document.createElement('div'));
      this.#box.className = 'story-map-box';
      this.#shadow.append(frame);
      if (import.meta.env.DEV) mirrorDevStyles(this.#shadow);
      await loadStylesheets(this.#shadow);
    }
    if (run !== this.#starting || !this.isConnected || !this.#box) return;
    this.#starting = 0;
    this.#gate = new ElementGate(this);
    this.#app = mount(App, {
      target: this.#box,
      props: {
        story: this.getAttribute('story') || __DEFAULT_STORY__,
        embedded: true,
        text: parseTextMode(this.getAttribute('text')),
        headingLevel: parseHeadingLevel(this.getAttribute('heading-level')),
        root: ROOT,
        mapGate: this.#gate,
        onstory: (story: { model: StoryModel; selection: StoryState }) => {
          this.#story = story;
          applyLink(story.model, story.selection, linkFromAttributes(this));
          this.#api.attach(story.model, story.selection);
        },
        onerror: (message: string) => this.#emit('error', { message }),
      },
    });
  }

  #stop() {
    this.#starting = 0;
    this.#api.detach();
    if (this.#app) void unmount(this.#app);
    this.#app = null;
    this.#gate?.destroy();
    this.#gate = null;
    this.#story = null;
    this.#ready = null;
  }
}

// Safe to load twice (two copies of the script on one page): the first definition wins.
if (!customElements.get('story-map')) customElements.define('story-map', StoryMapElement);

declare global {
  interface HTMLElementTagNameMap {
    'story-map': StoryMapElement;
  }
}
