// How every tool here starts Chromium: Debian's build (never a downloaded one), WebGL in software
// (SwiftShader: the maps draw on machines without a GPU) and no background traffic. The one place
// these are written: playwright.config.ts, the bench (bench/run.ts) and scripts/shot.mjs use them.

/** Debian's chromium package (scripts/ensure-chromium.sh installs it). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** @type {readonly string[]} */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
]);

/** Launch options for Playwright's chromium.launch() (a fresh copy each time: callers may add flags). */
export function chromiumLaunchOptions() {
  return { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] };
}
