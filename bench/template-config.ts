// The storytelling template's config for a story: one chapter per linked passage, whose location
// frames the passage's features and whose layer opacities show only the layers it mentions.
// Written by the bench from the story's files, the way an editor would fill in config.js.
import { buildModel, type BBox, type StoryTexts } from '../src/lib/story/model';
import { boundsOf } from '../src/lib/story/model-core';

const TILE = 512;
const mercY = (lat: number) => {
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};

/** Centre and zoom that fit a box in a width×height viewport (Web Mercator, 512 px tiles). */
export function fitCamera(b: BBox, width = 1280, height = 800, padding = 60, maxZoom = 8): { center: [number, number]; zoom: number } {
  const dx = Math.max((b[2] - b[0]) / 360, 1e-9);
  const dy = Math.max(mercY(b[1]) - mercY(b[3]), 1e-9);
  const zoom = Math.min(maxZoom, Math.log2(Math.min((width - 2 * padding) / (dx * TILE), (height - 2 * padding) / (dy * TILE))));
  return { center: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2], zoom: Math.round(zoom * 100) / 100 };
}

export interface TemplateConfig {
  title: string;
  byline?: string;
  chapters: {
    id: string;
    description: string;
    location: { center: [number, number]; zoom: number };
    onChapterEnter: { layer: string; opacity: number }[];
    onChapterExit: { layer: string; opacity: number }[];
  }[];
}

export function templateConfig(texts: StoryTexts): TemplateConfig {
  const model = buildModel(texts);
  const layerIds = model.layers.filter((l) => !l.error).map((l) => l.spec.id);
  const chapters = model.passages
    .filter((p) => model.featuresByPassage.has(p.id))
    .map((p) => {
      const keys = model.featuresByPassage.get(p.id) ?? [];
      const shown = new Set(keys.map((k) => model.features.get(k)?.layerId));
      return {
        id: p.id,
        description: p.text,
        location: fitCamera(boundsOf(model, keys) ?? (model.story.view.bounds as BBox)),
        onChapterEnter: layerIds.map((layer) => ({ layer, opacity: shown.has(layer) ? 1 : 0.15 })),
        onChapterExit: [],
      };
    });
  return { title: model.story.title, byline: model.story.byline, chapters };
}
