// Diagonal hatching for approximate areas, drawn as ImageData here (no sprite server needed).
import type { StoryLayer } from '../story/model';
import { CIRCLE_BOX_IMAGE, CIRCLE_BOX_PX, hatchId } from './style';

function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.split('').map((c) => c + c).join('') : h;
  const n = parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** A size×size tile with 45° stripes of the given colour, seamless when repeated. */
export function hatchImage(color: string, size = 12, width = 2.2, alpha = 150): { width: number; height: number; data: Uint8Array } {
  const [r, g, b] = hexToRgb(color);
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = (x + y) % size;
      const dist = Math.min(d, size - d);
      const a = Math.max(0, Math.min(1, width / 2 + 0.5 - dist));
      const i = (y * size + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = Math.round(a * alpha);
    }
  }
  return { width: size, height: size, data };
}

/**
 * Every image the style refers to (added at pixel ratio 2): one hatch per category of each layer,
 * plus the layer colour; and the transparent square whose box makes points' circles take part in
 * label collision (style.ts, CIRCLE_BOX_IMAGE).
 */
export function hatchImages(layers: StoryLayer[]): { id: string; image: ReturnType<typeof hatchImage> }[] {
  const box = CIRCLE_BOX_PX * 2;
  return [
    ...layers.flatMap((l) => [
      { id: hatchId(l.spec.id, -1), image: hatchImage(l.spec.color) },
      ...(l.spec.categories?.values ?? []).map((c, i) => ({ id: hatchId(l.spec.id, i), image: hatchImage(c.color) })),
    ]),
    { id: CIRCLE_BOX_IMAGE, image: { width: box, height: box, data: new Uint8Array(box * box * 4) } },
  ];
}
