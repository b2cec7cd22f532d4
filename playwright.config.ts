import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  // Software WebGL on 2 shared cores: one browser at a time keeps timings sane.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}/`,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1280, height: 800 },
  },
  webServer: {
    // Each port builds into its own folder, so parallel runs (several developers, one machine) don't collide.
    // E2E_STORIES adds the test-only stories in tests/fixtures/stories (e.g. one with a broken layer); production builds never have them.
    command: `E2E_STORIES=tests/fixtures/stories npx vite build --logLevel warn --outDir .e2e/${PORT} --emptyOutDir && npx vite preview --outDir .e2e/${PORT} --port ${PORT} --strictPort`,
    port: PORT,
    reuseExistingServer: false,
    // The first build on a machine also makes the basemap's tiles (minutes on a busy machine; later
    // builds read them from node_modules/.cache, docs/performance.md).
    timeout: 600_000,
  },
});
