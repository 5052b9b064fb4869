/**
 * A first check of what arrives at /api/messages, before the SDK sees it: malformed activities get a
 * 400 naming the problem, and nothing is stored or answered.
 */
const MAX_ID_LENGTH = 512;
/** Display names in Teams are far shorter; anything longer is not a Teams activity. */
const MAX_NAME_LENGTH = 512;
/** BCP 47 tags are at most 35 characters. */
const MAX_LOCALE_LENGTH = 35;
/** Entra ID object ids are GUIDs; they become table keys, so nothing else may pass. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
/** Invoke and event names are short paths such as adaptiveCard/action. */
const MAX_INVOKE_NAME_LENGTH = 256;
/**
 * Teams' deepest activities (an Adaptive Card's data inside an invoke) nest about ten levels. The SDK
 * and the log walk values recursively, so a body nested thousands deep would overflow their stack.
 */
export const MAX_ACTIVITY_DEPTH = 64;

export function activityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'the body must be a JSON object';
  if (deeperThan(body, MAX_ACTIVITY_DEPTH))
    return `the body is nested more than ${MAX_ACTIVITY_DEPTH} levels deep`;
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type === '') return 'type is required';
  if (activity.id !== undefined && !(typeof activity.id === 'string' && activity.id.length <= MAX_ID_LENGTH))
    return 'id must be a string';
  if (activity.channelId !== undefined && typeof activity.channelId !== 'string')
    return 'channelId must be a string';
  if (
    activity.name !== undefined &&
    !(typeof activity.name === 'string' && activity.name.length <= MAX_INVOKE_NAME_LENGTH)
  )
    return `name must be text of at most ${MAX_INVOKE_NAME_LENGTH} characters`;
  if (typeof activity.serviceUrl !== 'string' || !isHttpUrl(activity.serviceUrl))
    return 'serviceUrl must be an http(s) URL';
  const conversation = activity.conversation as Record<string, unknown> | undefined;
  if (
    typeof conversation?.id !== 'string' ||
    conversation.id === '' ||
    conversation.id.length > MAX_ID_LENGTH
  ) {
    return 'conversation.id is required';
  }
  // Teams' ids are printable ASCII (a:…, 19:…@thread.v2;messageid=…); the SDK sends this one back as an
  // HTTP header, where anything else throws mid-turn.
  if (!PRINTABLE_ASCII.test(conversation.id)) return 'conversation.id must be printable ASCII';
  const from = activity.from as Record<string, unknown> | undefined;
  if (typeof from?.id !== 'string' || from.id === '' || from.id.length > MAX_ID_LENGTH)
    return 'from.id is required';
  if (
    from.aadObjectId !== undefined &&
    from.aadObjectId !== '' &&
    !(typeof from.aadObjectId === 'string' && GUID.test(from.aadObjectId))
  )
    return 'from.aadObjectId must be a GUID';
  if (from.name !== undefined && !(typeof from.name === 'string' && from.name.length <= MAX_NAME_LENGTH))
    return `from.name must be text of at most ${MAX_NAME_LENGTH} characters`;
  if (
    conversation.name !== undefined &&
    !(typeof conversation.name === 'string' && conversation.name.length <= MAX_NAME_LENGTH)
  )
    return `conversation.name must be text of at most ${MAX_NAME_LENGTH} characters`;
  if (
    conversation.tenantId !== undefined &&
    !(typeof conversation.tenantId === 'string' && conversation.tenantId.length <= MAX_ID_LENGTH)
  )
    return 'conversation.tenantId must be a string';
  const tenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant;
  if (tenant?.id !== undefined && !(typeof tenant.id === 'string' && tenant.id.length <= MAX_ID_LENGTH))
    return 'channelData.tenant.id must be a string';
  if (
    activity.locale !== undefined &&
    !(typeof activity.locale === 'string' && activity.locale.length <= MAX_LOCALE_LENGTH)
  )
    return 'locale must be a language tag such as en-GB';
  if (activity.text !== undefined && typeof activity.text !== 'string') return 'text must be a string';
  const mistyped = OPTIONAL_FIELDS.find(([path, kind]) => !isKind(valueAt(activity, path), kind));
  if (mistyped) return `${mistyped[0]} must be ${KIND_NAMES[mistyped[1]]}`;
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const value = activity.value as { action?: unknown } | undefined;
    const action = value?.action as { verb?: unknown } | undefined;
    if (typeof value !== 'object' || value === null || typeof action !== 'object' || action === null)
      return 'value.action is required for adaptiveCard/action';
    if (action.verb !== undefined && typeof action.verb !== 'string')
      return 'value.action.verb must be a string';
  }
  if (
    activity.recipient !== undefined &&
    typeof (activity.recipient as Record<string, unknown>)?.id !== 'string'
  ) {
    return 'recipient.id must be a string';
  }
  return undefined;
}

type FieldKind = 'string' | 'boolean' | 'date' | 'array';
const KIND_NAMES: Record<FieldKind, string> = {
  string: 'a string',
  boolean: 'true or false',
  date: 'a date and time (ISO 8601)',
  array: 'a list',
};
/**
 * Fields the SDK validates as it writes a reply (its serializer throws on a wrong type mid-turn), so
 * they are checked here first; absent or null is fine.
 */
const OPTIONAL_FIELDS: [string, FieldKind][] = [
  ['timestamp', 'date'],
  ['localTimestamp', 'date'],
  ['textFormat', 'string'],
  ['replyToId', 'string'],
  ['action', 'string'],
  ['conversation.conversationType', 'string'],
  ['conversation.isGroup', 'boolean'],
  ['recipient.name', 'string'],
  ['attachments', 'array'],
  ['entities', 'array'],
  ['membersAdded', 'array'],
  ['membersRemoved', 'array'],
];

function valueAt(activity: Record<string, unknown>, path: string): unknown {
  let value: unknown = activity;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function isKind(value: unknown, kind: FieldKind): boolean {
  if (value === undefined || value === null) return true;
  switch (kind) {
    case 'string':
      return typeof value === 'string' && value.length <= MAX_ID_LENGTH;
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && value.length <= 64 && !Number.isNaN(Date.parse(value));
    case 'array':
      return Array.isArray(value);
  }
}

/** Walks without recursion, so the check itself cannot overflow on the body it is checking. */
function deeperThan(root: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[root, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(value)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
