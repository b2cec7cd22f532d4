// The card and the text, one keyboard path: a place name chosen with Enter opens its card in the
// map's panel, which comes before the article in the page; its buttons and sources were 18 to 27
// Shift+Tabs back, or 44 to 52 Tabs on. As a popover follows what opened it, Tab from the chosen
// name goes into the card, Shift+Tab at the card's start goes back to the name, and Tab at its end
// goes on to what follows the name in the text (Article.svelte, FeatureCard.svelte).

/** What the keyboard can reach (enabled, not hidden by `hidden` or the card's fold). */
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** The elements in `within` the keyboard reaches, in the page's order (shown ones only). */
export function focusables(within: ParentNode): HTMLElement[] {
  return [...within.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0 && !el.closest('[hidden], [inert]'));
}

/**
 * Focuses the first element the keyboard reaches after `from` in the page (its root: the document,
 * or a `<story-map>`'s shadow root), outside `skip`. False when there is none.
 */
export function focusAfter(from: Element, skip: Element): boolean {
  const root = from.getRootNode() as Document | ShadowRoot;
  const next = focusables(root).find((el) => !skip.contains(el) && !from.contains(el) && from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  next?.focus();
  return !!next;
}

/** Whether Tab (no other modifier than Shift) was pressed. */
export const isTab = (e: KeyboardEvent) => e.key === 'Tab' && !e.altKey && !e.ctrlKey && !e.metaKey;
