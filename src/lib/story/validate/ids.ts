// Ids for features that come without one (an export from QGIS, geojson.io, Overpass, Natural Earth),
// and for the second of two features that share one. Deterministic: the same file gives the same
// ids on every run and on every machine, so links (#f=layer:id) keep working.
import { isReservedKey } from '../keys';

/** A given id as links use it: text trimmed, a finite number as text; anything else (null, empty text) is no id. */
export const idText = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() || undefined : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

/** "Port Said" -> "port-said": the id of a row without one. */
export function slug(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Properties a name is read from when a feature has no "name", in this order (Natural Earth, OSM, QGIS, geojson.io exports). */
export const NAME_PROPERTIES = ['name', 'Name', 'NAME', 'name_en', 'NAME_EN', 'name:en', 'title', 'Title', 'TITLE', 'NAME_LONG', 'ADMIN', 'label', 'Label'] as const;

/** The feature's name from its own properties: the first of NAME_PROPERTIES that holds text (or a number). */
export function nameOf(props: Record<string, unknown>): string | undefined {
  for (const k of NAME_PROPERTIES) {
    if (!Object.prototype.hasOwnProperty.call(props, k)) continue;
    const v = props[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  }
  return undefined;
}

/** FNV-1a, 32 bits, as 7 base-36 digits: a short stable fingerprint of a text. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}

const MAX_SLUG = 64;

/** The base of a generated id: the name's slug, else "f-" and a fingerprint of the geometry. */
export function idBase(name: string | undefined, geometry: unknown): { base: string; from: 'name' | 'geometry' } {
  const s = name ? slug(name).slice(0, MAX_SLUG).replace(/-+$/, '') : '';
  if (s && !isReservedKey(s)) return { base: s, from: 'name' };
  return { base: `f-${fingerprint(JSON.stringify(geometry ?? null))}`, from: 'geometry' };
}

/** The first of base, base-2, base-3 … not in `used` (and then adds it). */
export function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id) || isReservedKey(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}
