import { describe, expect, it } from 'vitest';
import { APP_MARK, emptyApp, fillPage, pageInFolder } from '../../scripts/prerender-plugin';
import { escapeHtml, inlinesHtml, placeOf } from '../../src/lib/panel/inlines';
import type { Inline } from '../../src/lib/story/article';

const PAGE = `<!doctype html><html><head><title>Story map</title><meta name="description" content="old" />
<link rel="icon" href="./favicon.svg"><script type="module" crossorigin src="./assets/main-1.js"></script>
<link rel="preload" href="./stories/cgtn/model.json" as="fetch"></head>
<body><div id="app"><div class="static-map" data-story="cgtn"><img src="data:image/webp;base64,AA"></div>${APP_MARK}</div></body></html>`;

describe("a story's page rendered at build time", () => {
  it('gets the markup after the picture, its name and root for the script, its title and description', () => {
    const html = fillPage(PAGE, 'cgtn', { title: 'A <b>title</b> & more', description: 'Say "this"', body: '<!--[--><main>text</main><!--]-->' });
    expect(html).toContain(`<div id="app" data-prerendered="cgtn" data-root="./">`);
    expect(html).toContain(`${APP_MARK}<!--prerender--><!--[--><main>text</main><!--]--><!--/prerender--></div>`);
    expect(html).toContain('<title>A &lt;b&gt;title&lt;/b&gt; &amp; more</title>');
    expect(html.match(/name="description"/g)).toHaveLength(1);
    expect(html).toContain('<meta name="description" content="Say &quot;this&quot;" />');
    // The picture stays first: hydration finds the app's markup after it.
    expect(html.indexOf('static-map')).toBeLessThan(html.indexOf('<main>'));
  });

  it('has nowhere to go without the mark, and says so', () => {
    expect(() => fillPage('<div id="app"></div>', 'cgtn', { title: 't', body: 'x' })).toThrow(/no <!--app-->/);
  });

  it('is made from the built page emptied of the default story, with its URLs two folders up', () => {
    const built = fillPage(PAGE, 'cgtn', { title: 't', body: '<main><div>nested</div></main>' });
    const template = emptyApp(built)!;
    expect(template).toContain(`<div id="app">${APP_MARK}</div></body>`);
    expect(template).not.toContain('nested');
    expect(template).not.toContain('static-map');
    const page = pageInFolder(fillPage(template, 'suez', { title: 'Suez', body: '<main>suez</main>' }, '../../'), 'suez');
    expect(page).toContain('href="../../favicon.svg"');
    expect(page).toContain('src="../../assets/main-1.js"');
    expect(page).toContain('href="../../stories/suez/model.json"');
    expect(page).toContain('data-root="../../"');
    expect(emptyApp('<div id="main"></div>')).toBeNull();
  });
});

describe("a passage's text as markup", () => {
  const o = { mark: (text: string) => (text.includes('Tripoli') ? [{ text: 'in ' }, { text: 'Tripoli', keys: ['libya:tripoli'] }] : [{ text }]), describe: () => 'Tripoli <script>' };

  it('escapes every text and attribute: nothing from a story file is read as HTML', () => {
    const runs: Inline[] = [{ type: 'text', text: '<img src=x onerror=alert(1)> & "quotes"' }, { type: 'code', text: '</code><script>' }, { type: 'strong', children: [{ type: 'text', text: "it's <b>" }] }];
    const html = inlinesHtml(runs, o);
    expect(html).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;<code>&lt;/code&gt;&lt;script&gt;</code><strong>it&#39;s &lt;b&gt;</strong>');
    expect(escapeHtml('<>&"\'')).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('marks place names as buttons with their features, and keeps only safe links', () => {
    const html = inlinesHtml([{ type: 'text', text: 'in Tripoli' }, { type: 'link', href: 'javascript:alert(1)', children: [{ type: 'text', text: 'bad' }] }, { type: 'link', href: 'https://example.org/?a=1&b="2"', children: [{ type: 'text', text: 'Tripoli' }] }, { type: 'br' }], o);
    expect(html).toBe(
      'in <span role="button" tabindex="0" class="place" data-features="libya:tripoli" title="Show Tripoli &lt;script&gt; on the map">Tripoli</span>bad<a href="https://example.org/?a=1&amp;b=&quot;2&quot;" target="_blank" rel="noopener noreferrer">Tripoli</a><br>',
    );
  });

  it('tells a click on a place name, on a link and on the rest of the passage apart', () => {
    const el = (closest: Record<string, unknown>) => ({ closest: (sel: string) => closest[sel] ?? null }) as unknown as Element;
    expect(placeOf(el({ a: {} }))).toEqual({ link: true });
    expect(placeOf(el({ '.place': { dataset: { features: 'libya:tripoli libya:gna' } } }))).toEqual({ keys: ['libya:tripoli', 'libya:gna'] });
    expect(placeOf(el({}))).toBeNull();
    expect(placeOf(null)).toBeNull();
  });
});
