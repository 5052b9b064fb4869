/**
 * The plan's people on the management page: roles given and taken away, and cover for an owner, all
 * through the one people service (usecases/people/people-service.ts) that the CLI calls too; and how a
 * person is shown in the page's list.
 */
import { Router } from 'express';
import { CHANNEL_NAMES, type ChannelName, capitalised } from '../../domain/contact-channel';
import { formatUkDate } from '../../domain/dates';
import type { NameSource } from '../../domain/person-name';
import { refusalWords } from '../../usecases/delivery/channel';
import type { Reachability } from '../../usecases/delivery/reachability';
import {
  addDelegationAs,
  grantRoleAs,
  namePersonAs,
  removeDelegationAs,
  revokeLinksAs,
  revokeRoleAs,
} from '../../usecases/people/people-service';
import type { CoverLink, PlanPerson } from '../../usecases/people/people-view';
import type { AdminDeps } from '../../usecases/shared/admin-outcome';
import { ADMIN_PLAN, bodyOf, changeRoute, jsonBody, planIdOf, type Route, text } from './admin-answer';
import type { TabAdminPerson } from './admin-types';

export function adminPeopleRouter(useCases: AdminDeps, route: Route): Router {
  const router = Router();
  const json = jsonBody();
  const change = changeRoute(route);

  router.post(
    `${ADMIN_PLAN}/roles`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        const request = {
          planId: planIdOf(req),
          email: text(body, 'email', 320),
          role: text(body, 'role', 32),
          ...(text(body, 'agency', 200) ? { agency: text(body, 'agency', 200) } : {}),
        };
        return body.remove === true
          ? revokeRoleAs(useCases, actor, request)
          : grantRoleAs(useCases, actor, request);
      },
      ({ changed }) => ({
        ok: true,
        message: changed ? 'Saved: the plan’s people have changed.' : 'Nothing changed: that was so already.',
      }),
    ),
  );

  router.post(
    `${ADMIN_PLAN}/delegations`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        return addDelegationAs(useCases, actor, {
          planId: planIdOf(req),
          owner: text(body, 'owner', 320),
          delegate: text(body, 'delegate', 320),
          delegateName: text(body, 'delegateName', 200),
          from: text(body, 'from', 40),
          to: text(body, 'to', 40),
        });
      },
      () => ({
        ok: true,
        message:
          'Cover saved: the delegate gets the owner’s reminders on those dates and may update their actions.',
      }),
    ),
  );

  router.post(
    `${ADMIN_PLAN}/delegations/:id/remove`,
    change(
      (req, actor) =>
        removeDelegationAs(useCases, actor, {
          planId: planIdOf(req),
          id: String(req.params.id).slice(0, 64),
        }),
      ({ changed }) => ({
        ok: true,
        message: changed ? 'Cover removed.' : 'That cover had been removed already.',
      }),
    ),
  );

  router.post(
    `${ADMIN_PLAN}/names`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        return namePersonAs(useCases, actor, {
          planId: planIdOf(req),
          email: text(body, 'email', 320),
          name: text(body, 'name', 200),
        });
      },
      ({ changed }) => ({
        ok: true,
        message: changed ? 'Name saved.' : 'Nothing changed: that was their name already.',
      }),
    ),
  );

  // Withdraws every e-mail update link sent to one of the plan's people (a forwarded mail, a lost phone).
  router.post(
    `${ADMIN_PLAN}/links/revoke`,
    json,
    change(
      (req, actor) =>
        revokeLinksAs(useCases, actor, { planId: planIdOf(req), email: text(bodyOf(req), 'email', 320) }),
      ({ email }) => ({
        ok: true,
        message: `Update links withdrawn: the links already sent to ${email} no longer work. Their next e-mail brings a new one.`,
      }),
    ),
  );

  return router;
}

/** Each channel's name as a person reads it in the middle of a sentence. */
const CHANNEL_WORDS: Record<ChannelName, string> = { teams: 'Teams', email: 'e-mail' };

/**
 * One person in the page's list of the plan's people. How they are reached is the one reachability, in
 * `owners`' words (the channel state), with when a refusal began and why not by the other channels: an
 * owner e-mailed because they are not in Teams is reached, and is shown as reached.
 */
export function personView(p: PlanPerson): TabAdminPerson {
  return {
    email: p.email,
    name: p.name,
    nameSource: p.nameSource,
    ...(NAME_NOTES[p.nameSource] ? { nameNote: NAME_NOTES[p.nameSource] } : {}),
    roles: p.roles,
    rolesLabel: rolesLabel(p),
    openActionsOwned: p.openActionsOwned,
    cover: [
      ...p.coversFor.map((c) => `Covers for ${c.name}, ${coverDates(c)}`),
      ...p.coveredBy.map((c) => `Covered by ${c.name}, ${coverDates(c)}`),
    ],
    reachable: p.reachability.sendBy.length > 0,
    channelLabel: channelLabel(p.reachability),
    ...(reachNote(p.reachability) ? { reachNote: reachNote(p.reachability) } : {}),
  };
}

const NAME_NOTES: Partial<Record<NameSource, string>> = {
  address: 'Name made from their address: enter their real name below.',
  entered: 'Name entered here.',
};

/** Every role, in the plan's order of authority, then what they own; a delegate only is said so. */
function rolesLabel(p: PlanPerson): string {
  const words = [
    ...(p.roles.includes('coordinator') ? ['coordinator'] : []),
    ...(p.roles.includes('lead') ? ['lead'] : []),
    ...(p.roles.includes('moderator') ? ['moderator'] : []),
    ...p.agencies.map((agency) => `lead officer for ${agency}`),
    ...(p.openActionsOwned > 0
      ? [`owner of ${p.openActionsOwned} open action${p.openActionsOwned === 1 ? '' : 's'}`]
      : p.owner
        ? ['owner of actions, none of them open']
        : []),
  ];
  if (words.length === 0) return p.coversFor.length > 0 ? 'Delegate (covers for an owner)' : 'No role';
  return capitalised(words.join(', '));
}

function coverDates(c: CoverLink): string {
  return `${formatUkDate(c.from)} to ${formatUkDate(c.to)}${c.active ? ' (now)' : ''}`;
}

/** `owners`' label, with the day a refusal began: "E-mail undeliverable since 3 Mar 2025". */
function channelLabel(reach: Reachability): string {
  if (reach.state.kind !== 'refused') return reach.label;
  const refusal = reach.channels[reach.state.by];
  const since =
    !refusal.reachable && refusal.since ? ` since ${formatUkDate(refusal.since.slice(0, 10))}` : '';
  return `${reach.label}${since}`;
}

/**
 * Why not by the channels that are not used, in plain words; nothing when every channel reaches them. A
 * channel not set up here ('off') is nobody's doing and is left unsaid while another reaches them.
 */
function reachNote(reach: Reachability): string {
  const reached = reach.sendBy.length > 0;
  const refusals = CHANNEL_NAMES.flatMap((name) => {
    const answer = reach.channels[name];
    if (answer.reachable || (reached && answer.reason === 'off')) return [];
    if (reach.state.kind === 'refused' && reach.state.by === name) return [];
    return [`Not by ${CHANNEL_WORDS[name]}: ${refusalWords(answer)}`];
  });
  const chose = (reach.detail ?? '').split('; ').filter((part) => part.startsWith('chose '));
  return [...chose.map(capitalised), ...refusals].join('; ');
}
