#!/usr/bin/env node
/**
 * `npm run cli -- <command>` (or `npx action-tracker <command>`): thin wrappers over the use cases,
 * reading the same configuration as the server. Exit codes: 0 done, 1 the data was refused (nothing
 * written), 2 usage, 3 not found, 4 conflict, 5 storage unavailable.
 */
// First, before the rest loads: rebuilds and re-runs when src/ is newer than dist/.
import './fresh-build';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import {
  appLinksFor,
  type Core,
  emailFor,
  emailSettingsOf,
  linkSecretFor,
  openCore,
  reachersFor,
  sendingFor,
} from '../app/compose';
import { loadConfig, loadDotEnv } from '../app/config';
import { clockStartingAt, systemClock } from '../app/system-clock';
import {
  ConflictError,
  describeIssue,
  ImportInterruptedError,
  NotAuthorisedError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from '../domain/errors';
import { emailSetupOf } from '../email/email-setup';
import type { RunningEmail } from '../email/start-email';
import { translateStorageError } from '../storage/storage-errors';
import { createLogger } from '../support/logger';
import type { Channel } from '../usecases/delivery/channel';
import { planCommand } from './admin-commands';
import {
  type CliContext,
  clockFrom,
  contactCommand,
  digestCommand,
  exportCommand,
  importCommand,
  listCommand,
  ownersCommand,
  reportCommand,
  sweepCommand,
  UsageError,
} from './commands';
import { actionCommand, GROUP_COMMANDS_USAGE, groupCommand, roundCommand } from './group-commands';
import { MEASURE_USAGE, MEASURES_USAGE, measureCommand, measuresCommand } from './measure-commands';
import { agreeCommand, endorseCommand, settingsCommand } from './moderation-commands';
import { runAsProgram } from './output';
import { delegateCommand, revokeLinksCommand, roleCommand } from './people-commands';
import { closeCommand, purgeCommand } from './retention-commands';

/** What a command's handler is given: the context, its parsed flags and words, and the way to send. */
interface CommandRun {
  ctx: CliContext;
  config: ReturnType<typeof loadConfig>;
  values: ReturnType<typeof parse>['values'];
  /** The words after the command (a sub-command such as `group add`, or the file to import). */
  rest: string[];
  /** Starts the proactive sending (and e-mail) only for the commands that send. */
  notifier: () => Promise<Channel>;
}

interface CliCommand {
  /** One line for `help`: what the command is for. */
  summary: string;
  /** Its forms and options, for `help <command>` and the full reference. */
  usage: string;
  run: (run: CommandRun) => Promise<void>;
}

/** The lines of the group commands' reference that belong to `command` (its own lines and their follow-ons). */
function groupUsageOf(command: 'group' | 'action' | 'round'): string {
  const lines: string[] = [];
  let mine = false;
  for (const line of GROUP_COMMANDS_USAGE.split('\n')) {
    const head = /^ {2}(\S+)/.exec(line)?.[1];
    if (head) mine = head === command;
    if (mine) lines.push(line);
  }
  return lines.join('\n');
}

/**
 * The command table: the dispatcher, `help` and the usage text all read it, so a command added here is
 * listed and a command listed is one that runs.
 */
const COMMANDS = {
  import: {
    summary: 'read a plan from a CSV or Excel workbook, show the readings, then write it',
    usage: `  import <file.csv|file.xlsx> --plan <planId> [--title "…"] [--scale quadrant|rag] [--dry-run] [--yes]
         [--sheet "<name>"] [--header-row <n>] [--map "Timescale=due_date"]…
         [--take-file <action>:<field>]… [--take-file-all]
                                  reads every sheet with a plan header (found below title rows), shows
                                  how it read timescales and ratings and which rows have problems, then
                                  asks before writing (--yes: write the good rows without asking); a value
                                  edited in Action Tracker since the last import is kept unless
                                  --take-file (e.g. 2.1:owners) or --take-file-all takes the file's value`,
    run: ({ ctx, rest, values }) => importCommand(ctx, rest[0], values),
  },
  export: {
    summary: 'write the plan to a CSV or Excel file that imports back unchanged',
    usage: '  export --plan <planId> --format csv|xlsx --out <file>',
    run: ({ ctx, values }) => exportCommand(ctx, values),
  },
  report: {
    summary: 'the progress report or committee paper, now or as a round closed',
    usage: `  report --plan <planId> [--round <n> | --group "…"] --format html|xlsx|csv|docx --out <file>
         [--title "…"] [--committee "…"] [--meeting "…"] [--date <date>] [--author "…"]
         [--recommendation "…" …] [--marking "…"]
                                  the inspection-ready progress report, now (one group's actions with
                                  --group) or as round <n> closed; docx is the committee paper, with its
                                  covering report (committee, date, author, recommendations) and marking`,
    run: ({ ctx, values }) => reportCommand(ctx, values),
  },
  agree: {
    summary: "agree an owner's proposed rating (or set another) with commentary",
    usage: `  agree  --plan <planId> --action <id> [--rating <rating>] --commentary "…" [--by <email>]
                                  agree the owner's proposed rating (or set another) with commentary`,
    run: ({ ctx, values }) => agreeCommand(ctx, values),
  },
  endorse: {
    summary: 'record that the oversight body endorsed a closed round',
    usage: `  endorse --plan <planId> --round <n> --date <YYYY-MM-DD> --meeting "…"
                                  the oversight body endorsed closed round <n>`,
    run: ({ ctx, values }) => endorseCommand(ctx, values),
  },
  settings: {
    summary: "who agrees ratings, and the papers' protective marking",
    usage: `  settings --plan <planId> [--moderation-group "…"] [--marking "…"]
                                  who agrees ratings ("S&CE subgroup"); the papers' protective marking`,
    run: ({ ctx, values }) => settingsCommand(ctx, values),
  },
  role: {
    summary: 'give or take away a role: coordinator, lead, moderator or agency lead',
    usage: `  role   --plan <planId> --email <address> --role coordinator|lead|moderator
  role   --plan <planId> --email <address> --role agency-lead --agency <lead agency>
  role   --plan <planId> --email <address> --role coordinator|lead|moderator|agency-lead [--agency <a>] --remove
                                  take a role away (a plan keeps at least one coordinator)`,
    run: ({ ctx, values }) => roleCommand(ctx, values),
  },
  list: {
    summary: 'the plans, or one plan with its people and actions',
    usage: '  list   [--plan <planId>]',
    run: ({ ctx, values }) => listCommand(ctx, values),
  },
  group: {
    summary: 'monitoring groups: add, list, remove, and their meetings',
    usage: groupUsageOf('group'),
    run: ({ ctx, rest, values }) => groupCommand(ctx, rest[0], values),
  },
  action: {
    summary: "an action's monitoring group and contributing agencies' contacts",
    usage: groupUsageOf('action'),
    run: ({ ctx, rest, values }) => actionCommand(ctx, rest[0], values),
  },
  round: {
    summary: 'monitoring rounds: start, status and close',
    usage: groupUsageOf('round'),
    run: ({ ctx, notifier, rest, values }) => roundCommand(ctx, notifier, rest[0], values),
  },
  owners: {
    summary: "each owner's channel and state: Teams, e-mail, undeliverable, no contact",
    usage:
      "  owners --plan <planId>          each owner's channel and state: Teams, e-mail, e-mail undeliverable, no contact",
    run: ({ ctx, config, values }) =>
      ownersCommand(ctx, values, {
        channels: reachersFor(config),
        emailOn: emailSetupOf(emailSettingsOf(config)).kind !== 'off',
      }),
  },
  contact: {
    summary: 'how someone the plan names is reached: e-mail, Teams, both or auto',
    usage: `  contact --plan <planId> --email <address> [--channel email|teams|both|auto]
                                  how someone the plan names is reached (auto: Teams if reachable, else e-mail)`,
    run: ({ ctx, config, values }) => contactCommand(ctx, values, reachersFor(config)),
  },
  sweep: {
    summary: 'one reminder sweep, through the same ledger as the server (--dry-run: say what is due)',
    usage:
      '  sweep  [--now <ISO date-time>] [--dry-run]     one reminder sweep, through the same ledger as the server',
    run: async ({ ctx, notifier, values }) => sweepCommand(ctx, await notifier(), values),
  },
  digest: {
    summary: "this week's digest to the plan's leads and coordinators, once",
    usage:
      "  digest --plan <planId> [--now <ISO>] [--dry-run]  this week's digest to the plan's leads and coordinators, once",
    run: async ({ ctx, notifier, values }) => digestCommand(ctx, await notifier(), values),
  },
  close: {
    summary: 'monitoring has ended: no more reminders, rounds or digests',
    usage:
      '  close  --plan <planId>                          monitoring has ended: no more reminders, rounds or digests',
    run: ({ ctx, config, values }) => closeCommand(ctx, values, config.RETENTION_DAYS),
  },
  delegate: {
    summary: 'cover for an owner on leave: list it, add it or end it',
    usage: `  delegate --plan <planId> --owner <address> --delegate <address> [--name "…"] --from <date> --until <date>
                                  cover for an owner on leave: the delegate gets their reminders and may update
  delegate --plan <planId> --list | --end <id>   list the cover, or end one`,
    run: ({ ctx, values }) => delegateCommand(ctx, values),
  },
  'revoke-links': {
    summary: "withdraw every e-mail update link sent to one of the plan's people",
    usage: `  revoke-links --plan <planId> --email <address>
                                  withdraw every e-mail update link sent to one of the plan's people;
                                  their next e-mail brings a working one`,
    run: ({ ctx, values }) => revokeLinksCommand(ctx, values),
  },
  measures: {
    summary: "the plan's impact measures: baseline, latest, target and status",
    usage: MEASURES_USAGE,
    run: ({ ctx, values }) => measuresCommand(ctx, values),
  },
  measure: {
    summary: "define an impact measure, or record or correct a period's value",
    usage: MEASURE_USAGE,
    run: ({ ctx, rest, values }) => measureCommand(ctx, rest[0], values),
  },
  plan: {
    summary: "show the plan's settings, or change them",
    usage: `  plan settings --plan <planId> [--set key=value …]
                                  show the plan's settings, or change them (e.g. --set digestDay=wednesday)`,
    run: ({ ctx, rest, values }) => planCommand(ctx, rest[0], values, values.set ?? []),
  },
  purge: {
    summary: 'after the retention period: export the plan and its history, then erase it',
    usage: `  purge  --plan <planId> --out <file.xlsx|csv> [--now <ISO>]
                                  after the retention period: export the plan and its history, then erase it`,
    run: ({ ctx, config, values }) =>
      purgeCommand({ ...ctx, clock: clockFrom(ctx, values) }, values, config.RETENTION_DAYS),
  },
  help: {
    summary: 'this list; help <command> for its options',
    usage: "  help [<command>]                the commands, or one command's options",
    // Answered before the configuration is read (see runCli), so help works before anything is set up.
    run: async () => {},
  },
} satisfies Record<string, CliCommand>;

type CommandName = keyof typeof COMMANDS;

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

const USAGE_HEAD = 'Usage: npm run cli -- <command> [options]   (or: npx action-tracker <command> [options])';

/** Every command's forms and options, from the table. */
const USAGE = `${USAGE_HEAD}\n\n${Object.values(COMMANDS)
  .map((command) => command.usage)
  .join('\n')}`;

/** `help`: the commands, one line each, then every command's options. */
export function helpText(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((name) => name.length));
  return [
    USAGE_HEAD,
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    ...Object.values(COMMANDS).map((command) => command.usage),
  ].join('\n');
}

/** `help <command>`: that command's line and its options. */
function commandHelp(name: CommandName): string {
  return `${USAGE_HEAD}\n\n  ${name}: ${COMMANDS[name].summary}\n\n${COMMANDS[name].usage}`;
}

export async function runCli(argv: string[], print: (text: string) => void): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    print(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  // Asking for help is never a mistake: no command, `help`, `--help` and `-h` all answer it with exit 0.
  if (!command || command === 'help' || parsed.values.help) {
    const about = command === 'help' ? rest[0] : command;
    if (!about || about === 'help') {
      print(helpText());
      return 0;
    }
    if (!isCommand(about)) {
      print(`unknown command "${about}"\n\n${helpText()}`);
      return 2;
    }
    print(commandHelp(about));
    return 0;
  }
  if (!isCommand(command)) {
    print(`unknown command "${command}"\n\n${helpText()}`);
    return 2;
  }
  loadDotEnv();
  const config = loadConfig();
  let core: Core;
  try {
    // The wall clock: --now, where a command takes it, is how the CLI moves in time. CLOCK_START (local
    // only, as for the server) starts it elsewhere, so the CLI and a server started with it agree on today.
    core = await openCore(
      config,
      config.CLOCK_START ? clockStartingAt(new Date(config.CLOCK_START)) : systemClock,
    );
  } catch (error) {
    return reportError(translateStorageError(error, 'Storage'), print);
  }
  const ctx: CliContext = {
    stores: core.stores,
    clock: core.clock,
    random: Math.random,
    calendar: core.calendar,
    print,
    actor: `cli:${userInfo().username}`,
    ...(process.stdin.isTTY && process.stdout.isTTY ? { ask: askAtTerminal } : {}),
  };
  // Proactive sends go through the composition's channel registry and routing, as the server's do (same
  // pacing, retries and ledger), without the bot. E-mail is started only for the commands that send.
  let email: RunningEmail | undefined;
  const notifier = async () => {
    const secret = linkSecretFor(config);
    const links = appLinksFor(config, secret, core.clock);
    email = await emailFor(config, core, secret, links);
    return sendingFor(config, core, createLogger('warn'), links, email);
  };
  try {
    await COMMANDS[command].run({ ctx, config, values: parsed.values, rest, notifier });
    return 0;
  } catch (error) {
    return reportError(translateStorageError(error, 'Storage'), print);
  } finally {
    await email?.stop();
    await core.opened.close();
  }
}

async function askAtTerminal(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      plan: { type: 'string' },
      title: { type: 'string' },
      scale: { type: 'string' },
      'dry-run': { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      now: { type: 'string' },
      agency: { type: 'string' },
      round: { type: 'string' },
      remove: { type: 'boolean' },
      end: { type: 'string' },
      owner: { type: 'string' },
      delegate: { type: 'string' },
      name: { type: 'string' },
      from: { type: 'string' },
      until: { type: 'string' },
      list: { type: 'boolean' },
      set: { type: 'string', multiple: true },
      cadence: { type: 'string' },
      oversight: { type: 'string' },
      meetings: { type: 'string' },
      'response-days': { type: 'string' },
      'open-days': { type: 'string' },
      group: { type: 'string' },
      add: { type: 'string', multiple: true },
      cancel: { type: 'string', multiple: true },
      action: { type: 'string' },
      contacts: { type: 'string' },
      due: { type: 'string' },
      sheet: { type: 'string' },
      'header-row': { type: 'string' },
      map: { type: 'string', multiple: true },
      'take-file': { type: 'string', multiple: true },
      'take-file-all': { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      rating: { type: 'string' },
      commentary: { type: 'string' },
      by: { type: 'string' },
      date: { type: 'string' },
      meeting: { type: 'string' },
      marking: { type: 'string' },
      committee: { type: 'string' },
      author: { type: 'string' },
      recommendation: { type: 'string', multiple: true },
      'moderation-group': { type: 'string' },
      channel: { type: 'string' },
      measure: { type: 'string' },
      area: { type: 'string' },
      actions: { type: 'string' },
      unit: { type: 'string' },
      better: { type: 'string' },
      low: { type: 'string' },
      high: { type: 'string' },
      baseline: { type: 'string' },
      'baseline-date': { type: 'string' },
      target: { type: 'string' },
      'target-date': { type: 'string' },
      frequency: { type: 'string' },
      reporter: { type: 'string' },
      kind: { type: 'string' },
      definition: { type: 'string' },
      source: { type: 'string' },
      period: { type: 'string' },
      value: { type: 'string' },
      note: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function reportError(error: unknown, print: (text: string) => void): number {
  if (error instanceof ValidationError) {
    print(`Nothing was written. ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}:`);
    for (const issue of error.issues) print(`  ${describeIssue(issue)}`);
    return 1;
  }
  if (error instanceof UsageError) {
    print(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (error instanceof NotFoundError) {
    print(error.message);
    return 3;
  }
  if (error instanceof ConflictError || error instanceof ImportInterruptedError) {
    print(error.message);
    return 4;
  }
  // Nothing is written when the change is refused (a closed plan refuses even the command line).
  if (error instanceof NotAuthorisedError) {
    print(`Nothing was written. ${error.message}`);
    return 1;
  }
  if (error instanceof UnavailableError) {
    print(error.message);
    return 5;
  }
  throw error;
}

if (require.main === module) runAsProgram((print) => runCli(process.argv.slice(2), print));
