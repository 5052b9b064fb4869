/**
 * The channels' own answers as the composition gives them with e-mail set up (no sender started): what
 * tests hand the use cases and the tab's API that show how people are reached.
 */
import { teamsReacher } from '../../src/bot/proactive-notifier';
import { emailReacher } from '../../src/email/email-notifier';
import type { ReachRegistry } from '../../src/usecases/delivery/channel';

export const reachers: ReachRegistry = { teams: teamsReacher, email: emailReacher };
