// How a context area's outline fades as the reader zooms in: one rule for the WebGL style
// (style.ts) and the SVG fallback (FallbackMap.svelte).

/**
 * The zooms over which a context area's outline fades out: whole at the first, gone at the second.
 * A context area is a sea or a whole country; its edge is a coast or a border that the basemap
 * draws too, from finer data (OpenStreetMap's water at 10 m). The story's copy is usually coarser
 * (the CGTN Black Sea is Natural Earth's 1:10 000 000 coast, 1-2 km off OSM's): up to zoom 6 that is
 * a pixel or two, at zoom 8 (Istanbul's view) a line over the land the reader would take for the
 * coast (docs/cartography.md). Past these zooms the basemap's coast and borders are the edge and the
 * faint fill stays; a selected area keeps its outline, which the reader asked for.
 */
export const CONTEXT_OUTLINE_FADE: readonly [number, number] = [6, 7.5];

/** How much of a context area's outline is drawn at `zoom` (1 whole, 0 none), as the style draws it. */
export function contextOutlineShown(zoom: number): number {
  const [a, b] = CONTEXT_OUTLINE_FADE;
  return Math.min(1, Math.max(0, (b - zoom) / (b - a)));
}

