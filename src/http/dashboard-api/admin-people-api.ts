/**
 * The plan's people on the management page: roles given and taken away, and cover for an owner, all
 * through the one people service (usecases/people/people-service.ts) that the CLI calls too; and how a
 * person is shown in the page's list.
 */
import { Router } from 'express';
import { refusalWords } from '../../usecases/delivery/channel';
import {
  addDelegationAs,
  grantRoleAs,
  removeDelegationAs,
  revokeLinksAs,
  revokeRoleAs,
} from '../../usecases/people/people-service';
import type { PlanPerson } from '../../usecases/people/people-view';
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

/**
 * One person in the page's list of the plan's people. How they are reached is the one reachability, in
 * `owners`' words: the channel state ("E-mail", "Teams and e-mail", "No contact"), and Teams' own answer.
 */
export function personView(p: PlanPerson): TabAdminPerson {
  const reach = p.reachability;
  const inTeams = reach.channels.teams;
  const roles = [
    ...(p.roles.includes('coordinator') ? ['Coordinator'] : []),
    ...(p.roles.includes('lead') ? ['Lead'] : []),
    ...p.agencies.map((agency) => `Lead officer for ${agency}`),
    ...(p.openActionsOwned > 0
      ? [`Owner of ${p.openActionsOwned} open action${p.openActionsOwned === 1 ? '' : 's'}`]
      : []),
  ];
  return {
    email: p.email,
    name: p.name,
    roles: p.roles,
    rolesLabel: roles.join(', ') || (p.covers ? 'Covers for an owner' : 'Owner of no open actions'),
    openActionsOwned: p.openActionsOwned,
    teams: inTeams.reachable,
    reachLabel: inTeams.reachable ? 'Teams: reachable' : `Teams: ${refusalWords(inTeams)}`,
    reachable: reach.sendBy.length > 0,
    channelLabel: reach.label,
    ...(reach.detail ? { channelDetail: reach.detail } : {}),
  };
}
