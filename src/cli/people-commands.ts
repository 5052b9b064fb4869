/**
 * `role`, `delegate` and `revoke-links`: a plan's people from the terminal, through the same people service as the
 * dashboard (usecases/people/people-service.ts), run as the operator; `settled` turns its outcome into
 * the CLI's exit codes, and these functions word the successes.
 */
import { formatUkDate } from '../domain/dates';
import { emailAddress } from '../domain/email-address';
import { PLAN_ROLES, type PlanRole } from '../domain/plan';
import {
  addDelegationAs,
  grantRoleAs,
  planCoverAs,
  removeDelegationAs,
  revokeLinksAs,
  revokeRoleAs,
} from '../usecases/people/people-service';
import { operator, settled } from './cli-outcome';
import { type CliContext, type Options, required, UsageError } from './commands';
import { table } from './output';

/** `role --plan p --email a@x --role coordinator|lead|moderator|agency-lead [--agency A] [--remove]` */
export async function roleCommand(ctx: CliContext, options: Options): Promise<void> {
  const planId = required(options, 'plan');
  const email = emailAddress(required(options, 'email'));
  const role = required(options, 'role');
  if (options.remove === true) return removeRoleCommand(ctx, planId, email, role, options);
  if (role === 'agency-lead') {
    const agency = required(options, 'agency');
    const { changed } = settled(await grantRoleAs(ctx, operator(ctx.actor), { planId, email, role, agency }));
    ctx.print(
      changed
        ? `${email} is now the ${agency} lead for plan ${planId}`
        : `${email} was already the ${agency} lead for plan ${planId}`,
    );
    return;
  }
  const request = { planId, email, role: planRole(role) };
  const { changed } = settled(await grantRoleAs(ctx, operator(ctx.actor), request));
  ctx.print(
    changed
      ? `${email} is now a ${role} of plan ${planId}`
      : `${email} was already a ${role} of plan ${planId}`,
  );
}

/** `role … --remove`: a coordinator, lead or agency lead (of --agency, or of every agency they lead). */
async function removeRoleCommand(
  ctx: CliContext,
  planId: string,
  email: string,
  role: string,
  options: Options,
): Promise<void> {
  if (role === 'agency-lead') {
    const agency = typeof options.agency === 'string' ? options.agency : undefined;
    const { agencies = [] } = settled(
      await revokeRoleAs(ctx, operator(ctx.actor), { planId, email, role, ...(agency ? { agency } : {}) }),
    );
    ctx.print(
      agencies.length > 0
        ? `${email} is no longer the lead for ${agencies.join(', ')} in plan ${planId}`
        : `${email} was not the lead for ${agency ?? 'any agency'} in plan ${planId}`,
    );
    return;
  }
  const request = { planId, email, role: planRole(role) };
  const { changed } = settled(await revokeRoleAs(ctx, operator(ctx.actor), request));
  ctx.print(
    changed
      ? `${email} is no longer a ${role} of plan ${planId}`
      : `${email} was not a ${role} of plan ${planId}`,
  );
}

/** The flag's spelling is the CLI's own check: a wrong one is a usage mistake (exit 2), not a refusal. */
function planRole(role: string): PlanRole {
  if (!PLAN_ROLES.includes(role as PlanRole))
    throw new UsageError(`--role must be one of ${[...PLAN_ROLES, 'agency-lead'].join(', ')}`);
  return role as PlanRole;
}

/**
 * `delegate --plan p --owner a@x --delegate b@x [--name "…"] --from <date> --until <date>`: cover for an
 * owner on leave; `--list` shows the plan's cover; `--end <id>` ends one.
 */
export async function delegateCommand(ctx: CliContext, options: Options): Promise<void> {
  const planId = required(options, 'plan');
  if (options.list === true || typeof options.end === 'string') {
    if (typeof options.end === 'string') {
      const { changed } = settled(
        await removeDelegationAs(ctx, operator(ctx.actor), { planId, id: options.end }),
      );
      ctx.print(
        changed
          ? `Cover ${options.end} removed from plan ${planId}`
          : `Plan ${planId} has no cover ${options.end}`,
      );
      return;
    }
    const cover = settled(await planCoverAs(ctx, operator(ctx.actor), planId));
    ctx.print(
      cover.length === 0
        ? `Nobody covers for anyone in plan ${planId}.`
        : table(
            ['Id', 'Owner', 'Delegate', 'From', 'Until'],
            cover.map((d) => [
              d.id,
              d.owner,
              `${d.delegateName} <${d.delegate}>`,
              formatUkDate(d.from),
              formatUkDate(d.to),
            ]),
          ),
    );
    return;
  }
  const request = {
    planId,
    owner: required(options, 'owner'),
    delegate: required(options, 'delegate'),
    delegateName: typeof options.name === 'string' ? options.name : '',
    from: required(options, 'from'),
    to: required(options, 'until'),
  };
  settled(await addDelegationAs(ctx, operator(ctx.actor), request));
  ctx.print(
    `${emailAddress(request.delegate)} covers for ${emailAddress(request.owner)} in plan ${planId} from ${request.from} until ${request.to}: they get the owner's reminders and may update the owner's actions.`,
  );
}

/**
 * `revoke-links --plan p --email a@x`: withdraws every e-mail update link sent to one of the plan's people
 * (as the people page's button does), through the same people service, as the operator.
 */
export async function revokeLinksCommand(ctx: CliContext, options: Options): Promise<void> {
  const planId = required(options, 'plan');
  const email = required(options, 'email');
  const { email: address } = settled(await revokeLinksAs(ctx, operator(ctx.actor), { planId, email }));
  ctx.print(
    `Update links withdrawn: the links already sent to ${address} no longer work. Their next e-mail brings a new one.`,
  );
}
