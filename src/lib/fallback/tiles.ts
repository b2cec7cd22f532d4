// The SVG fallback's basemap: the same vector tiles the WebGL map reads, fetched for the view shown
// (its tile zoom, the tiles covering its bounds) and decoded (src/lib/map/basemap-tiles.ts). The tile
// set may be sparse (the site's own: the world to zoom 5, deeper only around the stories' places):
// a tile the set lacks (404) is drawn from its nearest ancestor, as MapLibre's `sparse` source does,
// so a view never loses its basemap. Tiles are kept by key (a small cache), and loads a newer view
// no longer needs are cancelled.
import { decodeTile, mergeTiles, parentTile, tileKey, tilesCovering, tileUrl, tileZoom, type TileGeometry, type TileId } from '../map/basemap-tiles';

/** Where the tiles are: an absolute {z}/{x}/{y} address and the deepest zoom they are made for. */
export interface TileSource {
  tiles: string;
  maxzoom: number;
}

export interface BasemapView {
  /** The tiles' water, borders and names, each tile cut to the part of the view it stands for. */
  geometry: TileGeometry;
  /** The tile zoom asked for. */
  zoom: number;
  /** How many of the view's tiles were drawn from an ancestor (the set has no such tile). */
  fromAncestor: number;
  /** How many could not be drawn at all (no tile and no ancestor could be read). */
  failed: number;
}

type Got = Uint8Array | 'missing' | 'error';

export class FallbackTiles {
  /** Tiles read (bytes) and tiles the set does not have (404), newest last: the cache. */
  private readonly settled = new Map<string, Uint8Array | 'missing'>();
  private readonly inflight = new Map<string, { promise: Promise<Got>; controller: AbortController }>();
  private readonly decoded = new WeakMap<Uint8Array, Map<string, TileGeometry>>();
  private readonly warned = new Set<string>();
  /** Requests made (tests). */
  requests = 0;

  constructor(
    readonly source: TileSource,
    private readonly load: typeof fetch = (...a) => fetch(...a),
    private readonly cacheSize = 96,
  ) {}

  /** The tiles a view of `bounds` ([west, south, east, north]) at `zoom` reads. */
  tilesFor(bounds: [number, number, number, number], zoom: number): TileId[] {
    return tilesCovering(bounds, tileZoom(zoom, this.source.maxzoom));
  }

  /**
   * Every tile of a view read: each tile, or where the set lacks it its nearest ancestor cut to
   * its square. Loads for an earlier view that this one does not need are cancelled (that view's
   * promise then rejects with an AbortError).
   */
  async view(tiles: TileId[]): Promise<BasemapView> {
    const keep = new Set<string>();
    for (const t of tiles) for (let a: TileId | null = t; a; a = parentTile(a)) keep.add(tileKey(a));
    for (const [key, f] of this.inflight) if (!keep.has(key)) f.controller.abort();
    let fromAncestor = 0;
    let failed = 0;
    const parts = await Promise.all(
      tiles.map(async (want) => {
        for (let t: TileId | null = want; t; t = parentTile(t)) {
          const got = await this.get(t);
          if (typeof got === 'string') continue;
          const part = this.decode(t, got, want);
          if (!part) continue;
          if (t !== want) fromAncestor++;
          return part;
        }
        failed++;
        return null;
      }),
    );
    return { geometry: mergeTiles(parts.filter((p): p is TileGeometry => p !== null)), zoom: tiles[0]?.z ?? 0, fromAncestor, failed };
  }

  /** Cancels every load under way (the map is going away). */
  dispose() {
    for (const f of this.inflight.values()) f.controller.abort();
  }

  private decode(tile: TileId, data: Uint8Array, area: TileId): TileGeometry | null {
    let byArea = this.decoded.get(data);
    if (!byArea) this.decoded.set(data, (byArea = new Map()));
    const key = tileKey(area);
    let part = byArea.get(key);
    if (!part) {
      try {
        part = decodeTile({ ...tile, data, area });
      } catch (e) {
        // Not a vector tile (e.g. a host answering a missing file with a page): read as missing.
        this.warnOnce('decode', `fallback map: the basemap tile ${tileKey(tile)} could not be read (${(e as Error).message}); drawing its parent instead.`);
        return null;
      }
      byArea.set(key, part);
    }
    return part;
  }

  private get(t: TileId): Promise<Got> {
    const key = tileKey(t);
    const done = this.settled.get(key);
    if (done !== undefined) {
      // Most recently used last.
      this.settled.delete(key);
      this.settled.set(key, done);
      return Promise.resolve(done);
    }
    const running = this.inflight.get(key);
    if (running && !running.controller.signal.aborted) return running.promise;
    const controller = new AbortController();
    const promise = this.fetchTile(t, controller.signal).finally(() => {
      if (this.inflight.get(key)?.promise === promise) this.inflight.delete(key);
    });
    this.inflight.set(key, { promise, controller });
    return promise;
  }

  private async fetchTile(t: TileId, signal: AbortSignal): Promise<Got> {
    const key = tileKey(t);
    this.requests++;
    try {
      // No cookies: the tiles are public files, and a newsroom's tile host learns nothing of the reader from them.
      const res = await this.load(tileUrl(this.source.tiles, t), { credentials: 'omit', signal });
      if (res.status === 404) return this.keep(key, 'missing');
      if (!res.ok) {
        this.warnOnce(`http-${res.status}`, `fallback map: the basemap tile ${key} could not be loaded (HTTP ${res.status}); drawing its parent instead.`);
        return 'error';
      }
      return this.keep(key, new Uint8Array(await res.arrayBuffer()));
    } catch (e) {
      if (signal.aborted) throw e;
      this.warnOnce('network', `fallback map: the basemap tiles could not be loaded (${(e as Error).message}).`);
      return 'error';
    }
  }

  private keep(key: string, got: Uint8Array | 'missing') {
    this.settled.set(key, got);
    while (this.settled.size > this.cacheSize) this.settled.delete(this.settled.keys().next().value!);
    return got;
  }

  private warnOnce(kind: string, message: string) {
    if (this.warned.has(kind)) return;
    this.warned.add(kind);
    console.warn(message);
  }
}
