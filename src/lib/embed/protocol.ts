// The host API's vocabulary, shared by the embed (iframe page and <story-map> element) and the
// iframe host script. Over postMessage every message is a plain object
//
//   { type: 'story-map:v1:<name>', detail: { … } }
//
// with the version in the name, so a later protocol can live beside this one. Both sides parse
// what they receive with the functions below and drop anything of the wrong shape: a message
// is data from another window, never trusted to be what it says. No imports but types, so the
// host script stays tiny.
import type { BBox } from '../story/model';
import type { Cause } from '../story/state.svelte';

export const VERSION = 1;
export const PREFIX = `story-map:v${VERSION}:`;

/** Event names, the same as DOM events (`story-map:<name>`) and in messages (`story-map:v1:<name>`). */
export const EVENT_NAMES = ['ready', 'select', 'layerchange', 'viewchange', 'error'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export interface ReadyDetail {
  story: { id: string; title: string };
  /**
   * Layers in legend order, with their visibility now and how many features each has. A layer
   * tiled at build time (`tiled: true`) is on the page only in part: `features` lists its linked
   * features, and any other of its `count` can still be selected by key (looked up in its index).
   */
  layers: { id: string; name: string; visible: boolean; count: number; tiled: boolean }[];
  /** Every feature the page holds, by key (for a tiled layer, the features the story links to). */
  features: { key: string; layer: string; name: string }[];
  /** Passage ids in reading order. */
  passages: string[];
  /** The state when ready (from attributes or a deep link). */
  selection: SelectDetail;
}

export interface SelectDetail {
  /** The selected feature, or null when a passage (or nothing) is selected. */
  feature: { key: string; layer: string; id: string; name: string } | null;
  /** The selected passage, or the selected feature's first passage. */
  passage: string | null;
  /** Every passage highlighted now. */
  passages: string[];
  /** Every feature highlighted now (keys): the selected feature, the features a place name names, or the passage's. */
  features: string[];
  /**
   * What made the change: 'map', 'text', 'list', 'card' (its close button), 'keyboard' (Escape),
   * 'legend' (the selected feature's layer hidden), 'reset' (Reset view) for the reader; 'api' for the host's own
   * commands; 'url' for a link. Null when nothing has changed yet (`ready` on the opening state).
   */
  origin: Cause | null;
}

export interface LayerChangeDetail {
  /** Ids of the visible layers. */
  layers: string[];
}

export interface ViewChangeDetail {
  center: [number, number];
  zoom: number;
  /** [west, south, east, north] on screen. */
  bounds: BBox | null;
}

export interface ErrorDetail {
  message: string;
}

export interface EventDetails {
  ready: ReadyDetail;
  select: SelectDetail;
  layerchange: LayerChangeDetail;
  viewchange: ViewChangeDetail;
  error: ErrorDetail;
}

export type ViewTarget = { center: [number, number]; zoom: number } | { bounds: BBox };

export type Command =
  | { name: 'select'; target: string }
  | { name: 'clearSelection' }
  | { name: 'setLayers'; layers: string[] }
  | { name: 'setView'; view: ViewTarget };

/** What only the iframe host script and the iframe page say to each other. */
export type FrameMessage =
  // Both ways, as neither side knows which of the two pages ran its script first: the iframe says
  // hello when it starts, the host script says hello when it finds the iframe (and on each load),
  // and the iframe answers a host's hello with its own (and its height, and `ready` again). An
  // answer says so (`answer: true`): the host then knows the page inside did not start again.
  | { name: 'hello'; answer?: boolean }
  | { name: 'resize'; height: number } // iframe -> host: the content's height in CSS pixels
  | { name: 'live'; live: boolean }; // host -> iframe: you may (not) hold a map now

const MAX_ID = 200;
const MAX_LAYERS = 200;
export const MAX_HEIGHT = 100_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_ID;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isLon = (v: unknown) => isNumber(v) && v >= -180 && v <= 180;
const isLat = (v: unknown) => isNumber(v) && v >= -90 && v <= 90;

/** A camera target from a message or a method call, or null. */
export function parseViewTarget(v: unknown): ViewTarget | null {
  if (!isObject(v)) return null;
  if (Array.isArray(v.bounds)) {
    const b = v.bounds;
    if (b.length === 4 && isLon(b[0]) && isLat(b[1]) && isLon(b[2]) && isLat(b[3]) && b[0] < b[2] && b[1] < b[3]) return { bounds: [b[0], b[1], b[2], b[3]] as BBox };
    return null;
  }
  const c = v.center;
  if (Array.isArray(c) && c.length === 2 && isLon(c[0]) && isLat(c[1]) && isNumber(v.zoom) && v.zoom >= 0 && v.zoom <= 24) {
    return { center: [c[0] as number, c[1] as number], zoom: v.zoom };
  }
  return null;
}

/** The layer list of a setLayers call, or null. */
export function parseLayerList(v: unknown): string[] | null {
  return Array.isArray(v) && v.length <= MAX_LAYERS && v.every(isId) ? [...new Set(v as string[])] : null;
}

/** The name after the prefix, when `data` is one of our messages of this version. */
function nameOf(data: unknown): { name: string; detail: Record<string, unknown> } | null {
  if (!isObject(data) || typeof data.type !== 'string' || !data.type.startsWith(PREFIX)) return null;
  const detail = data.detail === undefined ? {} : data.detail;
  if (!isObject(detail)) return null;
  return { name: data.type.slice(PREFIX.length), detail };
}

/** A command for the embed (host -> embed), or null for anything else. */
export function parseCommand(data: unknown): Command | null {
  const m = nameOf(data);
  if (!m) return null;
  switch (m.name) {
    case 'select':
      return isId(m.detail.target) ? { name: 'select', target: m.detail.target } : null;
    case 'clearSelection':
      return { name: 'clearSelection' };
    case 'setLayers': {
      const layers = parseLayerList(m.detail.layers);
      return layers ? { name: 'setLayers', layers } : null;
    }
    case 'setView': {
      const view = parseViewTarget(m.detail);
      return view ? { name: 'setView', view } : null;
    }
    default:
      return null;
  }
}

/** A frame-level message (hello, resize, live), or null. A height is a finite number in range, never CSS. */
export function parseFrameMessage(data: unknown): FrameMessage | null {
  const m = nameOf(data);
  if (!m) return null;
  if (m.name === 'hello') return m.detail.answer === true ? { name: 'hello', answer: true } : { name: 'hello' };
  if (m.name === 'resize') {
    const h = m.detail.height;
    return isNumber(h) && h >= 0 && h <= MAX_HEIGHT ? { name: 'resize', height: h } : null;
  }
  if (m.name === 'live') return typeof m.detail.live === 'boolean' ? { name: 'live', live: m.detail.live } : null;
  return null;
}

/** An API event (embed -> host), or null. The detail is checked only for being an object of the right event. */
export function parseEvent(data: unknown): { name: EventName; detail: Record<string, unknown> } | null {
  const m = nameOf(data);
  if (!m || !(EVENT_NAMES as readonly string[]).includes(m.name)) return null;
  return { name: m.name as EventName, detail: m.detail };
}

export function message(name: string, detail: object = {}): { type: string; detail: object } {
  return { type: PREFIX + name, detail };
}

/** A command as a message, for the host side. */
export function commandMessage(cmd: Command) {
  switch (cmd.name) {
    case 'select':
      return message('select', { target: cmd.target });
    case 'clearSelection':
      return message('clearSelection');
    case 'setLayers':
      return message('setLayers', { layers: cmd.layers });
    case 'setView':
      return message('setView', cmd.view);
  }
}
