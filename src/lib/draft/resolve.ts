// From names found in the text to places: each name's gazetteer entries scored by population and
// rank (capital, first-level seat), by the countries the article names (and the "X, Y" qualifier
// of the name itself), and by the distance to the article's other places; then how sure that is.
import { fold, namesRegion, toCandidate, type Gazetteer, type GazetteerEntry } from './gazetteer.ts';
import { US_STATES, type Mention } from './mentions.ts';
import type { Passage } from './passages.ts';
import type { FoundPlace } from './types.ts';
import { distanceKm } from '../story/distance-km.ts';

export interface Resolved extends FoundPlace {
  entry: GazetteerEntry;
  mentions: Mention[];
}

const RANK: Record<string, number> = { PPLC: 1.5, PPLA: 0.7, PPLA2: 0.2 };

interface Group { key: string; mentions: Mention[]; entries: GazetteerEntry[] }
interface Choice { entry: GazetteerEntry; scores: { e: GazetteerEntry; s: number; ctx: number; prox: number }[] }

export function resolvePlaces(mentions: Mention[], passages: Passage[], gazetteer: Gazetteer, articleText: string, headlineCountries: readonly string[] = []): Resolved[] {
  // The countries the article names: by name (strong), by demonym (weak).
  const ctx = new Map<string, number>();
  // By name: 4, and 0.5 more for each further time, up to 6; by demonym only: 1.5.
  const named = new Map<string, number>();
  for (const m of mentions) {
    const c = m.entries.find((e) => e.kind === 'country');
    if (c?.country) named.set(c.country, (named.get(c.country) ?? 0) + 1);
  }
  // A country the headline names counts as named once more.
  for (const code of headlineCountries) named.set(code, (named.get(code) ?? 0) + 1);
  for (const [code, n] of named) ctx.set(code, Math.min(6, 4 + 0.5 * (n - 1)));
  for (const m of mentions) if (m.demonym?.country && !ctx.has(m.demonym.country)) ctx.set(m.demonym.country, 1.5);

  const groups = new Map<string, Group>();
  for (const m of mentions) {
    if (m.demonym || (m.isQualifier && m.usState)) continue;
    const g = groups.get(m.key) ?? { key: m.key, mentions: [], entries: m.entries };
    g.mentions.push(m);
    groups.set(m.key, g);
  }
  const lowerWords = new Set(articleText.match(/\b\p{Ll}[\p{L}'’-]*/gu) ?? []);
  // US states named bare ("In Missouri, the storms…", "the governor of Kentucky"): the state, not
  // Missouri City, Texas, whose short name it is; and the article's towns in it are supported by it,
  // as by a country it names (Bowling Green, Kentucky, over Bowling Green, Ohio).
  const stateOf = new Map<Group, string>();
  for (const g of groups.values()) {
    const code = usStateOf(g.key, g.entries);
    if (code) stateOf.set(g, code);
  }
  const statesNamed = new Set([...stateOf].filter(([g]) => g.mentions.some((m) => !m.river)).map(([, code]) => code));

  const cityScores = (g: Group, anchors: [number, number][]): Choice => {
    const qual = g.mentions.find((m) => m.qualifier)?.qualifier;
    const scores = g.entries.filter((e) => e.kind === 'city').map((e) => {
      let s = Math.log10((e.population ?? 0) + 10) + (RANK[e.featureCode ?? ''] ?? 0);
      let c = ctx.get(e.country ?? '') ?? 0;
      if (qual && qual.country === e.country) c += qual.admin1 ? (qual.admin1 === e.admin1 ? 8 : 0) : 8;
      if (e.country === 'US' && statesNamed.has(e.admin1 ?? '')) c += STATE_NAMED;
      let prox = 0;
      let near = 0;
      for (const a of anchors) {
        const d = distanceKm(a, e.coordinates);
        if (d < 1) continue; // itself
        const b = d < 50 ? 3 : d < 150 ? 2.5 : d < 400 ? 1.5 : d < 1000 ? 0.5 : 0;
        if (b > prox) prox = b;
        if (d < 1000) near++;
      }
      if (prox) prox += Math.min(0.5, 0.2 * (near - 1));
      s += c + prox;
      return { e, s, ctx: c, prox };
    });
    scores.sort((a, b) => b.s - a.s);
    return { entry: scores[0]!.e, scores };
  };

  // Pass 1: anchors are the places whose name is not in doubt (one town by it, or one far bigger).
  // Groups that name a town: a town's name (a region of the same name aside: the town wins by
  // default), not a country's or a sea's, and not a region named as one ("Idlib province").
  const cityGroups = [...groups.values()].filter((g) => g.entries.some((e) => e.kind === 'city') && !g.entries.some((e) => e.kind === 'country' || e.kind === 'water') && !namesRegion(g.key) && !stateOf.has(g));
  // A capital named only as its government says nothing about where the story is.
  const isGovernment = (g: Group) => g.mentions.every((m) => m.metonym);
  const sure = (g: Group) => {
    const c = g.entries.filter((e) => e.kind === 'city');
    return c.length === 1 || (c[0]!.population ?? 0) >= 20 * (c[1]!.population ?? 0);
  };
  const first = new Map(cityGroups.map((g) => [g, cityScores(g, [])]));
  const anchorsFor = (g: Group, use: (o: Group) => boolean) => cityGroups.filter((o) => o !== g && !isGovernment(o) && use(o)).map((o) => first.get(o)!.entry.coordinates);
  const second = new Map(cityGroups.map((g) => [g, cityScores(g, anchorsFor(g, sure))]));
  for (const [g, c] of second) first.set(g, c);
  const third = new Map(cityGroups.map((g) => [g, cityScores(g, anchorsFor(g, () => true))]));

  // Regions: by the article's countries, by the towns chosen (within 150 or 400 km of the region's
  // label point), and
  // a little by how well known the region is (Natural Earth's label rank: 2 for Xinjiang or
  // California … 9).
  // The other names' towns: a region's own seat, read as the town of its name ("Kyiv"), is no support for it.
  const townAnchors = (g: Group) => cityGroups.filter((o) => o !== g && !isGovernment(o)).map((o) => third.get(o)!.entry.coordinates);
  const regionScores = (g: Group) => {
    const scores = g.entries.filter((e) => e.kind === 'region').map((e) => {
      const c = ctx.get(e.country ?? '') ?? 0;
      let prox = 0;
      for (const a of townAnchors(g)) {
        const d = distanceKm(a, e.coordinates);
        prox = Math.max(prox, d < 150 ? 2 : d < 400 ? 1 : 0);
      }
      return { e, s: c + prox + 0.2 * (10 - Math.min(10, e.rank ?? 9)), ctx: c, prox };
    });
    scores.sort((a, b) => b.s - a.s);
    return scores;
  };

  const places: Resolved[] = [];
  for (const g of groups.values()) {
    const country = g.entries.find((e) => e.kind === 'country');
    const water = g.entries.find((e) => e.kind === 'water');
    let entry: GazetteerEntry;
    let confidence: FoundPlace['confidence'] = 'high';
    let review: string | undefined;
    let mapped = true;
    let candidates;
    const regions = g.entries.some((e) => e.kind === 'region') ? regionScores(g) : [];
    const named = namesRegion(g.key) || g.mentions.every((m) => m.regionCue);
    // A region when the text says so ("Idlib province"), or when no town, country or sea has the name.
    let asRegion = regions.length > 0 && (named || (!country && !water && !g.entries.some((e) => e.kind === 'city')) || stateOf.has(g));
    // A town the article does not support gives way to a region of the name whose country the
    // article names ("Victoria" in an article about Australia; "Virginia" in one about the United
    // States), or near the article's towns: "Cornwall" with Bristol, Cardiff and Reading was
    // Cornwall, Ontario, a town of 46,000 (only a town under 15,000 gave way so, before 2026-12-07).
    if (!asRegion && regions.length && !country && !water) {
      const top = third.get(g)?.scores[0];
      const unsupported = top && !(top.ctx > 0 || top.prox > 0);
      if (unsupported && (regions[0]!.ctx > 0 || regions[0]!.prox > 0)) asRegion = true;
    }
    if (asRegion) {
      const [top, next] = regions;
      entry = top!.e;
      const margin = next ? top!.s - next.s : 10;
      const supported = top!.ctx > 0 || top!.prox > 0;
      confidence = margin >= 2 ? (supported || named ? 'high' : 'medium') : margin >= 1 ? 'medium' : 'low';
      if (next && margin < 2) review = `ambiguous: ${describe(top!.e)} or ${describe(next.e)}`;
      // "Kent", "Amazonas", "Danube" (another name of Serbia's Podunavski): a region named bare,
      // not among the best known (Natural Earth label rank 2 or 3), in an article that does not place it.
      if (!named && !supported && (entry.rank ?? 9) > 3) {
        if (g.mentions.every((m) => m.person && !m.place)) continue;
        confidence = 'low';
        mapped = false;
        review = `a region of ${entry.country ?? 'unknown country'} the article does not otherwise place: check it is meant`;
      }
      const others = g.entries.filter((e) => e.kind !== 'region').slice(0, 3).map((e) => toCandidate(e, Math.log10((e.population ?? 0) + 10)));
      candidates = [...regions.slice(0, 5).map((x) => toCandidate(x.e, x.s)), ...others];
    } else if (country || water) {
      entry = (country ?? water)!;
      candidates = [toCandidate(entry, 10), ...g.entries.filter((e) => e !== entry).slice(0, 5).map((e) => toCandidate(e, Math.log10((e.population ?? 0) + 10)))];
    } else {
      const choice = third.get(g)!;
      entry = choice.entry;
      const [top, next] = choice.scores;
      const margin = next ? top!.s - next.s : 10;
      const small = (entry.population ?? 0) < 15000 && !RANK[entry.featureCode ?? ''];
      const supported = top!.ctx > 0 || top!.prox > 0;
      confidence = margin >= 2 && (supported || !small) ? 'high' : margin >= 1 ? 'medium' : 'low';
      if (next && margin < 2) review = `ambiguous: ${describe(top!.e)} or ${describe(next.e)}`;
      if (small && !supported) {
        confidence = 'low';
        mapped = false;
        review = 'a small place with no other place of the article near it: probably another word';
      }
      // A common word opening a sentence ("Mobile phones…", "Nice weather…").
      if (g.mentions.every((m) => m.sentenceStart && m.surface.split(/\s+/).length === 1) && lowerWords.has(g.mentions[0]!.surface.toLowerCase()) && !supported) continue;
      if (g.mentions.every((m) => m.sentenceStart) && small && !supported) continue;
      // "Erdogan", "Charlotte": a person's name as the tagger reads it, and no place of the article near.
      if (g.mentions.every((m) => m.person && !m.place && m.surface.split(/\s+/).length === 1) && !supported && !m0Qualified(g)) continue;
      candidates = [...choice.scores.slice(0, 6).map((x) => toCandidate(x.e, x.s)), ...regions.slice(0, 2).map((x) => toCandidate(x.e, x.s))];
    }
    // Named only as a river ("the Po river"): not the town, region or country of its name.
    if (g.mentions.every((m) => m.river)) {
      confidence = 'low';
      mapped = false;
      review = `named as a river ("${g.mentions[0]!.surface}"), which the gazetteer does not have; not ${describe(entry)}, the ${entry.kind === 'city' ? 'town' : entry.kind} of its name. Draw the river as a line if the map needs it`;
    }
    // A capital named only as its government ("Moscow said", "denied by Moscow").
    if (entry.kind === 'city' && entry.featureCode === 'PPLC' && g.mentions.every((m) => m.metonym)) {
      confidence = 'low';
      mapped = false;
      review = `named only as its government ("${g.mentions[0]!.surface} …"), not as a place`;
    }
    places.push({
      id: '', name: entry.name, kind: entry.kind, forms: [], passages: [], coordinates: entry.coordinates, confidence,
      ...(review ? { review } : {}), candidates, mapped, source: entry.source, ...(entry.country ? { country: entry.country } : {}),
      entry, mentions: g.mentions,
    });
  }

  // A country that is also a US state ("Georgia") in an article about places in the United States.
  const usCities = places.filter((p) => p.kind === 'city' && p.entry.country === 'US').length;
  for (const p of places) {
    if (p.kind !== 'country' || !US_STATES[fold(p.name)] || p.entry.country === 'US') continue;
    const own = places.filter((o) => o.kind === 'city' && o.entry.country === p.entry.country).length;
    if (usCities > own) {
      p.confidence = 'low';
      p.mapped = false;
      p.review = `probably the US state of ${p.name}, not the country (the article's other places are in the United States)`;
    }
  }

  // Countries named only by their people ("Armenian"): listed for review, not mapped.
  const placeIds = new Set(places.map((p) => p.entry.id));
  const demonyms = new Map<string, Mention[]>();
  for (const m of mentions) if (m.demonym && !placeIds.has(m.demonym.id)) demonyms.set(m.demonym.id, [...(demonyms.get(m.demonym.id) ?? []), m]);
  for (const ms of demonyms.values()) {
    const entry = ms[0]!.demonym!;
    places.push({
      id: '', name: entry.name, kind: 'country', forms: [], passages: [], coordinates: entry.coordinates, confidence: 'low',
      review: `named only by a demonym ("${ms[0]!.surface}"): its people, not the place`, candidates: [toCandidate(entry, 0)], mapped: false,
      source: entry.source, ...(entry.country ? { country: entry.country } : {}), entry, mentions: ms,
    });
  }

  // One place per gazetteer entry (Kiev and Kyiv), each with its forms, passages and its own id.
  const byEntry = new Map<string, Resolved>();
  for (const p of places) {
    const had = byEntry.get(p.entry.id);
    if (had) {
      had.mentions.push(...p.mentions);
      if (p.mapped) had.mapped = true;
      if (rankOf(p.confidence) > rankOf(had.confidence)) { had.confidence = p.confidence; if (!p.review) delete had.review; }
    } else byEntry.set(p.entry.id, p);
  }
  const ids = new Set<string>();
  const out = [...byEntry.values()];
  for (const p of out) {
    p.forms = [...new Set(p.mentions.map((m) => m.surface))];
    p.passages = [...new Set(p.mentions.map((m) => passages[m.passage]!.id))];
    let id = slug(p.name);
    if (ids.has(id)) id = `${id}-${(p.entry.country ?? 'x').toLowerCase()}`;
    let k = 2;
    const base = id;
    while (ids.has(id)) id = `${base}-${k++}`;
    ids.add(id);
    p.id = id;
  }
  // In the order the article names them.
  const firstAt = (p: Resolved) => Math.min(...p.mentions.map((m) => m.passage * 1e6 + m.start));
  return out.sort((a, b) => firstAt(a) - firstAt(b));
}

const m0Qualified = (g: Group) => g.mentions.some((m) => m.qualifier);
/** How much a town in a US state the article names is supported (a country named gives 4 to 6). */
const STATE_NAMED = 3;
/**
 * The US state a name means, when it means one: a state's name, not a country's (Georgia), with no
 * town of that name but "<State> City" under a million people (Missouri City, Kansas City, Iowa
 * City, Oklahoma City: GeoNames gives each its state's name as a short name) or a town of exactly
 * its name under 100,000 (California, Maryland; Delaware, Ohio). Not New York (the city) nor
 * Washington (D.C., as the news means it).
 */
function usStateOf(key: string, entries: readonly GazetteerEntry[]): string | undefined {
  const code = US_STATES[key];
  if (!code || !entries.some((e) => e.kind === 'region' && e.country === 'US') || entries.some((e) => e.kind === 'country')) return undefined;
  return entries.every((e) => e.kind !== 'city' || (fold(e.name) === `${key} city` && (e.population ?? 0) < 1_000_000) || (fold(e.name) === key && (e.population ?? 0) < 100_000)) ? code : undefined;
}
const rankOf = (c: FoundPlace['confidence']) => ({ low: 0, medium: 1, high: 2 })[c];
const slug = (s: string) => fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'place';
function describe(e: GazetteerEntry): string {
  if (e.kind === 'region') return `${e.name} (${e.featureCode ? `${e.featureCode.toLowerCase()}, ` : ''}${e.country ?? 'region'})`;
  return `${e.name}${e.admin1 && e.country === 'US' ? `, ${e.admin1}` : ''} (${e.country ?? e.kind}${e.population ? `, pop. ${e.population.toLocaleString('en')}` : ''})`;
}
