// Links in article.md to a passage ("#leipzig") or a place ("#f=layer:feature") of the story: they
// stay in the page (no new tab), select what they name as the page's own deep links do, and the
// validator reports one that names nothing (docs/story-format.md, article.md).
import { describe, expect, it } from 'vitest';
import type { Passage } from '../../src/lib/story/article';
import { buildModel } from '../../src/lib/story/model';
import { inlinesHtml, storyLinkOf } from '../../src/lib/panel/inlines';
import { StoryState } from '../../src/lib/story/state.svelte';
import { followTarget } from '../../src/lib/story/url-sync.svelte';
import { parseLink, storyTarget } from '../../src/lib/story/url';
import { createTexts } from './fixtures';

const ARTICLE = 'We met in Rome today. See [the end](#outro), [Rome](#f=places:rome), [the news](https://example.org/) and [nothing](#nowhere). {#intro}\n\nNothing else. {#outro}\n';
const o = { mark: (text: string) => [{ text }], describe: (keys: string[]) => keys.join(', ') };
const html = (href: string) => inlinesHtml([{ type: 'link', href, children: [{ type: 'text', text: 'x' }] }], o);

describe('an article link to a passage or a feature', () => {
  it('is rendered as an in-page link, never target=_blank; its href is the passage’s own anchor, or the feature’s deep link', () => {
    // A passage's anchor is its element's id (Article.svelte): followed without scripts too.
    expect(html('#leipzig')).toBe('<a href="#passage-leipzig" class="story-link">x</a>');
    expect(html('#f=places:rome')).toBe('<a href="#f=places:rome" class="story-link">x</a>');
    expect(html('#p=outro')).toBe('<a href="#passage-outro" class="story-link">x</a>');
    expect(html('#passage-outro')).toBe('<a href="#passage-outro" class="story-link">x</a>');
    // A web page still opens apart from the story.
    expect(html('https://example.org/')).toBe('<a href="https://example.org/" target="_blank" rel="noopener noreferrer">x</a>');
    // An in-page anchor that names nothing a story can have is text.
    expect(html('#a b')).toBe('x');
  });

  it('names its target', () => {
    expect(storyTarget('#leipzig')).toEqual({ passage: 'leipzig' });
    expect(storyTarget('#f=places:rome&l=places')).toEqual({ feature: 'places:rome' });
    expect(storyTarget('#p=intro')).toEqual({ passage: 'intro' });
    expect(storyTarget('#passage-intro~2')).toEqual({ passage: 'intro~2' });
    // Opened apart, a passage's anchor selects it as its deep link does.
    expect(parseLink('#passage-intro')).toEqual({ passage: 'intro' });
    expect(parseLink('#passage-')).toBeNull();
    expect(parseLink('#passages')).toBeNull();
    expect(storyTarget('https://example.org/#x')).toBeNull();
    const a = { getAttribute: () => '#f=places:rome' };
    expect(storyLinkOf({ closest: (sel: string) => (sel === 'a.story-link' ? a : null) } as unknown as EventTarget)).toEqual({ feature: 'places:rome' });
    expect(storyLinkOf({ closest: () => null } as unknown as EventTarget)).toBeNull();
  });

  it('selects the passage or the feature as a deep link does: framed, its passage brought into view', () => {
    const model = buildModel(createTexts({ article: ARTICLE }));
    const s = new StoryState(model);
    expect(followTarget(model, s, { passage: 'outro' })).toBe(true);
    expect(s.passage).toBe('outro');
    expect(s.reveal?.passage).toBe('outro');
    expect(followTarget(model, s, { feature: 'places:rome' })).toBe(true);
    expect(s.feature).toBe('places:rome');
    expect(s.camera?.target).toEqual({ features: ['places:rome'] });
    expect(followTarget(model, s, { passage: 'nowhere' })).toBe(false);
    expect(s.feature).toBe('places:rome');
  });

  it('to a passage or a feature the story does not have: an error, and shown as plain text', () => {
    const model = buildModel(createTexts({ article: ARTICLE.replace('#f=places:rome', '#f=places:paris') }));
    const found = model.problems.filter((p) => p.code === 'link-target-missing');
    expect(found.map((p) => [p.severity, p.file, p.line, p.message])).toEqual([
      ['error', 'article.md', 1, 'The link "#f=places:paris" in the passage "intro" goes to the feature "places:paris", which the story does not have.'],
      ['error', 'article.md', 1, 'The link "#nowhere" in the passage "intro" goes to the passage "nowhere", which is not in article.md.'],
    ]);
    expect(found[0]!.fixed).toBe('Shown as plain text, not as a link.');
    const links = (model.passages[0] as Passage).inlines.filter((r) => r.type === 'link').map((r) => (r as { href: string | null }).href);
    expect(links).toEqual(['#outro', null, 'https://example.org/', null]);
    // The links that name something are no problem.
    expect(buildModel(createTexts({ article: ARTICLE.replace(' and [nothing](#nowhere)', '') })).problems.filter((p) => p.code === 'link-target-missing')).toEqual([]);
  });
});
