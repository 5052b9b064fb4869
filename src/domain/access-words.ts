/**
 * Why someone may not do something, in words: one sentence per reason (and, where the reason covers
 * several intents, per intent), the same on the card, in the dashboard tab and behind a report link.
 * The surfaces choose how loudly to say it; what is said comes from here.
 */

import type {
  ActionIntent,
  CreationIntent,
  DenialReason,
  MeasureIntent,
  PlanIntent,
} from './access-vocabulary';
import type { Action } from './action';
import { lifecycleLabel } from './lifecycle';
import { assertNever } from './never';

export interface Refusal {
  /** A short headline, for a notice that replaces the card. */
  title: string;
  /** The sentence that says why. */
  text: string;
}

const DOING: Record<ActionIntent | PlanIntent | CreationIntent | MeasureIntent, string> = {
  see: 'see this action',
  update: 'update this action',
  snooze: 'snooze this action’s reminders',
  'decide-date': 'decide on a new date',
  'confirm-impact': 'confirm evidence of impact',
  'add-note': 'add a note to this action',
  'agree-rating': 'agree ratings',
  'see-whole-plan': 'see the whole plan',
  administer: 'run this plan',
  'create-plan': 'create plans',
  'see-measure': 'see this measure',
  'report-value': 'report this measure’s values',
  'define-measure': 'define the plan’s measures',
};

export function describeDenial(
  reason: DenialReason,
  intent: ActionIntent | PlanIntent | CreationIntent | MeasureIntent,
  action?: Pick<Action, 'lifecycle'>,
): Refusal {
  switch (reason) {
    case 'not-involved':
      return {
        title: 'This action is not yours',
        text: 'Only its owners and the plan’s coordinators and leads can see or change it.',
      };
    case 'not-owner-or-coordinator':
      return {
        title: `Not yours to ${intent === 'snooze' ? 'snooze' : 'update'}`,
        text: `Only the owners and the plan’s coordinators can ${DOING[intent]}.`,
      };
    case 'contributor-notes-only':
      return {
        title: 'Add a note instead',
        text: 'As a contributing agency’s contact you can add a note; the lead owner proposes the rating.',
      };
    case 'not-lead-or-coordinator':
      return {
        title: 'For leads and coordinators',
        text:
          intent === 'confirm-impact'
            ? 'Impact is confirmed by the plan’s coordinators or leads.'
            : `Only the plan’s leads and coordinators can ${DOING[intent]}.`,
      };
    case 'no-plan-role':
      return {
        title: 'For coordinators and leads',
        text: 'Plan-wide figures and reports are for the plan’s coordinators and leads.',
      };
    case 'not-moderator-or-coordinator':
      return {
        title: 'For moderators and coordinators',
        text: 'Only the plan’s moderators and coordinators can agree ratings.',
      };
    case 'not-coordinator':
      return { title: 'For coordinators', text: `Only the plan’s coordinators can ${DOING[intent]}.` };
    case 'plan-closed':
      return {
        title: 'This plan is closed',
        text: 'Monitoring of this plan has ended, so its actions can no longer be changed.',
      };
    case 'action-closed': {
      const state = action ? lifecycleLabel(action.lifecycle).toLowerCase() : 'closed';
      return {
        title: 'This action is closed',
        text: `This action is ${state}, so it cannot be updated from a card.`,
      };
    }
    case 'not-plan-creator':
      return {
        title: 'Creating plans',
        text: 'Only the people your organisation’s Action Tracker administrator names in the PLAN_CREATORS setting can create plans. Ask them to add you, or ask an existing coordinator.',
      };
    case 'not-reporter-or-coordinator':
      return {
        title: 'Not yours to report',
        text: 'A measure’s values are reported by the person named as its reporter, or by a coordinator for them.',
      };
    default:
      return assertNever(reason);
  }
}
