// What the two comparison pages (bare MapLibre, storytelling-template style) share: reading the
// story's layer list, the same basemap, and the same read-only probe the app's map exposes, so the
// bench drives all three pages with the same code. No app code is imported here but the basemap's
// part of the style (src/lib/map/basemap-style.ts, plain data: sources, layers, images), so every
// page draws the same vector tiles the same way and the ratios compare the rest.
import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { basemapBaseLayers, basemapImages, basemapLabelLayers, basemapSources as tileSources, siteTiles } from '../../src/lib/map/basemap-style';
import latin from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import { installProbe } from '../../src/lib/map/probe';

export interface StoryLayerSpec {
  id: string;
  name: string;
  file: string;
  color: string;
  visible?: boolean;
}
export interface StoryJson {
  title: string;
  article?: string;
  view: { bounds: [number, number, number, number] };
  layers: StoryLayerSpec[];
  features?: Record<string, { passages: string[] }>;
}

/** The story named in ?story= (same rule as the app), served from the app's stories/ folder. */
export function storyBase(): string {
  const asked = new URLSearchParams(location.search).get('story');
  const name = asked && /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(asked) ? asked : 'cgtn-2020-01-09';
  return new URL(`../../stories/${name}/`, location.href).href;
}

export async function readStory(base: string): Promise<StoryJson> {
  const res = await fetch(`${base}story.json`);
  if (!res.ok) throw new Error(`story.json: HTTP ${res.status}`);
  return (await res.json()) as StoryJson;
}

/** The site's basemap tiles (basemap/tiles/ at the build's root), as the app reads them. */
export async function basemapSources(): Promise<StyleSpecification['sources']> {
  return tileSources({ tiles: siteTiles(new URL('../../', location.href).href) });
}

/** The images the basemap's symbols use (place dots), added the way a developer adds any image. */
export function addBasemapImages(m: MapLibreMap) {
  for (const { id, image, pixelRatio } of basemapImages()) m.addImage(id, image, { pixelRatio });
}

export const FONT = 'Noto Sans Regular';
export const fontFaces = (): StyleSpecification['font-faces'] => ({ [FONT]: [{ url: new URL(latin, location.href).href, 'unicode-range': ['U+0000-00FF', 'U+2000-206F'] }] });

export const basemapLayers: LayerSpecification[] = [...basemapBaseLayers(), ...basemapLabelLayers({ italic: false })];

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

/**
 * The plain way to draw a GeoJSON layer in MapLibre: one fill, one line, one circle and one label
 * style layer, filtered by geometry type, highlight by feature-state. `opacity` lets the
 * storytelling page fade layers per chapter the way the template does.
 */
export function plainLayers(l: StoryLayerSpec): LayerSpecification[] {
  const source = `story:${l.id}`;
  const visibility = l.visible === false ? 'none' : 'visible';
  return [
    { id: `${l.id}:fill`, type: 'fill', source, filter: ['==', ['geometry-type'], 'Polygon'], layout: { visibility }, paint: { 'fill-color': l.color, 'fill-opacity': ['case', selected, 0.45, 0.18] } },
    { id: `${l.id}:outline`, type: 'line', source, filter: ['==', ['geometry-type'], 'Polygon'], layout: { visibility }, paint: { 'line-color': l.color, 'line-width': 1.2 } },
    { id: `${l.id}:line`, type: 'line', source, filter: ['==', ['geometry-type'], 'LineString'], layout: { visibility }, paint: { 'line-color': l.color, 'line-width': ['case', selected, 5, 3] } },
    { id: `${l.id}:circle`, type: 'circle', source, filter: ['==', ['geometry-type'], 'Point'], layout: { visibility }, paint: { 'circle-color': l.color, 'circle-radius': ['case', selected, 9, 6], 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } },
    {
      id: `${l.id}:label`, type: 'symbol', source, filter: ['==', ['geometry-type'], 'Point'],
      layout: { visibility, 'text-field': ['get', 'name'], 'text-font': [FONT], 'text-size': 12.5, 'text-anchor': 'top', 'text-offset': [0, 0.9], 'text-optional': true },
      paint: { 'text-color': '#2b2b2b', 'text-halo-color': '#fff', 'text-halo-width': 1.6 },
    },
  ];
}

/** GeoJSON sources by URL: MapLibre fetches and parses them in its worker (the bare-library way). */
export function urlSources(base: string, layers: StoryLayerSpec[]): StyleSpecification['sources'] {
  return Object.fromEntries(layers.map((l) => [`story:${l.id}`, { type: 'geojson', data: base + l.file, promoteId: 'id' }]));
}

/**
 * The same read-only probe the app's map views carry (src/lib/map/probe.ts), so the
 * bench measures every page with one piece of code. Feature keys are "layerId:featureId".
 */
export function installMapProbe(container: HTMLElement, m: MapLibreMap, selected: () => string | null = () => null) {
  const split = (key: string) => {
    const i = key.indexOf(':');
    return { source: `story:${key.slice(0, i)}`, id: key.slice(i + 1) };
  };
  installProbe(container, {
    kind: 'webgl',
    project: (lngLat) => m.project(lngLat),
    state: (key) => (m.getSource(split(key).source) ? m.getFeatureState(split(key)) : null),
    rendered: (layerId) => m.queryRenderedFeatures({ layers: plainLayers({ id: layerId, name: '', file: '', color: '#000' }).map((l) => l.id).filter((id) => m.getLayer(id)) }).length,
    center: () => m.getCenter().toArray() as [number, number],
    zoom: () => m.getZoom(),
    moving: () => m.isMoving(),
    selected,
    onRender: (cb) => {
      m.on('render', cb);
      return () => void m.off('render', cb);
    },
  });
  m.once('load', () => {
    container.dataset.mapLoaded = 'true';
    m.once('idle', () => (container.dataset.mapReady = 'true'));
  });
}

/**
 * Click to highlight, done the plain way: the feature under the pointer gets feature-state.
 * Returns a function telling which feature ("layerId:featureId") is highlighted.
 */
export function clickToHighlight(m: MapLibreMap, layers: StoryLayerSpec[]): () => string | null {
  const ids = layers.flatMap((l) => [`${l.id}:circle`, `${l.id}:line`, `${l.id}:fill`]);
  let current: { source: string; id: string | number } | null = null;
  m.on('click', (e) => {
    const r = 4;
    const hit = m.queryRenderedFeatures([[e.point.x - r, e.point.y - r], [e.point.x + r, e.point.y + r]], { layers: ids })[0];
    if (current) m.setFeatureState(current, { selected: false });
    current = hit && hit.id !== undefined ? { source: hit.source, id: hit.id } : null;
    if (current) m.setFeatureState(current, { selected: true });
  });
  return () => (current ? `${current.source.replace(/^story:/, '')}:${current.id}` : null);
}
