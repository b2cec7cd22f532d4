// The story editor (edit.html) is built on its own, after the site: a second Vite build into the
// same folder. Built as one more input of the site's build, the editor shared modules with the
// reader's pages and changed how they are split: the reader's first render fetched two more files
// and 1.2 kB more (gzip), Svelte runtime parts only the editor uses landing in a chunk the reader
// loads. Built apart, the reader's chunks are exactly what they were without the editor; the editor
// has its own copies of what it shares (the Svelte runtime, the reader's App for its preview).
import type { Plugin } from 'vite';

/** `plugins`: made anew for the editor's build, besides Svelte (the font subset: the editor's map draws the same labels). */
export function editorBuildPlugin(plugins: () => Plugin[] = () => []): Plugin {
  let outDir = 'dist';
  let root = process.cwd();
  return {
    name: 'story-map:editor-build',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
      root = config.root;
    },
    async closeBundle() {
      if (this.environment && this.environment.name !== 'client') return;
      const [{ build }, { svelte }] = await Promise.all([import('vite'), import('@sveltejs/vite-plugin-svelte')]);
      await build({
        configFile: false,
        root,
        base: './',
        publicDir: false,
        logLevel: 'warn',
        plugins: [svelte(), ...plugins()],
        build: {
          outDir,
          emptyOutDir: false,
          target: 'es2022',
          modulePreload: { polyfill: false },
          // The editor is not on a reader's path; its size (maplibre, terra-draw, the drafter) is its own.
          chunkSizeWarningLimit: 4000,
          rolldownOptions: { input: { edit: 'edit.html' } },
        },
      });
    },
  };
}
