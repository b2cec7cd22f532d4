// WebGL context loss and restore. MapLibre rebuilds its style from a snapshot when the context comes
// back, but the rebuilt sources start without feature-state, and a loss before the style had
// loaded leaves nothing to rebuild from (the map would stay blank). This watcher tells the map
// component when to stop touching the map, rebuilds the style when MapLibre could not, and says when
// the map is drawable again, so selection, hover and visibility are applied afresh.
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface ContextWatchOptions {
  /** Sets the style again (with the current layer visibility) when MapLibre had none to restore. */
  rebuild: (map: MapLibreMap) => void;
  /** The context is gone: stop calling the map until `onrestored`. */
  onlost: () => void;
  /** Restored and idle: the map can be styled and drawn again. */
  onrestored: () => void;
  /** Not restored within `timeout` ms (or restoring failed): show the map another way. */
  ongiveup: () => void;
  /** How long to wait for the browser to give the context back. */
  timeout?: number;
}

/** Starts watching; returns the function that stops. */
export function watchContext(map: MapLibreMap, opts: ContextWatchOptions): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lost = false;
  const giveUp = () => {
    timer = undefined;
    opts.ongiveup();
  };
  const onLost = () => {
    lost = true;
    opts.onlost();
    clearTimeout(timer);
    timer = setTimeout(giveUp, opts.timeout ?? 10_000);
  };
  const onRestored = () => {
    if (!lost) return;
    lost = false;
    clearTimeout(timer);
    timer = undefined;
    try {
      // MapLibre restored its style from a snapshot, unless the loss came before the style loaded.
      if (!map.style) opts.rebuild(map);
    } catch (e) {
      console.warn('map: could not rebuild after context loss:', e);
      opts.ongiveup();
      return;
    }
    map.once('idle', () => {
      if (!lost) opts.onrestored();
    });
    map.triggerRepaint();
  };
  map.on('webglcontextlost', onLost);
  map.on('webglcontextrestored', onRestored);
  return () => {
    clearTimeout(timer);
    map.off('webglcontextlost', onLost);
    map.off('webglcontextrestored', onRestored);
  };
}
