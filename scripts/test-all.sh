#!/usr/bin/env bash
# Every test the project has: types, unit (Vitest), end-to-end (Playwright + Debian Chromium), and
# the benchmark in its quick mode (it must run and measure every page; its budgets are reported,
# not asserted: see docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
# The type check and the basemap's tiles each keep one core busy: they run side by side (the check's
# report is printed when both are done).
echo "== type check, and basemap tiles (made once into node_modules/.cache, then read by the tests' builds)"
check_log=$(mktemp)
trap 'rm -f "$check_log"' EXIT
npx svelte-check --tsconfig ./tsconfig.json --threshold error > "$check_log" 2>&1 &
check=$!
npm run --silent basemap
if ! wait "$check"; then cat "$check_log"; echo "type check failed"; exit 1; fi
cat "$check_log"
echo "== unit tests"
npx vitest run
echo "== end-to-end tests"
npx playwright test
echo "== benchmark (quick: checks it works)"
npm run --silent bench -- --quick
