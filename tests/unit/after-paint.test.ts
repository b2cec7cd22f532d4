import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPaint, nextPaint } from '../../src/lib/story/after-paint';

describe('afterPaint', () => {
  let frames: (() => void)[];
  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', (id: number) => (frames[id - 1] = () => {}));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });
  const paint = () => frames.splice(0).forEach((f) => f());

  it('runs in a task after the next frame, not in it', () => {
    const fn = vi.fn();
    afterPaint(fn);
    expect(fn).not.toHaveBeenCalled();
    paint();
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
    // The stand-in timeout does not run it a second time.
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs after the timeout where no frame comes (a hidden tab)', () => {
    const fn = vi.fn();
    afterPaint(fn, 100);
    vi.advanceTimersByTime(99);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('never runs once cancelled, whether before or after the frame', () => {
    const a = vi.fn();
    const b = vi.fn();
    const cancelA = afterPaint(a);
    const cancelB = afterPaint(b);
    cancelA();
    paint();
    cancelB();
    vi.advanceTimersByTime(1000);
    expect(a).not.toHaveBeenCalled();
    expect(b).not.toHaveBeenCalled();
  });

  it('nextPaint resolves after the frame', async () => {
    let done = false;
    void nextPaint().then(() => (done = true));
    paint();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });
});
