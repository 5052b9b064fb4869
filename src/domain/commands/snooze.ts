import { ACTION_ID, needsArgument, notUnderstood } from './arguments';
import type { CommandDeclaration, NeedsArgument, NotUnderstood } from './declaration';

export type SnoozeCommand = { name: 'snooze'; actionId: string; days: number };

/** "snooze 2.3", "snooze 2.3 3 days", "snooze 2.3 1 week": a week unless three days are asked for. */
function parseSnooze(args: readonly string[], text: string): SnoozeCommand | NeedsArgument | NotUnderstood {
  const actionId = args[0];
  if (!actionId) return needsArgument('snooze', 'snooze <action id> [3 days | 1 week]');
  if (!ACTION_ID.test(actionId)) return notUnderstood(text, 'snooze 2.3');
  const period = args.slice(1).join(' ').toLowerCase();
  if (period === '' || /^(1 )?week$|^7( days?)?$/.test(period)) return { name: 'snooze', actionId, days: 7 };
  if (/^3( days?)?$/.test(period)) return { name: 'snooze', actionId, days: 3 };
  return needsArgument('snooze', 'snooze <action id> 3 days, or snooze <action id> 1 week');
}

export const snooze: CommandDeclaration<SnoozeCommand> = {
  name: 'snooze',
  keyword: 'snooze',
  synonyms: [],
  usage: 'snooze <id> [3 days|1 week]',
  description: 'No reminders about one action for a while',
  audience: 'owners',
  answeredIn: 'personal-chat',
  parse: ({ args, text }) => parseSnooze(args, text),
  text: (command) => `snooze ${command.actionId} ${command.days === 3 ? '3 days' : '1 week'}`,
};
