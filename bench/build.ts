// Builds what the bench serves: the app exactly as `npm run build` does (vite.config.ts), and the two
// comparison pages (bench/pages) into the same site under bench/, so every page reads the same
// basemap and story files from the same origin. Returns, for every JS chunk, which modules it holds,
// so bytes can be split into the app's own code and maplibre-gl's.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import type { StoryTexts } from '../src/lib/story/model';
import { templateConfig } from './template-config';

export interface ChunkModules {
  fileName: string;
  /** Module id (absolute path, or a virtual id) -> rendered code of that module in the chunk. */
  modules: { id: string; code: string }[];
}

function chunksOf(out: Awaited<ReturnType<typeof build>>): ChunkModules[] {
  const outputs = (Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[];
  return outputs.flatMap((o) =>
    (o.output ?? [])
      .filter((c): c is Rolldown.OutputChunk => c.type === 'chunk')
      .map((c) => ({ fileName: c.fileName, modules: Object.entries(c.modules).map(([id, m]) => ({ id, code: m.code ?? '' })) })),
  );
}

export interface BuiltSite {
  /** Folder served at / : the app, plus bench/bare/ and bench/template/. */
  dir: string;
  chunks: ChunkModules[];
}

export async function buildSite(outDir: string, root = process.cwd()): Promise<BuiltSite> {
  const dir = resolve(outDir);
  const app = await build({
    configFile: join(root, 'vite.config.ts'),
    root,
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true },
  });
  const pagesRoot = join(root, 'bench/pages');
  const pages = await build({
    configFile: false,
    root: pagesRoot,
    base: './',
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: join(dir, 'bench'),
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: 1200,
      rolldownOptions: { input: { bare: join(pagesRoot, 'bare/index.html'), template: join(pagesRoot, 'template/index.html') } },
    },
  });
  return { dir, chunks: [...chunksOf(app), ...chunksOf(pages).map((c) => ({ ...c, fileName: `bench/${c.fileName}` }))] };
}

/** Writes the storytelling page's chapter config for a story (the template's config.js, as JSON). */
export function writeTemplateConfig(site: string, name: string, texts: StoryTexts) {
  const folder = join(site, 'bench/template/config');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${name}.json`), JSON.stringify(templateConfig(texts)));
}
