// What covers the map: the legend and the feature card sit over it. The map views keep framed and
// selected features clear of them (framing.ts), measured as they are when the camera moves, and
// look again when one changes size (a card appears, grows, is collapsed). The map's buttons are
// tracked too, for the names under them only (covered-labels.ts).
import { untrack } from 'svelte';
import { coveringBoxes, elementBoxes, type Box } from './framing';

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

  #controls = new Set<Element>();

  /**
   * Attachment for one of the map's buttons (zoom, Reset view): a name under it is hidden like one
   * under a panel (covered-labels.ts), but what is framed does not move for it: the framing keeps
   * room for the buttons its own way (framing.ts, baseMargin).
   */
  control = (el: Element) => {
    this.#controls.add(el);
    untrack(() => this.version++);
    return () => {
      this.#controls.delete(el);
      untrack(() => this.version++);
    };
  };

  /** The tracked buttons' boxes over `frame` now, in its own pixels. */
  controlBoxes(frame: Element): Box[] {
    return elementBoxes(frame, this.#controls);
  }

  /** The boxes covering `frame` now, in its own pixels (of the tracked elements `which` keeps, or all). */
  boxes(frame: Element, which: (tracked: Element) => boolean = () => true): Box[] {
    return coveringBoxes(frame, [...this.#wrappers].filter(which));
  }
}
