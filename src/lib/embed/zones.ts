// Watches elements (embeds, or iframes from the host script) and tells which zone of the viewport
// each is in, with three IntersectionObservers shared by every element on the page: on screen,
// near (within NEAR of a viewport height) and far (within FAR). Beyond that an element is away.
import type { Zone } from './budget';

/** Start a map within three quarters of a viewport of the screen, drop it beyond two viewports. */
export const NEAR = '75%';
export const FAR = '200%';

type Listener = (zone: Zone) => void;

interface Watched {
  visible: boolean;
  near: boolean;
  far: boolean;
  listener: Listener;
}

class ZoneWatcher {
  private watched = new Map<Element, Watched>();
  private observers: IntersectionObserver[];

  constructor() {
    const make = (key: 'visible' | 'near' | 'far', margin: string) =>
      new IntersectionObserver(
        (entries) => {
          const changed = new Set<Watched>();
          for (const e of entries) {
            const w = this.watched.get(e.target);
            if (!w) continue;
            w[key] = e.isIntersecting;
            changed.add(w);
          }
          for (const w of changed) w.listener(zoneOf(w));
        },
        { rootMargin: `${margin} 0px ${margin} 0px` },
      );
    this.observers = [make('visible', '0px'), make('near', NEAR), make('far', FAR)];
  }

  watch(el: Element, listener: Listener): () => void {
    this.watched.set(el, { visible: false, near: false, far: false, listener });
    for (const o of this.observers) o.observe(el);
    return () => {
      for (const o of this.observers) o.unobserve(el);
      this.watched.delete(el);
    };
  }
}

function zoneOf(w: Watched): Zone {
  return w.visible ? 'visible' : w.near ? 'near' : w.far ? 'far' : 'away';
}

let shared: ZoneWatcher | null = null;

/** Calls `listener` with the element's zone whenever it changes (first call soon after watching). */
export function watchZone(el: Element, listener: Listener): () => void {
  shared ??= new ZoneWatcher();
  return shared.watch(el, listener);
}

/** Pixels between the element and the viewport; 0 when any of it is on screen. */
export function distanceToViewport(el: Element): number {
  const r = el.getBoundingClientRect();
  const h = window.innerHeight || document.documentElement.clientHeight;
  if (r.bottom < 0) return -r.bottom;
  if (r.top > h) return r.top - h;
  return 0;
}
