/**
 * The world the journey runs in: the built server in local mode (its embedded Azurite keeping the plan in
 * one data folder from start to end), the Bot Connector stub standing in for Teams, a loopback SMTP relay,
 * headless Chromium for the e-mailed links, and the built CLI on the same data folder. Time is injected:
 * `at(instant)` stops the server and starts it again with CLOCK_START at that instant (a month later, say),
 * as a developer moves a local install through time; the CLI gets the same clock.
 *
 * Nothing here sets LINK_SIGNING_SECRET or PUBLIC_HOSTNAME: the journey runs as a new user runs it locally.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { freePort } from '../../src/storage/azurite';
import { type SmtpSink, startSmtpSink } from '../email/smtp-sink';
import { teamsCardExecute, teamsMessage } from '../support/activities';
import { type BuiltServer, startBuiltServer } from '../support/built-server';
import { type ConnectorStub, startConnectorStub } from '../support/connector-stub';
import { postActivity } from '../support/post-activity';
import { type Finished, runBuiltCli } from '../support/processes';
import { type Message, Outbox } from './outbox';
import { PEOPLE, type PersonKey, TEAMS_PEOPLE, teamsOf } from './people';

export const CHROMIUM = '/usr/bin/chromium';
export const PLAN = 'journey';
const MAIL_FROM = 'action-tracker@council.example.gov.uk';

/** One opening of a link from a message, and what came of it. */
export interface LinkOpening {
  who: PersonKey;
  link: string;
  status: number | undefined;
  heading: string;
  at: Date;
  /** The person was meant to be turned away (a delegate whose cover has ended). */
  refusal?: boolean;
}

interface ClockSegment {
  realStart: number;
  injectedStart: number;
}

export class Partnership {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'journey-'));
  readonly openings: LinkOpening[] = [];
  private server: BuiltServer | undefined;
  private readonly segments: ClockSegment[] = [];
  private readonly serverLogs: string[] = [];

  private constructor(
    readonly stub: ConnectorStub,
    readonly sink: SmtpSink,
    readonly browser: Browser,
    readonly port: number,
  ) {
    this.outbox = new Outbox(stub, sink, (real) => this.injectedAt(real));
  }

  readonly outbox: Outbox;

  static async start(): Promise<Partnership> {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: the journey needs it (apt-get install -y chromium)`);
    const stub = await startConnectorStub({
      members: TEAMS_PEOPLE.map((key) => teamsOf(key)!),
    });
    const sink = await startSmtpSink();
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    // One port for the whole journey, as a local install keeps 3978: links made before a restart name it.
    return new Partnership(stub, sink, browser, await freePort());
  }

  /** The injected clock now. */
  now(): Date {
    return this.injectedAt(Date.now());
  }

  injectedAt(realEpochMs: number): Date {
    const segment = [...this.segments].reverse().find((s) => s.realStart <= realEpochMs) ?? this.segments[0];
    if (!segment) return new Date(realEpochMs);
    return new Date(segment.injectedStart + (realEpochMs - segment.realStart));
  }

  get url(): string {
    if (!this.server) throw new Error('the server is not running');
    return this.server.url;
  }

  /**
   * Stops the server (if running) and starts it again with its clock at `instant`, on the same data. The
   * clock then runs at real pace, and the scheduler (every 2 seconds) sends what falls due.
   */
  async at(instant: string): Promise<void> {
    await this.stopServer();
    const segment = { realStart: Date.now(), injectedStart: Date.parse(instant) };
    this.segments.push(segment);
    this.server = await startBuiltServer(
      {
        LOG_LEVEL: 'warn',
        CLOCK_START: instant,
        SWEEP_SCHEDULE: '*/2 * * * * *',
        SMTP_URL: this.sink.url,
        MAIL_FROM,
        SMTP_MAX_PER_SECOND: '50',
      },
      { dataDir: this.dataDir, port: this.port, overrides: { SCHEDULER: 'on', DEMO_PLAN: 'off' } },
    );
    // The server's clock starts at CLOCK_START when the process reads it, seconds after the spawn; its
    // warning says when (pino's wall-clock "time"). Counting from the spawn instead put the CLI's clock
    // (this one) seconds ahead of the server's, so an import just before a round looked like an answer to it.
    segment.realStart = clockStartOf(this.server.output()) ?? segment.realStart;
  }

  /**
   * Waits until the scheduler has finished `runs` more runs (sweep, rounds, digests) from now, as /readyz
   * reports its last sweep: whatever falls due at this moment has then been sent.
   */
  async scheduledRuns(runs: number, timeoutMs = 30_000): Promise<void> {
    const lastSweep = async (): Promise<string | undefined> => {
      const response = await fetch(`${this.url}/readyz`).catch(() => undefined);
      const body = (await response?.json().catch(() => undefined)) as
        | { scheduler?: { lastSweepAt?: string } }
        | undefined;
      return body?.scheduler?.lastSweepAt;
    };
    const seen = new Set<string | undefined>([await lastSweep()]);
    const deadline = Date.now() + timeoutMs;
    while (seen.size <= runs) {
      if (Date.now() > deadline)
        throw new Error(`the scheduler did not run ${runs} times in ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      seen.add(await lastSweep());
    }
  }

  async stopServer(): Promise<void> {
    if (!this.server) return;
    this.serverLogs.push(this.server.output());
    await this.server.stop();
    this.server = undefined;
  }

  /** What the servers printed (warnings and errors), for a failure's explanation. */
  logs(): string {
    return [...this.serverLogs, this.server?.output() ?? ''].join('\n---- restart ----\n').slice(-6000);
  }

  /** The built CLI as the business manager runs it, on the same data and clock as the server. */
  async cli(...args: string[]): Promise<Finished> {
    return runBuiltCli(args, {
      DATA_DIR: join(this.dataDir, 'data'),
      CLOCK_START: this.now().toISOString(),
      SMTP_URL: this.sink.url,
      MAIL_FROM,
      SMTP_MAX_PER_SECOND: '50',
      LOG_LEVEL: 'warn',
      // Empty counts as unset and beats a developer's .env: local mode, the server's embedded storage.
      MicrosoftAppId: '',
      STORAGE_CONNECTION_STRING: '',
      STORAGE_ACCOUNT_URL: '',
      HOST: '',
      TABLE_PREFIX: '',
      PORT: String(this.port),
    });
  }

  /** A CLI command that must succeed; its output. */
  async run(...args: string[]): Promise<string> {
    const result = await this.cli(...args);
    if (result.code !== 0)
      throw new Error(
        `action-tracker ${args.join(' ')} exited ${result.code}:\n${result.stdout}${result.stderr}`,
      );
    return result.stdout;
  }

  /** A person types in their personal chat with the bot; the replies of that turn. */
  async say(who: PersonKey, text: string): Promise<Message[]> {
    const user = teamsOf(who);
    if (!user) throw new Error(`${who} is not in Teams`);
    const mark = this.outbox.mark();
    const answer = await this.outbox.turn(who, () =>
      postActivity(this.url, teamsMessage({ user, text, serviceUrl: this.stub.url })),
    );
    if (answer.status >= 300) throw new Error(`"${text}" from ${who}: HTTP ${answer.status}`);
    return this.outbox.since(mark).filter((m) => m.reply && m.to === who);
  }

  /** A person presses a card's button (Action.Execute); the card the bot answers with. */
  async press(who: PersonKey, verb: string, data: Record<string, unknown>): Promise<unknown> {
    const user = teamsOf(who);
    if (!user) throw new Error(`${who} is not in Teams`);
    const answer = await this.outbox.turn(who, () =>
      postActivity(this.url, teamsCardExecute({ user, verb, data, serviceUrl: this.stub.url })),
    );
    if (answer.status !== 200) throw new Error(`${verb} from ${who}: HTTP ${answer.status}`);
    return (answer.body as { value?: unknown } | undefined)?.value ?? answer.body;
  }

  /** The dashboard's API as the page calls it, acting (local mode) as one of the plan's people. */
  async dashboard(
    who: PersonKey,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-User': PEOPLE[who].email },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /**
   * Opens a link from an e-mail in Chromium, as the person would on their phone (JavaScript off, as the
   * page needs none), and hands the page to `use`. Every opening is recorded for the final check.
   */
  /** Opens an e-mailed link; `refusal` when the person is expected to be turned away (their cover ended). */
  async openLink<T>(
    who: PersonKey,
    link: string,
    use: (page: Page) => Promise<T>,
    options: { refusal?: boolean } = {},
  ): Promise<T> {
    const context = await this.browser.newContext({
      viewport: { width: 390, height: 844 },
      javaScriptEnabled: false,
    });
    try {
      const page = await context.newPage();
      const response = await page.goto(link, { timeout: 30_000 }).catch(() => null);
      const heading = response
        ? ((await page
            .locator('h1')
            .first()
            .textContent()
            .catch(() => '')) ?? '')
        : '';
      this.openings.push({
        who,
        link,
        status: response?.status(),
        heading: heading.trim(),
        at: this.now(),
        ...(options.refusal ? { refusal: true } : {}),
      });
      if (!response) throw new Error(`${who}'s link ${link} did not open`);
      return await use(page);
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    this.outbox.stop();
    await this.stopServer().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    await this.stub.close().catch(() => undefined);
    await this.sink.stop().catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Polls until `ready` holds (or `timeoutMs` passes), then returns; no fixed waits. */
export async function until(ready: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs / 1000} s waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** When the server's injected clock started, from its "CLOCK_START set" warning (a pino JSON line). */
function clockStartOf(output: string): number | undefined {
  for (const line of output.split('\n')) {
    if (!line.includes('CLOCK_START set')) continue;
    try {
      const time = (JSON.parse(line) as { time?: unknown }).time;
      if (typeof time === 'number') return time;
    } catch {
      // Not a JSON line: keep looking.
    }
  }
  return undefined;
}
