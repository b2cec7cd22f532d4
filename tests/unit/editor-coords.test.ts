// The coordinates field of the editor's feature form: text ⇄ geometry, and what it says about bad lines.
import { describe, expect, it } from 'vitest';
import type { Geometry } from 'geojson';
import { coordKind, formatCoordinates, parseCoordinates, type CoordResult } from '../../src/lib/editor/coords';

const errorsOf = (r: CoordResult) => (r.ok ? [] : r.errors);
const geometryOf = (r: CoordResult) => (r.ok ? r.geometry : null);

describe('parseCoordinates', () => {
  it('reads a line: one pair a line, with commas, semicolons or spaces, blank lines skipped, rounded to 6 decimals', () => {
    const r = parseCoordinates('28.9, 41.6\n\n  31.5;42.6 \n34.5 43.9\n37.3000001, 44.9', 'line');
    expect(geometryOf(r)).toEqual({ type: 'LineString', coordinates: [[28.9, 41.6], [31.5, 42.6], [34.5, 43.9], [37.3, 44.9]] });
  });

  it('reads a point, with a typographic minus', () => {
    expect(geometryOf(parseCoordinates('\u221270.25, -33.5', 'point'))).toEqual({ type: 'Point', coordinates: [-70.25, -33.5] });
    expect(errorsOf(parseCoordinates('1, 2\n3, 4', 'point'))).toEqual([{ line: 0, message: 'A point has one pair of coordinates; this has 2.' }]);
  });

  it('says which lines are wrong and why: not a number, out of range, not a pair', () => {
    const r = parseCoordinates('28.9, 41.6\nabc, 42\n200, 10\n10, -95\n1, 2, 3\n1,5', 'line');
    expect(errorsOf(r).map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(errorsOf(r)[0]!.message).toBe('Line 2: “abc” is not a number (decimal degrees with a point, e.g. 28.97).');
    expect(errorsOf(r)[1]!.message).toMatch(/^Line 3: longitude 200 is out of range \(−180 to 180\)/);
    expect(errorsOf(r)[2]!.message).toBe('Line 4: latitude -95 is out of range (−90 to 90).');
    expect(errorsOf(r)[3]!.message).toMatch(/^Line 5: write one longitude and one latitude.*found 3 values\.$/);
    // "1,5" is two numbers (1 and 5), not a decimal comma: it is read, and nothing else on that line is wrong.
    expect(errorsOf(parseCoordinates('0x10, 5\nInfinity, 3\n12.5.1, 3', 'line')).map((e) => e.line)).toEqual([1, 2, 3]);
  });

  it('says when there are too few vertices', () => {
    expect(errorsOf(parseCoordinates('', 'line'))[0]!.message).toMatch(/^No coordinates/);
    expect(errorsOf(parseCoordinates('10, 20', 'line'))).toEqual([{ line: 0, message: 'A line needs at least 2 different vertices; this has 1.' }]);
    expect(errorsOf(parseCoordinates('10, 20\n10, 20', 'line'))[0]!.message).toMatch(/this has 1\./);
    expect(errorsOf(parseCoordinates('10, 20\n11, 21\n10, 20', 'area'))[0]!.message).toBe('An area needs at least 3 different corners (the ring is closed for you); this has 2.');
    expect(errorsOf(parseCoordinates('0, 0\n1, 1\n2, 2', 'area'))[0]!.message).toMatch(/all on one line/);
  });

  it('closes an area’s ring and winds it counterclockwise (RFC 7946)', () => {
    const ccw = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]] };
    expect(geometryOf(parseCoordinates('0, 0\n10, 0\n10, 10\n0, 10', 'area'))).toEqual(ccw);
    // Already closed: not closed twice.
    expect(geometryOf(parseCoordinates('0, 0\n10, 0\n10, 10\n0, 10\n0, 0', 'area'))).toEqual(ccw);
    // Typed clockwise: the same ring, from the same first corner, the other way round.
    expect(geometryOf(parseCoordinates('0, 0\n0, 10\n10, 10\n10, 0', 'area'))).toEqual(ccw);
  });
});

describe('formatCoordinates', () => {
  it('writes one pair a line, an area without its closing repeat, and reads back to the same geometry', () => {
    const line: Geometry = { type: 'LineString', coordinates: [[28.9, 41.6], [31.5, 42.6]] };
    const area: Geometry = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 0]]] };
    const point: Geometry = { type: 'Point', coordinates: [13.18, 32.88] };
    expect(formatCoordinates(line)).toBe('28.9, 41.6\n31.5, 42.6');
    expect(formatCoordinates(area)).toBe('0, 0\n10, 0\n10, 10');
    expect(formatCoordinates(point)).toBe('13.18, 32.88');
    for (const g of [line, area, point]) expect(geometryOf(parseCoordinates(formatCoordinates(g)!, coordKind(g)!))).toEqual(g);
  });

  it('leaves multi-part geometries and areas with holes alone', () => {
    const holed: Geometry = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 1]]] };
    expect(formatCoordinates(holed)).toBeNull();
    expect(formatCoordinates({ type: 'MultiPoint', coordinates: [[1, 2]] })).toBeNull();
    expect(formatCoordinates(null)).toBeNull();
    expect(coordKind(holed)).toBeNull();
  });
});
