// Deep links: the state of a story (what is selected, which layers show, where the map looks) as a
// URL fragment, e.g.
//
//   #f=iraq-bases:tehran&l=libya,iraq-bases&v=44.3661,33.3152,6.5
//
//   f  the selected feature, "layerId:featureId"
//   p  the selected passage id (only when no feature is selected)
//   g  with p: the features a place name in it names ("Government of National Accord": the districts
//      it held), comma-separated; without it the whole passage is selected
//   l  the visible layers, comma-separated ("l=" shows none; absent = the story's defaults)
//   v  the view: longitude,latitude,zoom; left out while the map shows the selection as it framed
//      it, so a link opened on another screen frames it for that screen (url-sync.svelte.ts)
//
// Pure functions, no DOM: the page (url-sync) and the embeds read and write links with these.
// Parsing never throws; whatever is malformed is dropped and the rest kept.

export interface LinkView {
  center: [number, number];
  zoom: number;
}

export interface LinkState {
  /** Selected feature key. */
  feature?: string;
  /** Selected passage id (ignored when a feature is given). */
  passage?: string;
  /** With a passage: the features a place name in it names (the state's `group`). */
  group?: string[];
  /** Visible layer ids; undefined keeps the story's defaults. */
  layers?: string[];
  /** Camera. */
  view?: LinkView;
}

const KEYS = new Set(['f', 'p', 'g', 'l', 'v']);
/** Most features a link's group names: a phrase names a handful; this bounds the work on junk. */
const MAX_GROUP = 200;
// Longest id we accept from a link; ids in stories are short, and this bounds the work on junk.
const MAX_ID = 200;
/** The start of a passage's element id on the page (Article.svelte): "passage-" and its id. */
const PASSAGE_ANCHOR = 'passage-';
const MAX_LINK = 4000;

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

// Readable links: ":" and "," are legal in a fragment and common in our ids, so they stay as they are.
const encode = (s: string) => encodeURIComponent(s).replace(/%3A/gi, ':');

const cleanId = (s: string | null | undefined): string | undefined => {
  if (s == null) return undefined;
  const t = s.trim();
  // No control characters (including bidi overrides) in ids we hand to the story.
  return t && t.length <= MAX_ID && !/[\p{Cc}\p{Cf}]/u.test(t) ? t : undefined;
};

/** A comma-separated list of ids, each cleaned (cleanId), once each; [] for none. */
const idList = (text: string | undefined): string[] => (text === undefined ? [] : [...new Set(text.split(',').map((l) => cleanId(l)).filter((l): l is string => !!l))]);

/** Parses "lon,lat,zoom"; null unless all three are finite and in range. */
export function parseView(text: string): LinkView | null {
  const parts = text.split(',');
  if (parts.length !== 3 || parts.some((p) => !/^\s*-?\d+(\.\d+)?\s*$/.test(p))) return null;
  const [lon, lat, zoom] = parts.map(Number) as [number, number, number];
  if (!(lon >= -180 && lon <= 180 && lat >= -85.06 && lat <= 85.06 && zoom >= 0 && zoom <= 24)) return null;
  return { center: [lon, lat], zoom };
}

export function formatView(v: LinkView): string {
  // 4 decimals of a degree is about 10 m, 2 of zoom is finer than a reader can tell.
  const r = (n: number, d: number) => String(Number(n.toFixed(d)));
  return `${r(v.center[0], 4)},${r(v.center[1], 4)},${r(v.zoom, 2)}`;
}

/**
 * Reads a fragment ("#f=…&l=…", with or without the "#"). Returns null when the fragment is not a
 * story link at all (empty, or an ordinary anchor like "#notes"), so a page can tell "no state"
 * from "someone else's fragment".
 */
export function parseLink(fragment: string): LinkState | null {
  const text = fragment.replace(/^#/, '');
  if (!text || text.length > MAX_LINK) return null;
  // A passage's own anchor on the page ("#passage-id", its element's id): what an article's link to
  // a passage points at, so that it works without scripts too (targetHref).
  const anchor = text.startsWith(PASSAGE_ANCHOR) && !text.includes('=') ? cleanId(decode(text.slice(PASSAGE_ANCHOR.length))) : undefined;
  if (anchor) return { passage: anchor };
  const params = new Map<string, string>();
  for (const part of text.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq);
    if (!KEYS.has(key) || params.has(key)) continue;
    const value = decode(part.slice(eq + 1));
    if (value !== null) params.set(key, value);
  }
  if (params.size === 0) return null;
  const state: LinkState = {};
  const feature = cleanId(params.get('f'));
  const passage = cleanId(params.get('p'));
  if (feature) state.feature = feature;
  else if (passage) {
    state.passage = passage;
    const group = idList(params.get('g')).slice(0, MAX_GROUP);
    if (group.length) state.group = group;
  }
  const layers = params.get('l');
  if (layers !== undefined) state.layers = idList(layers);
  const view = params.has('v') ? parseView(params.get('v')!) : null;
  if (view) state.view = view;
  return state;
}

/** Writes a fragment without the "#"; "" for an empty state. Keys in a fixed order, so equal states give equal strings. */
export function formatLink(state: LinkState): string {
  const parts: string[] = [];
  if (state.feature) parts.push(`f=${encode(state.feature)}`);
  else if (state.passage) {
    parts.push(`p=${encode(state.passage)}`);
    if (state.group?.length) parts.push(`g=${state.group.map(encode).join(',')}`);
  }
  if (state.layers) parts.push(`l=${state.layers.map(encode).join(',')}`);
  if (state.view) parts.push(`v=${formatView(state.view)}`);
  return parts.join('&');
}

/** The selection part of a link (what Back should step through), as one comparable string. */
export function selectionOf(state: LinkState | null): string {
  if (state?.feature) return `f:${state.feature}`;
  if (state?.passage) return `p:${state.passage}${state.group?.length ? `:${state.group.join(',')}` : ''}`;
  return '';
}

/** What an article link to a place in the story points at (storyTarget). */
export type StoryTarget = { feature: string; passage?: undefined } | { passage: string; feature?: undefined };

const PASSAGE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Where an article's in-page link ("#…") points in the story: "#f=layer:feature" (or any deep link
 * with f=) a feature, "#p=id" or "#id" a passage. Null for anything else (not an in-page link, or
 * one that names nothing a story has).
 */
export function storyTarget(href: string): StoryTarget | null {
  if (!href.startsWith('#')) return null;
  const link = parseLink(href);
  if (link?.feature) return { feature: link.feature };
  if (link?.passage) return { passage: link.passage };
  const id = decode(href.slice(1));
  return link === null && id !== null && id.length <= MAX_ID && PASSAGE_ID.test(id) ? { passage: id } : null;
}

/**
 * An article link's href for a target: opened apart, it selects the same (parseLink). A passage's is
 * its element's own anchor on the page ("#passage-id", Article.svelte), so that before the page's
 * script runs, or without it, the browser still takes the reader there; a feature's is the deep link.
 */
export const targetHref = (t: StoryTarget): string => (t.feature !== undefined ? `#${formatLink({ feature: t.feature })}` : `#${PASSAGE_ANCHOR}${encode(t.passage)}`);
