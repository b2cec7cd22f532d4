// The two patches of Vite's preload helper (scripts/preload-helper.ts), checked against what this
// Vite really writes: a tiny page with two lazy imports, each of a chunk with its own stylesheet
// (tests/fixtures/vite-preload), is built here with the app's own plugins. If a new Vite writes the
// helper differently, the build fails with a clear message rather than shipping unpatched chunks.
import { join } from 'node:path';
import { build, type Plugin, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { dropRuntimeCss, embedPlugin } from '../../scripts/embed-plugin';
import { checkHelperPresent, PreloadHelperChanged, preloadList } from '../../scripts/preload-helper';
import { preloadPlugin, pruneMapDeps } from '../../scripts/preload-plugin';
import { resolveStoryConfig } from '../../scripts/story-config';

const ROOT = join(import.meta.dirname, '../fixtures/vite-preload');
const CFG = resolveStoryConfig({ geodata: join(import.meta.dirname, '../../geodata') });

async function buildFixture(plugins: Plugin[] = []) {
  const out = (await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    // Relative URLs, as the app builds (vite.config.ts).
    base: './',
    plugins,
    build: { write: false, target: 'es2022', rolldownOptions: { input: join(ROOT, 'main.js'), preserveEntrySignatures: 'exports-only' } },
  })) as Rolldown.RolldownOutput;
  const chunks = out.output.filter((c): c is Rolldown.OutputChunk => c.type === 'chunk');
  const bundle = Object.fromEntries(out.output.map((c) => [c.fileName, c]));
  return { chunks, bundle, main: chunks.find((c) => c.name === 'main')! };
}

const calls = (code: string) => [...code.matchAll(/__vite__mapDeps\(\[([\d,]*)\]\)/g)].map((m) => m[1]!.split(',').map(Number));

describe("Vite's preload helper, as this Vite writes it", { timeout: 120_000 }, () => {
  it('is in the form the patches know, listing the lazy chunks, their stylesheets and shared chunks', async () => {
    const { main, bundle } = await buildFixture();
    const list = preloadList(main.code, main.fileName);
    expect(list).not.toBeNull();
    expect(list!.files.some((f) => f.endsWith('.css'))).toBe(true);
    expect(list!.files.some((f) => /shared-[^/]+\.js$/.test(f))).toBe(true);
    expect(() => checkHelperPresent(bundle as never)).not.toThrow();
  });

  it('the patches change the real output: no stylesheet injected at run time, no chunk preloaded that an import never needs', async () => {
    const { main, bundle } = await buildFixture();
    const noCss = dropRuntimeCss(main.code, main.fileName);
    expect(preloadList(noCss, main.fileName)!.files.some((f) => f.endsWith('.css'))).toBe(false);
    const pruned = pruneMapDeps(noCss, main.fileName, bundle as never);
    const files = preloadList(pruned, main.fileName)!.files;
    // Each lazy import preloads itself and the shared chunk, never the other lazy chunk.
    const lists = calls(pruned).map((ix) => [...new Set(ix.map((i) => files[i]!.replace(/^.*\/|-[^-]+\.js$/g, '')))]);
    expect(lists.sort()).toEqual([
      ['lazy-a', 'shared'],
      ['lazy-b', 'shared'],
    ]);
  });

  it('the app’s plugins patch it in a real build', async () => {
    const { main } = await buildFixture([embedPlugin(), preloadPlugin(CFG)]);
    expect(preloadList(main.code, main.fileName)!.files.some((f) => f.endsWith('.css'))).toBe(false);
  });

  it('a helper in another form fails the build with a message that says what to do', async () => {
    // What a future Vite might write: the same helper with another property name.
    const changed: Plugin = {
      name: 'changed-helper',
      generateBundle: {
        order: 'post',
        handler(_, bundle) {
          for (const c of Object.values(bundle)) if (c.type === 'chunk') c.code = c.code.replace('m.f||(m.f=', 'm.files||(m.files=');
        },
      },
    };
    for (const patch of [embedPlugin(), preloadPlugin(CFG)]) {
      await expect(buildFixture([changed, patch])).rejects.toThrow(/preload helper \(__vite__mapDeps\) is not written in the form the build patches.*scripts\/preload-helper\.ts/s);
    }
    const { main } = await buildFixture();
    expect(() => dropRuntimeCss(main.code.replace('m.f||(m.f=', 'm.files||(m.files='), main.fileName)).toThrow(PreloadHelperChanged);
  });

  it('a bundle that should have the helper and does not fails too', async () => {
    const { bundle, main } = await buildFixture();
    const stripped = { ...bundle, [main.fileName]: { ...main, code: main.code.replaceAll('__vite__mapDeps', '__deps') } };
    expect(() => checkHelperPresent(stripped as never)).toThrow(/missing although a lazy chunk has a stylesheet/);
  });
});
