// How many maps (WebGL contexts) a page holds at once. Browsers cap live WebGL contexts per page
// (Chromium at 16, then it silently kills the oldest), and each costs memory and GPU time, so a
// page with many embeds must not start a map for every one. An embed gets a map only when it
// comes near the viewport, loses it when it goes far away, and when more embeds want a map than
// the budget allows, those nearest the reader win and the farthest live one is released.
//
// One budget per page, shared by every bundle on it (the <story-map> element and the iframe host
// script each find it under the same global symbol), so iframes and elements count together.
// No DOM here: zones and distances are given by the caller (see zones.ts).

/** Where an embed is relative to the viewport: on screen, close, a little further, or far away. */
export type Zone = 'visible' | 'near' | 'far' | 'away';

const RANK: Record<Zone, number> = { visible: 0, near: 1, far: 2, away: 3 };

export interface Slot {
  /** The embed's zone now. */
  zone: Zone;
  /** Distance in pixels from the viewport (0 when on screen), to order embeds in the same zone. */
  distance(): number;
  /** Whether it holds a map; only the budget sets it, through setLive. */
  live: boolean;
  setLive(live: boolean): void;
}

export const DEFAULT_MAX_MAPS = 4;

export class ContextBudget {
  readonly slots = new Set<Slot>();

  constructor(public max = DEFAULT_MAX_MAPS) {}

  get liveCount(): number {
    let n = 0;
    for (const s of this.slots) if (s.live) n++;
    return n;
  }

  add(slot: Slot) {
    this.slots.add(slot);
    this.rebalance();
  }

  delete(slot: Slot) {
    if (!this.slots.delete(slot)) return;
    if (slot.live) this.set(slot, false);
    this.rebalance();
  }

  /** Call after a slot's zone changed. */
  update() {
    this.rebalance();
  }

  private set(slot: Slot, live: boolean) {
    slot.live = live;
    slot.setLive(live);
  }

  private rebalance() {
    // Far away: always let go. In the 'far' ring a live map is kept (no churn while the reader
    // scrolls back and forth) but a new one is not started.
    for (const s of this.slots) if (s.live && s.zone === 'away') this.set(s, false);
    const order = (a: Slot, b: Slot) => RANK[a.zone] - RANK[b.zone] || a.distance() - b.distance();
    const waiting = [...this.slots].filter((s) => !s.live && RANK[s.zone] <= RANK.near).sort(order);
    for (const s of waiting) {
      if (this.liveCount < this.max) {
        this.set(s, true);
        continue;
      }
      // Full: take the slot of the live embed in the worst zone, farthest away, if it is worse off than this one.
      const victim = [...this.slots].filter((v) => v.live && RANK[v.zone] > RANK[s.zone]).sort(order).pop();
      if (!victim) break;
      this.set(victim, false);
      this.set(s, true);
    }
  }
}

const KEY = Symbol.for('story-map.context-budget.v1');

/** The page's budget, created by whichever story-map script runs first. */
export function pageBudget(): ContextBudget {
  const g = globalThis as unknown as Record<symbol, ContextBudget | undefined>;
  return (g[KEY] ??= new ContextBudget());
}
