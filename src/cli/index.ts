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
import { MEASURE_COMMANDS_USAGE, measureCommand, measuresCommand } from './measure-commands';
import { agreeCommand, endorseCommand, settingsCommand } from './moderation-commands';
import { runAsProgram } from './output';
import { delegateCommand, revokeLinksCommand, roleCommand } from './people-commands';
import { closeCommand, purgeCommand } from './retention-commands';

const USAGE = `Usage: npm run cli -- <command> [options]

  import <file.csv|file.xlsx> --plan <planId> [--title "…"] [--scale quadrant|rag] [--dry-run] [--yes]
         [--sheet "<name>"] [--header-row <n>] [--map "Timescale=due_date"]…
         [--take-file <action>:<field>]… [--take-file-all]
                                  reads every sheet with a plan header (found below title rows), shows
                                  how it read timescales and ratings and which rows have problems, then
                                  asks before writing (--yes: write the good rows without asking); a value
                                  edited in Action Tracker since the last import is kept unless
                                  --take-file (e.g. 2.1:owners) or --take-file-all takes the file's
  export --plan <planId> --format csv|xlsx --out <file>
  report --plan <planId> [--round <n>] --format html|xlsx|csv|docx --out <file>
         [--title "…"] [--meeting "…"] [--marking "…"]
                                  the inspection-ready progress report, now or as round <n> closed;
                                  docx is the committee paper, with its title, meeting and marking
  agree  --plan <planId> --action <id> [--rating <rating>] --commentary "…" [--by <email>]
                                  agree the owner's proposed rating (or set another) with commentary
  endorse --plan <planId> --round <n> --date <YYYY-MM-DD> --meeting "…"
                                  the oversight body endorsed closed round <n>
  settings --plan <planId> [--moderation-group "…"] [--marking "…"]
                                  who agrees ratings ("S&CE subgroup"); the papers' protective marking
  role   --plan <planId> --email <address> --role coordinator|lead|moderator
  role   --plan <planId> --email <address> --role agency-lead --agency <lead agency>
  role   --plan <planId> --email <address> --role coordinator|lead|moderator|agency-lead [--agency <a>] --remove
                                  take a role away (a plan keeps at least one coordinator)
  list   [--plan <planId>]
${GROUP_COMMANDS_USAGE}
  owners --plan <planId>          each owner's channel and state: Teams, e-mail, e-mail undeliverable, no contact
  contact --plan <planId> --email <address> [--channel email|teams|both|auto]
                                  how someone the plan names is reached (auto: Teams if reachable, else e-mail)
  sweep  [--now <ISO date-time>] [--dry-run]     one reminder sweep, through the same ledger as the server
  digest --plan <planId> [--now <ISO>] [--dry-run]  this week's digest to the plan's leads and coordinators, once
  close  --plan <planId>                          monitoring has ended: no more reminders, rounds or digests
  delegate --plan <planId> --owner <address> --delegate <address> [--name "…"] --from <date> --until <date>
                                  cover for an owner on leave: the delegate gets their reminders and may update
  delegate --plan <planId> --list | --end <id>   list the cover, or end one
  revoke-links --plan <planId> --email <address>
                                  withdraw every e-mail update link sent to one of the plan's people;
                                  their next e-mail brings a working one
${MEASURE_COMMANDS_USAGE}
  plan settings --plan <planId> [--set key=value …]
                                  show the plan's settings, or change them (e.g. --set digestDay=wednesday)
  purge  --plan <planId> --out <file.xlsx|csv> [--now <ISO>]
                                  after the retention period: export the plan and its history, then erase it`;

export async function runCli(argv: string[], print: (text: string) => void): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    print(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (!command || parsed.values.help) {
    print(USAGE);
    return command ? 0 : 2;
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
    switch (command) {
      case 'import':
        await importCommand(ctx, rest[0], parsed.values);
        break;
      case 'export':
        await exportCommand(ctx, parsed.values);
        break;
      case 'report':
        await reportCommand(ctx, parsed.values);
        break;
      case 'role':
        await roleCommand(ctx, parsed.values);
        break;
      case 'agree':
        await agreeCommand(ctx, parsed.values);
        break;
      case 'endorse':
        await endorseCommand(ctx, parsed.values);
        break;
      case 'settings':
        await settingsCommand(ctx, parsed.values);
        break;
      case 'list':
        await listCommand(ctx, parsed.values);
        break;
      case 'owners':
        await ownersCommand(ctx, parsed.values, {
          channels: reachersFor(config),
          emailOn: emailSetupOf(emailSettingsOf(config)).kind !== 'off',
        });
        break;
      case 'contact':
        await contactCommand(ctx, parsed.values, reachersFor(config));
        break;
      case 'digest':
        await digestCommand(ctx, await notifier(), parsed.values);
        break;
      case 'sweep':
        await sweepCommand(ctx, await notifier(), parsed.values);
        break;
      case 'delegate':
        await delegateCommand(ctx, parsed.values);
        break;
      case 'revoke-links':
        await revokeLinksCommand(ctx, parsed.values);
        break;
      case 'measures':
        await measuresCommand(ctx, parsed.values);
        break;
      case 'measure':
        await measureCommand(ctx, rest[0], parsed.values);
        break;
      case 'plan':
        await planCommand(ctx, rest[0], parsed.values, parsed.values.set ?? []);
        break;
      case 'group':
        await groupCommand(ctx, rest[0], parsed.values);
        break;
      case 'action':
        await actionCommand(ctx, rest[0], parsed.values);
        break;
      case 'round':
        await roundCommand(ctx, notifier, rest[0], parsed.values);
        break;
      case 'close':
        await closeCommand(ctx, parsed.values, config.RETENTION_DAYS);
        break;
      case 'purge':
        await purgeCommand(
          { ...ctx, clock: clockFrom(ctx, parsed.values) },
          parsed.values,
          config.RETENTION_DAYS,
        );
        break;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
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
