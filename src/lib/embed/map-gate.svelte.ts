// Gates for the map of an embed: App renders the map (and so creates a WebGL context) only while
// its gate is `live`, and a light placeholder otherwise; the article text never waits for it.
import { pageBudget, type ContextBudget, type Slot } from './budget';
import { distanceToViewport, watchZone } from './zones';

/** What App reads. */
export interface MapGate {
  readonly live: boolean;
}

/**
 * For an element on the host page (<story-map>): a slot in the page's context budget, its zone
 * watched with IntersectionObservers. Live when near the viewport and within the budget.
 */
export class ElementGate implements MapGate {
  live = $state(false);
  readonly destroy: () => void;

  constructor(el: Element, budget: ContextBudget = pageBudget()) {
    const slot: Slot = {
      zone: 'away',
      live: false,
      distance: () => distanceToViewport(el),
      setLive: (live) => (this.live = live),
    };
    budget.add(slot);
    const unwatch = watchZone(el, (zone) => {
      slot.zone = zone;
      budget.update();
    });
    this.destroy = () => {
      unwatch();
      budget.delete(slot);
    };
  }
}

/**
 * For the iframe page. The host script on the parent page knows where the iframe is and shares the
 * page's budget with the other embeds, so once it speaks, it decides. Without it (an iframe pasted
 * with no host script), the map starts when the frame is first on screen and then stays: inside a
 * cross-origin frame an IntersectionObserver cannot see "near", only "visible", and releasing on
 * every scroll out of view would churn contexts.
 */
export class FrameGate implements MapGate {
  live = $state(false);
  private host: boolean | null = null;
  readonly destroy: () => void;

  constructor(el: Element) {
    const io = new IntersectionObserver((entries) => {
      if (this.host === null && entries.some((e) => e.isIntersecting)) this.live = true;
    });
    io.observe(el);
    this.destroy = () => io.disconnect();
  }

  /** What the host script says. */
  setHostLive(live: boolean) {
    this.host = live;
    this.live = live;
  }
}
