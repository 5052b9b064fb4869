/** Argument reading shared by several commands. */
import type { NeedsArgument, NotUnderstood } from './declaration';

/** What an action id may look like: "2.3", "AFI2-4"; nothing that could be a path or markup. */
export const ACTION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

export const needsArgument = (command: string, usage: string): NeedsArgument => ({
  name: 'needs-argument',
  command,
  usage,
});

export const notUnderstood = (text: string, suggestion?: string): NotUnderstood => ({
  name: 'unknown',
  text,
  ...(suggestion ? { suggestion } : {}),
});

/** "show 2.3", "history of 4.2": the one argument is an action id. */
export function actionIdCommand<N extends 'show' | 'update' | 'history'>(
  name: N,
  args: readonly string[],
  text: string,
): { name: N; actionId: string } | NeedsArgument | NotUnderstood {
  const actionId = args[0];
  if (!actionId) return needsArgument(name, `${name} <action id>, for example ${name} 2.3`);
  if (!ACTION_ID.test(actionId)) return notUnderstood(text, `${name} 2.3`);
  return { name, actionId };
}

/** Words that carry no meaning of their own ("pause reminders until …", "due in the next 7 days"). */
export function withoutFillers(words: readonly string[], fillers: readonly string[]): string[] {
  return words.filter((w) => !fillers.includes(w.toLowerCase()));
}
