#!/usr/bin/env bash
# Every test the project has: types, unit (Vitest), end-to-end (Playwright + Debian Chromium), and
# the benchmark in its quick mode (it must run and measure every page; its budgets are reported,
# not asserted: see docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
echo "== type check"
npx svelte-check --tsconfig ./tsconfig.json --threshold error
echo "== basemap tiles (made once into node_modules/.cache, then read by the tests' builds)"
npm run --silent basemap
echo "== unit tests"
npx vitest run
echo "== end-to-end tests"
npx playwright test
echo "== benchmark (quick: checks it works)"
npm run --silent bench -- --quick
