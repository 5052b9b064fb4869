import type { Answer } from '../chat-deps';
import { describeOwners } from '../owners';
import { planContents, withWholePlan } from './whole-plan';

export const answerOwners: Answer<'owners'> = (deps, actor, command) =>
  withWholePlan(deps, actor, command, async (plan) => {
    const { actions } = await planContents(deps, plan);
    return {
      kind: 'owners',
      plan,
      owners: await describeOwners(deps.stores, actions, deps.channels),
      emailOn: deps.emailOn ?? false,
    };
  });
