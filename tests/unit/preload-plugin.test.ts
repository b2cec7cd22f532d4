// What the page loads early (preload hints): the chunks the map needs, found by following imports.
import { describe, expect, it } from 'vitest';
import { chunkWithImports, closure } from '../../scripts/chunk-graph';

const bundle = {
  'assets/main.js': { type: 'chunk' as const, fileName: 'assets/main.js', facadeModuleId: '/x/src/main.ts', imports: ['assets/shared.js'] },
  'assets/shared.js': { type: 'chunk' as const, fileName: 'assets/shared.js', facadeModuleId: null, imports: [] },
  'assets/StoryMap.js': { type: 'chunk' as const, fileName: 'assets/StoryMap.js', facadeModuleId: '/x/src/lib/map/StoryMap.svelte', imports: ['assets/shared.js', 'assets/basemap.js'] },
  'assets/basemap.js': { type: 'chunk' as const, fileName: 'assets/basemap.js', facadeModuleId: '/x/src/lib/map/basemap.ts', imports: [] },
  'assets/load.js': { type: 'chunk' as const, fileName: 'assets/load.js', facadeModuleId: '/x/src/lib/story/load.ts', imports: ['assets/shared.js'] },
  'assets/StoryMap.css': { type: 'asset' as const, fileName: 'assets/StoryMap.css' },
};

describe('preload plugin', () => {
  it('follows static imports', () => {
    expect(closure(bundle, 'assets/StoryMap.js')).toEqual(['assets/StoryMap.js', 'assets/shared.js', 'assets/basemap.js']);
    expect(chunkWithImports(bundle, 'src/lib/map/StoryMap.svelte')).toEqual(['assets/StoryMap.js', 'assets/shared.js', 'assets/basemap.js']);
    expect(chunkWithImports(bundle, 'src/nothing.ts')).toEqual([]);
  });
});

// pruneMapDeps is tested against a real Vite build in preload-helper.test.ts.

describe('preload plugin, chunks made by a code-splitting group', () => {
  it('finds a module inside a chunk that is not its facade', () => {
    const grouped = {
      'assets/main.js': { type: 'chunk' as const, fileName: 'assets/main.js', facadeModuleId: '/x/src/main.ts', imports: ['assets/app.js'] },
      'assets/app.js': { type: 'chunk' as const, fileName: 'assets/app.js', facadeModuleId: null, moduleIds: ['/x/src/App.svelte'], imports: [] },
      'assets/map.js': { type: 'chunk' as const, fileName: 'assets/map.js', facadeModuleId: null, moduleIds: ['/x/src/lib/map/probe.ts', '/x/src/lib/map/StoryMap.svelte'], imports: ['assets/app.js'] },
    };
    expect(chunkWithImports(grouped, 'src/lib/map/StoryMap.svelte')).toEqual(['assets/map.js', 'assets/app.js']);
    expect(chunkWithImports(grouped, 'src/lib/map/engine.ts')).toEqual([]);
  });
});
