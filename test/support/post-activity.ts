export interface PostActivityResult {
  status: number;
  /** Parsed JSON when the bot answered with JSON (an invoke response body), the raw text otherwise, or undefined. */
  body: unknown;
  headers: Headers;
}

export interface PostActivityOptions {
  /** Sent as the Authorization header; in unauthenticated local mode botbuilder ignores it. */
  authorization?: string;
  /** Path of the messaging endpoint; default /api/messages. */
  path?: string;
}

/**
 * POSTs an activity to a running bot as Teams would and returns the bot's HTTP answer. CloudAdapter.process
 * answers only after the whole turn has run, so by the time this resolves every reply the turn sent through
 * the connector has already reached the stub. For invokes the body is the bot's InvokeResponse body and the
 * status its InvokeResponse status (501 when the bot set none).
 */
export async function postActivity(
  botUrl: string,
  activity: object,
  options: PostActivityOptions = {},
): Promise<PostActivityResult> {
  const path = options.path ?? '/api/messages';
  const response = await fetch(`${botUrl.replace(/\/+$/, '')}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      ...(options.authorization ? { Authorization: options.authorization } : {}),
    },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  let body: unknown;
  if (text !== '') {
    const isJson = response.headers.get('content-type')?.includes('json') ?? false;
    try {
      body = isJson ? JSON.parse(text) : text;
    } catch {
      body = text;
    }
  }
  return { status: response.status, body, headers: response.headers };
}
