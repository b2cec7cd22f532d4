import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { storiesPlugin, storyArg } from './scripts/stories-plugin.ts';

export default defineConfig({
  // Relative asset URLs, so the built folder works from any path a newsroom puts it under.
  base: './',
  publicDir: 'static',
  plugins: [svelte(), storiesPlugin({ geodata: 'geodata', story: storyArg() })],
  build: {
    target: 'es2022',
    // maplibre-gl is split out and loaded lazily; its size is known and reported by the bench.
    chunkSizeWarningLimit: 1200,
  },
  server: { port: 5173, strictPort: false },
  test: {
    include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
  },
});
