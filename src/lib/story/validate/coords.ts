// What a pair of numbers probably is when it isn't a longitude and latitude.

export interface CoordIssue {
  code: 'coordinates-projected' | 'coordinates-swapped' | 'coordinates-out-of-range';
  message: string;
  fix: string;
}

const R = 6378137;

/** Web Mercator metres (EPSG:3857) back to degrees, or null when they cannot be. */
export function fromWebMercator(x: number, y: number): [number, number] | null {
  if (Math.abs(x) > 20037508.35 || Math.abs(y) > 20048966.11) return null;
  const lon = (x / R) * (180 / Math.PI);
  const lat = (2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) * (180 / Math.PI);
  return [lon, lat];
}

const deg = (v: number, pos: string, neg: string) => `${Math.abs(v).toFixed(2)}°${v >= 0 ? pos : neg}`;

/** Checks one [lon, lat]; null when it is on the globe. */
export function checkLonLat(lon: number, lat: number): CoordIssue | null {
  if (Math.abs(lon) <= 180 && Math.abs(lat) <= 90) return null;
  const at = `[${lon}, ${lat}]`;
  if (Math.abs(lon) > 1000 || Math.abs(lat) > 1000) {
    const wm = fromWebMercator(lon, lat);
    return {
      code: 'coordinates-projected',
      message: `The position ${at} looks like projected metres, not degrees${wm ? ` (read as Web Mercator, EPSG:3857, it would be ${deg(wm[0], 'E', 'W')} ${deg(wm[1], 'N', 'S')})` : ''}.`,
      fix: 'Export the layer in WGS 84 longitude/latitude degrees (EPSG:4326), e.g. in QGIS “Export > Save Features As…” with CRS EPSG:4326, or mapshaper -proj wgs84.',
    };
  }
  if (Math.abs(lat) <= 180 && Math.abs(lon) <= 90) {
    return {
      code: 'coordinates-swapped',
      message: `The position ${at} has a latitude of ${lat}, beyond the poles; latitude and longitude look swapped.`,
      fix: `GeoJSON puts longitude first: write [${lat}, ${lon}].`,
    };
  }
  return {
    code: 'coordinates-out-of-range',
    message: `The position ${at} is outside the world (longitude −180…180, latitude −90…90).`,
    fix: 'Check the numbers: longitude first, then latitude, in degrees.',
  };
}

/** Digits after the decimal point of a number as JSON writes it (1e-7 has 7). */
export function decimals(n: number): number {
  const s = String(Math.abs(n));
  const e = s.indexOf('e-');
  if (e >= 0) {
    const mant = s.slice(0, e);
    const dot = mant.indexOf('.');
    return Number(s.slice(e + 2)) + (dot < 0 ? 0 : mant.length - dot - 1);
  }
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}
