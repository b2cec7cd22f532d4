// The round marks the map draws from images of its own: the basemap's place dots, cluster dots.
import { describe, expect, it } from 'vitest';
import { discImage } from '../../src/lib/map/disc-image';
import { basemapImages } from '../../src/lib/map/basemap-style';

/** The pixel `dx` right of the centre, on the middle row. */
const px = (img: ReturnType<typeof discImage>, dx: number) => {
  const i = ((img.height / 2) * img.width + img.width / 2 + dx) * 4;
  return [...img.data.slice(i, i + 4)];
};

describe('disc images', () => {
  it('draws a disc in its colour, a white rim outside it and nothing beyond, edges partly covered', () => {
    const img = discImage(20, 5, 2, [10, 20, 30]);
    expect(px(img, 0)).toEqual([10, 20, 30, 255]);
    expect(px(img, 5)).toEqual([255, 255, 255, 255]);
    expect(px(img, 9)[3]).toBe(0);
    // A rim's outer edge half covering a pixel: white, half opaque (not a mix with the fill's colour).
    const edge = px(discImage(20, 5, 1.5, [10, 20, 30]), 6);
    expect(edge.slice(0, 3)).toEqual([255, 255, 255]);
    expect(edge[3]).toBeGreaterThan(100);
    expect(edge[3]).toBeLessThan(155);
  });

  it("keeps a disc's colour at its opacity, and a capital's centre white", () => {
    expect(px(discImage(20, 5, 2, [10, 20, 30], 0.5), 0)).toEqual([10, 20, 30, 128]);
    const capital = basemapImages().find((i) => i.id === 'basemap:capital')!.image;
    expect(px(capital, 0)).toEqual([255, 255, 255, 255]);
    expect(px(capital, 3)).toEqual([0x6b, 0x65, 0x5e, 255]);
    const place = basemapImages().find((i) => i.id === 'basemap:place')!.image;
    expect(px(place, 0)).toEqual([0x6b, 0x65, 0x5e, 255]);
  });
});
