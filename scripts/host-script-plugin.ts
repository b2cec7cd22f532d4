// Vite plugin: builds embed-host.js, the iframe embeds' host script, as one self-contained file
// with a stable name at the root of the build. Newsrooms copy it to their own origin (a strict CSP
// with `script-src 'self'`; docs/embedding.md), so it must import nothing: inside the main build
// it would share chunks (the protocol, the page-wide map budget) with story-map.js and import them
// by hashed names. Built on its own, as the only entry, everything it uses is inlined; the budget
// is still one per page, found under a global symbol (src/lib/embed/budget.ts).
// In dev, scripts/embed-plugin.ts serves /embed-host.js from its source.
import { build, type Plugin, type Rolldown } from 'vite';

export const HOST_SCRIPT = { fileName: 'embed-host.js', entry: 'src/host.ts' } as const;

export function hostScriptPlugin(): Plugin {
  let root = process.cwd();
  let target: string | string[] | false = 'es2022';
  return {
    name: 'story-map:host-script',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      if (config.build.target) target = config.build.target;
    },
    async generateBundle() {
      const result = await build({
        configFile: false,
        root,
        logLevel: 'warn',
        publicDir: false,
        build: {
          write: false,
          target,
          copyPublicDir: false,
          modulePreload: false,
          rolldownOptions: {
            input: HOST_SCRIPT.entry,
            // Its exports are its API: connect(iframe).
            preserveEntrySignatures: 'exports-only',
            output: { format: 'es', entryFileNames: HOST_SCRIPT.fileName },
          },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
      const chunks = outputs.flatMap((o) => o.output).filter((c): c is Rolldown.OutputChunk => c.type === 'chunk');
      const entry = chunks.find((c) => c.isEntry);
      if (!entry || chunks.length !== 1) this.error(`${HOST_SCRIPT.fileName}: expected one self-contained file from ${HOST_SCRIPT.entry}, got ${chunks.map((c) => c.fileName).join(', ') || 'none'}`);
      const imports = [...entry.imports, ...entry.dynamicImports];
      if (imports.length) this.error(`${HOST_SCRIPT.fileName} must import nothing (host pages copy it alone), but it imports ${imports.join(', ')}`);
      this.emitFile({ type: 'asset', fileName: HOST_SCRIPT.fileName, source: entry.code });
    },
  };
}
