// The drafter's passages: ids made of their own words, so edits elsewhere never renumber them.
import { describe, expect, it } from 'vitest';
import { articleMarkdown, splitArticle } from '../../src/lib/draft/passages';
import { parseArticle } from '../../src/lib/story/article';

const ARTICLE = `Rebels advance on the capital

TRIPOLI, Libya, April 5 (Wire) -

Forces loyal to the eastern commander advanced towards the capital on Friday, residents said.

The United Nations called for a truce as fighting spread to the southern suburbs.

Airport closed

Flights were diverted to Misrata, some 200 km to the east.`;

const ids = (text: string) => splitArticle(text).passages.map((p) => [p.id, p.text.slice(0, 30)]);

describe('draft passages', () => {
  it('reads the title, the dateline (kept at the head of the first paragraph) and the date', () => {
    const a = splitArticle(ARTICLE);
    expect(a.title).toBe('Rebels advance on the capital');
    expect(a.date).toBeUndefined(); // no year in "April 5"
    expect(a.passages[0]!.text).toMatch(/^TRIPOLI, Libya, April 5 \(Wire\) – Forces loyal/);
    expect(a.passages.map((p) => p.kind)).toEqual(['passage', 'passage', 'heading', 'passage']);
    expect(splitArticle('A title here\n\nUpdated 12:10, 09-Jan-2020\n\nThe first paragraph has more than eight words in it, so it starts the article.').date).toBe('2020-01-09');
  });

  it('given the title, reads a pasted headline as that title and the short lines under it as the header, not passages', () => {
    const text = 'Putin, Erdogan urge restraint in Iran-U.S. tension and immediate ceasefire in Libya\nUpdated 12:10, 09-Jan-2020\nCGTN\n01:50\n\nRussian President Vladimir Putin and his Turkish counterpart called for restraint in the escalating crisis.';
    const a = splitArticle(text, { title: 'Putin, Erdogan urge restraint in Iran-U.S.  tension and immediate ceasefire in Libya' });
    expect(a.passages.map((p) => p.text.slice(0, 17))).toEqual(['Russian President']);
    expect(a.date).toBe('2020-01-09');
    // Another title: the headline stays in the text, as before.
    expect(splitArticle(text, { title: 'Something else' }).passages[0]!.text).toMatch(/^Putin, Erdogan urge restraint/);
  });

  it('derives ids from the words, unique, and stable when other passages change', () => {
    const before = new Map(ids(ARTICLE).map(([id, t]) => [t, id]));
    expect(new Set(before.values()).size).toBe(before.size);
    expect([...before.values()][0]).toBe('tripoli-libya-april');
    // Edit one passage, add one at the top, remove another: the others keep their ids.
    const edited = ARTICLE
      .replace('The United Nations called for a truce', 'The United Nations urged a truce')
      .replace('Forces loyal', 'A new first paragraph, added later by the desk, with enough words.\n\nForces loyal')
      .replace('Airport closed\n\n', '');
    const after = new Map(ids(edited).map(([id, t]) => [t, id]));
    expect(after.get('Flights were diverted to Misrat')).toBe(before.get('Flights were diverted to Misrat'));
    expect(after.get('TRIPOLI, Libya, April 5 (Wire) ')).toBe(before.get('TRIPOLI, Libya, April 5 (Wire) '));
  });

  it('gives repeated passages their own ids', () => {
    const p = splitArticle('Title of the piece\n\nThe same words said twice in this article here.\n\nThe same words said twice in this article here.\n\nThe same words said again.').passages;
    expect(new Set(p.map((x) => x.id)).size).toBe(3);
  });

  it('writes Markdown the story reader parses back to the same passages and ids', () => {
    const text = 'Title line of it\n\nA line with *stars*, _underscores_, <b>tags</b> and {#braces} in it, then more words.\n\n# Not a heading, a hash that starts a paragraph of words here.\n\nRead more:\n\nAnother story entirely\n\nPutin and Assad met in Damascus, Syria, January 7, 2020. /AP Photo\n\nPutin and Assad met in Damascus, Syria, January 7, 2020. /AP Photo';
    const split = splitArticle(text, { markdown: false });
    const md = articleMarkdown(split.passages);
    const parsed = parseArticle(md);
    const passages = parsed.blocks.filter((b) => b.kind === 'passage');
    expect(parsed.problems).toEqual([]);
    expect(passages.map((b) => b.id)).toEqual(split.passages.map((p) => p.id));
    expect(passages[0]!.text).toBe('A line with *stars*, _underscores_, <b>tags</b> and {#braces} in it, then more words.');
    expect(passages[1]!.text).toMatch(/^# Not a heading/);
    // "Read more:" and its teaser are asides; the repeated photo caption is kept once, as a caption.
    expect(passages.slice(2).map((b) => [b.aside, b.caption])).toEqual([[true, false], [true, false], [true, true]]);
  });
});
