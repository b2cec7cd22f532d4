// What the page loads early (preload hints) and what lazy chunks never preload (pruneMapDeps).
import { describe, expect, it } from 'vitest';
import { chunkWithImports, closure, pruneMapDeps } from '../../scripts/preload-plugin';

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

  it('keeps a lazy import’s real dependencies and CSS, and drops a chunk it never imports', () => {
    const code = [
      'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["./load.js","./StoryMap.js","./basemap.js","./load.js","./StoryMap.css"])))=>i.map(i=>d[i]);',
      'x(()=>import("./load.js"),__vite__mapDeps([0]));',
      'x(()=>import("./StoryMap.js"),__vite__mapDeps([1,2,3,4]));',
    ].join('\n');
    const out = pruneMapDeps(code, 'assets/shared.js', bundle);
    expect(out).toContain('__vite__mapDeps([0])');
    expect(out).toContain('__vite__mapDeps([1,2,4])');
    // Nothing to do without a list.
    expect(pruneMapDeps('plain()', 'assets/a.js', bundle)).toBe('plain()');
  });
});
