// The `geojson` npm package (rows to GeoJSON) ships no types; "geojson" itself names @types/geojson.
declare module 'geojson/geojson.js' {
  const GeoJSON: { parse(objects: object[], params: Record<string, unknown>): unknown };
  export default GeoJSON;
}
