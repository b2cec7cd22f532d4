// A newsroom's basemap as one PMTiles archive on its own host (story.json `basemap.pmtiles`), read
// with HTTP range requests by the `pmtiles` package through MapLibre's custom protocol
// (`pmtiles://…`). Loaded only when a story names an archive: the default page never carries it.
// The archive is fetched without cookies (the browser's default for another origin), so the reader
// is not identified to the tile host.
import { PMTiles, Protocol, TileType, type Header } from 'pmtiles';
import type { AddProtocolAction } from 'maplibre-gl';
import { AJAXError, addProtocol } from './engine';

let protocol: Protocol | null = null;

/** Opens the archive (its header: one range request) and lets the map read it as pmtiles://<url>. */
export async function openArchive(url: string): Promise<Header> {
  if (!protocol) {
    const p = new Protocol();
    protocol = p;
    const read: AddProtocolAction = async (params, abort) => {
      // TileJSON for the archive (its zooms and bounds) or one tile's bytes.
      const res = (await p.tilev4(params, abort)) as Awaited<ReturnType<AddProtocolAction>>;
      // A tile the archive does not hold answers as a missing file of a tile directory does (404),
      // so the sparse basemap source draws that place from the nearest tile above it.
      if (params.type !== 'json' && res.data instanceof Uint8Array && res.data.length === 0) throw new AJAXError(404, 'Not Found', params.url, new Blob());
      return res;
    };
    addProtocol('pmtiles', read);
  }
  const archive = protocol.get(url) ?? new PMTiles(url);
  protocol.add(archive);
  const header = await archive.getHeader();
  if (header.tileType !== TileType.Mvt) throw new Error('it does not hold vector (MVT) tiles');
  return header;
}
