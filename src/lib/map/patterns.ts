// The story layers' images, drawn here (no sprite server needed): diagonal hatching for approximate
// areas, a clustered layer's dots, the circles' collision box.
import type { StoryLayer } from '../story/model';
import { discImage, type RawImage } from './disc-image';
import { CIRCLE_BOX_IMAGE, CIRCLE_BOX_PX, CLUSTER_DOT_RADII, clusterDotId, clustered, hatchId } from './style';

function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.split('').map((c) => c + c).join('') : h;
  const n = parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** A size×size tile with 45° stripes of the given colour, seamless when repeated. */
export function hatchImage(color: string, size = 12, width = 2.2, alpha = 150): RawImage {
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
 * A cluster's dot (style.ts, CLUSTER_DOT_RADII) at pixel ratio 2: a disc of `radius` CSS pixels in
 * `color` at 85 % opacity, ringed outside by 1.5 px of white.
 */
export function clusterDotImage(color: string, radius: number): RawImage {
  return discImage(Math.ceil(radius + 1.5) * 4 + 2, radius * 2, 3, hexToRgb(color), 0.85);
}

/**
 * Every image the style refers to (added at pixel ratio 2): one hatch per category of each layer,
 * plus the layer colour; a clustered layer's dots; and the transparent square whose box makes
 * points' circles take part in label collision (style.ts, CIRCLE_BOX_IMAGE).
 */
export function storyImages(layers: StoryLayer[]): { id: string; image: RawImage }[] {
  const box = CIRCLE_BOX_PX * 2;
  return [
    ...layers.flatMap((l) => [
      { id: hatchId(l.spec.id, -1), image: hatchImage(l.spec.color) },
      ...(l.spec.categories?.values ?? []).map((c, i) => ({ id: hatchId(l.spec.id, i), image: hatchImage(c.color) })),
      ...(clustered(l) ? CLUSTER_DOT_RADII.map((r) => ({ id: clusterDotId(l.spec.id, r), image: clusterDotImage(l.spec.color, r) })) : []),
    ]),
    { id: CIRCLE_BOX_IMAGE, image: { width: box, height: box, data: new Uint8Array(box * box * 4) } },
  ];
}
