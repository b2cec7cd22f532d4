// Basemap names under what covers the map (the legend, the card, the locator inset) or running off
// its edges are hidden rather than left cut at the covering panel's edge ("…kia ·" beside the
// legend) or the map's ("ANCE" for France). MapLibre places
// labels clear of each other, not of the HTML over its canvas, so after each placement the names
// whose boxes touch a covering box are found (queryRenderedFeatures) and given the feature-state
// `covered`, which the basemap's label layers read as opacity 0 (COVERED_OPACITY in
// basemap-style.ts). The story's own labels are kept clear of those panels by the framing instead
// (framing.ts), and are never hidden here.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Box } from './framing';
import { basemapLabelLayers } from './basemap-style';

/** The basemap's name layers, as basemap-style.ts makes them; absent from a newsroom's own style, then nothing is hidden. */
export const BASEMAP_LABEL_LAYERS: readonly string[] = basemapLabelLayers({ italic: false }).map((l) => l.id);

/** Pixels around a covering box that count as under it: a name's halo touching the panel's edge. */
const MARGIN = 2;

interface FeatureRef {
  source: string;
  sourceLayer: string;
  id: string | number;
}

/** The basemap names of one map hidden under its covering boxes. */
export class CoveredLabels {
  #hidden = new Map<string, FeatureRef>();

  constructor(private readonly map: MapLibreMap) {}

  /**
   * Hides the names that touch any of `panels` (boxes in the map's own pixels) or, given the map's
   * `frame`, run off its edges, and shows again those that no longer do. Only changes are
   * written: a feature-state change repaints, and the map's next `idle` calls this again.
   */
  update(panels: readonly Box[], frame?: { width: number; height: number }): void {
    // No style to read or write (being made anew, or gone with a lost graphics context): later.
    if (!this.map.isStyleLoaded()) return;
    const layers = BASEMAP_LABEL_LAYERS.filter((id) => this.map.getLayer(id));
    const now = new Map<string, FeatureRef>();
    const boxes = [...panels.map((b) => ({ left: b.left - MARGIN, top: b.top - MARGIN, right: b.right + MARGIN, bottom: b.bottom + MARGIN })), ...(frame ? edgeStrips(frame.width, frame.height) : [])];
    if (layers.length)
      for (const b of boxes) {
        const hits = this.map.queryRenderedFeatures(
          [
            [b.left, b.top],
            [b.right, b.bottom],
          ],
          { layers },
        );
        for (const f of hits) if (f.id !== undefined && f.sourceLayer) now.set(`${f.sourceLayer}:${f.id}`, { source: f.source, sourceLayer: f.sourceLayer, id: f.id });
      }
    for (const [key, ref] of this.#hidden) if (!now.has(key)) this.map.removeFeatureState(ref, 'covered');
    for (const [key, ref] of now) if (!this.#hidden.has(key)) this.map.setFeatureState(ref, { covered: true });
    this.#hidden = now;
  }

  /** The style was made anew (its feature-states went with the old one): start from nothing hidden. */
  forget(): void {
    this.#hidden.clear();
  }
}

/**
 * The map's edges as strips just outside it: a name whose box reaches past a side ("ANCE" for France
 * at a phone's left edge) meets one. A name whose box stops short of the edge does not (its box
 * includes the label's padding, so a name near the edge but whole stays).
 */
export function edgeStrips(width: number, height: number): Box[] {
  return [
    { left: -1, top: -1, right: 0.5, bottom: height + 1 },
    { left: width - 0.5, top: -1, right: width + 1, bottom: height + 1 },
    { left: -1, top: -1, right: width + 1, bottom: 0.5 },
    { left: -1, top: height - 0.5, right: width + 1, bottom: height + 1 },
  ];
}
