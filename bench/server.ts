// A small static server for the bench: serves the built site and extra story folders on loopback,
// gzip- or brotli-encoded as the browser asks (what any static host does), and can emulate a slow
// link on the server side, so every request is slowed alike whoever makes it (page or worker).
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.geojson', '.md', '.svg']);

/** A shared bottleneck link: requests queue for its bandwidth, each pays the round-trip latency first. */
export interface Link {
  /** Added before each response starts, in ms (request latency, as DevTools throttling models it). */
  latencyMs: number;
  /** Download bandwidth shared by all responses, in kbit/s. */
  kbps: number;
}

export interface BenchServer {
  url: string;
  server: Server;
  /** Sets (or removes, with null) the emulated link for the requests that follow. */
  setLink(link: Link | null): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Serves `root` at /, and each mount (url prefix -> folder) at /<prefix>/. Port 0 asks the OS for a
 * free one, so several benches (or engineers) never collide.
 */
export async function serve(root: string, mounts: Record<string, string> = {}, port = 0): Promise<BenchServer> {
  const folders: [string, string][] = [...Object.entries(mounts).map(([p, d]) => [`/${p.replace(/^\/|\/$/g, '')}/`, resolve(d)] as [string, string]), ['/', resolve(root)]];
  const encoded = new Map<string, Buffer>();
  let link: Link | null = null;
  let linkFreeAt = 0;

  async function send(res: ServerResponse, body: Buffer) {
    if (!link) return void res.end(body);
    await sleep(link.latencyMs);
    const bytesPerMs = (link.kbps * 1000) / 8 / 1000;
    for (let i = 0; i < body.length; i += 16384) {
      const chunk = body.subarray(i, i + 16384);
      const now = performance.now();
      linkFreeAt = Math.max(now, linkFreeAt) + chunk.length / bytesPerMs;
      await sleep(linkFreeAt - now);
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.statusCode = 400;
      return void res.end();
    }
    const [prefix, dir] = folders.find(([p]) => path.startsWith(p)) ?? ['/', resolve(root)];
    let file = resolve(dir, path.slice(prefix.length));
    if (file !== dir && !file.startsWith(dir + sep)) {
      res.statusCode = 403;
      return void res.end();
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = resolve(file, 'index.html');
    if (!existsSync(file)) {
      res.statusCode = 404;
      return void res.end('not found');
    }
    const ext = extname(file);
    res.setHeader('Content-Type', TYPES[ext] ?? 'application/octet-stream');
    // Hashed build assets are cached for good, as static hosts serve them; the rest is revalidated.
    res.setHeader('Cache-Control', /\/assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    const accept = String(req.headers['accept-encoding'] ?? '');
    const enc = !COMPRESSIBLE.has(ext) ? null : /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
    if (!enc && !link) {
      res.setHeader('Content-Length', statSync(file).size);
      return void createReadStream(file).pipe(res);
    }
    let body: Buffer;
    if (enc) {
      const key = `${enc}:${file}:${statSync(file).mtimeMs}`;
      body = encoded.get(key) ?? (enc === 'br' ? brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }) : gzipSync(readFileSync(file), { level: 9 }));
      encoded.set(key, body);
      res.setHeader('Content-Encoding', enc);
      res.setHeader('Vary', 'Accept-Encoding');
    } else body = readFileSync(file);
    res.setHeader('Content-Length', body.length);
    void send(res, body).catch(() => res.destroy());
  }

  const server = createServer(handle);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    server,
    setLink(l) {
      link = l;
      linkFreeAt = 0;
    },
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
