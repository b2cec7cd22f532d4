// One entry point for a layer file of any format the story format allows.
import type { LayerRead } from './geojson';
import { readGeoJSON } from './geojson';
import { readCsv, readRows } from './table';

export type LayerFormat = 'geojson' | 'csv' | 'rows';

/** The format of a layer file: by its extension, and for .json by whether it holds a list (rows) or an object (GeoJSON). */
export function layerFormat(file: string, text: string): LayerFormat {
  const name = file.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.json')) return /^\uFEFF?\s*\[/.test(text.slice(0, 1024)) ? 'rows' : 'geojson';
  return 'geojson';
}

/** Reads and checks a layer file. Never throws. */
export function readLayer(text: string, file: string): LayerRead {
  const format = layerFormat(file, text);
  return format === 'csv' ? readCsv(text, file) : format === 'rows' ? readRows(text, file) : readGeoJSON(text, file);
}
