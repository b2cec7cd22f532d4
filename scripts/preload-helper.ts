// Vite's preload helper, as the build patches it. Vite writes, in every chunk with lazy imports,
//
//   const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["./a.js","./a.css",…])))=>i.map(i=>d[i]);
//
// and calls it as __vite__mapDeps([0,1]) next to each import(): the files to preload with it.
// Two plugins change that list (embed-plugin.ts: no stylesheet injected at run time;
// preload-plugin.ts: no chunk preloaded that the import never needs). The helper is private to
// Vite: if a new Vite writes it differently, the patches must not silently do nothing, so a chunk
// that has the helper in any other form, or a bundle that should have it and does not, fails the
// build with this message. tests/unit/preload-helper.test.ts checks the form against a real build.

/** The helper's definition, with its list of files captured. */
export const MAP_DEPS = /const __vite__mapDeps=\(i,m=__vite__mapDeps,d=\(m\.f\|\|\(m\.f=(\[[^\]]*\])\)\)\)=>i\.map\(i=>d\[i\]\);/;
/** A call of the helper, with its indices captured. */
export const MAP_DEPS_CALL = /__vite__mapDeps\(\[([\d,]*)\]\)/g;

export class PreloadHelperChanged extends Error {
  constructor(fileName: string, what: string) {
    super(
      `${fileName}: Vite's preload helper (__vite__mapDeps) ${what}, so the build cannot keep lazy chunks from injecting CSS into host pages ` +
        'or from preloading chunks they do not need. Update MAP_DEPS in scripts/preload-helper.ts to the form this Vite writes ' +
        '(build a page with a lazy import and look for __vite__mapDeps in the chunk), then run tests/unit/preload-helper.test.ts.',
    );
  }
}

/** The helper's list of files in a chunk; null when the chunk has no helper; throws when it has one in another form. */
export function preloadList(code: string, fileName: string): { files: string[]; index: number; length: number; list: string } | null {
  if (!code.includes('__vite__mapDeps')) return null;
  const m = MAP_DEPS.exec(code);
  if (!m) throw new PreloadHelperChanged(fileName, 'is not written in the form the build patches');
  let files: unknown;
  try {
    files = JSON.parse(m[1]!);
  } catch {
    throw new PreloadHelperChanged(fileName, 'lists its files in a form that is not a JSON list');
  }
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string')) throw new PreloadHelperChanged(fileName, 'lists something other than file names');
  return { files: files as string[], index: m.index + m[0].indexOf(m[1]!), length: m[1]!.length, list: m[1]! };
}

interface ChunkLike {
  type: string;
  code?: string;
  dynamicImports?: string[];
  viteMetadata?: { importedCss?: Set<string> };
}

/**
 * Fails when the bundle should hold the helper and does not: a lazy import of a chunk with its own
 * stylesheet is what makes Vite write it.
 */
export function checkHelperPresent(bundle: Record<string, ChunkLike>): void {
  const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
  const needed = chunks.some((c) => (c.dynamicImports ?? []).some((d) => (bundle[d]?.viteMetadata?.importedCss?.size ?? 0) > 0));
  if (needed && !chunks.some((c) => c.code?.includes('__vite__mapDeps'))) throw new PreloadHelperChanged('the bundle', 'is missing although a lazy chunk has a stylesheet');
}
