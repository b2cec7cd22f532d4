// Great-circle distance on a sphere of the Earth's mean radius: for "is this the same place",
// where metres do not matter (the draft's gazetteer matches, the basemap's homonyms).

const R = 6371;

/** Distance in km between two [lon, lat] points (haversine). */
export function distanceKm(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}
