import { describe, expect, it } from 'vitest';
import { ContextBudget, pageBudget, type Slot, type Zone } from '../../src/lib/embed/budget';

function createSlot(zone: Zone, distance = 0) {
  const log: boolean[] = [];
  const slot: Slot & { log: boolean[]; dist: number } = {
    zone,
    live: false,
    dist: distance,
    log,
    distance: () => slot.dist,
    setLive: (live) => log.push(live),
  };
  return slot;
}

const liveOf = (slots: Slot[]) => slots.map((s) => s.live);

describe('the page budget of live maps', () => {
  it('starts maps only near the viewport', () => {
    const b = new ContextBudget(4);
    const slots = [createSlot('visible'), createSlot('near', 100), createSlot('far', 1500), createSlot('away', 5000)];
    for (const s of slots) b.add(s);
    expect(liveOf(slots)).toEqual([true, true, false, false]);
  });

  it('never holds more than its maximum, nearest first', () => {
    const b = new ContextBudget(2);
    const slots = [createSlot('near', 500), createSlot('near', 50), createSlot('near', 300)];
    for (const s of slots) b.add(s);
    expect(b.liveCount).toBe(2);
    expect(liveOf(slots)).toEqual([true, true, false]); // the first two took the free slots
    // An embed scrolled on screen takes the slot of the farthest near one.
    slots[2]!.zone = 'visible';
    b.update();
    expect(b.liveCount).toBe(2);
    expect(liveOf(slots)).toEqual([false, true, true]);
    expect(slots[0]!.log).toEqual([true, false]);
  });

  it('keeps a live map in the far ring (no churn) but drops it when away', () => {
    const b = new ContextBudget(4);
    const s = createSlot('visible');
    b.add(s);
    s.zone = 'far';
    b.update();
    expect(s.live).toBe(true);
    s.zone = 'away';
    b.update();
    expect(s.live).toBe(false);
    s.zone = 'far';
    b.update();
    expect(s.live).toBe(false); // does not come back until near again
    s.zone = 'near';
    b.update();
    expect(s.live).toBe(true);
    expect(s.log).toEqual([true, false, true]);
  });

  it('a far live map gives way to a near one when full', () => {
    const b = new ContextBudget(1);
    const old = createSlot('visible');
    b.add(old);
    old.zone = 'far';
    b.update();
    const next = createSlot('near', 10);
    b.add(next);
    expect(liveOf([old, next])).toEqual([false, true]);
  });

  it('a waiting embed gets the map freed by one removed from the page', () => {
    const b = new ContextBudget(1);
    const a = createSlot('visible');
    const c = createSlot('visible', 0);
    b.add(a);
    b.add(c);
    expect(liveOf([a, c])).toEqual([true, false]); // both on screen: the second waits
    b.delete(a);
    expect(a.live).toBe(false);
    expect(c.live).toBe(true);
  });

  it('is one object per page, shared by every script that asks', () => {
    expect(pageBudget()).toBe(pageBudget());
    expect((globalThis as unknown as Record<symbol, unknown>)[Symbol.for('story-map.context-budget.v1')]).toBe(pageBudget());
  });
});
