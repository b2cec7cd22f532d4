// polylabel 2 ships no types: the one function the basemap build (scripts/basemap/sources.ts) and the model (name-at.ts) call.
declare module 'polylabel' {
  /** The point of a polygon (rings of [x, y]) farthest from its edges, and that distance (`distance`), found to within `precision`. */
  export default function polylabel(polygon: number[][][], precision?: number, debug?: boolean): number[] & { distance: number };
}
