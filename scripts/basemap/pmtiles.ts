// Vector tiles packed into one PMTiles (v3) archive: a single file a newsroom can put on object
// storage and serve with HTTP range requests (docs/deploy.md). The `pmtiles` package reads these
// archives (and the app uses it to read a newsroom's); it has no writer, so this is the small part
// of the specification a writer needs (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
// a 127-byte header, a root directory (and leaf directories when the root would not fit in the
// first 16 KiB), then the tiles in tile-id order. Directories and tiles are stored uncompressed
// (tiles are served as they are; a CDN compresses the transfer).
import { zxyToTileId } from 'pmtiles';

export interface ArchiveTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

export interface ArchiveOptions {
  /** [west, south, east, north] of the tiles' data. */
  bounds: [number, number, number, number];
  /** JSON metadata (e.g. vector_layers, attribution). */
  metadata?: Record<string, unknown>;
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

const HEADER_BYTES = 127;
const ROOT_MAX = 16_384 - HEADER_BYTES;

function varint(out: number[], n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`pmtiles: ${n} cannot be written as a varint`);
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

/** A directory as the specification serialises it: ids as deltas, then run lengths, lengths, offsets. */
export function serializeDirectory(entries: readonly Entry[]): Uint8Array {
  const out: number[] = [];
  varint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    varint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) varint(out, e.runLength);
  for (const e of entries) varint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    // 0: right after the previous entry's bytes; otherwise the offset plus one.
    varint(out, i > 0 && prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return Uint8Array.from(out);
}

/** The root directory and the leaf directories (concatenated) for a list of tile entries. */
function directories(entries: Entry[]): { root: Uint8Array; leaves: Uint8Array } {
  const root = serializeDirectory(entries);
  if (root.length <= ROOT_MAX) return { root, leaves: new Uint8Array(0) };
  for (let size = 4096; ; size *= 2) {
    const rootEntries: Entry[] = [];
    const parts: Uint8Array[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += size) {
      const leaf = serializeDirectory(entries.slice(i, i + size));
      // A run length of 0 marks an entry that points at a leaf directory.
      rootEntries.push({ tileId: entries[i]!.tileId, offset, length: leaf.length, runLength: 0 });
      parts.push(leaf);
      offset += leaf.length;
    }
    const r = serializeDirectory(rootEntries);
    if (r.length <= ROOT_MAX) return { root: r, leaves: concat(parts) };
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One PMTiles v3 archive of vector (MVT) tiles. Tiles with the same bytes are stored once. */
export function writeArchive(tiles: readonly ArchiveTile[], opts: ArchiveOptions): Uint8Array {
  const sorted = tiles
    .filter((t) => t.data.length > 0)
    .map((t) => ({ ...t, tileId: zxyToTileId(t.z, t.x, t.y) }))
    .sort((a, b) => a.tileId - b.tileId);
  if (!sorted.length) throw new Error('pmtiles: no tiles to write');
  const entries: Entry[] = [];
  const parts: Uint8Array[] = [];
  const stored = new Map<string, { offset: number; length: number }>();
  let offset = 0;
  for (const t of sorted) {
    const key = Buffer.from(t.data).toString('base64');
    let at = stored.get(key);
    if (!at) {
      at = { offset, length: t.data.length };
      stored.set(key, at);
      parts.push(t.data);
      offset += t.data.length;
    }
    const prev = entries.at(-1);
    // Consecutive ids with the same bytes (e.g. open sea) are one entry with a longer run.
    if (prev && prev.offset === at.offset && prev.tileId + prev.runLength === t.tileId) prev.runLength++;
    else entries.push({ tileId: t.tileId, offset: at.offset, length: at.length, runLength: 1 });
  }
  const { root, leaves } = directories(entries);
  const metadata = new TextEncoder().encode(JSON.stringify(opts.metadata ?? {}));
  const data = concat(parts);
  const zooms = sorted.map((t) => t.z);
  const minZoom = Math.min(...zooms);
  const maxZoom = Math.max(...zooms);

  const header = new DataView(new ArrayBuffer(HEADER_BYTES));
  new TextEncoder().encode('PMTiles').forEach((b, i) => header.setUint8(i, b));
  header.setUint8(7, 3);
  const u64 = (at: number, n: number) => {
    header.setUint32(at, n % 2 ** 32, true);
    header.setUint32(at + 4, Math.floor(n / 2 ** 32), true);
  };
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leavesOffset = metadataOffset + metadata.length;
  const dataOffset = leavesOffset + leaves.length;
  u64(8, rootOffset);
  u64(16, root.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, leavesOffset);
  u64(48, leaves.length);
  u64(56, dataOffset);
  u64(64, data.length);
  u64(72, sorted.length);
  u64(80, entries.length);
  u64(88, stored.size);
  header.setUint8(96, 1); // clustered: tiles in id order
  header.setUint8(97, 1); // directories: not compressed
  header.setUint8(98, 1); // tiles: not compressed
  header.setUint8(99, 1); // MVT
  header.setUint8(100, minZoom);
  header.setUint8(101, maxZoom);
  const [w, s, e, n] = opts.bounds;
  const e7 = (v: number) => Math.round(v * 1e7);
  header.setInt32(102, e7(w), true);
  header.setInt32(106, e7(s), true);
  header.setInt32(110, e7(e), true);
  header.setInt32(114, e7(n), true);
  header.setUint8(118, minZoom);
  header.setInt32(119, e7((w + e) / 2), true);
  header.setInt32(123, e7((s + n) / 2), true);
  return concat([new Uint8Array(header.buffer), root, metadata, leaves, data]);
}
