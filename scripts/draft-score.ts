// npm run draft:score: drafts every article of the evaluation set (tests/fixtures/draft-eval/) and
// scores the places found against the gold ones: precision, recall, F1 (all places, and cities and
// towns alone) and the median distance between found and gold cities. Prints a Markdown table (the
// one in docs/drafting.md); --json prints the numbers and every miss and false find.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { draftStory, fold, type FoundPlace, type Gazetteer } from '../src/lib/draft/index.ts';
import { distanceKm } from '../src/lib/story/distance-km.ts';
import { loadGazetteer } from './draft/gazetteer-cache.ts';
import { terminalSafe, terminalSafeJson } from './terminal.ts';

export const EVAL_DIR = resolve(import.meta.dirname, '../tests/fixtures/draft-eval');

interface GoldPlace { name: string; kind: string; coordinates: [number, number]; aliases?: string[] }
interface Gold { places: GoldPlace[]; notPlaces?: string[] }

export interface Counts { tp: number; fp: number; fn: number }
export interface ArticleScore {
  article: string;
  all: Counts;
  cities: Counts;
  /** gold regions, and regions found */
  regions: Counts;
  /** km, for every gold city found by name (right or wrong place) */
  cityErrors: number[];
  missed: string[];
  wrong: string[];
  /** gold notPlaces mapped anyway */
  governmentsMapped: string[];
}

/** A city within this distance of the gold point is the right place. */
export const CITY_MATCH_KM = 50;

export function scoreArticle(article: string, text: string, gold: Gold, gazetteer: Gazetteer): ArticleScore {
  const found = draftStory(text, gazetteer).places.filter((p) => p.mapped !== false);
  const names = (p: FoundPlace) => new Set([p.name, ...p.forms].map(fold));
  const used = new Set<FoundPlace>();
  const s: ArticleScore = { article, all: { tp: 0, fp: 0, fn: 0 }, cities: { tp: 0, fp: 0, fn: 0 }, regions: { tp: 0, fp: 0, fn: 0 }, cityErrors: [], missed: [], wrong: [], governmentsMapped: [] };
  const cityMatchedNonCity = new Set<FoundPlace>();
  for (const g of gold.places) {
    const keys = [g.name, ...(g.aliases ?? [])].map(fold);
    const byName = found.filter((p) => !used.has(p) && keys.some((k) => names(p).has(k)));
    const d = (p: FoundPlace) => distanceKm(p.coordinates, g.coordinates);
    byName.sort((a, b) => d(a) - d(b));
    const best = byName[0];
    const pointLike = g.kind === 'city' || g.kind === 'other' || (g.kind === 'region' && best?.kind === 'city');
    const ok = best && (pointLike ? d(best) <= (g.kind === 'city' ? CITY_MATCH_KM : 100) : best.kind === g.kind || g.kind === 'region');
    if (g.kind === 'city' && best) s.cityErrors.push(Math.round(d(best) * 10) / 10);
    if (ok) {
      used.add(best);
      s.all.tp++;
      if (g.kind === 'city') s.cities.tp++;
      else if (best.kind === 'city') cityMatchedNonCity.add(best);
      if (g.kind === 'region') s.regions.tp++;
    } else {
      s.all.fn++;
      if (g.kind === 'city') s.cities.fn++;
      if (g.kind === 'region') s.regions.fn++;
      s.missed.push(best ? `${g.name} (found ${best.name}, ${best.country ?? best.kind}, ${Math.round(d(best))} km off)` : g.name);
    }
  }
  for (const p of found) {
    if (used.has(p)) continue;
    s.all.fp++;
    if (p.kind === 'city' && !cityMatchedNonCity.has(p)) s.cities.fp++;
    if (p.kind === 'region') s.regions.fp++;
    s.wrong.push(`${p.name} (${p.kind}${p.country ? `, ${p.country}` : ''}) from “${p.forms.join('”, “')}”`);
    if ((gold.notPlaces ?? []).map(fold).some((n) => names(p).has(n))) s.governmentsMapped.push(p.name);
  }
  return s;
}

export function loadEvalSet(dir = EVAL_DIR): { article: string; text: string; gold: Gold }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ article: basename(f, '.txt'), text: readFileSync(join(dir, f), 'utf8'), gold: JSON.parse(readFileSync(join(dir, f.replace(/\.txt$/, '.gold.json')), 'utf8')) as Gold }));
}

export const prf = (c: Counts) => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};
const sum = (cs: Counts[]): Counts => cs.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
export const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export function scoreAll(gazetteer: Gazetteer) {
  const rows = loadEvalSet().map((a) => scoreArticle(a.article, a.text, a.gold, gazetteer));
  const all = sum(rows.map((r) => r.all));
  const cities = sum(rows.map((r) => r.cities));
  const regions = sum(rows.map((r) => r.regions));
  return { rows, total: { all, cities, regions, allScore: prf(all), cityScore: prf(cities), regionScore: prf(regions), cityMedianKm: median(rows.flatMap((r) => r.cityErrors)) } };
}

export function table(result: ReturnType<typeof scoreAll>): string {
  const f = (x: number) => x.toFixed(2);
  // Regions: "–" where the article names none and none is found.
  const rf = (x: Counts, v: number) => (x.tp + x.fp + x.fn ? f(v) : '–');
  const line = (name: string, all: Counts, cities: Counts, errors: number[], regions: Counts) => {
    const a = prf(all), c = prf(cities), g = prf(regions);
    return `| ${name} | ${all.tp + all.fn} | ${f(a.precision)} | ${f(a.recall)} | ${f(a.f1)} | ${cities.tp + cities.fn} | ${f(c.precision)} | ${f(c.recall)} | ${f(c.f1)} | ${errors.length ? median(errors).toFixed(1) : '–'} | ${regions.tp + regions.fn} | ${rf(regions, g.precision)} | ${rf(regions, g.recall)} |`;
  };
  return [
    '| article | gold places | precision | recall | F1 | gold cities | city precision | city recall | city F1 | median city error (km) | gold regions | region precision | region recall |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...result.rows.map((r) => line(r.article, r.all, r.cities, r.cityErrors, r.regions)),
    line('**all**', result.total.all, result.total.cities, result.rows.flatMap((r) => r.cityErrors), result.total.regions),
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const result = scoreAll(await loadGazetteer());
  if (process.argv.includes('--json')) console.log(terminalSafeJson(JSON.stringify(result, null, 2)));
  else {
    console.log(table(result));
    for (const r of result.rows) {
      if (r.missed.length) console.log(`\n${r.article}: missed ${r.missed.map(terminalSafe).join('; ')}`);
      if (r.wrong.length) console.log(`${r.article}: not in the gold ${r.wrong.map(terminalSafe).join('; ')}`);
    }
  }
}
