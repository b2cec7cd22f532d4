// The story's date field as a pattern (story-date.ts says what it means and shows it): read by
// the schema and by snapshot.ts, which checks a model.json's date without the formatter's code.

/** "2020-01-09", "2020-01" or "2020". */
export const DATE_PART = '\\d{4}(?:-\\d{2}(?:-\\d{2})?)?';
/** The whole field: one date, a range of two, or the word "unknown". */
export const STORY_DATE = new RegExp(`^(?:unknown|${DATE_PART}(?:/${DATE_PART})?)$`);
