// The offline basemap: Natural Earth countries (TopoJSON, see scripts/build-basemap.mjs) decoded
// into land polygons, shared borders (each drawn once) and label points.
import type { FeatureCollection, MultiLineString } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export interface Basemap {
  land: FeatureCollection;
  borders: MultiLineString;
  labels: FeatureCollection;
  /** Area the basemap covers, [west, south, east, north]: readers can't pan off its edge. */
  bounds: [number, number, number, number];
}

export async function loadBasemap(root = './'): Promise<Basemap> {
  const [topoRes, labelsRes] = await Promise.all([fetch(`${root}basemap/countries.topo.json`), fetch(`${root}basemap/labels.geojson`)]);
  if (!topoRes.ok || !labelsRes.ok) throw new Error(`the basemap could not be loaded (HTTP ${topoRes.ok ? labelsRes.status : topoRes.status})`);
  return decodeBasemap((await topoRes.json()) as BasemapTopology, (await labelsRes.json()) as FeatureCollection);
}

export type BasemapTopology = Topology<{ countries: GeometryCollection }>;

/** Decodes the basemap files' contents (no fetching: usable in Node, e.g. for a static first paint). */
export function decodeBasemap(topo: BasemapTopology, labels: FeatureCollection): Basemap {
  const land = feature(topo, topo.objects.countries) as FeatureCollection;
  const borders = mesh(topo, topo.objects.countries, (a, b) => a !== b);
  const [w, s, e, n] = topo.bbox ?? [-180, -85, 180, 85];
  return { land, borders, labels, bounds: [w, s, e, n] as [number, number, number, number] };
}
