import { describe, expect, it } from 'vitest';
import { pageStory } from '../../src/lib/story/page-story';

// Only #app's dataset is read (data-prerendered, data-root: scripts/prerender-plugin.ts).
const app = (dataset: Record<string, string>) => ({ dataset }) as unknown as HTMLElement;

describe('the story a page shows (main.ts, start-page.ts, embed-frame.ts)', () => {
  it('is ?story= when the URL gives one, over the story the page was built with', () => {
    expect(pageStory(app({ prerendered: 'cgtn-2020-01-09', root: '../../' }), '?story=suez-2021-04-02')).toEqual({ story: 'suez-2021-04-02', prerendered: 'cgtn-2020-01-09', root: '../../' });
  });

  it('is the prerendered story without ?story=, or with an empty one', () => {
    for (const search of ['', '?story=', '?text=map']) expect(pageStory(app({ prerendered: 'suez-2021-04-02' }), search).story).toBe('suez-2021-04-02');
  });

  it('is the default story on a page built with none', () => {
    expect(pageStory(app({}), '').story).toBe(__DEFAULT_STORY__);
    expect(pageStory(null, '')).toEqual({ story: __DEFAULT_STORY__, prerendered: null, root: './' });
  });

  it('keeps a ?story= that is no story name as given, for the loader to refuse with a message', () => {
    expect(pageStory(app({ prerendered: 'cgtn-2020-01-09' }), '?story=..%2Fsecrets').story).toBe('../secrets');
  });

  it('believes only a well-formed prerendered name and a root of ../ steps', () => {
    const p = pageStory(app({ prerendered: '__proto__"><script>', root: 'https://elsewhere.example/' }), '');
    expect(p.prerendered).toBeNull();
    expect(p.root).toBe('./');
    expect(p.story).toBe(__DEFAULT_STORY__);
  });
});
