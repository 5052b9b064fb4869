/**
 * The CLI runs from dist/, built once at install (`prepare`) rather than before every command. A
 * developer who edits src/ and runs a command expects the edit to count, so before anything else loads
 * this compares src/ with the stamp `npm run build` leaves (scripts/build.js): a stat per file, a few
 * milliseconds. When src/ is newer it rebuilds once, saying so, and runs the command again on the new
 * build; when the build fails the command does not run on the old one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Written by scripts/build.js with the moment the build began. */
export const STAMP = join('dist', '.build-stamp');
/** Held while one command rebuilds, so commands started together do not compile over each other. */
const LOCK = join('dist', '.rebuilding');
/** A lock older than this was left by a rebuild that died. */
const LOCK_TAKEOVER_MS = 10 * 60_000;
/** What the build reads besides src/: a changed compiler setting changes the output too. */
const BUILD_INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'tsconfig.tab.json'];

export interface FreshBuildOptions {
  root: string;
  /** Runs the build; returns its exit status. */
  rebuild(): number;
  /** Runs this same command again in a new process (on the new build); returns its exit status. */
  rerun(): number;
  warn(line: string): void;
  /** Lets a test wait without sleeping; the CLI blocks (nothing else runs yet). */
  pause?(ms: number): void;
}

/** Why dist/ does not reflect src/, or undefined when it does (or there is no src/ to compare). */
export function staleReason(root: string): string | undefined {
  if (!existsSync(join(root, 'src'))) return undefined; // an install of the built package alone
  let built: number;
  try {
    built = statSync(join(root, STAMP)).mtimeMs;
  } catch {
    return `there is no finished build (${STAMP} is missing)`;
  }
  const newer = [...sourceFiles(join(root, 'src')), ...BUILD_INPUTS.map((name) => join(root, name))].find(
    (path) => modifiedMs(path) > built,
  );
  return newer ? `${relative(root, newer)} changed since the last build` : undefined;
}

/**
 * Returns the exit code the process should end with (the re-run's, or 1 when the build failed), or
 * undefined when the command should carry on in this process.
 */
export function ensureFreshBuild(options: FreshBuildOptions): number | undefined {
  const reason = staleReason(options.root);
  if (!reason) return undefined;
  const lock = join(options.root, LOCK);
  if (!takeLock(lock)) {
    options.warn(`action-tracker: ${reason}; another command is rebuilding, waiting for it…`);
    waitForRelease(lock, options.pause ?? blockFor);
    return options.rerun(); // the new process checks again, and rebuilds if that build failed
  }
  let status: number;
  try {
    options.warn(`action-tracker: ${reason}; rebuilding first (npm run build)…`);
    status = options.rebuild();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (status !== 0) {
    options.warn('action-tracker: the build failed (errors above), so the command did not run.');
    return 1;
  }
  const still = staleReason(options.root);
  if (still) {
    // A file dated in the future stays newer than any stamp; re-running would loop.
    options.warn(`action-tracker: ${still} even after rebuilding (is its date in the future?); carrying on`);
    return undefined;
  }
  return options.rerun();
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.isFile()) yield path;
  }
}

function modifiedMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0; // a build input that does not exist cannot be newer
  }
}

function takeLock(lock: string): boolean {
  mkdirSync(join(lock, '..'), { recursive: true });
  try {
    mkdirSync(lock); // atomic: exactly one process creates it
    return true;
  } catch {
    if (Date.now() - modifiedMs(lock) < LOCK_TAKEOVER_MS) return false;
    rmSync(lock, { recursive: true, force: true });
    return takeLock(lock);
  }
}

function waitForRelease(lock: string, pause: (ms: number) => void): void {
  const deadline = Date.now() + LOCK_TAKEOVER_MS;
  while (existsSync(lock) && Date.now() < deadline) pause(200);
}

function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The CLI's own defaults: dist/src/cli/ → the project root; scripts/build.js; the same argv again. */
function cliOptions(): FreshBuildOptions {
  const root = join(__dirname, '..', '..', '..');
  const run = (args: string[]) =>
    spawnSync(process.execPath, args, { cwd: process.cwd(), stdio: 'inherit' }).status ?? 1;
  return {
    root,
    rebuild: () => run([join(root, 'scripts', 'build.js')]),
    rerun: () => run([...process.execArgv, ...process.argv.slice(1)]),
    warn: (line) => process.stderr.write(`${line}\n`),
  };
}

// Only when the built CLI is the program: not when a test imports the sources, nor for package-app.
if (
  require.main?.filename === join(__dirname, 'index.js') &&
  __dirname.endsWith(join('dist', 'src', 'cli'))
) {
  const code = ensureFreshBuild(cliOptions());
  if (code !== undefined) process.exit(code);
}
