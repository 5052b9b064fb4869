import type { Answer } from '../chat-deps';
import { capitalise, notice } from '../reply-helpers';

export const answerNeedsArgument: Answer<'needs-argument'> = async (_deps, _actor, command) =>
  notice('info', `${capitalise(command.command)} needs a little more`, `Try: ${command.usage}.`);

export const answerNotUnderstood: Answer<'unknown'> = async (_deps, _actor, command) => ({
  kind: 'notice',
  tone: 'info',
  title: "Sorry, I didn't understand that",
  text: command.suggestion
    ? `Did you mean "${command.suggestion}"? Or say "help" to see everything I can do.`
    : 'Say "help" to see everything I can do.',
  suggestions: command.suggestion ? [command.suggestion, 'help'] : ['help'],
});
