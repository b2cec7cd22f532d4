// The editor's seam with the drafter: reviews of found places, candidate names, rounding.
import { describe, expect, it } from 'vitest';
import { candidateLabel, folderName, reviewsOf, roundGeometry } from '../../src/lib/editor/drafting';
import type { FoundPlace } from '../../src/lib/draft';

const place = (id: string, mapped?: boolean): FoundPlace => ({
  id, name: id, kind: 'city', forms: [id], passages: ['p1'], coordinates: [1, 2], confidence: 'high',
  candidates: [{ id: `${id}-1`, name: id, kind: 'city', coordinates: [1, 2], score: 1 }, { id: `${id}-2`, name: id, kind: 'city', coordinates: [3, 4], score: 0.5 }],
  ...(mapped === undefined ? {} : { mapped }),
});

describe('editor drafting seam', () => {
  it('reviews the mapped places, keyed as the drafted layer keys them, the first candidate chosen', () => {
    const r = reviewsOf([place('tripoli'), place('moscow', false)]);
    expect([...r.keys()]).toEqual(['places:tripoli']);
    expect(r.get('places:tripoli')).toMatchObject({ status: 'open', chosen: 'tripoli-1' });
  });
  it('names candidates with their country in words, and a US state', () => {
    expect(candidateLabel({ id: 'a', name: 'Alexandria', kind: 'city', country: 'EG', admin1: '06', coordinates: [0, 0], score: 1 })).toBe('Alexandria, Egypt');
    expect(candidateLabel({ id: 'b', name: 'Alexandria', kind: 'city', country: 'US', admin1: 'VA', coordinates: [0, 0], score: 1 })).toBe('Alexandria, VA, United States');
    expect(candidateLabel({ id: 'c', name: 'Black Sea', kind: 'water', coordinates: [0, 0], score: 1 })).toBe('Black Sea');
  });
  it('rounds drawn coordinates to 6 decimals', () => {
    expect(roundGeometry({ type: 'LineString', coordinates: [[28.123456789, 41.987654321], [1, 2]] })).toEqual({ type: 'LineString', coordinates: [[28.123457, 41.987654], [1, 2]] });
  });
  it('makes a folder name from a title', () => {
    expect(folderName('Putin, Erdogan urge restraint')).toBe('putin-erdogan-urge-restraint');
    expect(folderName('¿?')).toBe('draft');
  });
});
