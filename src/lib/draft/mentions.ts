// Where an article names places: every run of capitalised words that is a name in the gazetteer
// (the longest first), or a demonym; with what compromise's tagger says about those words (a
// person, a date, a place) and how the sentence uses them (a qualifier "Damascus, Syria"; a
// capital speaking for its government, "Moscow said").
import nlp from 'compromise';
import { fold, REGION_WORDS, type Gazetteer, type GazetteerEntry } from './gazetteer.ts';
import type { Passage } from './passages.ts';

export interface Mention {
  passage: number;
  start: number;
  end: number;
  /** the words as written */
  surface: string;
  key: string;
  entries: GazetteerEntry[];
  demonym?: GazetteerEntry;
  /** the place named right after it as "X, Y" (a country or a US state) */
  qualifier?: { country: string; admin1?: string };
  /** this mention is itself a qualifier of the mention before it */
  isQualifier?: boolean;
  /** the name stands for a government ("Moscow said") */
  metonym?: boolean;
  /** the tagger's view: a person's name, a date, a known place */
  person?: boolean;
  place?: boolean;
  /** first word of a sentence */
  sentenceStart?: boolean;
  /** named as a river: "the Po river", "the River Po" (the gazetteer has none: resolve lists it for review) */
  river?: boolean;
  /** named as a region is: "the governor of Chihuahua", "the province of Cremona" (resolve: the region, not its seat) */
  regionCue?: boolean;
  /** a US state (Georgia) where the article is about the United States: filled in by resolve */
  usState?: string;
}

interface Token { text: string; start: number; end: number; cap: boolean; possessive: boolean }

// Words that join the parts of a name ("Gulf of Sidra", "Ma'arrat al-Numan", "Rio de Janeiro").
const CONNECTORS = new Set(['of', 'the', 'al', 'el', 'ad', 'as', 'ash', 'an', 'ar', 'at', 'de', 'da', 'do', 'dos', 'das', 'del', 'di', 'du', 'des', 'la', 'le', 'les', 'los', 'y', 'en', 'sur', 'am', 'upon', 'on', 'bin', 'ibn', 'abu', 'bou', 'ben', 'van', 'von', 'and', 'der', 'den', 'im', 'bei', 'aan', 'op', 'sul', 'e']);
// A word after a name that makes it a place (Istanbul Airport) rather than part of another name.
const FACILITY = /^(airport|port|harbou?r|airbase|base|province|governorate|region|district|county|state|city|oblast|prefecture|square|street|road|bridge|border|crossing|valley|river|island|islands|coast|university|hospital|stadium|station|camp|mosque|palace|district|municipality|area|strip|bank)$/i;
// After "X state", the words that make it a government's ("Damascus state media"), not a region's.
const STATE_NOUN = /^(?:media|television|tv|news|radio|broadcaster|agency|company|companies|firm|firms|oil|energy|bank|banks|budget|visit|funeral|dinner|secretary|department|prosecutor|prosecutors|official|officials|forces|security|police|control|owned|run|backed)$/i;
// "Tripoli-based": the part after the hyphen is not part of the name.
const SUFFIX = /^(based|backed|bound|led|born|run|held|controlled|allied|aligned|style|area|region|linked|bred|made|registered|flagged|headquartered|centred|centered|focused|owned|friendly|wide)$/i;
// What a government does in news text: "Moscow said", "Washington has warned".
const GOVERNMENT_VERBS = new Set(
  'said says say told tells warned warns denied denies accused accuses announced announces insisted insists rejected rejects urged urges called calls claimed claims condemned condemns responded responds agreed agrees stated states demanded demands vowed vows threatened threatens believes believed wants wanted sees saw signed signs approved approves backed backs supports supported recognized recognised recognizes recognises retaliated imposed imposes sanctioned sanctions criticized criticised criticizes criticises welcomed welcomes protested protests summoned summons expelled expels blamed blames pledged pledges offered offers refused refuses declined declines ordered orders sent sends deployed deploys dismissed dismisses hopes hoped fears feared considers considered plans planned intends intended seeks sought expects expected maintains maintained argues argued countered counters appealed appeals asked asks requested requests proposed proposes accepted accepts negotiated suspended suspends halted halts recalled recalls'.split(' '),
);
const GOVERNMENT_FILLERS = new Set('has have had also is was will would could may might quickly swiftly reportedly immediately again already officially publicly later earlier then on monday tuesday wednesday thursday friday saturday sunday not never and'.split(' '));
// Passive: "a claim denied by Moscow", "forces backed by Ankara".
const BY_VERBS = /(ed|en|ied)$/i;

export const US_STATES: Record<string, string> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT', delaware: 'DE', florida: 'FL', georgia: 'GA', hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA', kansas: 'KS', kentucky: 'KY', louisiana: 'LA', maine: 'ME', maryland: 'MD', massachusetts: 'MA', michigan: 'MI', minnesota: 'MN', mississippi: 'MS', missouri: 'MO', montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH', 'new jersey': 'NJ', 'new mexico': 'NM', 'new york': 'NY', 'north carolina': 'NC', 'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK', oregon: 'OR', pennsylvania: 'PA', 'rhode island': 'RI', 'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN', texas: 'TX', utah: 'UT', vermont: 'VT', virginia: 'VA', washington: 'WA', 'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY', dc: 'DC', 'd c': 'DC',
};

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}]|['’.-](?=[\p{L}\p{N}]))*\.?/gu)) {
    let t = m[0];
    const start = m.index;
    // "Tripoli-based" → "Tripoli"; "U.S." keeps its dot, "Libya." does not.
    const hy = /^(.*[\p{L}\p{N}])-([\p{Ll}]+)\.?$/u.exec(t);
    if (hy && SUFFIX.test(hy[2]!)) t = hy[1]!;
    if (t.endsWith('.') && !/\..*\./.test(t) && !/^[\p{Lu}]\.$/u.test(t)) t = t.slice(0, -1);
    let possessive = false;
    const pos = /['’]s$/.exec(t);
    if (pos) { t = t.slice(0, -2); possessive = true; }
    out.push({ text: t, start, end: start + t.length, cap: /^\p{Lu}/u.test(t), possessive });
  }
  return out;
}

interface Tags { person: boolean; date: boolean; place: boolean; proper: boolean; functional: boolean }

const FUNCTIONAL = ['Pronoun', 'Preposition', 'Conjunction', 'Determiner', 'Adjective', 'Adverb', 'Verb', 'QuestionWord', 'Copula', 'Modal', 'Auxiliary', 'Negative', 'Expression'];

/** A word English uses as a word ("Most", "Nice", "We"): tagged on its own, in lower case. */
function isCommonWord(word: string): boolean {
  try {
    const tags = (nlp(word.toLowerCase()).json() as { terms: { tags: string[] }[] }[])[0]?.terms[0]?.tags ?? [];
    return tags.some((t) => FUNCTIONAL.includes(t));
  } catch {
    return false;
  }
}

function tagsByOffset(text: string): Map<number, Tags> {
  const map = new Map<number, Tags>();
  try {
    const json = nlp(text).json({ offset: true }) as { terms: { offset: { start: number }; tags: string[] }[] }[];
    for (const s of json) {
      for (const t of s.terms) {
        const tags = new Set(t.tags);
        map.set(t.offset.start, {
          person: tags.has('Person') || tags.has('FirstName') || tags.has('LastName') || tags.has('Honorific'),
          date: tags.has('Date') || tags.has('Month') || tags.has('WeekDay'),
          place: tags.has('Place') || tags.has('Country') || tags.has('City') || tags.has('Region'),
          proper: tags.has('ProperNoun'),
          functional: FUNCTIONAL.some((f) => tags.has(f)) && !tags.has('ProperNoun'),
        });
      }
    }
  } catch {
    // The tagger is a help, not a need: without it names are still found.
  }
  return map;
}

/** Every place name and demonym in the passages (captions and asides too; resolve decides). */
export function findMentions(passages: Passage[], gazetteer: Gazetteer): Mention[] {
  const mentions: Mention[] = [];
  passages.forEach((p, index) => {
    const text = p.text;
    const toks = tokens(text);
    const tags = tagsByOffset(text);
    const tagAt = (t: Token): Tags | undefined => tags.get(t.start);
    const isSentenceStart = (i: number) => {
      if (i === 0) return true;
      const between = text.slice(toks[i - 1]!.end, toks[i]!.start);
      return /[.!?:]["”'’)]?\s*$/.test(between) || /^\s*["“‘(]/.test(between) && /[.!?]/.test(between) || /[.!?]\s*["“‘]?\s*$/.test(between);
    };
    let found: Mention[] = [];
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      const isThe = t.text === 'the' || t.text === 'The';
      if (!t.cap && !isThe) continue;
      let best: { n: number; entries: GazetteerEntry[]; demonym?: GazetteerEntry } | undefined;
      for (let n = Math.min(gazetteer.maxWords + 1, toks.length - i); n >= 1; n--) {
        const last = toks[i + n - 1]!;
        // A name ends in a capitalised word, or in a region word after one: "Idlib province".
        if (!last.cap && !(n > 1 && REGION_WORDS.includes(last.text.toLowerCase()) && toks[i + n - 2]!.cap)) continue;
        // "Damascus state media", "Tripoli state-run television": the state, not a region.
        if (!last.cap && last.text.toLowerCase() === 'state' && (/^-/.test(text.slice(last.end)) || STATE_NOUN.test(toks[i + n]?.text ?? ''))) continue;
        // Only connectors may be lower case inside a name, and no possessive before its end.
        let ok = true;
        for (let k = i; k < i + n - 1; k++) {
          const w = toks[k]!;
          if (w.possessive || (!w.cap && !CONNECTORS.has(w.text.toLowerCase()))) { ok = false; break; }
          // A name runs on one line of words: no sentence end or comma inside it.
          if (/[,;:.!?()"“”]/.test(text.slice(w.end, toks[k + 1]!.start))) { ok = false; break; }
        }
        if (!ok) continue;
        const key = fold(text.slice(t.start, last.end));
        const entries = gazetteer.byName.get(key);
        if (isThe && !entries) continue;
        if (entries) { best = { n, entries }; break; }
        const dem = gazetteer.byDemonym.get(key);
        if (dem && !isThe) { best = { n, entries: [], demonym: dem }; break; }
      }
      if (!best) continue;
      const last = toks[i + best.n - 1]!;
      const m: Mention = { passage: index, start: t.start, end: last.end, surface: text.slice(t.start, last.end), key: fold(text.slice(t.start, last.end)), entries: best.entries, sentenceStart: isSentenceStart(i) };
      if (best.demonym) m.demonym = best.demonym;
      const tg = tagAt(t);
      if (tg) { m.person = tg.person && !tg.place; m.place = tg.place; if (tg.date && best.n === 1) continue; }
      // Towns and regions: a one-word name of either may be part of another name, or a word.
      const onlyCities = m.entries.length > 0 && m.entries.every((e) => e.kind === 'city' || e.kind === 'region');
      // Part of another name: capitalised words on either side of a one-word town's name
      // ("Al Jazeera", "New York Times"), unless the word after makes it a place ("Istanbul Airport").
      // Not across a sentence's end: "near Piacenza and Cremona. Rescuers in Bologna…" lost Cremona
      // to "Cremona Rescuers"; nor after a possessive: "Sydney's Warragamba Dam" names Sydney.
      if (onlyCities && best.n === 1) {
        const prev = toks[i - 1];
        const next = toks[i + 1];
        const joinedPrev = prev && prev.cap && !isSentenceStart(i) && !/[,;:()"“”–—]/.test(text.slice(prev.end, t.start)) && !gazetteer.byDemonym.has(fold(prev.text)) && !/^(President|Prime|Minister|General|King|Queen|Emir|Sheikh|Mayor|Governor|Sultan|In|At|From|To|Near|Outside|And|Of|The)$/.test(prev.text);
        const joinedNext = !t.possessive && ((next?.text === 'of' && toks[i + 2]?.cap && text.slice(t.end, next.start) === ' ') || next && /^(?:al|el|ad|ar|as|ash|at|az|an|bin|ibn|abu|de|da|del|di|du|van|von)-\p{Lu}/u.test(next.text) && text.slice(t.end, next.start) === ' ' || next && next.cap && !FACILITY.test(next.text) && !/[,;:.!?()"“”–—]/.test(text.slice(t.end, next.start)) && !gazetteer.byName.has(fold(next.text)));
        if (joinedPrev || joinedNext) { i += best.n - 1; continue; }
      }
      // A word, not a name: "We believe…", "In the end", "Most people…" (a town of that name aside).
      if (onlyCities && best.n === 1 && !m.place && (tg?.functional || (m.sentenceStart && isCommonWord(t.text)))) { i += best.n - 1; continue; }
      found.push(m);
      i += best.n - 1;
    }
    // Rivers: "the Po river", "the Po River", "the River Po". A town or region named like one is
    // not it (Pô, a town in Burkina Faso, for Italy's river).
    for (const m of found) if (/^\s+river\b/i.test(text.slice(m.end)) || /\briver\s+$/i.test(text.slice(0, m.start))) m.river = true;
    for (const m of found) if (/\b(?:governor|governorate|province|region|prefecture)\s+of\s+(?:the\s+)?$/i.test(text.slice(0, m.start))) m.regionCue = true;
    // Qualifiers: "Damascus, Syria", "Alexandria, Virginia".
    for (const m of found) {
      const after = text.slice(m.end);
      const q = /^,\s+((?:[\p{Lu}][\p{L}.'’-]*\s?){1,3})/u.exec(after);
      if (!q) continue;
      const qName = fold(q[1]!.trim());
      const next = found.find((o) => o.start === m.end + q[0].length - q[1]!.length);
      const country = gazetteer.byName.get(qName)?.find((e) => e.kind === 'country');
      const state = US_STATES[qName];
      if (m.entries.some((e) => e.kind === 'city')) {
        if (state && m.entries.some((e) => e.country === 'US' && e.admin1 === state)) {
          m.qualifier = { country: 'US', admin1: state };
          if (next) next.isQualifier = true;
          if (next) next.usState = state;
        } else if (country?.country) {
          m.qualifier = { country: country.country };
          if (next) next.isQualifier = true;
        }
      }
    }
    // Governments: "Moscow said", "Ankara and Moscow agreed", "a claim denied by Moscow".
    for (const m of found) {
      if (!m.entries.some((e) => e.featureCode === 'PPLC')) continue;
      const ti = toks.findIndex((t) => t.start === m.start);
      let j = toks.findIndex((t) => t.end === m.end) + 1;
      // "Moscow and Ankara said": skip "and <Name>".
      while (toks[j] && toks[j]!.text === 'and' && toks[j + 1]?.cap) j += 2;
      while (toks[j] && GOVERNMENT_FILLERS.has(toks[j]!.text.toLowerCase())) j++;
      const verbAfter = toks[j] && GOVERNMENT_VERBS.has(toks[j]!.text.toLowerCase()) && !/[,;.:]/.test(text.slice(m.end, toks[j]!.start).replace(/^['’]s/, ''));
      const prev = toks[ti - 1];
      const prev2 = toks[ti - 2];
      const byAfterVerb = prev?.text === 'by' && prev2 && BY_VERBS.test(prev2.text);
      const relations = /\b(?:ties|relations|talks|rift|dispute|tensions|rapprochement)\s+(?:between|with)\s+(?:\S+\s+and\s+)?$/.test(text.slice(0, m.start));
      // "officials in Juba said", "forecasters in Hanoi said": the place where they are.
      const located = prev && /^(in|at|from|near|outside|inside|into|to|across|around|of)$/i.test(prev.text);
      // The object of a government's act: "accused Minsk of…", "urged Kabul to…", "warned Moscow against…".
      const after = toks[toks.findIndex((t) => t.end === m.end) + 1];
      const objectOfVerb = prev && GOVERNMENT_VERBS.has(prev.text.toLowerCase()) && after && /^(of|to|over|for|against|not)$/.test(after.text) && !/[,;.:]/.test(text.slice(prev.end, m.start));
      if ((verbAfter && !located) || byAfterVerb || relations || objectOfVerb) m.metonym = true;
    }
    mentions.push(...found);
    found = [];
  });
  return mentions;
}
