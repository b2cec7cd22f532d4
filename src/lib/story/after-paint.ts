// "After the next paint": work a reader does not need in the frame that answers their input (a
// highlight, an active passage) waits until that frame is on screen. A click's own frame then
// carries only the highlight; the label re-ranking (a worker round trip) and the measuring of the
// card (a layout read) come in the frames after it. A timeout stands in where frames do not run
// (a hidden tab).

/**
 * Calls `fn` once the next frame has been painted (a task after its animation frame), or after
 * `timeout` ms if no frame comes. Returns a function that cancels it.
 */
export function afterPaint(fn: () => void, timeout = 100): () => void {
  let done = false;
  let task: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    clearTimeout(task);
    fn();
  };
  const fallback = setTimeout(run, timeout);
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => (task = setTimeout(run))) : undefined;
  return () => {
    done = true;
    clearTimeout(fallback);
    clearTimeout(task);
    if (frame !== undefined) cancelAnimationFrame(frame);
  };
}

/** The same as a promise (never cancelled). */
export function nextPaint(timeout = 100): Promise<void> {
  return new Promise((go) => void afterPaint(go, timeout));
}
