// Runs Vite with a story folder: `npm run dev -- --story geodata/<folder>` (or `npm run build -- --story …`).
// Vite's own command line refuses options it does not know, so --story is taken out here and passed
// on as the STORY environment variable, which scripts/story-config.ts reads (once, for every plugin).
// This is the only place that reads --story. STORY=<folder> works too.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const rest = [];
let story = process.env.STORY;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--story') {
    story = args[++i];
    if (!story || story.startsWith('-')) {
      console.error('--story needs a folder, e.g. npm run dev -- --story geodata/cgtn-2020-01-09');
      process.exit(1);
    }
  } else if (a.startsWith('--story=')) story = a.slice('--story='.length);
  else rest.push(a);
}
if (story && !existsSync(join(story, 'story.json'))) {
  console.error(`--story ${story}: there is no story.json in that folder. A story folder holds story.json, its article and its layers (see docs/story-format.md).`);
  process.exit(1);
}
const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
const child = spawn(process.execPath, [vite, ...rest], { stdio: 'inherit', env: story ? { ...process.env, STORY: story } : process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
