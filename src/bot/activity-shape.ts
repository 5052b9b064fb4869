/**
 * A first check of what arrives at /api/messages, before the SDK sees it: malformed activities get a
 * 400 naming the problem, and nothing is stored or answered.
 */
const MAX_ID_LENGTH = 512;

export function activityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'the body must be a JSON object';
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type === '') return 'type is required';
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
  const from = activity.from as Record<string, unknown> | undefined;
  if (typeof from?.id !== 'string' || from.id === '' || from.id.length > MAX_ID_LENGTH)
    return 'from.id is required';
  if (from.aadObjectId !== undefined && typeof from.aadObjectId !== 'string')
    return 'from.aadObjectId must be a string';
  if (from.name !== undefined && typeof from.name !== 'string') return 'from.name must be a string';
  if (activity.text !== undefined && typeof activity.text !== 'string') return 'text must be a string';
  if (
    activity.recipient !== undefined &&
    typeof (activity.recipient as Record<string, unknown>)?.id !== 'string'
  ) {
    return 'recipient.id must be a string';
  }
  return undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
