// A tiled layer's feature index (tiles/<layer>/index.json, written by scripts/story-tiles.ts): read
// back, checked, and looked up. Loaded by tiled.ts only when a story has a tiled layer and the page
// needs a feature its tiles have not shown (a link, the host API, the list of places' "show more"):
// a story without one never fetches this code.
import type { StoryFeature, StoryLayer, StoryModel } from './model';
import { checkedFeature, goodId, INDEX_FORMAT, KINDS, learn, type FeatureIndexFile } from './tiled';

/** A feature index read back: a lookup by feature id, and every feature id in file order. */
export type IndexLookup = ((id: string) => StoryFeature | null) & { readonly ids: readonly string[] };

/** A feature index read back (IndexLookup). Null when it is not the index of this layer. */
export function readIndex(json: unknown, layer: StoryLayer): IndexLookup | null {
  if (typeof json !== 'object' || json === null || !layer.tiled) return null;
  const ix = json as FeatureIndexFile;
  const n = layer.tiled.count;
  if (ix.format !== INDEX_FORMAT || ix.layer !== layer.spec.id || ix.count !== n) return null;
  const lists = [ix.strings, ix.id, ix.name, ix.date, ix.source, ix.description, ix.confidence, ix.claimSource, ix.category, ix.kind, ix.flags, ix.bbox];
  if (!lists.every(Array.isArray)) return null;
  if (![ix.id, ix.name, ix.date, ix.source, ix.description, ix.confidence, ix.claimSource, ix.category, ix.kind, ix.flags].every((l) => l.length === n) || ix.bbox.length !== 4 * n) return null;
  // A map of ids built once (no object keyed by data); the rest is checked per feature when asked.
  const at = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = ix.id[i];
    if (!goodId(id) || at.has(id)) return null;
    at.set(id, i);
  }
  const text = (k: unknown) => (k === -1 ? undefined : Number.isInteger(k) && (k as number) >= 0 && (k as number) < ix.strings.length ? ix.strings[k as number] : null);
  const lookup = (id: string) => {
    const i = at.get(id);
    if (i === undefined) return null;
    const fields = { date: text(ix.date[i]), source: text(ix.source[i]), description: text(ix.description[i]), confidence: text(ix.confidence[i]), claimSource: text(ix.claimSource[i]), category: text(ix.category[i]) };
    if (Object.values(fields).includes(null)) return null;
    const flags = ix.flags[i]!;
    return checkedFeature(layer, i, { ...fields, id, name: ix.name[i], kind: KINDS[ix.kind[i]!], approximate: (flags & 1) !== 0, context: (flags & 2) !== 0 }, ix.bbox.slice(4 * i, 4 * i + 4));
  };
  return Object.assign(lookup, { ids: ix.id as readonly string[] });
}

/** Feature indexes fetched so far, by layer (one request per layer, shared by every lookup). */
const indexes = new WeakMap<StoryLayer, Promise<IndexLookup | null>>();

/** Largest feature index read (a million features at about 100 bytes each). */
const MAX_INDEX_BYTES = 128 * 1024 * 1024;

function loadIndex(layer: StoryLayer) {
  let p = indexes.get(layer);
  if (!p) {
    p = fetch(layer.tiled!.index, { credentials: 'same-origin' })
      .then(async (res) => {
        if (!res.ok || Number(res.headers.get('content-length')) > MAX_INDEX_BYTES) {
          void res.body?.cancel();
          return null;
        }
        return readIndex(await res.json(), layer);
      })
      .catch(() => null);
    indexes.set(layer, p);
  }
  return p;
}

/** findFeature's lookup (tiled.ts), for a key of `layer` the model does not hold yet. */
export async function findInIndex(model: StoryModel, layer: StoryLayer, key: string): Promise<boolean> {
  const lookup = await loadIndex(layer);
  const f = lookup?.(key.slice(layer.spec.id.length + 1));
  if (f) learn(model, f);
  return Boolean(f);
}

/** indexPage's page (tiled.ts), for a tiled layer. */
export async function pageOfIndex(model: StoryModel, layer: StoryLayer, listed: (key: string) => boolean, from: number, count: number): Promise<{ features: StoryFeature[]; next: number } | null> {
  const lookup = await loadIndex(layer);
  if (!lookup) return null;
  const features: StoryFeature[] = [];
  let i = from;
  for (; i < lookup.ids.length && features.length < count; i++) {
    const key = `${layer.spec.id}:${lookup.ids[i]}`;
    if (listed(key)) continue;
    const f = lookup(lookup.ids[i]!);
    if (f) features.push(learn(model, f));
  }
  return { features, next: i };
}
