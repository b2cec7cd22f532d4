import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMBED_HEADING_LEVEL, headingTag, parseHeadingLevel } from '../../src/lib/embed/heading-level';

describe('heading levels (an embed under its host page’s h1)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads 1 to 4 from a parameter or attribute; an embed’s headline is an h2 unless told', () => {
    expect(EMBED_HEADING_LEVEL).toBe(2);
    expect(parseHeadingLevel(null)).toBe(2);
    expect(parseHeadingLevel('')).toBe(2);
    expect(parseHeadingLevel(' 1 ')).toBe(1);
    expect(parseHeadingLevel('3')).toBe(3);
    expect(parseHeadingLevel('4')).toBe(4);
    // The standalone page's own default.
    expect(parseHeadingLevel(undefined, 1)).toBe(1);
  });

  it('says so, and keeps its default, for a level that would leave the card or the list without a heading level', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    for (const v of ['5', '6', '0', 'h2', '2.5', '<script>', 'x'.repeat(500)]) expect(parseHeadingLevel(v), v).toBe(2);
    expect(info).toHaveBeenCalledTimes(7);
    // What the host wrote is quoted short, never whole.
    expect(info.mock.calls.every(([m]) => String(m).length < 160)).toBe(true);
    expect(String(info.mock.calls[1]![0])).toContain('"6"');
  });

  it('names the tags below the headline: sections and the list one below, its layers and the card two below', () => {
    expect([headingTag(1), headingTag(1, 1), headingTag(1, 2)]).toEqual(['h1', 'h2', 'h3']);
    expect([headingTag(2), headingTag(2, 1), headingTag(2, 2)]).toEqual(['h2', 'h3', 'h4']);
    expect(headingTag(4, 2)).toBe('h6');
  });
});
