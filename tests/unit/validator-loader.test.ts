// The browser loader (load.ts) refuses an oversized file by its Content-Length, before reading its
// body, never fetches a layer path that leaves the story folder, and keeps the rest of the story.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadStory } from '../../src/lib/story/load';
import { createPoint, createStoryFile } from './fixtures';

const story = createStoryFile({
  layers: [
    { id: 'places', name: 'Places', file: 'places.geojson', color: '#336699' },
    { id: 'big', name: 'Big', file: 'big.geojson', color: '#993366' },
    { id: 'outside', name: 'Outside', file: '../other-story/secret.geojson', color: '#000000' },
  ],
});
const files: Record<string, { body: string; length?: number }> = {
  'story.json': { body: JSON.stringify(story) },
  'article.md': { body: 'We met in Rome today. {#intro}\n' },
  'places.geojson': { body: JSON.stringify({ type: 'FeatureCollection', features: [createPoint('rome', [12.4964, 41.9028])] }) },
  'big.geojson': { body: '{}', length: 50 * 1024 * 1024 },
};

afterEach(() => vi.unstubAllGlobals());

describe('loadStory', () => {
  it('refuses a layer over the limit by its Content-Length, never fetches outside the folder, keeps the rest', async () => {
    const asked: string[] = [];
    const bodiesRead: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url);
      const name = url.replace('./stories/test/', '');
      const f = files[name];
      if (!f) return new Response('not found', { status: 404 });
      const res = new Response(f.body, { headers: { 'content-length': String(f.length ?? f.body.length) } });
      const text = res.text.bind(res);
      res.text = () => (bodiesRead.push(name), text());
      return res;
    });
    const model = await loadStory('./stories/test/');
    expect(asked.some((u) => u.includes('secret'))).toBe(false);
    expect(bodiesRead).not.toContain('big.geojson');
    const byId = Object.fromEntries(model.layers.map((l) => [l.spec.id, l]));
    expect(byId.places!.error).toBeUndefined();
    expect(byId.big!.error).toMatch(/too large/);
    expect(byId.big!.problems).toMatchObject([{ code: 'file-too-large', file: 'big.geojson' }]);
    expect(byId.outside!.error).toBeTruthy();
    expect(model.problems.find((p) => p.code === 'file-path')).toMatchObject({ file: 'story.json', path: 'layers[2].file' });
    expect(model.passages.map((p) => p.id)).toEqual(['intro']);
  });
});
