/** HTTP to the server under test, always with a deadline: a fault must never hang the suite. */
import { type TestUser, teamsCardExecute } from '../../support/activities';
import { cardText } from '../../support/cards';

export interface Answer {
  status: number;
  text: string;
  json: unknown;
  ms: number;
}

/** POSTs `body` as is (a string is sent raw, anything else as JSON). Status 0 means no answer in time. */
export async function post(
  url: string,
  body: string | object,
  options: { headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answer> {
  const started = Date.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...options.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json, ms: Date.now() - started };
  } catch (error) {
    return { status: 0, text: String((error as Error).message), json: undefined, ms: Date.now() - started };
  }
}

/** Presses a button on an action card (Action.Execute) and returns the card the bot answered with. */
export async function pressCardButton(
  server: { url: string },
  serviceUrl: string,
  user: TestUser,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ status: number; invokeStatus?: number; text: string }> {
  const answer = await post(`${server.url}/api/messages`, teamsCardExecute({ user, serviceUrl, verb, data }));
  const body = answer.json as { statusCode?: number; value?: unknown } | undefined;
  return {
    status: answer.status,
    ...(body?.statusCode !== undefined ? { invokeStatus: body.statusCode } : {}),
    text: body?.value ? cardText(body.value) : answer.text,
  };
}
