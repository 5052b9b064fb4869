/**
 * Learns who is talking: their Entra ID object id from the activity, their e-mail from the Teams roster
 * (cached for a day), and, in personal chat, the conversation reference used later for reminders.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { emailAddress } from '../domain/email-address';
import type { Logger } from '../support/logger';
import type { Clock, TeamsUser, UserStore } from '../usecases/ports/index';
import type { ChatActor } from '../usecases/shared/actor';

const EMAIL_REFRESH_MS = 24 * 60 * 60 * 1000;

export function conversationReferenceOf(context: TurnContext): Record<string, unknown> {
  const { activity } = context;
  // The SDK's own shape (TurnContext.getConversationReference) without the activity id of this turn.
  return JSON.parse(
    JSON.stringify({
      bot: activity.recipient,
      conversation: activity.conversation,
      channelId: activity.channelId,
      locale: activity.locale,
      serviceUrl: activity.serviceUrl,
      user: activity.from,
    }),
  ) as Record<string, unknown>;
}

export function isPersonalChat(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'personal';
}

export function tenantOf(context: TurnContext): string | undefined {
  const { activity } = context;
  const fromChannel = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenant = activity.conversation?.tenantId ?? fromChannel;
  return typeof tenant === 'string' && tenant !== '' ? tenant.toLowerCase() : undefined;
}

export async function identify(
  context: TurnContext,
  deps: { users: UserStore; clock: Clock; logger: Logger },
  options: { installed?: boolean } = {},
): Promise<ChatActor | undefined> {
  const { from } = context.activity;
  const aadObjectId = from?.aadObjectId;
  if (!aadObjectId) return undefined;
  const now = deps.clock.now();
  const existing = (await deps.users.get(aadObjectId))?.value;

  // The cached e-mail belongs to the Teams account the roster confirmed for this Entra id. An activity
  // naming this Entra id from any other Teams account is checked against the roster again.
  const sameAccount = existing?.teamsUserId !== undefined && existing.teamsUserId === from.id;
  // Records from before accounts were confirmed keep their e-mail until the roster confirms one.
  const trustCached = sameAccount || existing?.teamsUserId === undefined;
  let email = trustCached ? existing?.email : undefined;
  let emailCheckedAt = trustCached ? existing?.emailCheckedAt : undefined;
  let teamsUserId = sameAccount ? existing?.teamsUserId : undefined;
  let rosterName: string | undefined;
  const stale = !emailCheckedAt || now.getTime() - Date.parse(emailCheckedAt) > EMAIL_REFRESH_MS;
  if (!email || stale || !sameAccount) {
    try {
      const member = await TeamsInfo.getMember(context, from.id);
      if (member.aadObjectId && member.aadObjectId.toLowerCase() !== aadObjectId.toLowerCase()) {
        // The roster says this Teams account is someone else: the activity's identity is not believed.
        deps.logger.warn('activity identity differs from the Teams roster; not trusted');
        return undefined;
      }
      const found = emailAddress(member.email || member.userPrincipalName || '');
      rosterName = member.name || undefined;
      if (found) {
        email = found;
        emailCheckedAt = now.toISOString();
        teamsUserId = from.id;
      }
    } catch (error) {
      deps.logger.warn({ status: (error as { statusCode?: number }).statusCode }, 'roster lookup failed');
    }
  }
  if (existing && teamsUserId !== from.id && existing.teamsUserId !== undefined) {
    // Someone known, from a Teams account the roster has not confirmed: answer, but change nothing stored.
    return { aadObjectId, name: from.name || existing.name };
  }

  const personal = isPersonalChat(context);
  const tenantId = tenantOf(context);
  const conversationReference = personal ? conversationReferenceOf(context) : existing?.conversationReference;
  const user: TeamsUser = {
    aadObjectId,
    // installationUpdate carries no name, so the roster's is used when the activity has none.
    name: from.name || rosterName || existing?.name || 'there',
    ...(email ? { email } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(conversationReference ? { conversationReference } : {}),
    // Hearing from someone in personal chat proves the bot can reach them again.
    ...(existing?.unreachableSince && !personal && !options.installed
      ? { unreachableSince: existing.unreachableSince }
      : {}),
    ...(existing?.preferredPlanId ? { preferredPlanId: existing.preferredPlanId } : {}),
    ...(emailCheckedAt ? { emailCheckedAt } : {}),
    ...(teamsUserId ? { teamsUserId } : {}),
    updatedAt: existing?.updatedAt ?? now.toISOString(),
  };
  if (!existing || changed(existing, user)) await deps.users.put({ ...user, updatedAt: now.toISOString() });
  return {
    aadObjectId,
    name: user.name,
    ...(email ? { email } : {}),
    ...(user.preferredPlanId ? { preferredPlanId: user.preferredPlanId } : {}),
  };
}

/** Only write when something a later reader needs has changed: most messages change nothing. */
function changed(before: TeamsUser, after: TeamsUser): boolean {
  const { updatedAt: _a, ...b } = before;
  const { updatedAt: _b, ...a } = after;
  return JSON.stringify(b) !== JSON.stringify(a);
}

export async function markUninstalled(
  aadObjectId: string,
  deps: { users: UserStore; clock: Clock },
): Promise<void> {
  const existing = (await deps.users.get(aadObjectId))?.value;
  if (!existing) return;
  const { conversationReference: _removed, ...rest } = existing;
  const now = deps.clock.now().toISOString();
  await deps.users.put({ ...rest, unreachableSince: now, updatedAt: now });
}
