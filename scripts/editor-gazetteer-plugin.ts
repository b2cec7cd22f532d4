// gazetteer.json at the site's root, for the editor's drafting and place search (src/lib/editor/
// drafting.ts): served by the dev server and emitted by the build, from the drafter's cached
// gazetteer (scripts/draft/gazetteer-cache.ts). Only edit.html fetches it; the reader never does.
// Stands in until the drafter's own plugin serves it; either one is enough.
import type { Plugin } from 'vite';
import { gazetteerText } from './draft/gazetteer-cache.ts';

export function editorGazetteerPlugin(opts: { serveOnly?: boolean } = {}): Plugin {
  return {
    name: 'story-map:editor-gazetteer',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if ((req.url ?? '').split('?')[0] !== '/gazetteer.json') return next();
        gazetteerText()
          .then((text) => {
            res.setHeader('Content-Type', 'application/json');
            res.end(text);
          })
          .catch((e: Error) => {
            res.statusCode = 500;
            res.end(e.message);
          });
      });
    },
    async generateBundle() {
      if (opts.serveOnly) return;
      this.emitFile({ type: 'asset', fileName: 'gazetteer.json', source: await gazetteerText() });
    },
  };
}
