// "After the text is painted": the map's start is a long task (evaluating maplibre-gl, creating
// the WebGL context), so it waits until the article has reached the screen. Where Element Timing
// reports when the headline (elementtiming="story-text") was painted (a page of its own, not a
// shadow root), that is the signal: it comes once the text is drawn in its web font. Elsewhere: a
// frame (its layout asks for the text's fonts), the fonts (text in a web font still loading is not
// drawn), and the frame that draws it. Timeouts stand in where frames do not run (a hidden tab).

import { nextPaint as frame } from './after-paint';

/** The identifier the article's headline carries (Article.svelte). */
export const TEXT_ELEMENT_TIMING = 'story-text';

function headlinePainted(timeout: number): Promise<void> {
  return new Promise<void>((go) => {
    const t = setTimeout(() => (po.disconnect(), go()), timeout);
    const po = new PerformanceObserver((list) => {
      if (!list.getEntries().some((e) => (e as PerformanceEntry & { identifier?: string }).identifier === TEXT_ELEMENT_TIMING)) return;
      clearTimeout(t);
      po.disconnect();
      go();
    });
    po.observe({ type: 'element', buffered: true });
  });
}

/**
 * Resolves once the article's text is on screen (or a little later at worst). Embeds do not use
 * Element Timing (a shadow root's elements are not reported; the iframe page keeps to one path).
 */
export async function afterTextPainted(opts: { embedded: boolean }): Promise<void> {
  if (!opts.embedded && typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes?.includes('element')) return headlinePainted(1500);
  await frame();
  await Promise.race([document.fonts?.ready, new Promise((go) => setTimeout(go, 1000))]);
  await frame();
}
