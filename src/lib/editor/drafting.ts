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

/** A story folder name from a title: "Putin and Erdogan open TurkStream" → "putin-and-erdogan-open-turkstream". */
export function folderName(title: string): string {
  return title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'draft';
}
