import {
  accessSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureFreshBuild, STAMP, staleReason } from '../../src/cli/fresh-build';
import { ROOT } from '../support/processes';

/** A project tree with one source file and a build stamp, dated so the build is fresh. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'fresh-build-'));
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'src', 'cli', 'commands.ts'), 'export {};\n');
  writeFileSync(join(root, STAMP), '');
  age(join(root, 'src', 'cli', 'commands.ts'), 60);
  return root;
}

/** Dates a file `secondsAgo` in the past (negative: in the future). */
function age(path: string, secondsAgo: number): void {
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(path, when, when);
}

function recorder(root: string, rebuildStatus = 0) {
  const calls: string[] = [];
  const warnings: string[] = [];
  const options = {
    root,
    rebuild: () => {
      calls.push('rebuild');
      if (rebuildStatus === 0) writeFileSync(join(root, STAMP), ''); // as scripts/build.js does
      return rebuildStatus;
    },
    rerun: () => {
      calls.push('rerun');
      return 4;
    },
    warn: (line: string) => warnings.push(line),
    pause: () => undefined,
  };
  return { calls, warnings, options };
}

describe('the CLI checks its build before running', () => {
  test('when nothing under src/ is newer than the build, then the command runs as it is, unbuilt', () => {
    const root = project();
    const { calls, warnings, options } = recorder(root);
    expect(staleReason(root)).toBeUndefined();
    expect(ensureFreshBuild(options)).toBeUndefined();
    expect(calls).toEqual([]);
    expect(warnings).toEqual([]);
  });

  test('when a source file was edited after the build, then it says which, rebuilds once and re-runs the command', () => {
    const root = project();
    age(join(root, STAMP), 30); // built half a minute ago, from a file saved a minute ago…
    // …which was saved again since. Not "now": the rebuild's stamp gets the file system's coarse clock,
    // which can lag Date.now() by a tick, so a file dated by Date.now() could still look newer than it.
    age(join(root, 'src', 'cli', 'commands.ts'), 10);
    const { calls, warnings, options } = recorder(root);
    expect(ensureFreshBuild(options)).toBe(4); // the re-run's exit code
    expect(calls).toEqual(['rebuild', 'rerun']);
    expect(warnings).toEqual([
      `action-tracker: ${join('src', 'cli', 'commands.ts')} changed since the last build; rebuilding first (npm run build)…`,
    ]);
  });

  test('when a compiler setting changed after the build, then that counts as a change too', () => {
    const root = project();
    age(join(root, STAMP), 30);
    writeFileSync(join(root, 'tsconfig.json'), '{}');
    expect(staleReason(root)).toBe('tsconfig.json changed since the last build');
  });

  test('when there has never been a finished build, then it builds first', () => {
    const stampless = mkdtempSync(join(tmpdir(), 'fresh-build-'));
    mkdirSync(join(stampless, 'src'));
    expect(staleReason(stampless)).toBe(`there is no finished build (${STAMP} is missing)`);
    const { calls, options } = recorder(stampless);
    expect(ensureFreshBuild(options)).toBe(4);
    expect(calls).toEqual(['rebuild', 'rerun']);
  });

  test('when the rebuild fails, then the command does not run on the old build, and exits 1', () => {
    const root = project();
    age(join(root, STAMP), 120);
    const { calls, warnings, options } = recorder(root, 2);
    expect(ensureFreshBuild(options)).toBe(1);
    expect(calls).toEqual(['rebuild']);
    expect(warnings.at(-1)).toBe(
      'action-tracker: the build failed (errors above), so the command did not run.',
    );
  });

  test('when another command is rebuilding, then it waits for that build and re-runs without building again', () => {
    const root = project();
    age(join(root, STAMP), 120);
    mkdirSync(join(root, 'dist', '.rebuilding'));
    const { calls, warnings, options } = recorder(root);
    let waits = 0;
    options.pause = () => {
      if (++waits < 3) return;
      writeFileSync(join(root, STAMP), ''); // the other command's build finishes
      rmSync(join(root, 'dist', '.rebuilding'), { recursive: true });
    };
    expect(ensureFreshBuild(options)).toBe(4);
    expect(calls).toEqual(['rerun']);
    expect(waits).toBe(3);
    expect(warnings[0]).toMatch(/another command is rebuilding, waiting for it…$/);
  });

  test('when a file is dated in the future, then it builds once and carries on instead of re-running forever', () => {
    const root = project();
    age(join(root, 'src', 'cli', 'commands.ts'), -3600);
    const { calls, warnings, options } = recorder(root);
    expect(ensureFreshBuild(options)).toBeUndefined();
    expect(calls).toEqual(['rebuild']);
    expect(warnings.at(-1)).toMatch(/even after rebuilding \(is its date in the future\?\); carrying on$/);
  });

  test('when only the built package is installed (no src/), then nothing is checked', () => {
    const root = mkdtempSync(join(tmpdir(), 'fresh-build-'));
    expect(staleReason(root)).toBeUndefined();
  });
});

describe('the built CLI', () => {
  test('is the package bin, starts with a node shebang and is executable (npx action-tracker)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(pkg.bin).toEqual({ 'action-tracker': 'dist/src/cli/index.js' });
    const cli = join(ROOT, pkg.bin['action-tracker']!);
    expect(readFileSync(cli, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(() => accessSync(cli, constants.X_OK)).not.toThrow();
  });
});
