// The story's publication date: a day, month or year, a range, or "unknown"; what the validator says
// about anything else, and how the article's header shows each.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/lib/story/model';
import { StoryFileError } from '../../src/lib/story/model-core';
import { parseStoryDate, showStoryDate } from '../../src/lib/story/story-date';
import { readStoryFile } from '../../src/lib/story/validate/story-file';
import { createStoryFile, createTexts } from './fixtures';

const problemsFor = (date: unknown) => {
  const story = createStoryFile(date === undefined ? {} : { date });
  if (date === undefined) delete (story as Record<string, unknown>).date;
  return readStoryFile(JSON.stringify(story)).problems;
};

describe('story date', () => {
  it('reads a day, a month, a year, ranges of each, and "unknown"', () => {
    expect(parseStoryDate('2020-01-09')).toMatchObject({ kind: 'date', at: { precision: 'day' } });
    expect(parseStoryDate('2020-01')).toMatchObject({ kind: 'date', at: { precision: 'month' } });
    expect(parseStoryDate('2020')).toMatchObject({ kind: 'date', at: { precision: 'year' } });
    expect(parseStoryDate('2020-01-08/2020-01-10')).toMatchObject({ kind: 'range', from: { text: '2020-01-08' }, to: { text: '2020-01-10' } });
    expect(parseStoryDate('2019-12/2020-02')).toMatchObject({ kind: 'range' });
    expect(parseStoryDate('2019/2021')).toMatchObject({ kind: 'range' });
    expect(parseStoryDate('2020-02-29')).toMatchObject({ kind: 'date' }); // a leap day
    expect(parseStoryDate('unknown')).toEqual({ kind: 'unknown' });
  });

  it('says what is wrong with anything else', () => {
    expect(parseStoryDate('9 Jan 2020')).toMatch(/YYYY-MM-DD.*range.*"unknown"/);
    expect(parseStoryDate('2021-02-29')).toBe('2021-02-29 is not a day of the calendar');
    expect(parseStoryDate('2020-13')).toBe('2020-13 has no month 13');
    expect(parseStoryDate('2020-01-10/2020-01-08')).toMatch(/must end after it starts/);
    expect(parseStoryDate('2020-01-09/2020-01-09')).toMatch(/must end after it starts/);
    expect(parseStoryDate('2020-01/2020-01-09')).toMatch(/both ends .* the same way \(2020-01 is a month, 2020-01-09 a day\)/);
    expect(parseStoryDate('Unknown')).toMatch(/YYYY-MM-DD/);
    expect(parseStoryDate('2020-01-08/')).toMatch(/YYYY-MM-DD/);
  });

  it('the validator accepts each form and explains each mistake, with where and how to fix it', () => {
    for (const ok of ['2020-01-09', '2020-01', '2020', '2020-01-08/2020-01-10', 'unknown']) expect(problemsFor(ok), ok).toEqual([]);
    const [missing] = problemsFor(undefined);
    expect(missing).toMatchObject({ code: 'field-missing', path: 'date', message: '"date" is missing; it is required.' });
    expect(missing!.fix).toMatch(/"unknown"/);
    expect(problemsFor('9 Jan 2020')).toEqual([expect.objectContaining({ code: 'field-format', path: 'date', line: expect.any(Number), message: expect.stringMatching(/^"date" is "9 Jan 2020": write a date as YYYY-MM-DD/) })]);
    expect(problemsFor('2021-02-29')).toEqual([expect.objectContaining({ code: 'field-format', message: '"date" is "2021-02-29": 2021-02-29 is not a day of the calendar.', fix: 'See “date” in docs/story-format.md.' })]);
    expect(problemsFor('2020-01-10/2020-01-08')).toEqual([expect.objectContaining({ code: 'field-format', message: expect.stringContaining('the range must end after it starts') })]);
    expect(problemsFor(20200109)).toEqual([expect.objectContaining({ code: 'field-type' })]);
    // A story without a usable date cannot be told: the loader says why.
    expect(() => buildModel(createTexts({ story: { date: '2020-02-30' } }))).toThrow(StoryFileError);
    expect(buildModel(createTexts({ story: { date: 'unknown' } })).story.date).toBe('unknown');
  });

  it('shows the date in the story’s language: one date as <time>, a range and "unknown" as text', () => {
    expect(showStoryDate('2020-01-09', 'en')).toEqual({ text: 'January 9, 2020', datetime: '2020-01-09' });
    expect(showStoryDate('2020-01', 'en')).toEqual({ text: 'January 2020', datetime: '2020-01' });
    expect(showStoryDate('2020', 'en')).toEqual({ text: '2020', datetime: '2020' });
    // Ranges as the language writes them (the spaces around the dash are the locale data's own).
    expect(showStoryDate('2020-01-08/2020-01-10', 'en')).toEqual({ text: expect.stringMatching(/^January 8\s*–\s*10, 2020$/), datetime: null });
    expect(showStoryDate('2020-01-08/2020-01-10', 'fr')).toEqual({ text: expect.stringMatching(/^8\s*–\s*10 janvier 2020$/), datetime: null });
    expect(showStoryDate('2019-12-30/2020-01-02', 'en-GB').text).toMatch(/^30 December 2019\s*–\s*2 January 2020$/);
    expect(showStoryDate('2019/2021', 'en').text).toMatch(/^2019\s*–\s*2021$/);
    expect(showStoryDate('unknown', 'en')).toEqual({ text: 'Date unknown', datetime: null });
    // A language tag the browser does not know falls back to English rather than failing.
    expect(showStoryDate('2020-01-09', 'not a tag!')).toEqual({ text: 'January 9, 2020', datetime: '2020-01-09' });
  });
});
