import { describe, expect, it } from 'vitest';
import { basemapOrigins, decodeDataUrl, extractDataImages, FRAME_CSP, frameCsp, joinCss, joinStylesheetLinks, lazyCss, pinRem } from '../../scripts/embed-plugin';
import { join } from 'node:path';

describe('stylesheets for the shadow root', () => {
  it('pins rem in declarations to the embed’s own size', () => {
    expect(pinRem('.a{margin:0 1.25rem .5rem;max-width:38rem}')).toBe(
      '.a{margin:0 calc(1.25*var(--story-map-rem,1rem)) calc(.5*var(--story-map-rem,1rem));max-width:calc(38*var(--story-map-rem,1rem))}',
    );
    expect(pinRem('.a{top:-2rem}')).toBe('.a{top:calc(-2*var(--story-map-rem,1rem))}');
  });

  it('leaves query preludes, selectors, px and em alone', () => {
    for (const css of ['@media (max-width:40rem){.a{color:red}}', '@container (width<=640px){.b{height:4px}}', '.a:hover{padding:1em 2px}', '.rem{color:red}']) {
      expect(pinRem(css)).toBe(css);
    }
    expect(pinRem('@media (max-width:40rem){.a{gap:1rem}}')).toBe('@media (max-width:40rem){.a{gap:calc(1*var(--story-map-rem,1rem))}}');
  });
});

describe('images inlined in CSS become files', () => {
  const svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 29 29'><path d='M10 13h9'/></svg>";
  const pct = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

  it('decodes percent-encoded and base64 data URLs', () => {
    expect(decodeDataUrl(pct)!.bytes.toString()).toBe(svg);
    expect(decodeDataUrl(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`)!.bytes.toString()).toBe(svg);
    expect(decodeDataUrl('data:image/png;base64,iVBORw0KGgo=')!.ext).toBe('png');
    expect(decodeDataUrl('data:text/html,<script>alert(1)</script>')).toBeNull();
  });

  it('rewrites quoted and bare url(data:…) and keeps everything else', () => {
    const files: string[] = [];
    const emit = (bytes: Buffer, ext: string) => {
      files.push(bytes.toString());
      return `icon-${files.length}.${ext}`;
    };
    const css = `.a{background-image:url("${pct}")}.b{background:url('data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}')}.c{src:url(font.woff2)}.d{background:url(${pct.replace(/'/g, '%27')})}`;
    expect(extractDataImages(css, emit)).toBe('.a{background-image:url(icon-1.svg)}.b{background:url(icon-2.svg)}.c{src:url(font.woff2)}.d{background:url(icon-3.svg)}');
    expect(files).toEqual([svg, svg, svg]);
  });
});

// dropRuntimeCss is tested against a real Vite build in preload-helper.test.ts.

describe("the iframe page's policy and the newsroom's basemap host", () => {
  it('lets the page fetch from the hosts the stories name, and from no other', () => {
    const dirs = ['cgtn-2020-01-09', 'south-china-sea', 'newsroom-basemap', 'no-such-story'].map((d) => join(d === 'cgtn-2020-01-09' ? 'geodata' : 'tests/fixtures/stories', d));
    const origins = basemapOrigins(dirs);
    expect(origins).toEqual(['http://localhost:4190']);
    // An archive's host too (story.json basemap.pmtiles).
    expect(basemapOrigins([join('tests/fixtures/stories', 'newsroom-pmtiles')])).toEqual(['http://localhost:4190']);
    expect(frameCsp(origins)).toContain("connect-src 'self' http://localhost:4190;");
    expect(frameCsp([])).toBe(FRAME_CSP);
    expect(FRAME_CSP).toContain("connect-src 'self';");
  });
});

describe('one stylesheet per page', () => {
  const head = (...hrefs: string[]) => `<head>\n    <script type="module" crossorigin src="./assets/main.js"></script>${hrefs.map((h) => `\n    <link rel="stylesheet" crossorigin href="./${h}">`).join('')}\n  </head>`;
  const built = (p: string) => p.startsWith('assets/');

  it('joins the links into one, where the first was, keeping their order', () => {
    const { html, fileName, parts } = joinStylesheetLinks(head('assets/a-1.css', 'assets/b-2.css', 'assets/c-3.css'), built);
    expect(parts).toEqual(['assets/a-1.css', 'assets/b-2.css', 'assets/c-3.css']);
    expect(fileName).toMatch(/^assets\/page-[0-9a-f]{10}\.css$/);
    expect(html.match(/rel="stylesheet"/g)).toHaveLength(1);
    expect(html).toContain(`<script type="module" crossorigin src="./assets/main.js"></script>\n    <link rel="stylesheet" crossorigin href="./${fileName}">\n  </head>`);
  });

  it('names the file after its parts, which are named after their contents', () => {
    const a = joinStylesheetLinks(head('assets/a-1.css', 'assets/b-2.css'), built).fileName;
    expect(joinStylesheetLinks(head('assets/a-1.css', 'assets/b-2.css'), built).fileName).toBe(a);
    expect(joinStylesheetLinks(head('assets/a-1.css', 'assets/b-9.css'), built).fileName).not.toBe(a);
    expect(joinStylesheetLinks(head('assets/b-2.css', 'assets/a-1.css'), built).fileName).not.toBe(a);
  });

  it('leaves a page alone when one of its stylesheets is not of this build, or it has one only', () => {
    const other = head('assets/a-1.css', 'assets/b-2.css').replace('</head>', '<link rel="stylesheet" href="https://example.org/x.css"></head>');
    expect(joinStylesheetLinks(other, built)).toEqual({ html: other, parts: [] });
    const foreign = head('assets/a-1.css', 'assets/b-2.css');
    expect(joinStylesheetLinks(foreign, (p) => p !== 'assets/b-2.css')).toEqual({ html: foreign, parts: [] });
    const one = head('assets/a-1.css');
    expect(joinStylesheetLinks(one, built)).toEqual({ html: one, parts: [] });
  });

  it('joins the sources with each @charset dropped (only allowed first)', () => {
    expect(joinCss(['@charset "UTF-8";.a{b:c}', '.d{e:f}', '\uFEFF@charset "utf-8";\n.g{content:"é"}'])).toBe('.a{b:c}\n.d{e:f}\n.g{content:"é"}');
  });
});

describe('stylesheets of the chunks a page reaches lazily', () => {
  const chunk = (fileName: string, css: string[], imports: string[] = [], dynamicImports: string[] = []) => ({ type: 'chunk', name: fileName, isEntry: false, fileName, code: '', imports, dynamicImports, viteMetadata: { importedCss: new Set(css) } });
  const bundle = {
    'main.js': chunk('main.js', ['main.css'], ['shared.js']),
    'shared.js': chunk('shared.js', ['shared.css']),
    'start-page.js': chunk('start-page.js', ['page.css'], ['shared.js', 'map.js'], ['live.js']),
    'map.js': chunk('map.js', ['map.css']),
    'live.js': chunk('live.js', ['live.css'], ['shared.js']),
  };
  it('takes the page’s code, imported by a URL the bundler does not see, as a lazy import of its entry', () => {
    // The entry's own stylesheets are linked by Vite already.
    expect(lazyCss(bundle, 'main.js')).toEqual([]);
    expect(lazyCss(bundle, 'main.js', ['start-page.js'])).toEqual(['page.css', 'shared.css', 'map.css', 'live.css']);
  });
});
