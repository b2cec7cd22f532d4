import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { allowStyleAttributes, APP_MARK, emptyApp, fillPage, noscriptPicture, otherStoriesNote, pageInFolder, publishedBase, storyMapSnippet, styleAttributeHashes, withoutStoriesNote } from '../../scripts/prerender-plugin';
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

describe("the root page's note on the other stories, without scripts", () => {
  it('links each other story\u2019s own page by its headline, escaped, and is nothing on a site of one story', () => {
    const note = otherStoriesNote([{ name: 'suez-2021', title: 'Ships <b>&</b> "canals"' }]);
    expect(note).toMatch(/^<!--site-stories--><noscript>.*<\/noscript><!--\/site-stories-->$/);
    expect(note).toContain('<a href="./stories/suez-2021/">Ships &lt;b&gt;&amp;&lt;/b&gt; &quot;canals&quot;</a>');
    expect(note).toContain('other story reads without scripts on its own page');
    expect(note).not.toContain('<b>');
    expect(otherStoriesNote([])).toBe('');
  });

  it('names at most ten stories and says how many more there are', () => {
    const note = otherStoriesNote(Array.from({ length: 13 }, (_, i) => ({ name: `s${i}`, title: `Story ${i}` })));
    expect(note.match(/<a /g)).toHaveLength(10);
    expect(note).toContain('Story 9</a>; and 3 more.');
    expect(note).toContain('other stories read without scripts on their own pages');
  });

  it('is taken out of the template of every story\u2019s own page', () => {
    const root = fillPage(PAGE, 'cgtn', { title: 't', body: '<main>x</main>' }).replace('<div id="app"', `${otherStoriesNote([{ name: 'suez', title: 'Suez' }])}\n    <div id="app"`);
    expect(root).toContain('site-stories');
    const template = emptyApp(withoutStoriesNote(root))!;
    expect(template).not.toContain('site-stories');
    expect(template).toContain(`<div id="app">${APP_MARK}</div>`);
  });
});

describe("a story's embed page rendered at build time", () => {
  const FRAME = `<!doctype html><html><head><meta charset="utf-8" />
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self'; img-src 'self'" />
<title>Story map</title></head><body><main class="story-map-frame"><div id="app" class="story-map-box">${APP_MARK}</div></main></body></html>`;

  it('fills the box that keeps its class, and empties back to it', () => {
    const html = fillPage(FRAME, 'suez', { title: 'Suez', body: '<p>text</p>' }, '../../');
    expect(html).toContain(`<div id="app" data-prerendered="suez" data-root="../../" class="story-map-box">${APP_MARK}<!--prerender--><p>text</p><!--/prerender--></div>`);
    expect(emptyApp(html)).toContain(`<div id="app" class="story-map-box">${APP_MARK}</div>`);
  });

  it('allows exactly the inline style attributes its markup has, by their hashes, as the browser hashes them', () => {
    const markup = '<i style="--c: #cf4606;"></i><i style="--c: #cf4606;"></i><b style="a:&quot;x&quot;"></b><i data-style="hatched"></i>';
    const sha = (v: string) => `'sha256-${createHash('sha256').update(v).digest('base64')}'`;
    // Each value once, entities decoded (the attribute's value, not its source); data-style is not a style.
    expect(styleAttributeHashes(markup)).toEqual([sha('--c: #cf4606;'), sha('a:"x"')].sort());
    const html = allowStyleAttributes(FRAME, markup);
    expect(html).toContain(`style-src 'self' 'unsafe-hashes' ${styleAttributeHashes(markup).join(' ')}; img-src 'self'`);
    expect(html).not.toContain('unsafe-inline');
    // Nothing to allow: the policy stays as it was.
    expect(allowStyleAttributes(FRAME, '<p>no style</p>')).toBe(FRAME);
  });

  it('shows the picture only without scripts, as a file the policy allows', () => {
    const pic = '<div class="static-map" data-static-map><img alt="" src="data:image/webp;base64,UklGRg==" width="3"></div>';
    const out = noscriptPicture(pic, 'map.webp')!;
    expect(out.html).toBe('<noscript><div class="static-map" data-static-map><img alt="" src="map.webp" width="3"></div></noscript>');
    expect(out.bytes.toString('latin1')).toBe('RIFF');
    expect(noscriptPicture('<img src="https://example.org/x.webp">', 'map.webp')).toBeNull();
  });
});

describe('the <story-map> snippet', () => {
  it('links where the site is published when STORY_MAP_URL says so, and refuses what is not an address', () => {
    expect(publishedBase(undefined)).toEqual({ base: null });
    expect(publishedBase('https://maps.example.org/story-map')).toEqual({ base: 'https://maps.example.org/story-map/' });
    expect(publishedBase('https://maps.example.org/')).toEqual({ base: 'https://maps.example.org/' });
    expect(publishedBase('javascript:alert(1)').base).toBeNull();
    expect(publishedBase('/story-map/').problem).toMatch(/absolute/);
    expect(publishedBase('https://maps.example.org/?x=1').problem).toMatch(/query/);
  });

  it('is the element with its fallback children and the script, the story name escaped', () => {
    const html = storyMapSnippet('a"b', '<div class="story-map-fallback">x</div>', 'https://maps.example.org/');
    expect(html).toContain('<story-map story="a&quot;b"><div class="story-map-fallback">x</div></story-map>');
    expect(html).toContain('<script type="module" src="https://maps.example.org/story-map.js"></script>');
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
