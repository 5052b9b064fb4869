import { ACTION_ID, notUnderstood } from './arguments';
import type { CommandDeclaration } from './declaration';

/** Without an id: the first proposal awaiting agreement. */
export type ModerateCommand = { name: 'moderate'; actionId?: string };

export const moderate: CommandDeclaration<ModerateCommand> = {
  name: 'moderate',
  keyword: 'moderate',
  synonyms: ['agree', 'moderation'],
  usage: 'moderate [id]',
  description: 'Moderators and coordinators: agree proposed ratings, with the commentary the paper prints',
  audience: 'coordinators-and-leads',
  answeredIn: 'personal-chat',
  parse: ({ args, text }) => {
    const actionId = args[0];
    if (actionId === undefined) return { name: 'moderate' };
    if (!ACTION_ID.test(actionId) || args.length > 1) return notUnderstood(text, 'moderate 2.3');
    return { name: 'moderate', actionId };
  },
  text: (command) => (command.actionId ? `moderate ${command.actionId}` : 'moderate'),
};
