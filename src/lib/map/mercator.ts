// Web Mercator as MapLibre draws it, in world units (0..1 across the world's width, y down from the
// north edge). The one helper for the map views, the first-paint picture and the framing rule;
// d3-geo's geoMercator draws the same projection for the SVG scene. Pure, no DOM.

/** MapLibre's tile size: at zoom z the world is TILE * 2^z pixels wide. */
export const TILE = 512;
/** Latitude where Web Mercator's square world ends. */
export const MAX_LAT = 85.051129;

export const mercX = (lon: number) => (lon + 180) / 360;
export const mercY = (lat: number) => {
  const s = Math.sin((Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};
export const lonOf = (x: number) => x * 360 - 180;
export const latOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

/** The world's width in pixels at a zoom, and the zoom for a width. */
export const worldPx = (zoom: number) => TILE * 2 ** zoom;
export const zoomOf = (worldWidthPx: number) => Math.log2(worldWidthPx / TILE);
