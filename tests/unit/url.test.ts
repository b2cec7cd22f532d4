import { describe, expect, it } from 'vitest';
import { formatLink, formatView, parseLink, parseView, selectionOf } from '../../src/lib/story/url';

describe('story links (URL fragment)', () => {
  it('reads a feature, layers and a view', () => {
    expect(parseLink('#f=iraq-bases:tehran&l=libya,iraq-bases&v=44.3661,33.3152,6.5')).toEqual({
      feature: 'iraq-bases:tehran',
      layers: ['libya', 'iraq-bases'],
      view: { center: [44.3661, 33.3152], zoom: 6.5 },
    });
  });

  it('writes what it reads, with ":" and "," left readable and keys in a fixed order', () => {
    const text = 'f=iraq-bases:tehran&l=libya,iraq-bases&v=44.3661,33.3152,6.5';
    expect(formatLink(parseLink(text)!)).toBe(text);
    expect(formatLink({ view: { center: [1, 2], zoom: 3 }, layers: ['a'], passage: 'lede' })).toBe('p=lede&l=a&v=1,2,3');
  });

  it('round-trips ids that need escaping', () => {
    const state = { feature: 'places:São Paulo & co', layers: ['a b', 'ü'] };
    const text = formatLink(state);
    expect(text).toBe('f=places:S%C3%A3o%20Paulo%20%26%20co&l=a%20b,%C3%BC');
    expect(parseLink(`#${text}`)).toEqual(state);
  });

  it('takes a passage only when no feature is given', () => {
    expect(parseLink('p=lede')).toEqual({ passage: 'lede' });
    expect(parseLink('f=libya:tripoli&p=lede')).toEqual({ feature: 'libya:tripoli' });
  });

  it('takes a passage\u2019s named features (g) with the passage only, once each, and writes them back', () => {
    expect(parseLink('p=libya-war&g=libya:a,libya:b,libya:a')).toEqual({ passage: 'libya-war', group: ['libya:a', 'libya:b'] });
    expect(parseLink('g=libya:a')).toEqual({});
    expect(parseLink('f=libya:tripoli&p=libya-war&g=libya:a')).toEqual({ feature: 'libya:tripoli' });
    expect(parseLink('p=libya-war&g=')).toEqual({ passage: 'libya-war' });
    expect(formatLink({ passage: 'libya-war', group: ['libya:a', 'libya:b'], view: { center: [1, 2], zoom: 3 } })).toBe('p=libya-war&g=libya:a,libya:b&v=1,2,3');
    // A phrase's features are another selection than its whole passage (Back steps between them).
    expect(selectionOf(parseLink('p=libya-war&g=libya:a'))).not.toBe(selectionOf(parseLink('p=libya-war')));
    expect(selectionOf(parseLink('p=libya-war&g=libya:a&v=1,2,3'))).toBe(selectionOf(parseLink('p=libya-war&g=libya:a')));
    // Bounded: a link naming thousands keeps the first 200.
    expect(parseLink(`p=x&g=${Array.from({ length: 500 }, (_, i) => `l:${i}`).join(',')}`)!.group).toHaveLength(200);
  });

  it('"l=" means no layers, a missing l means the story defaults', () => {
    expect(parseLink('l=')).toEqual({ layers: [] });
    expect(parseLink('f=libya:tripoli')!.layers).toBeUndefined();
  });

  it('is null for fragments that are not story links', () => {
    for (const hash of ['', '#', '#notes', '#section-2', '#x=1&y=2', 'f']) expect(parseLink(hash), hash).toBeNull();
  });

  it('drops what is malformed and keeps the rest', () => {
    expect(parseLink('f=%E0%A4%A&l=libya')).toEqual({ layers: ['libya'] }); // bad percent-encoding
    expect(parseLink('f=libya:tripoli&v=13,32')).toEqual({ feature: 'libya:tripoli' }); // two numbers
    expect(parseLink('f=libya:tripoli&v=200,32,5')).toEqual({ feature: 'libya:tripoli' }); // longitude out of range
    expect(parseLink('f=libya:tripoli&v=13,32,NaN')).toEqual({ feature: 'libya:tripoli' });
    expect(parseLink('f=libya:tripoli&v=0x10,32,5')).toEqual({ feature: 'libya:tripoli' });
    expect(parseLink('f=libya:tripoli&v=13,32,99')).toEqual({ feature: 'libya:tripoli' }); // zoom out of range
    expect(parseLink('l=libya,,libya, ,istanbul')).toEqual({ layers: ['libya', 'istanbul'] }); // empties, duplicates
    expect(parseLink('f=a:b&f=c:d')).toEqual({ feature: 'a:b' }); // the first of a repeated key
  });

  it('refuses ids with control or bidi-override characters, and over-long ones', () => {
    expect(parseLink(`f=${encodeURIComponent('libya:\u202Eilopirt')}`)).toEqual({});
    expect(parseLink(`f=${encodeURIComponent('a:\u0000b')}`)).toEqual({});
    expect(parseLink(`f=a:${'x'.repeat(300)}`)).toEqual({});
  });

  it('ignores links too long to be ours', () => {
    expect(parseLink(`f=a:b&l=${'x,'.repeat(3000)}`)).toBeNull();
  });

  it('rounds views to what a reader can tell apart', () => {
    expect(formatView({ center: [13.187334567, 32.887431234], zoom: 6.123456 })).toBe('13.1873,32.8874,6.12');
    expect(parseView('13.1873,32.8874,6.12')).toEqual({ center: [13.1873, 32.8874], zoom: 6.12 });
    expect(parseView('-73.9,40.7,0')).toEqual({ center: [-73.9, 40.7], zoom: 0 });
  });

  it('compares the selection part of links (what Back steps through)', () => {
    expect(selectionOf(parseLink('f=a:b&v=1,2,3'))).toBe(selectionOf(parseLink('f=a:b&v=4,5,6&l=x')));
    expect(selectionOf(parseLink('f=a:b'))).not.toBe(selectionOf(parseLink('p=b')));
    expect(selectionOf(null)).toBe(selectionOf(parseLink('v=1,2,3')));
  });
});
