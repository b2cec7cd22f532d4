// The map on paper: when the page is printed (or shown as print), the map's last frame is copied
// into a plain 2D canvas that stands in for it. The WebGL canvas is drawn without a preserved
// drawing buffer (faster), so its pixels are only readable right after a frame: redraw() draws one
// synchronously, and the copy is made in the same task. A 2D canvas, not an <img> with a data: URL,
// so that embeds under a strict CSP (img-src 'self') print the same. The print styles (App.svelte)
// hide the live map and its controls and give the box the picture's shape.
import type { Map as MapLibreMap } from 'maplibre-gl';

export function printPicture(map: MapLibreMap, container: HTMLElement): () => void {
  const box = container.parentElement;
  if (!box) return () => {};
  let picture: HTMLCanvasElement | null = null;
  const draw = () => {
    try {
      map.redraw();
      const src = map.getCanvas();
      if (!src.width || !src.height) return;
      picture ??= Object.assign(box.ownerDocument.createElement('canvas'), { className: 'print-picture' });
      picture.setAttribute('aria-hidden', 'true');
      picture.width = src.width;
      picture.height = src.height;
      picture.getContext('2d')?.drawImage(src, 0, 0);
      if (!picture.isConnected) container.after(picture);
      box.style.setProperty('--print-aspect', `${src.width} / ${src.height}`);
    } catch (e) {
      console.warn('print picture:', e);
    }
  };
  const print = typeof matchMedia === 'function' ? matchMedia('print') : null;
  const onchange = (e: MediaQueryListEvent) => e.matches && draw();
  addEventListener('beforeprint', draw);
  print?.addEventListener('change', onchange);
  return () => {
    removeEventListener('beforeprint', draw);
    print?.removeEventListener('change', onchange);
    picture?.remove();
  };
}
