// Vite plugin (build only): every story's page rendered to HTML at build time, with Svelte's server
// rendering of the same App component the browser runs (src/entry-server.ts), so the article, the
// legend, the credits, the list of places and the picture of the map are in the HTML: readable
// before any script has run, with scripts off, by search engines and reader modes. The browser then
// hydrates that markup (src/main.ts) instead of building it again.
// - index.html: the default story (after the first-paint picture, scripts/static-map-plugin.ts);
// - stories/<name>/index.html: each story on a page of its own, from the built index.html, with its
//   own picture, title and description, and the site's files two folders up.
// A story that cannot be rendered keeps the page as it was (the script renders it in the browser),
// with a warning: the build never fails for it.
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { runnerImport, type Plugin } from 'vite';
import { escapeHtml } from '../src/lib/panel/inlines.ts';
import { STORY_PAGE_ROOT, type StoryConfig } from './story-config.ts';
import { terminalSafe } from './terminal.ts';

type Server = typeof import('../src/entry-server.ts');
type Snapshots = typeof import('./model-snapshot.ts');
type Pictures = typeof import('./static-map.ts');

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));


/** The place in index.html where the app's markup goes (inside #app, after the picture). */
export const APP_MARK = '<!--app-->';

export interface PrerenderedPage {
  title: string;
  description?: string;
  /** The app's markup for #app. */
  body: string;
}

/**
 * A page's HTML with a story rendered into it: the markup after the mark, the story's name (and the
 * site's root, for a page in a sub-folder) on #app for the script, its title and description.
 */
export function fillPage(html: string, story: string, page: PrerenderedPage, root = './'): string {
  if (!html.includes(APP_MARK)) throw new Error(`index.html has no ${APP_MARK} in #app: the prerendered story has nowhere to go`);
  let out = html
    .replace(APP_MARK, `${APP_MARK}<!--prerender-->${page.body}<!--/prerender-->`)
    .replace(/<div id="app">/, `<div id="app" data-prerendered="${escapeHtml(story)}" data-root="${escapeHtml(root)}">`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(page.title)}</title>`);
  out = out.replace(/\n?\s*<meta name="description"[^>]*>/g, '');
  if (page.description) out = out.replace('</title>', `</title>\n    <meta name="description" content="${escapeHtml(page.description)}" />`);
  return out;
}

/** A page's HTML with #app emptied back to its mark (picture and prerendered markup gone); null without #app. */
export function emptyApp(html: string): string | null {
  const re = /<div id="app"[^>]*>[\s\S]*?<!--app-->(?:<!--prerender-->[\s\S]*?<!--\/prerender-->)?<\/div>/;
  return re.test(html) ? html.replace(re, `<div id="app">${APP_MARK}</div>`) : null;
}

/** The built index.html moved two folders down (stories/<name>/index.html): its relative URLs go up to the site's root. */
export function pageInFolder(html: string, story: string): string {
  return (
    html
      // Relative URLs in attributes (assets, favicon, preloads): from the site's root.
      .replace(/(\s(?:href|src))="\.\/(?!stories\/)/g, `$1="${STORY_PAGE_ROOT}`)
      // The default story's model preload becomes this story's.
      .replace(/href="\.\/stories\/[^/"]+\/model\.json"/g, `href="${STORY_PAGE_ROOT}stories/${story}/model.json"`)
  );
}

export function prerenderPlugin(cfg: StoryConfig): Plugin {
  let warn: (m: string) => void = (m) => console.warn(terminalSafe(m));
  let server: Server | null = null;
  let snapshots: Snapshots | null = null;
  const modules = async () => {
    // The app compiled for the server, with its CSS left in the client's files (the page links them).
    server ??= (await runnerImport<Server>(here('../src/entry-server.ts'), { configFile: false, logLevel: 'silent', root: here('..'), plugins: [svelte({ emitCss: false, compilerOptions: { css: 'external' } })] })).module;
    snapshots ??= (await runnerImport<Snapshots>(here('./model-snapshot.ts'), { configFile: false, logLevel: 'silent' })).module;
    return { server, snapshots };
  };
  /** The story's page markup, or null (with a warning) when it cannot be made. */
  const render = async (name: string, root: string): Promise<PrerenderedPage | null> => {
    const dir = cfg.stories.get(name);
    if (!dir) return null;
    try {
      const m = await modules();
      const page = m.server.renderStory(name, m.snapshots.snapshotText(dir), { root });
      if (!page) throw new Error('its model.json does not read back');
      return page;
    } catch (e) {
      warn(`prerender: the page of "${name}" is not prerendered (${(e as Error).message.split('\n')[0]}); the browser renders it.`);
      return null;
    }
  };
  return {
    name: 'story-map:prerender',
    apply: 'build',
    configResolved(config) {
      warn = (m) => config.logger.warn(terminalSafe(m));
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html, ctx) {
        if (!/(^|\/)index\.html$/.test(ctx.path)) return html;
        const page = await render(cfg.defaultStory, './');
        return page ? fillPage(html, cfg.defaultStory, page) : html;
      },
    },
    generateBundle: {
      // After Vite has written the built index.html into the bundle.
      order: 'post',
      async handler(_, bundle) {
        const index = bundle['index.html'];
        if (!index || index.type !== 'asset') return;
        // The built page without the default story's markup and picture: the template of every story's page.
        const template = emptyApp(String(index.source));
        if (!template) return warn('prerender: the built index.html has no #app to copy; no story pages made.');
        const { module: pictures } = await runnerImport<Pictures>(here('./static-map.ts'), { configFile: false, logLevel: 'silent' });
        for (const name of cfg.stories.keys()) {
          const page = await render(name, STORY_PAGE_ROOT);
          if (!page) continue;
          const picture = await pictures.renderStaticMap({ geodata: cfg.geodata, story: cfg.stories.get(name) }, name, warn);
          const html = pageInFolder(fillPage(template.replace(APP_MARK, `${picture ?? ''}${APP_MARK}`), name, page, STORY_PAGE_ROOT), name);
          this.emitFile({ type: 'asset', fileName: `stories/${name}/index.html`, source: html });
        }
      },
    },
  };
}
