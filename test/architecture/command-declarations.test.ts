/**
 * A chat command is declared once (src/domain/commands/<name>.ts), listed once (COMMAND_DECLARATIONS in
 * src/domain/commands/command.ts) and answered once (ANSWERS in src/usecases/chat/commands/registry.ts).
 * This plants a new command in a scratch copy of src/ and compiles it: declared and listed without an
 * answer, exactly the answer registry fails; with its answer, everything compiles. So the union, the
 * parser, the help card and the conversation check need no edit of their own, and a command cannot be
 * left unanswered.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from '../../src/domain/commands/registry';
import { ROOT } from '../support/processes';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** The new command's own module: everything about it but its answer. */
const DECLARATION = `import type { CommandDeclaration } from './declaration';

export type RemindCommand = { name: 'remind'; actionId: string };

export const remind: CommandDeclaration<RemindCommand> = {
  name: 'remind',
  keyword: 'remind',
  synonyms: ['nudge'],
  usage: 'remind <id>',
  description: 'Remind the owners of one action now',
  audience: 'coordinators',
  answeredIn: 'personal-chat',
  parse: ({ args }) => ({ name: 'remind', actionId: args[0] ?? '' }),
  text: (command) => \`remind \${command.actionId}\`,
};
`;

const ANSWER = `import type { Answer } from '../chat-deps';
import { notice } from '../reply-helpers';

export const answerRemind: Answer<'remind'> = async (_deps, _actor, command) =>
  notice('info', \`Owners of \${command.actionId} reminded\`, '');
`;

/** `source` with `line` added after `after`, which must be there (else the plant would test nothing). */
function insertAfter(source: string, after: string, line: string): string {
  if (!source.includes(after)) throw new Error(`"${after}" is no longer in the file: update the plant`);
  return source.replace(after, `${after}${line}`);
}

const planted: string[] = [];
afterAll(() => {
  for (const project of planted) rmSync(project, { recursive: true, force: true });
});

/** A scratch copy of src/ with the new command declared and listed, and answered when `answered`. */
function plantCommand(answered: boolean): string {
  const project = mkdtempSync(join(tmpdir(), 'command-declarations-'));
  planted.push(project);
  cpSync(join(ROOT, 'src'), join(project, 'src'), {
    recursive: true,
    filter: (path) => !path.includes(`${join('src', 'dashboard-page')}`),
  });
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { ...compilerOptions, types: ['node'], noEmit: true },
      include: ['src'],
    }),
  );

  const edit = (path: string, change: (source: string) => string) =>
    writeFileSync(join(project, path), change(readFileSync(join(project, path), 'utf8')));
  writeFileSync(join(project, 'src/domain/commands/remind.ts'), DECLARATION);
  edit('src/domain/commands/command.ts', (source) =>
    insertAfter(
      insertAfter(source, "import { plan } from './plan';\n", "import { remind } from './remind';\n"),
      '  plan,\n',
      '  remind,\n',
    ),
  );
  if (answered) {
    writeFileSync(join(project, 'src/usecases/chat/commands/remind.ts'), ANSWER);
    edit('src/usecases/chat/commands/registry.ts', (source) =>
      insertAfter(
        insertAfter(
          source,
          "import { answerPlan } from './plan';\n",
          "import { answerRemind } from './remind';\n",
        ),
        '  plan: answerPlan,\n',
        '  remind: answerRemind,\n',
      ),
    );
  }
  return project;
}

/** tsc's errors over the scratch src/, as "file: TS code". */
function compile(project: string): { errors: string[]; output: string } {
  const run = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json', '--pretty', 'false'], {
    cwd: project,
    encoding: 'utf8',
    timeout: 240_000,
  });
  if (run.error) throw run.error;
  const output = `${run.stdout}${run.stderr}`;
  const errors = [...output.matchAll(/^(\S+)\(\d+,\d+\): error (TS\d+)/gm)].map(
    ([, file, code]) => `${file}: ${code}`,
  );
  return { errors, output };
}

/**
 * Cycles among the declarations, the list and the parser, type-only imports included: a declaration that
 * named the union gathered from it would make one, though TypeScript erases it.
 */
function cyclesAmongCommands(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'command-cycles-'));
  planted.push(dir);
  const config = join(dir, 'cycles.cjs');
  writeFileSync(
    config,
    `module.exports = { forbidden: [{ name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } }],
      options: { tsPreCompilationDeps: true, tsConfig: { fileName: 'tsconfig.json' } } };`,
  );
  const run = spawnSync(
    process.execPath,
    [
      DEPCRUISE,
      'src/domain/commands',
      'src/domain/chat-command.ts',
      '--config',
      config,
      '--output-type',
      'json',
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  if (run.error || !run.stdout) throw new Error(`depcruise did not run: ${run.error ?? run.stderr}`);
  const result = JSON.parse(run.stdout) as {
    modules: unknown[];
    summary: { violations: { from: string; to: string }[] };
  };
  if (result.modules.length < 20) throw new Error('depcruise found too few modules: the paths have moved');
  return result.summary.violations.map(({ from, to }) => `${from} → ${to}`);
}

describe('declaring a command', () => {
  test('when the command modules are cruised, type-only imports included, then no import runs in a circle', () => {
    expect(cyclesAmongCommands()).toEqual([]);
  });

  test('when the command list is read, then every name is declared once', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test('when a command is declared and listed without an answer, then only the answer registry fails to compile', () => {
    const { errors, output } = compile(plantCommand(false));
    expect(errors).toEqual(['src/usecases/chat/commands/registry.ts: TS2741']);
    expect(output).toContain("Property 'remind' is missing");
  }, 300_000);

  test('when the declared command is given its answer, then everything compiles with no other edit', () => {
    expect(compile(plantCommand(true))).toEqual({ errors: [], output: '' });
  }, 300_000);
});
