// The PMTiles writer (scripts/basemap/pmtiles.ts) read back with the `pmtiles` package's own reader,
// the one the app uses for a newsroom's archive.
import { PMTiles, TileType, type RangeResponse, type Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { writeArchive, type ArchiveTile } from '../../scripts/basemap/pmtiles';

/** An archive in memory, read by byte ranges as a CDN would serve it. */
function memorySource(bytes: Uint8Array): Source & { reads: number } {
  const src = {
    reads: 0,
    getKey: () => 'memory.pmtiles',
    getBytes: async (offset: number, length: number): Promise<RangeResponse> => {
      src.reads++;
      return { data: bytes.slice(offset, offset + length).buffer };
    },
  };
  return src;
}
const bytesOf = (s: string) => new TextEncoder().encode(s);
const text = (r: { data: ArrayBuffer } | undefined) => (r ? new TextDecoder().decode(r.data) : undefined);

describe('a PMTiles archive written for a newsroom host', () => {
  it('is read back by the pmtiles reader: header, every tile by z/x/y, metadata', async () => {
    const tiles: ArchiveTile[] = [
      { z: 0, x: 0, y: 0, data: bytesOf('world') },
      { z: 1, x: 1, y: 0, data: bytesOf('north-east') },
      { z: 1, x: 0, y: 1, data: bytesOf('south-west') },
      { z: 5, x: 17, y: 12, data: bytesOf('detail') },
    ];
    const archive = new PMTiles(memorySource(writeArchive(tiles, { bounds: [-10, -5, 40, 45], metadata: { name: 'test', vector_layers: [{ id: 'water' }] } })));
    const h = await archive.getHeader();
    expect(h).toMatchObject({ specVersion: 3, tileType: TileType.Mvt, minZoom: 0, maxZoom: 5, minLon: -10, minLat: -5, maxLon: 40, maxLat: 45, numAddressedTiles: 4, clustered: true });
    for (const t of tiles) expect(text(await archive.getZxy(t.z, t.x, t.y))).toBe(new TextDecoder().decode(t.data));
    // A tile it does not hold is not there (the app then draws that place from the tile above).
    expect(await archive.getZxy(1, 0, 0)).toBeUndefined();
    expect(await archive.getMetadata()).toEqual({ name: 'test', vector_layers: [{ id: 'water' }] });
  });

  it('stores identical tiles once, and runs of them as one entry', async () => {
    const sea = bytesOf('open sea');
    const tiles: ArchiveTile[] = [];
    for (let x = 0; x < 4; x++) for (let y = 0; y < 4; y++) tiles.push({ z: 2, x, y, data: x === 3 && y === 3 ? bytesOf('coast') : sea });
    const bytes = writeArchive(tiles, { bounds: [-180, -85, 180, 85] });
    const archive = new PMTiles(memorySource(bytes));
    const h = await archive.getHeader();
    expect(h.numAddressedTiles).toBe(16);
    expect(h.numTileContents).toBe(2);
    expect(h.numTileEntries).toBeLessThan(16);
    expect(text(await archive.getZxy(2, 0, 2))).toBe('open sea');
    expect(text(await archive.getZxy(2, 3, 3))).toBe('coast');
  });

  it('puts a big directory in leaf directories, so the header and root fit the first 16 KiB', async () => {
    const tiles: ArchiveTile[] = [];
    for (let x = 0; x < 128; x++) for (let y = 0; y < 64; y++) tiles.push({ z: 7, x, y, data: bytesOf(`${x}/${y}`) });
    const bytes = writeArchive(tiles, { bounds: [-180, 0, 180, 85] });
    const archive = new PMTiles(memorySource(bytes));
    const h = await archive.getHeader();
    expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    expect(h.leafDirectoryLength).toBeGreaterThan(0);
    for (const [x, y] of [[0, 0], [77, 31], [127, 63]] as const) expect(text(await archive.getZxy(7, x, y))).toBe(`${x}/${y}`);
  });

  it('refuses to write an empty archive', () => {
    expect(() => writeArchive([{ z: 0, x: 0, y: 0, data: new Uint8Array() }], { bounds: [0, 0, 1, 1] })).toThrow(/no tiles/);
  });
});
