// Draft a story from an article (issue 15, part 1): passages with stable ids, places found in the
// text and resolved against the gazetteer, written as a story folder that validates.
// Pure and browser-safe (the editor runs it too): no node: imports anywhere under src/lib/draft.
import { fold, parseGazetteer, searchGazetteer, type Gazetteer } from './gazetteer.ts';
import { findMentions, type Mention } from './mentions.ts';
import { articleMarkdown, splitArticle } from './passages.ts';
import { resolvePlaces, type Resolved } from './resolve.ts';
import type { Draft, DraftOptions, FoundPlace } from './types.ts';
import { PALETTE } from '../palette.ts';

export { parseGazetteer, searchGazetteer, fold };
export type { Gazetteer, GazetteerEntry, Kind } from './gazetteer.ts';
export type { Draft, DraftOptions, FoundPlace, Candidate } from './types.ts';
export { splitArticle, articleMarkdown } from './passages.ts';

export const PLACES_LAYER = 'places';
export const PLACES_FILE = 'layers/places.geojson';
/** The drafted places' layer colour: the checked palette's orange (src/lib/palette.ts). */
export const PLACES_COLOR = PALETTE.find((p) => p.name === 'Orange')!.color;

/** A story id from a title: "Putin, Erdogan urge…" → "putin-erdogan-urge-restraint". */
export function storyId(title: string, date?: string): string {
  const words = fold(title).split(/[^a-z0-9]+/).filter((w) => w.length > 1).slice(0, 5);
  const base = words.join('-') || 'draft';
  return date && /^\d{4}/.test(date) ? `${base}-${date.slice(0, 10)}` : base;
}

/**
 * Drafts a story from an article's text (plain text or Markdown). `files` holds the story folder:
 * story.json, article.md and layers/places.geojson; `places` every place found, the mapped ones
 * and those only listed for review (`mapped: false`: a capital named as its government, a country
 * named by its demonym).
 */
export function draftStory(text: string, gazetteer: Gazetteer, options: DraftOptions & { outlet?: string; markdown?: boolean } = {}): Draft {
  const split = splitArticle(text, { ...(options.title ? { title: options.title } : {}), ...(options.markdown !== undefined ? { markdown: options.markdown } : {}) });
  const title = (options.title ?? split.title ?? 'Untitled draft').trim() || 'Untitled draft';
  const date = options.date ?? split.date ?? 'unknown';
  const id = options.id ?? storyId(title, date);
  const linkable = new Set(split.passages.filter((p) => p.kind === 'passage').map((p) => p.id));
  const mentions = findMentions(split.passages, gazetteer);
  // The headline's countries place the story ("Heatwave grips Spain and Portugal": Córdoba and León
  // are Spain's), though the headline is no passage to link them from.
  // (A title made from the first sentence is read there already.)
  const headline = split.passages.some((p) => p.text.startsWith(title)) ? [] : findMentions([{ id: 'headline', kind: 'heading', text: title, markdown: title }], gazetteer);
  const resolved = resolvePlaces(mentions, split.passages, gazetteer, split.passages.map((p) => p.text).join('\n'), headlineCountries(headline));

  const mapped = resolved.filter((p) => p.mapped !== false);
  const features = mapped.map((p) => placeFeature(p, date, linkable));
  const links: Record<string, { passages: string[]; aliases: string[] }> = {};
  for (const p of mapped) {
    const passages = p.passages.filter((id) => linkable.has(id));
    if (!passages.length) continue;
    const aliases = p.forms.filter((f) => f !== p.name);
    links[`${PLACES_LAYER}:${p.id}`] = { passages, aliases: aliases.length ? aliases : [p.name] };
  }
  const usedSources = new Set(mapped.map((p) => p.entry.source));
  const attribution = gazetteer.sources.filter((s) => usedSources.has(s.text)).map((s) => ({ text: `Place locations: ${s.text}`, url: s.url }));
  if (!attribution.length) attribution.push({ text: 'Made with Natural Earth', url: 'https://www.naturalearthdata.com/' });

  const story = {
    $schema: '../../static/story.schema.json',
    id,
    title: title.slice(0, 300),
    outlet: options.outlet ?? 'Draft: set the outlet',
    date,
    ...(split.byline ? { byline: split.byline } : {}),
    language: 'en',
    article: 'article.md',
    summary: summary(mapped),
    view: { bounds: bounds(mapped) },
    attribution,
    layers: [
      {
        id: PLACES_LAYER,
        name: 'Places',
        file: PLACES_FILE,
        color: PLACES_COLOR,
        description: 'Places named in the article, found and located automatically: check each before publishing',
      },
    ],
    features: links,
  };
  const files = new Map<string, string>([
    ['story.json', JSON.stringify(story, null, 2) + '\n'],
    ['article.md', articleMarkdown(split.passages)],
    [PLACES_FILE, JSON.stringify({ type: 'FeatureCollection', features }, null, 1) + '\n'],
  ]);
  const places: FoundPlace[] = resolved.map(({ entry: _e, mentions: _m, ...p }) => p);
  return { id, files, places };
}

/** The countries a headline names (by name, not by their people's). */
function headlineCountries(mentions: readonly Mention[]): string[] {
  return [...new Set(mentions.flatMap((m) => m.entries.find((e) => e.kind === 'country')?.country ?? []))];
}

function placeFeature(p: Resolved, date: string, linkable: Set<string>) {
  const onlyAside = !p.passages.some((id) => linkable.has(id));
  const area = (p.kind === 'country' || p.kind === 'region') && p.entry.outline?.length;
  const geometry = area
    ? { type: 'MultiPolygon', coordinates: p.entry.outline }
    : { type: 'Point', coordinates: p.coordinates };
  return {
    type: 'Feature',
    properties: {
      id: p.id,
      name: p.name,
      date,
      source: p.entry.source,
      confidence: p.confidence,
      ...(p.review ? { review: p.review } : {}),
      kind: p.kind,
      ...(p.entry.country ? { country: p.entry.country } : {}),
      gazetteer: p.entry.id,
      // A region without an outline is drawn at its label point: not where the events were.
      ...(p.kind === 'region' && !area ? { approximate: true } : {}),
      // A whole country, region or sea orients the reader; so does a place named only in a caption.
      ...(p.kind === 'country' || p.kind === 'region' || p.kind === 'water' || onlyAside ? { context: true } : {}),
    },
    geometry,
  };
}

function summary(places: Resolved[]): string {
  if (!places.length) return 'No places were found in this article.';
  const names = places.slice(0, 12).map((p) => p.name);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  return `A map of the places this article names: ${list}${places.length > 12 ? ' and others' : ''}.`;
}

/** The view: the cities and seas named (a country or a region only by its label point), with a margin. */
function bounds(places: Resolved[]): [number, number, number, number] {
  const pts = places.map((p) => p.coordinates);
  if (!pts.length) return [-170, -60, 170, 75];
  let [w, s, e, n] = [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
  const pad = Math.max(1, (e - w) * 0.1, (n - s) * 0.1);
  w = Math.max(-180, w - pad); e = Math.min(180, e + pad); s = Math.max(-85, s - pad); n = Math.min(85, n + pad);
  const r = (x: number) => Math.round(x * 100) / 100;
  return [r(w), r(s), r(e), r(n)];
}
