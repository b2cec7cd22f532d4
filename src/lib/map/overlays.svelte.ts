// What covers the map: the legend and the feature card sit over it. The map views keep framed and
// selected features clear of them (framing.ts), measured as they are when the camera moves, and
// look again when one changes size (a card appears, grows, is collapsed).
import { untrack } from 'svelte';
import { coveringBoxes, type Box } from './framing';

export class Overlays {
  /** Bumped whenever a tracked overlay appears, goes or changes size. */
  version = $state(0);
  #wrappers = new Set<Element>();
  #resize = typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.version++) : null;
  #children = typeof MutationObserver === 'function' ? new MutationObserver((records) => this.#observeChildren(records)) : null;

  /**
   * Attachment for an overlay's wrapper: every element child of it covers the map (the wrapper
   * itself may span the map with pointer-events off, as the card's does).
   */
  track = (wrapper: Element) => {
    this.#wrappers.add(wrapper);
    for (const child of wrapper.children) this.#resize?.observe(child);
    this.#children?.observe(wrapper, { childList: true });
    // Attachments run inside an effect: bump without reading, or the effect would depend on it.
    untrack(() => this.version++);
    return () => {
      this.#wrappers.delete(wrapper);
      for (const child of wrapper.children) this.#resize?.unobserve(child);
      untrack(() => this.version++);
    };
  };

  #observeChildren(records: MutationRecord[]) {
    for (const r of records) {
      for (const n of r.addedNodes) if (n instanceof Element) this.#resize?.observe(n);
      for (const n of r.removedNodes) if (n instanceof Element) this.#resize?.unobserve(n);
    }
    this.version++;
  }

  /** The boxes covering `frame` now, in its own pixels (of the tracked elements `which` keeps, or all). */
  boxes(frame: Element, which: (tracked: Element) => boolean = () => true): Box[] {
    return coveringBoxes(frame, [...this.#wrappers].filter(which));
  }
}
