// A story in Arabic, written right to left (tests/fixtures/stories/arabic-rtl: story.json's
// `language` "ar" and `direction` "rtl"), in the English interface. What a reader of such a story
// sees: the article right to left with its pins on the start side (the right), the interface's
// English words in it reading left to right with their full stop at their end, the story's
// sentences quoted in the English list with theirs at their end (the left), and the places' Arabic
// names on the map.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openStory, watch } from './helpers';

const STORY = './?story=arabic-rtl';

/** Each character of an element's text but spaces, in reading (logical) order, with its left and top edges in the page as laid out. */
function laidOut(el: Locator): Promise<{ char: string; x: number; y: number }[]> {
  return el.evaluate((node) => {
    const out: { char: string; x: number; y: number }[] = [];
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const t = walker.currentNode as Text;
      for (let i = 0; i < t.data.length; i++) {
        if (/\s/.test(t.data[i]!)) continue;
        const r = document.createRange();
        r.setStart(t, i);
        r.setEnd(t, i + 1);
        const box = r.getBoundingClientRect();
        // Not laid out (in an element not displayed: the hint's words for a page without scripts).
        if (box.width === 0 && box.height === 0) continue;
        out.push({ char: t.data[i]!, x: box.left, y: box.top });
      }
    }
    return out;
  });
}

/** The first and the last character of an element's text, with their left edges. */
async function ends(el: Locator) {
  const chars = await laidOut(el);
  return { first: chars[0]!, last: chars[chars.length - 1]! };
}

async function open(page: Page) {
  const seen = watch(page);
  await openStory(page, STORY);
  return seen;
}

test('a right-to-left story reads right to left, its pins on the right, the interface’s English words left to right', async ({ page }) => {
  const seen = await open(page);
  const article = page.locator('article.article');
  await expect(article).toHaveAttribute('dir', 'rtl');
  await expect(article).toHaveAttribute('lang', 'ar');
  // The pins stand at the start of their passages: on the right.
  const passage = page.locator('.passage.linked').first();
  const [p, pin] = await Promise.all([passage.boundingBox(), passage.locator('.pin').boundingBox()]);
  expect(pin!.x + pin!.width / 2).toBeGreaterThan(p!.x + p!.width * 0.9);
  // The hint is the interface's English: "Underlined … on the map." with its full stop at its
  // right end (set in the article's direction, it came first, on the left: ".Underlined …").
  const hint = page.locator('.hint');
  expect(await hint.evaluate((el) => (el as HTMLElement).innerText)).toBe('Underlined words show places on the map.');
  const h = await ends(hint);
  expect(h.first.char).toBe('U');
  expect(h.last.char).toBe('.');
  expect(h.last.x).toBeGreaterThan(h.first.x);
  // An Arabic sentence reads from the right: its first letter right of its full stop.
  const sentence = await ends(passage);
  expect(sentence.last.char).toBe('.');
  expect(sentence.first.x).toBeGreaterThan(sentence.last.x);
  expect(seen.errors).toEqual([]);
});

test('the story’s sentences and names keep their own direction in the English list and card; its names are on the map', async ({ page }) => {
  const seen = await open(page);
  // The opening view names the three places in Arabic, as the story does.
  await expect
    .poll(async () => (await page.locator('.map').evaluate((el) => (el as unknown as { storyMapProbe: { query: (ll: null, layers: string[]) => { name: string }[] } }).storyMapProbe.query(null, ['story:cities:label']))).map((h) => h.name).sort(), { timeout: 15_000 })
    .toEqual(['بنغازي', 'طرابلس', 'مصراتة'].sort());
  // From a name in the article to the map and the list.
  await page.locator('.article .place', { hasText: 'مصراتة' }).click();
  const card = page.locator('.card');
  await expect(card.locator('h3')).toHaveText('مصراتة');
  const quote = page.locator('.places li.selected .passages a');
  await expect(quote).toHaveText('“تقع طرابلس و مصراتة في غرب ليبيا.”');
  // Quoted in an English line, the sentence still ends on the left: its full stop left of its first
  // letter, inside the quotation marks (without the isolation, the full stop stood at the right).
  const chars = await laidOut(quote);
  const at = { first: chars.find((c) => c.char === 'ت')!.x, stop: chars.find((c) => c.char === '.')!.x };
  expect(at.stop).toBeLessThan(at.first);
  // The English around it reads left to right: the opening mark left of the closing one.
  const marks = await ends(quote);
  expect([marks.first.char, marks.last.char]).toEqual(['“', '”']);
  expect(marks.first.x).toBeLessThan(marks.last.x);
  // Each of the story's strings in the interface says its language (a screen reader's voice).
  await expect(card.locator('h3 bdi')).toHaveAttribute('lang', 'ar');
  await expect(quote.locator('bdi')).toHaveAttribute('lang', 'ar');
  // The layer's description, an Arabic sentence, is a right-to-left paragraph in the list.
  expect(await page.locator('.places .layer-desc').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  expect(seen.errors).toEqual([]);
});

test('the legend lists the story’s context areas in its own order, each name apart from the English around it', async ({ page }) => {
  const seen = await open(page);
  const row = page.locator('.legend .cats li').filter({ hasText: '(context)' });
  await expect(row).toHaveText('خليج سرت, الجبل الأخضر (context)');
  await expect(row.locator('bdi')).toHaveText(['خليج سرت', 'الجبل الأخضر']);
  await expect(row.locator('bdi').first()).toHaveAttribute('lang', 'ar');
  // An English list reads left to right: the first name on the left, "(context)" after the second,
  // on its line or the next. As one string, the two Arabic names and the comma between them made one
  // right-to-left run, and the first name stood on the right.
  const [first, second] = await Promise.all([row.locator('bdi').nth(0).boundingBox(), row.locator('bdi').nth(1).boundingBox()]);
  expect(first!.x + first!.width).toBeLessThan(second!.x);
  const paren = (await laidOut(row)).find((c) => c.char === '(')!;
  if (Math.abs(paren.y - second!.y) < 4) expect(paren.x).toBeGreaterThanOrEqual(second!.x + second!.width - 1);
  else expect(paren.y).toBeGreaterThan(second!.y);
  expect(seen.errors).toEqual([]);
});
