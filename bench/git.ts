import { execSync } from 'node:child_process';

/** The checkout's short commit, or 'unknown' outside a git checkout (a tarball) or without git: quietly. */
export function gitCommit(cwd = process.cwd()): string {
  try {
    return execSync('git rev-parse --short HEAD', { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}
