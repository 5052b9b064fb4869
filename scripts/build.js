#!/usr/bin/env node
/**
 * `npm run build`, and `npm ci` / `npm install` through the `prepare` script: compiles the server, CLI
 * and test support (tsconfig.build.json, incremental) and the dashboard page (tsconfig.tab.json), then
 * marks the CLI executable (it is the package's `bin`, and tsc writes files without the x bit) and
 * stamps dist/ with the moment the build began. The CLI compares that stamp with src/ in a few
 * milliseconds (src/cli/fresh-build.ts) instead of compiling before every command.
 *
 * --if-typescript (used by `prepare`): an install without devDependencies (`npm ci --omit=dev`) has no
 * TypeScript to build with; say so and succeed instead of failing the install.
 */
const { spawnSync } = require('node:child_process');
const { chmodSync, mkdirSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
/** Read by src/cli/fresh-build.ts: the build reflects every source file older than this stamp. */
const STAMP = join(DIST, '.build-stamp');
const CLI = join(DIST, 'src', 'cli', 'index.js');

function findTsc() {
  try {
    return require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  } catch {
    return undefined;
  }
}

function main() {
  const tsc = findTsc();
  if (!tsc) {
    if (process.argv.includes('--if-typescript')) {
      console.warn('build: TypeScript is not installed (no devDependencies), so dist/ was not built');
      return 0;
    }
    console.error('build: TypeScript is not installed; run npm ci first');
    return 1;
  }
  // Taken before compiling: a file saved while tsc runs is newer than the stamp, so it counts as stale.
  const began = new Date();
  for (const project of ['tsconfig.build.json', 'tsconfig.tab.json']) {
    const run = spawnSync(process.execPath, [tsc, '-p', project], { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) return run.status ?? 1;
  }
  chmodSync(CLI, 0o755);
  mkdirSync(DIST, { recursive: true });
  writeFileSync(STAMP, `${began.toISOString()}\n`);
  utimesSync(STAMP, began, began);
  return 0;
}

process.exitCode = main();
