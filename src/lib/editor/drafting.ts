// The editor's one seam with the drafter (src/lib/draft, the same code as `npm run draft`): loaded
// only when a producer pastes an article or searches the gazetteer, with the gazetteer the build
// emits at its root (gazetteer.json).
import type { Candidate, FoundPlace, Gazetteer } from '../draft';

export type { Candidate, FoundPlace };

/** A found place as the producer reviews it: open, accepted or rejected; which candidate is chosen. */
export interface PlaceReview {
  place: FoundPlace;
  status: 'open' | 'accepted' | 'rejected';
  chosen: string;
}

/** The drafted layer's id (its features are keyed "places:<id>"). */
export const PLACES_LAYER = 'places';

let gazetteer: Promise<{ draft: typeof import('../draft'); gazetteer: Gazetteer }> | null = null;

/** The drafter and the gazetteer, fetched once from our own site. */
export function loadDrafter(root = './'): Promise<{ draft: typeof import('../draft'); gazetteer: Gazetteer }> {
  gazetteer ??= Promise.all([import('../draft'), fetch(new URL('gazetteer.json', new URL(root, document.baseURI)), { credentials: 'same-origin' })]).then(async ([draft, res]) => {
    if (!res.ok) throw new Error(`the gazetteer could not be loaded (HTTP ${res.status})`);
    return { draft, gazetteer: draft.parseGazetteer(await res.text()) };
  });
  gazetteer.catch(() => (gazetteer = null));
  return gazetteer;
}

/** Reviews for the places a draft found, keyed by feature key; places the draft did not map are left out. */
export function reviewsOf(places: readonly FoundPlace[]): Map<string, PlaceReview> {
  const out = new Map<string, PlaceReview>();
  for (const place of places) {
    if (place.mapped === false) continue;
    out.set(`${PLACES_LAYER}:${place.id}`, { place, status: 'open', chosen: place.candidates[0]?.id ?? '' });
  }
  return out;
}

/**
 * The names a draft found and did not put on the map, each with why (a capital named as its
 * government, a river, a word that is also a small town's name…): the editor lists them under the
 * places found, as the command line does, so that a name the article means can be linked by hand.
 */
export const unmappedOf = (places: readonly FoundPlace[]): FoundPlace[] => places.filter((p) => p.mapped === false);

/** A story folder name from a title: "Putin and Erdogan open TurkStream" → "putin-and-erdogan-open-turkstream". */
export function folderName(title: string): string {
  return title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'draft';
}

const regions = typeof Intl !== 'undefined' && 'DisplayNames' in Intl ? new Intl.DisplayNames(['en'], { type: 'region' }) : null;

/** "Alexandria, Egypt", "Alexandria, VA, United States": the country in words, a US state by its code. */
export function candidateLabel(c: Candidate): string {
  let country = c.country;
  try {
    if (country && /^[A-Z]{2}$/.test(country)) country = regions?.of(country) ?? country;
  } catch {
    // an unknown code is shown as it is
  }
  const state = c.country === 'US' && c.admin1 && /^[A-Z]{2}$/.test(c.admin1) ? c.admin1 : undefined;
  return [c.name, state, country].filter(Boolean).join(', ');
}

/** Coordinates as the validator likes them: at most 6 decimals (about 10 cm). */
export function roundGeometry<G extends import('geojson').Geometry>(g: G): G {
  const round = (c: unknown): unknown => (typeof c === 'number' ? Math.round(c * 1e6) / 1e6 : Array.isArray(c) ? c.map(round) : c);
  return g.type === 'GeometryCollection' ? g : ({ ...g, coordinates: round((g as { coordinates: unknown }).coordinates) } as G);
}
