// Reads one layer file into features the story can use, checking what the map depends on.
// Every problem names the file, the feature and the path; a bad feature is left out, the rest kept.
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { Problem } from './problems';

export interface LayerFeature {
  /** Feature id, unique within its layer. */
  id: string;
  properties: Record<string, unknown>;
  geometry: Geometry;
}

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];
const MAX_BYTES = 20 * 1024 * 1024;

type Check = (p: Omit<Problem, 'file'>) => void;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkPosition(pos: unknown, path: string, report: Check, feature: Problem['feature']): boolean {
  if (!Array.isArray(pos) || pos.length < 2 || pos.length > 3 || !pos.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    report({ severity: 'error', feature, path, message: `A position must be [longitude, latitude] (2 or 3 finite numbers); found ${JSON.stringify(pos)?.slice(0, 60)}.`, fix: 'Write each position as [lon, lat] with plain numbers.' });
    return false;
  }
  const [lon, lat] = pos as number[];
  if (Math.abs(lon!) > 180 || Math.abs(lat!) > 90) {
    const swapped = Math.abs(lat!) <= 180 && Math.abs(lon!) <= 90;
    report({
      severity: 'error', feature, path,
      message: `The position [${lon}, ${lat}] is outside the world (longitude −180…180, latitude −90…90).`,
      fix: swapped ? 'Latitude and longitude look swapped: GeoJSON puts longitude first, [lon, lat].' : Math.abs(lon!) > 1000 ? 'These look like projected metres; export the file in WGS 84 (EPSG:4326) degrees.' : 'Check the coordinates.',
    });
    return false;
  }
  return true;
}

function checkCoords(depth: number, coords: unknown, path: string, report: Check, feature: Problem['feature'], ring = false): boolean {
  if (depth === 0) return checkPosition(coords, path, report, feature);
  if (!Array.isArray(coords)) {
    report({ severity: 'error', feature, path, message: 'Coordinates must be an array.', fix: 'See RFC 7946 §3.1 for the shape of each geometry type.' });
    return false;
  }
  let ok = true;
  coords.forEach((c, i) => {
    ok = checkCoords(depth - 1, c, `${path}[${i}]`, report, feature, depth === 2 && ring) && ok;
  });
  if (ok && depth === 1 && ring) {
    const first = coords[0] as Position;
    const last = coords[coords.length - 1] as Position;
    if (coords.length < 4) {
      report({ severity: 'error', feature, path, message: `A polygon ring needs at least 4 positions; this one has ${coords.length}.`, fix: 'Add the missing corners and repeat the first position at the end.' });
      ok = false;
    } else if (first[0] !== last[0] || first[1] !== last[1]) {
      report({ severity: 'error', feature, path, message: 'This polygon ring is not closed: its last position differs from its first.', fix: 'Repeat the first position at the end of the ring.' });
      ok = false;
    }
  }
  return ok;
}

export function checkGeometry(g: unknown, path: string, report: Check, feature: Problem['feature']): g is Geometry {
  if (!isObject(g)) {
    report({ severity: 'error', feature, path, message: 'The geometry must be an object with "type" and "coordinates".', fix: 'Give the feature a geometry such as {"type": "Point", "coordinates": [lon, lat]}.' });
    return false;
  }
  const type = g.type;
  if (typeof type !== 'string' || !GEOMETRY_TYPES.includes(type)) {
    const near = GEOMETRY_TYPES.find((t) => typeof type === 'string' && t.toLowerCase() === type.toLowerCase());
    report({ severity: 'error', feature, path: `${path}.type`, message: `Unknown geometry type ${JSON.stringify(type)}.`, fix: near ? `Write "${near}" (GeoJSON types are case-sensitive).` : `Use one of ${GEOMETRY_TYPES.join(', ')}.` });
    return false;
  }
  if (type === 'GeometryCollection') {
    if (!Array.isArray(g.geometries)) {
      report({ severity: 'error', feature, path: `${path}.geometries`, message: 'A GeometryCollection needs a "geometries" array.' });
      return false;
    }
    return g.geometries.every((c, i) => checkGeometry(c, `${path}.geometries[${i}]`, report, feature));
  }
  const depth = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 }[type] ?? 0;
  if (!('coordinates' in g)) {
    report({ severity: 'error', feature, path: `${path}.coordinates`, message: `The ${type} has no "coordinates".`, fix: 'Add the coordinates array.' });
    return false;
  }
  const ring = type === 'Polygon' || type === 'MultiPolygon';
  const ok = checkCoords(depth, g.coordinates, `${path}.coordinates`, report, feature, ring && type === 'Polygon');
  if (ok && type === 'MultiPolygon') {
    return (g.coordinates as unknown[]).every((poly, i) => checkCoords(2, poly, `${path}.coordinates[${i}]`, report, feature, true));
  }
  if (ok && type === 'LineString' && (g.coordinates as unknown[]).length < 2) {
    report({ severity: 'error', feature, path: `${path}.coordinates`, message: 'A LineString needs at least 2 positions.' });
    return false;
  }
  return ok;
}

/** Parses and checks a GeoJSON layer file's text. Bad features are reported and left out. */
export function readGeoJSON(text: string, file: string): { features: LayerFeature[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const report: Check = (p) => problems.push({ file, ...p });
  const features: LayerFeature[] = [];
  if (text.length > MAX_BYTES) {
    report({ severity: 'error', message: `The file is ${(text.length / 1048576).toFixed(1)} MB; the limit is ${MAX_BYTES / 1048576} MB.`, fix: 'Simplify the geometry (e.g. with mapshaper) or split the layer.' });
    return { features, problems };
  }
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) {
    report({ severity: 'error', message: 'The file is empty.', fix: 'Export the layer again as GeoJSON.' });
    return { features, problems };
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    report({ severity: 'error', message: `The file is not valid JSON (${(e as Error).message}).`, fix: 'Check for a missing comma, bracket or quote near that point, or a truncated file.' });
    return { features, problems };
  }
  let list: unknown[];
  if (isObject(data) && data.type === 'FeatureCollection' && Array.isArray(data.features)) list = data.features;
  else if (isObject(data) && data.type === 'Feature') list = [data];
  else {
    report({ severity: 'error', path: 'type', message: 'The file must be a GeoJSON FeatureCollection (or one Feature).', fix: 'Start the file with {"type": "FeatureCollection", "features": [...]}.' });
    return { features, problems };
  }
  const ids = new Set<string>();
  list.forEach((f, index) => {
    const path = `features[${index}]`;
    if (!isObject(f) || f.type !== 'Feature') {
      report({ severity: 'error', feature: { index }, path, message: 'This entry is not a Feature.', fix: 'Each entry of "features" must be {"type": "Feature", "properties": {...}, "geometry": {...}}.' });
      return;
    }
    const props = isObject(f.properties) ? f.properties : {};
    const rawId = f.id ?? props.id;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
    const feature = { index, id };
    if (!id) {
      report({ severity: 'error', feature, path: `${path}.properties.id`, message: 'The feature has no id.', fix: 'Give it a unique "id" property, e.g. "tripoli"; links use it.' });
      return;
    }
    if (ids.has(id)) {
      report({ severity: 'error', feature, path: `${path}.properties.id`, message: `The id "${id}" is used by an earlier feature in this file.`, fix: 'Give every feature its own id.' });
      return;
    }
    ids.add(id);
    if (f.geometry === null) {
      report({ severity: 'warning', feature, path: `${path}.geometry`, message: 'The feature has no geometry, so it is not drawn.', fix: 'Add a geometry, or remove the feature.' });
      return;
    }
    if (!checkGeometry(f.geometry, `${path}.geometry`, report, feature)) return;
    for (const key of ['name', 'date', 'source'] as const) {
      if (typeof props[key] !== 'string' || !(props[key] as string).trim()) {
        report({ severity: 'error', feature, path: `${path}.properties.${key}`, message: `The feature has no "${key}".`, fix: key === 'source' ? 'Say where the location comes from, e.g. "GeoNames (CC BY 4.0)".' : key === 'date' ? 'Say what date or period the feature refers to, e.g. "8 Jan 2020".' : 'Give it the name readers should see.' });
      }
    }
    features.push({ id, properties: props, geometry: f.geometry });
  });
  return { features, problems };
}

export type { Feature, FeatureCollection };
