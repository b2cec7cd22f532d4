// Which basemap the map draws: the site's own vector tiles (the default: nothing is requested from
// any other host), the newsroom's tiles in the same schema on its own host (a tile directory or one
// PMTiles archive), a Protomaps archive drawn with a quiet style, or the newsroom's own MapLibre
// style (story.json `basemap`, docs/story-format.md). A newsroom basemap that cannot be loaded
// leaves the map on the site's basemap, with a message saying why: the story never loses its map.
import type { StyleSpecification } from 'maplibre-gl';
import type { BasemapSpec } from '../story/schema';
import { BASEMAP_MAXZOOM, siteTiles, type BasemapOptions } from './basemap-style';
import { underStory } from './style';

export type BasemapChoice = BasemapOptions | { external: StyleSpecification };

/** What reading a PMTiles archive needs (lazily loaded modules; tests pass their own). */
export interface ArchiveReader {
  /** Opens the archive and lets the map read it as pmtiles://<url>; rejects when it cannot be used. */
  open: (url: string) => Promise<unknown>;
  /** The style for a Protomaps archive at that address. */
  protomaps: (url: string) => Promise<StyleSpecification>;
}

const lazyArchives: ArchiveReader = {
  open: (url) => import('./pmtiles-basemap').then((m) => m.openArchive(url)),
  protomaps: (url) => import('./protomaps-style').then((m) => m.protomapsStyle(url)),
};

const fallback = (what: string, field: string, e: unknown) =>
  console.warn(`map: the story's basemap ${what} could not be used (${(e as Error).message}); drawing the site's own basemap instead. Check the address in story.json "basemap.${field}" and that its host allows this site (CORS${field === 'pmtiles' ? ', HTTP range requests' : ''}).`);

/**
 * The vector tiles a story's basemap is drawn from without MapLibre (the SVG fallback): the
 * newsroom's tiles when the story names them, else the site's own (a newsroom's MapLibre style or
 * PMTiles archive is not read by the SVG map, so those stories fall back to the site's tiles too).
 */
export function basemapTiles(spec: BasemapSpec | undefined, root: string): { tiles: string; maxzoom: number } {
  if (spec?.tiles) return { tiles: spec.tiles, maxzoom: spec.maxzoom ?? BASEMAP_MAXZOOM };
  return { tiles: siteTiles(root), maxzoom: BASEMAP_MAXZOOM };
}

/** The basemap for a story whose site is at `root` (absolute URL). */
export async function chooseBasemap(spec: BasemapSpec | undefined, root: string, load: typeof fetch = fetch, archives: ArchiveReader = lazyArchives): Promise<BasemapChoice> {
  const own: BasemapOptions = { tiles: siteTiles(root) };
  if (!spec) return own;
  if (spec.tiles) return { tiles: spec.tiles, ...(spec.maxzoom !== undefined ? { maxzoom: spec.maxzoom } : {}) };
  if (spec.pmtiles) {
    try {
      await archives.open(spec.pmtiles);
      return spec.schema === 'protomaps' ? { external: underStory(await archives.protomaps(spec.pmtiles)) } : { url: `pmtiles://${spec.pmtiles}` };
    } catch (e) {
      fallback(`archive ${JSON.stringify(spec.pmtiles)}`, 'pmtiles', e);
      return own;
    }
  }
  if (!spec.style) return own;
  try {
    // No cookies to the tile host: the reader is not identified to it by this request.
    const res = await load(spec.style, { credentials: 'omit' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return { external: underStory(await res.json()) };
  } catch (e) {
    fallback(`style ${JSON.stringify(spec.style)}`, 'style', e);
    return own;
  }
}
