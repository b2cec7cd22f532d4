// Round marks drawn as images here (no sprite): the basemap's place dots and a big layer's cluster dots.

export interface RawImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * A `size`×`size` image (RGBA, not premultiplied) of a disc of `radius` pixels in `rgb` at
 * `fillAlpha`, ringed outside by `rim` pixels of white, centred; `core`: a white centre of that
 * radius (a capital's ring). Edges are antialiased by the pixel's cover.
 */
export function discImage(size: number, radius: number, rim: number, rgb: readonly [number, number, number], fillAlpha = 1, core = 0): RawImage {
  const data = new Uint8Array(size * size * 4);
  const c = size / 2;
  const cover = (r: number, d: number) => Math.max(0, Math.min(1, r + 0.5 - d));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - c, y + 0.5 - c);
      const inside = cover(radius, d);
      const centre = core > 0 ? cover(core, d) : 0;
      const fill = (inside - centre) * fillAlpha;
      const white = cover(radius + rim, d) - inside + centre;
      const a = fill + white;
      if (a <= 0) continue;
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) data[i + k] = Math.round((rgb[k]! * fill + 255 * white) / a);
      data[i + 3] = Math.round(Math.min(1, a) * 255);
    }
  }
  return { width: size, height: size, data };
}
