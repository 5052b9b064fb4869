import { buildDigest } from '../../digests/send-digests';
import type { Answer } from '../chat-deps';
import { withWholePlan } from './whole-plan';

/** This week's digest as a lead or coordinator would get it on Monday. */
export const answerDigest: Answer<'digest'> = (deps, actor, command) =>
  withWholePlan(deps, actor, command, async (plan) => {
    const { digest, today } = await buildDigest(deps.stores, plan, deps.clock.now());
    return {
      kind: 'digest',
      plan,
      digest,
      today,
      ...(deps.appLinks ? { dashboardUrl: deps.appLinks.dashboardUrl(plan.id) } : {}),
    };
  });
