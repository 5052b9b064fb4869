import { calendarDateIn } from '../../../domain/dates';
import { listMeasures } from '../../measures/measures';
import type { Answer } from '../chat-deps';
import { notice } from '../reply-helpers';
import { planContents, withWholePlan } from './whole-plan';

/** The plan's measures with their status today, as the one use case lists them for this person. */
export const answerMeasures: Answer<'measures'> = (deps, actor, command) =>
  withWholePlan(deps, actor, command, async (plan, known) => {
    const listed = await listMeasures(deps, known, plan.id);
    if (listed.kind !== 'saved')
      return notice('refusal', 'Measures are not available', 'You cannot see the measures of this plan.');
    const { areas } = await planContents(deps, plan);
    return {
      kind: 'measures',
      plan,
      measures: listed.value.measures,
      areas,
      today: calendarDateIn(plan.timeZone, deps.clock.now()),
    };
  });
