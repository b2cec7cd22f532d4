// Which basemap the map draws: the site's own vector tiles (the default: nothing is requested from
// any other host), the newsroom's tiles in the same schema on its own host, or the newsroom's own
// MapLibre style (story.json `basemap`, docs/story-format.md). A newsroom style that cannot be
// loaded leaves the map on the site's basemap, with a message saying why: the story never loses
// its map to it.
import type { StyleSpecification } from 'maplibre-gl';
import type { BasemapSpec } from '../story/schema';
import { BASEMAP_MAXZOOM, siteTiles, type BasemapOptions } from './basemap-style';
import { underStory } from './style';

export type BasemapChoice = BasemapOptions | { external: StyleSpecification };

/**
 * The vector tiles a story's basemap is drawn from without MapLibre (the SVG fallback): the
 * newsroom's tiles when the story names them, else the site's own (a newsroom's MapLibre style
 * cannot be drawn as SVG, so its stories fall back to the site's tiles too).
 */
export function basemapTiles(spec: BasemapSpec | undefined, root: string): { tiles: string; maxzoom: number } {
  if (spec?.tiles) return { tiles: spec.tiles, maxzoom: spec.maxzoom ?? BASEMAP_MAXZOOM };
  return { tiles: siteTiles(root), maxzoom: BASEMAP_MAXZOOM };
}

/** The basemap for a story whose site is at `root` (absolute URL). */
export async function chooseBasemap(spec: BasemapSpec | undefined, root: string, load: typeof fetch = fetch): Promise<BasemapChoice> {
  const own: BasemapOptions = { tiles: siteTiles(root) };
  if (!spec) return own;
  if (spec.tiles) return { tiles: spec.tiles, ...(spec.maxzoom !== undefined ? { maxzoom: spec.maxzoom } : {}) };
  if (!spec.style) return own;
  try {
    // No cookies to the tile host: the reader is not identified to it by this request.
    const res = await load(spec.style, { credentials: 'omit' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return { external: underStory(await res.json()) };
  } catch (e) {
    console.warn(`map: the story's basemap style ${JSON.stringify(spec.style)} could not be used (${(e as Error).message}); drawing the site's own basemap instead. Check the address in story.json "basemap.style" and that its host allows this site (CORS).`);
    return own;
  }
}
