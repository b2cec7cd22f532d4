// Vite plugin (build only): every story's page rendered to HTML at build time, with Svelte's server
// rendering of the same App component the browser runs (src/entry-server.ts), so the article, the
// legend, the credits, the list of places and the picture of the map are in the HTML: readable
// before any script has run, with scripts off, by search engines and reader modes. The browser then
// hydrates that markup (src/start-page.ts, which the entry src/main.ts loads after the first frame) instead of building it again.
// - index.html: the default story (after the first-paint picture, scripts/static-map-plugin.ts);
// - stories/<name>/index.html: each story on a page of its own, from the built index.html, with its
//   own picture, title and description, and the site's files two folders up.
// A story that cannot be rendered keeps the page as it was (the script renders it in the browser),
// with a warning: the build never fails for it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { parse as parseJsonc } from 'jsonc-parser';
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
    .replace(/<div id="app"/, `<div id="app" data-prerendered="${escapeHtml(story)}" data-root="${escapeHtml(root)}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(page.title)}</title>`);
  out = out.replace(/\n?\s*<meta name="description"[^>]*>/g, '');
  if (page.description) out = out.replace('</title>', `</title>\n    <meta name="description" content="${escapeHtml(page.description)}" />`);
  return out;
}

/**
 * The root page's note for readers without scripts: it shows the default story whatever its
 * `?story=` asks (only the script reads the query), so it names the site's other stories, each on
 * its page of its own, where they read without scripts. Empty when the site has no other story.
 */
const NOTE_STORIES = 10;
const NOTE_START = '<!--site-stories-->';
const NOTE_END = '<!--/site-stories-->';
export function otherStoriesNote(others: { name: string; title: string }[]): string {
  if (!others.length) return '';
  // A site of many stories: the first few, and how many more (each has its page all the same).
  const shown = others.slice(0, NOTE_STORIES);
  const more = others.length - shown.length;
  const links = shown.map((o) => `<a href="./stories/${encodeURIComponent(o.name)}/">${escapeHtml(o.title)}</a>`).join('; ') + (more ? `; and ${more} more` : '');
  const which = others.length === 1 ? 'other story reads without scripts on its own page' : 'other stories read without scripts on their own pages';
  return `${NOTE_START}<noscript><p class="site-stories">Scripts are off, so this page shows the story below, even if its link asked for another. The site’s ${which}: ${links}.</p></noscript>${NOTE_END}`;
}

/** A page's HTML without the root page's note on other stories (a story's own page is the story it names). */
export function withoutStoriesNote(html: string): string {
  return html.replace(new RegExp(`\\n?\\s*${NOTE_START}[\\s\\S]*?${NOTE_END}`), '');
}

/** A page's HTML with #app emptied back to its mark (picture and prerendered markup gone); null without #app. */
export function emptyApp(html: string): string | null {
  const re = /<div id="app"[^>]*>[\s\S]*?<!--app-->(?:<!--prerender-->[\s\S]*?<!--\/prerender-->)?<\/div>/;
  // The opening tag as it was before a story was filled in: its own attributes (a class) kept.
  const open = (m: string) => m.slice(0, m.indexOf('>') + 1).replace(/\s(?:data-prerendered|data-root)="[^"]*"/g, '');
  return re.test(html) ? html.replace(re, (m) => `${open(m)}${APP_MARK}</div>`) : null;
}

const HTML_ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>' };

/**
 * The CSP hashes of a page's inline style attributes (the legend's and the markers' colours, as
 * `style="--c: #cf4606;"`). The iframe page's policy allows no inline style; with `'unsafe-hashes'`
 * and these, exactly those attribute values are allowed and nothing else, so the prerendered embed
 * shows its colours before (and without) its script.
 */
export function styleAttributeHashes(markup: string): string[] {
  const values = new Set<string>();
  for (const m of markup.matchAll(/\sstyle="([^"]*)"/g)) values.add(m[1]!.replace(/&(?:amp|quot|#39|lt|gt);/g, (e) => HTML_ENTITIES[e]!));
  return [...values].sort().map((v) => `'sha256-${createHash('sha256').update(v, 'utf8').digest('base64')}'`);
}

/** The page's Content-Security-Policy meta with `style-src` widened to the hashes of its inline style attributes. */
export function allowStyleAttributes(html: string, markup: string): string {
  const hashes = styleAttributeHashes(markup);
  if (!hashes.length) return html;
  return html.replace(/(<meta http-equiv="Content-Security-Policy" content="[^"]*style-src 'self')/, `$1 'unsafe-hashes' ${hashes.join(' ')}`);
}

/**
 * The first-paint picture (an <img> with a data: URL, scripts/static-map.ts) for a page whose policy
 * allows images only from its own origin: the image as a file of the story's folder, shown only
 * without scripts (with them, the embed's map takes its place at once). Null when it is not such a picture.
 */
export function noscriptPicture(picture: string, file: string): { html: string; bytes: Buffer } | null {
  const m = /src="data:image\/webp;base64,([A-Za-z0-9+/=]+)"/.exec(picture);
  if (!m) return null;
  // The picture's names are in a <noscript> of their own (staticMapMarkup): inside this one, a
  // second would end it early in a browser with scripts (its text ends at the first </noscript>).
  const inner = picture.replace(m[0], `src="${file}"`).replace(/<\/?noscript>/g, '');
  return { html: `<noscript>${inner}</noscript>`, bytes: Buffer.from(m[1]!, 'base64') };
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

/**
 * Where the built site will be published, for the <story-map> snippets' links (STORY_MAP_URL, e.g.
 * https://maps.example.org/story-map/): an absolute http(s) URL ending in "/", or null (links then
 * relative to the snippet's own place in the build, stories/<name>/) with a reason when it is not one.
 */
export function publishedBase(value: string | undefined): { base: string | null; problem?: string } {
  if (!value) return { base: null };
  try {
    const u = new URL(value);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error();
    if (u.search || u.hash) return { base: null, problem: 'it has a query or fragment' };
    return { base: u.href.endsWith('/') ? u.href : `${u.href}/` };
  } catch {
    return { base: null, problem: 'it is not an absolute http(s) address' };
  }
}

/** The <story-map> snippet of a story: the element with its fallback children, and the script. */
export function storyMapSnippet(story: string, fallback: string, base: string): string {
  const name = escapeHtml(story);
  return `<!-- <story-map> for the story "${name}" (docs/embedding.md, "Without scripts"): paste both elements into the host page.
     Its children are what readers see before and without scripts; the element covers them when it starts. -->
<story-map story="${name}">${fallback}</story-map>
<script type="module" src="${escapeHtml(base)}story-map.js"></script>
`;
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
  const render = async (name: string, root: string, embedded = false): Promise<PrerenderedPage | null> => {
    const dir = cfg.stories.get(name);
    if (!dir) return null;
    try {
      const m = await modules();
      const page = m.server.renderStory(name, m.snapshots.snapshotText(dir), { root, embedded });
      if (!page) throw new Error('its model.json does not read back');
      return page;
    } catch (e) {
      warn(`prerender: the page of "${name}" is not prerendered (${(e as Error).message.split('\n')[0]}); the browser renders it.`);
      return null;
    }
  };
  /** The site's stories but the default, with their headlines (story.json's title; a story whose file does not read is left out: its own page's render says why). */
  const otherStories = (): { name: string; title: string }[] => {
    const out: { name: string; title: string }[] = [];
    for (const [name, dir] of cfg.stories) {
      if (name === cfg.defaultStory) continue;
      const story: unknown = parseJsonc(readFileSync(join(dir, 'story.json'), 'utf8'));
      const title = story && typeof story === 'object' && 'title' in story ? story.title : undefined;
      if (typeof title === 'string' && title.trim()) out.push({ name, title: title.trim() });
    }
    return out;
  };
  const published = publishedBase(process.env.STORY_MAP_URL);
  /** The story's <story-map> snippet, or null (with a warning). */
  const lightFallback = async (name: string, base: string, hasPicture: boolean): Promise<string | null> => {
    const dir = cfg.stories.get(name);
    if (!dir) return null;
    try {
      const m = await modules();
      const page = `${base}stories/${name}/`;
      const body = m.server.renderLightFallback(m.snapshots.snapshotText(dir), { page, picture: hasPicture ? `${page}map.webp` : null });
      if (body === null) throw new Error('its model.json does not read back');
      return storyMapSnippet(name, body, base);
    } catch (e) {
      warn(`prerender: no <story-map> snippet for "${name}" (${(e as Error).message.split('\n')[0]}).`);
      return null;
    }
  };
  return {
    name: 'story-map:prerender',
    apply: 'build',
    configResolved(config) {
      warn = (m) => config.logger.warn(terminalSafe(m));
      if (published.problem) warn(`STORY_MAP_URL is not used: ${published.problem}. The <story-map> snippets link relative to their own place in the build; set it to where the site is published, e.g. https://maps.example.org/story-map/.`);
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html, ctx) {
        if (!/(^|\/)index\.html$/.test(ctx.path)) return html;
        const page = await render(cfg.defaultStory, './');
        if (!page) return html;
        const note = otherStoriesNote(otherStories());
        return fillPage(html, cfg.defaultStory, page).replace(/(\n?\s*)<div id="app"/, (m, space: string) => `${note ? `${space}${note}` : ''}${m}`);
      },
    },
    generateBundle: {
      // After Vite has written the built index.html into the bundle.
      order: 'post',
      async handler(_, bundle) {
        const index = bundle['index.html'];
        if (!index || index.type !== 'asset') return;
        const embed = bundle['embed.html'];
        const embedTemplate = embed?.type === 'asset' ? emptyApp(String(embed.source)) : null;
        if (embed && !embedTemplate) warn('prerender: the built embed.html has no #app to fill; no story embed pages made.');
        // The built page without the default story's markup and picture: the template of every story's page.
        const template = emptyApp(withoutStoriesNote(String(index.source)));
        if (!template) return warn('prerender: the built index.html has no #app to copy; no story pages made.');
        const { module: pictures } = await runnerImport<Pictures>(here('./static-map.ts'), { configFile: false, logLevel: 'silent' });
        for (const name of cfg.stories.keys()) {
          const page = await render(name, STORY_PAGE_ROOT);
          if (!page) continue;
          const picture = await pictures.renderStaticMap({ geodata: cfg.geodata, story: cfg.stories.get(name) }, name, warn);
          const html = pageInFolder(fillPage(template.replace(APP_MARK, `${picture ?? ''}${APP_MARK}`), name, page, STORY_PAGE_ROOT), name);
          this.emitFile({ type: 'asset', fileName: `stories/${name}/index.html`, source: html });
          // The iframe page of this story (stories/<name>/embed.html): its text, legend, credits
          // and list in the HTML as on the story's page, the picture only without scripts.
          if (!embedTemplate) continue;
          const framed = await render(name, STORY_PAGE_ROOT, true);
          if (!framed) continue;
          const still = picture ? noscriptPicture(picture, 'map.webp') : null;
          if (still) this.emitFile({ type: 'asset', fileName: `stories/${name}/map.webp`, source: still.bytes });
          const filled = fillPage(embedTemplate.replace(APP_MARK, `${still?.html ?? ''}${APP_MARK}`), name, framed, STORY_PAGE_ROOT);
          this.emitFile({ type: 'asset', fileName: `stories/${name}/embed.html`, source: allowStyleAttributes(pageInFolder(filled, name), framed.body) });
          // The <story-map> snippet with its fallback children (stories/<name>/story-map.html).
          const snippet = await lightFallback(name, published.base ?? STORY_PAGE_ROOT, still !== null);
          if (snippet) this.emitFile({ type: 'asset', fileName: `stories/${name}/story-map.html`, source: snippet });
        }
      },
    },
  };
}
