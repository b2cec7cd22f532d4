// Dev server only (`npm run edit`): the editor's small API for story folders on disk.
//   GET  /__editor/stories          the story folders in geodata/ ({ id, title }[])
//   GET  /__editor/stories/<id>     a folder's published files ({ files: { path: text } })
//   PUT  /__editor/stories/<id>     writes files ({ files: { path: text } }) into geodata/<id>/
// Writes are held to strict rules (docs/security.md): only inside geodata/<id>/ with <id> a story
// name, plain relative paths (no "..", ".", empty or dot-file segments, no backslashes), only
// .json, .md, .geojson and .csv files, never through or over a symbolic link; requests from another
// origin are refused. The build never has this: a static editor downloads a zip instead.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import { STORY_NAME } from './story-config.ts';
import { SNAPSHOTS } from './stories-plugin.ts';

export const EDITOR_API = '/__editor/stories';
const WRITABLE = /\.(json|md|geojson|csv)$/i;
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/** The most a save may send (a story's files are far smaller). */
export const MAX_BODY = 60 * 1024 * 1024;

/**
 * Where a file of story <id> may be written, as an absolute path under geodata/<id>/, or why not.
 * Never touches the disk except to refuse symbolic links on the way.
 */
export function writePath(geodata: string, id: string, rel: string): { path: string } | { error: string } {
  if (!STORY_NAME.test(id)) return { error: `“${id}” is not a story folder name (letters, digits, - and _).` };
  if (typeof rel !== 'string' || !rel || rel.length > 200) return { error: 'The file path is empty or too long.' };
  if (rel.includes('\\') || rel.includes('\0') || rel.startsWith('/')) return { error: `${rel}: only plain relative paths with “/”.` };
  const parts = rel.split('/');
  if (parts.some((p) => p === '..' || p === '.' || !SEGMENT.test(p))) return { error: `${rel}: a path inside the story folder, without “..”, “.” or hidden files.` };
  if (!WRITABLE.test(rel)) return { error: `${rel}: only .json, .md, .geojson and .csv files are written.` };
  const root = resolve(geodata);
  const dir = join(root, id);
  const path = join(dir, ...parts);
  if (!path.startsWith(dir + sep)) return { error: `${rel}: outside the story folder.` };
  // No link anywhere from geodata/<id> down to the file: a link could lead out of the folder.
  for (let i = 0; i <= parts.length; i++) {
    const at = join(dir, ...parts.slice(0, i));
    let st;
    try {
      st = lstatSync(at);
    } catch {
      break; // does not exist yet: nothing under it does either
    }
    if (st.isSymbolicLink()) return { error: `${i ? parts.slice(0, i).join('/') : id} is a symbolic link; the editor writes only plain files in the story's own folder.` };
    if (i < parts.length && !st.isDirectory()) return { error: `${parts.slice(0, i).join('/')} is not a folder.` };
    if (i === parts.length && !st.isFile()) return { error: `${rel} is not a plain file.` };
  }
  return { path };
}

/** Requests from a page of another origin (a website the developer has open) are refused. */
export function sameOrigin(headers: IncomingMessage['headers']): boolean {
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

type Snapshots = typeof import('./model-snapshot.ts');

/** Writes files into geodata/<id>/ after checking every path first (all or nothing refused). */
export function writeStoryFiles(geodata: string, id: string, files: Record<string, unknown>): { written: string[] } | { error: string } {
  const plan: [string, string][] = [];
  for (const [rel, text] of Object.entries(files)) {
    if (typeof text !== 'string') return { error: `${rel}: the file's text must be a string.` };
    const r = writePath(geodata, id, rel);
    if ('error' in r) return r;
    plan.push([r.path, text]);
  }
  if (!plan.length) return { error: 'Nothing to write.' };
  const dir = join(resolve(geodata), id);
  if (existsSync(dir) && lstatSync(dir).isSymbolicLink()) return { error: `${id} is a symbolic link.` };
  for (const [path, text] of plan) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
  return { written: Object.keys(files) };
}

export function editorPlugin(geodata = 'geodata'): Plugin {
  return {
    name: 'story-map:editor-api',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0] ?? '';
        if (url !== EDITOR_API && !url.startsWith(`${EDITOR_API}/`)) return next();
        if (!sameOrigin(req.headers)) return send(res, 403, { error: 'Refused: the request comes from another site.' });
        const id = decodeURIComponentSafe(url.slice(EDITOR_API.length + 1));
        const root = resolve(geodata);
        if (req.method === 'GET' && url === EDITOR_API) {
          const list = readdirSync(root)
            .filter((d) => STORY_NAME.test(d) && !lstatSync(join(root, d)).isSymbolicLink() && existsSync(join(root, d, 'story.json')))
            .map((d) => {
              let title = d;
              try {
                title = String((JSON.parse(readFileSync(join(root, d, 'story.json'), 'utf8')) as { title?: unknown }).title ?? d);
              } catch {
                // listed by its folder name
              }
              return { id: d, title };
            });
          return send(res, 200, list);
        }
        if (id === null || !STORY_NAME.test(id)) return send(res, 400, { error: 'Not a story folder name.' });
        const dir = join(root, id);
        if (req.method === 'GET') {
          if (!existsSync(join(dir, 'story.json')) || lstatSync(dir).isSymbolicLink()) return send(res, 404, { error: 'No such story folder.' });
          server
            .ssrLoadModule(SNAPSHOTS)
            .then((s) => {
              const files: Record<string, string> = {};
              for (const rel of (s as Snapshots).publishedFiles(dir)) files[rel] = readFileSync(join(dir, ...rel.split('/')), 'utf8');
              send(res, 200, { files });
            })
            .catch((e: Error) => send(res, 500, { error: e.message }));
          return;
        }
        if (req.method === 'PUT') {
          if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return send(res, 415, { error: 'Send JSON.' });
          readBody(req)
            .then((text) => {
              const body = JSON.parse(text) as { files?: unknown };
              if (!body || typeof body.files !== 'object' || body.files === null || Array.isArray(body.files)) return send(res, 400, { error: 'Send { files: { path: text } }.' });
              const r = writeStoryFiles(root, id, body.files as Record<string, unknown>);
              send(res, 'error' in r ? 400 : 200, r);
            })
            .catch((e: Error) => send(res, 400, { error: `The request could not be read (${e.message}).` }));
          return;
        }
        send(res, 405, { error: 'Method not allowed.' });
      });
    },
  };
}

function decodeURIComponentSafe(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
