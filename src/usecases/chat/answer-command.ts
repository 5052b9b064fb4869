/**
 * Answers a chat command for one person: each command's answer is its own module (./commands), which
 * works out which plan they mean, asks the access policy whether they may see or do what they ask,
 * and gathers the data. This file only checks the conversation and dispatches.
 */
import { type Command, mayAnswerIn } from '../../domain/chat-command';
import type { ChatActor } from '../shared/actor';
import type { ChatDeps } from './chat-deps';
import { ANSWERS } from './commands/registry';
import type { Reply } from './replies';
import { notice } from './reply-helpers';

export type { ChatDeps } from './chat-deps';
export { PAGE_SIZE } from './reply-helpers';

export async function answerCommand(
  deps: ChatDeps,
  actor: ChatActor,
  command: Command,
  page = 1,
): Promise<Reply> {
  if (!mayAnswerIn(command.name, actor.inSharedConversation ? 'shared' : 'personal')) {
    return notice(
      'info',
      'I answer that in our one-to-one chat',
      'Everyone here would see owners, notes and e-mail addresses. Open a chat with Action Tracker and ask there; here I can give the summary.',
      ['summary', 'help'],
    );
  }
  // The answer found by the command's name takes that same command; TypeScript cannot follow the
  // correlation through the union, hence the one cast.
  const answer = ANSWERS[command.name] as (
    deps: ChatDeps,
    actor: ChatActor,
    command: Command,
    page: number,
  ) => Promise<Reply>;
  return answer(deps, actor, command, page);
}
