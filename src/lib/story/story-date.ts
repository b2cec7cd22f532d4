// The story's publication date (story.json "date"): a day, a month or a year; a range of two of
// them (ISO 8601's "start/end"); or "unknown". Read by the schema (which refuses anything else with
// a message saying what is wrong) and by the article's header, which shows it in the story's
// language. Page-side code: no validator in here.

// The field's pattern is a module of its own, so the page's first render (snapshot.ts checks a
// model.json's date with it) does not bring the formatter below along (only the validator needs it).
import { STORY_DATE } from './story-date-pattern';
export { DATE_PART, STORY_DATE } from './story-date-pattern';
export const UNKNOWN_DATE = 'unknown';
/** What the field may hold, in words for an editor. */
export const DATE_HELP = 'write a date as YYYY-MM-DD (or YYYY-MM, or YYYY), a range as two of them with "/" between, e.g. "2020-01-08/2020-01-10", or "unknown" when it is not known';

export type Precision = 'year' | 'month' | 'day';
export interface DatePart {
  text: string;
  precision: Precision;
  /** Noon UTC on the first day it covers (a month's 1st, a year's 1 January). */
  first: Date;
  /** Noon UTC on the last day it covers. */
  last: Date;
}
export type StoryDate = { kind: 'unknown' } | { kind: 'date'; at: DatePart } | { kind: 'range'; from: DatePart; to: DatePart };

const noon = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d, 12));
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function part(text: string): DatePart | string {
  const [y, m, d] = text.split('-').map(Number) as [number, number?, number?];
  if (m !== undefined && (m < 1 || m > 12)) return `${text} has no month ${String(m).padStart(2, '0')}`;
  if (m !== undefined && d !== undefined && (d < 1 || d > daysIn(y, m))) return `${text} is not a day of the calendar`;
  if (d !== undefined) return { text, precision: 'day', first: noon(y, m!, d), last: noon(y, m!, d) };
  if (m !== undefined) return { text, precision: 'month', first: noon(y, m, 1), last: noon(y, m, daysIn(y, m)) };
  return { text, precision: 'year', first: noon(y, 1, 1), last: noon(y, 12, 31) };
}

/** The date as the page uses it, or what is wrong with it, in words for an editor. */
export function parseStoryDate(text: string): StoryDate | string {
  if (text === UNKNOWN_DATE) return { kind: 'unknown' };
  if (!STORY_DATE.test(text)) return DATE_HELP;
  const [a, b] = text.split('/') as [string, string?];
  const from = part(a);
  if (typeof from === 'string') return from;
  if (b === undefined) return { kind: 'date', at: from };
  const to = part(b);
  if (typeof to === 'string') return to;
  if (from.precision !== to.precision) return `both ends of the range must be written the same way (${from.text} is a ${from.precision}, ${to.text} a ${to.precision})`;
  if (to.first.getTime() <= from.first.getTime()) return `the range must end after it starts (${to.text} is not after ${from.text})`;
  return { kind: 'range', from, to };
}

const OPTIONS: Record<Precision, Intl.DateTimeFormatOptions> = {
  day: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
  month: { month: 'long', year: 'numeric', timeZone: 'UTC' },
  year: { year: 'numeric', timeZone: 'UTC' },
};

export interface ShownDate {
  /** What readers see. */
  text: string;
  /** A machine-readable date for <time datetime>, for a single date only (HTML has no ranges). */
  datetime: string | null;
}

/** How the article's header shows the date, in the story's language ("8–10 January 2020", "Date unknown"). */
export function showStoryDate(text: string, language: string): ShownDate {
  const d = parseStoryDate(text);
  // The schema refuses anything else; a snapshot forged past it shows as written.
  if (typeof d === 'string') return { text, datetime: null };
  if (d.kind === 'unknown') return { text: 'Date unknown', datetime: null };
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat(language, OPTIONS[d.kind === 'date' ? d.at.precision : d.from.precision]);
  } catch {
    fmt = new Intl.DateTimeFormat('en', OPTIONS[d.kind === 'date' ? d.at.precision : d.from.precision]);
  }
  if (d.kind === 'date') return { text: fmt.format(d.at.first), datetime: d.at.text };
  return { text: fmt.formatRange(d.from.first, d.to.first), datetime: null };
}
