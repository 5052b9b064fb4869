/**
 * What the browser tests share: `scripts/playground.js` (the built bot with its embedded Azurite and
 * demo plan, then the Microsoft 365 Agents Playground) started with a fresh DATA_DIR, headless Chromium
 * on the playground's page, and helpers to chat and find the bot's cards.
 *
 * Needs Debian's chromium at /usr/bin/chromium (driven by playwright-core, which never downloads a
 * browser here). Without it the suites are reported as skipped; CI (.ci/run) installs it and refuses to
 * run without it. Screenshots go to test-artifacts/ (git-ignored).
 *
 * What the playground's page is, as learned from its DOM (@microsoft/m365agentsplayground 0.2.28):
 * the chat input is a Lexical contenteditable with role="textbox" (its "Type a message..." placeholder
 * is a separate span, not an accessible name); the send button's aria-label is "Send Message"; every
 * bot card is rendered by the Adaptive Cards JS renderer, whose root element has class ac-adaptiveCard,
 * with Fluent UI inputs (an expanded Input.ChoiceSet is a radiogroup of labelled radios). Reloading the
 * page starts the conversation afresh, so each suite keeps one page open.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { freePort } from '../../src/storage/azurite';
import { type Finished, ROOT, runBuiltCli } from '../support/processes';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test-artifacts');
const STACK_READY_MS = 45_000;
const REPLY_MS = 15_000;
/** The first card also waits for the playground to connect to the bot and the bot's roster look-ups. */
const GREETING_MS = 30_000;
const STOP_MS = 10_000;

const INSTALL_HINT = 'install Debian chromium: apt-get install -y chromium';
export const hasChromium = existsSync(CHROMIUM);
export const describeWithChromium = hasChromium ? describe : describe.skip;
// Jest lists a skipped suite's name only with --verbose, so say it where everyone sees it too.
if (!hasChromium) console.warn(`${CHROMIUM} is missing, so the browser tests are skipped: ${INSTALL_HINT}`);

/** A suite's title, saying why it is skipped when it is. */
export function suiteTitle(title: string): string {
  return `${title}${hasChromium ? '' : ` (skipped: ${INSTALL_HINT})`}`;
}

/** `node scripts/playground.js` in its own process group, so every process it starts can be stopped. */
interface Stack {
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

function startStack(env: NodeJS.ProcessEnv): Stack {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'playground.js')], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return { child, output: () => output, exited };
}

/** The address the script prints once the bot is healthy and the playground listens. */
async function playgroundUrl(stack: Stack): Promise<string> {
  const deadline = Date.now() + STACK_READY_MS;
  for (;;) {
    const match = /Open (http:\/\/localhost:\d+) /.exec(stack.output());
    if (match?.[1]) return match[1];
    if (stack.child.exitCode !== null || stack.child.signalCode !== null) {
      throw new Error(`scripts/playground.js exited before the playground was ready:\n${stack.output()}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`the playground was not ready within ${STACK_READY_MS / 1000} s:\n${stack.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * SIGTERM to the whole group, as Ctrl+C signals a terminal's foreground group: the script stops the bot
 * (which stops its Azurite) and the playground. Whatever is still running after STOP_MS is killed.
 */
async function stopStack(stack: Stack): Promise<void> {
  const group = stack.child.pid;
  if (group === undefined) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-group, signal);
    } catch {
      // ESRCH: the whole group has gone already.
    }
  };
  signalGroup('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([stack.exited, new Promise((resolve) => (timer = setTimeout(resolve, STOP_MS)))]);
  clearTimeout(timer);
  signalGroup('SIGKILL');
}

/**
 * The repository's .m365agentsplayground.yml with the mock user whose e-mail is `email` made the current
 * user (the person the page chats as) and the usual current user (the coordinator) moved into that
 * user's place in `users`, so the config stays valid: five users, unique ids. The playground has no
 * control to switch users on the page; its config file is the only way.
 */
export function playgroundConfigAs(email: string): string {
  const lines = readFileSync(join(ROOT, '.m365agentsplayground.yml'), 'utf8').split('\n');
  const currentStart = lines.indexOf('currentUser:') + 1;
  if (currentStart === 0) throw new Error('.m365agentsplayground.yml has no currentUser block');
  let currentEnd = currentStart;
  while (/^ {2}\S/.test(lines[currentEnd] ?? '')) currentEnd++;
  // A list item under users: "  - id: …" followed by its "    key: value" lines.
  let userStart = -1;
  let userEnd = -1;
  for (let i = lines.indexOf('users:') + 1; i < lines.length && userStart < 0; i++) {
    if (!/^ {2}- /.test(lines[i] ?? '')) continue;
    let end = i + 1;
    while (/^ {4}\S/.test(lines[end] ?? '')) end++;
    if (lines.slice(i, end).some((line) => line.trim() === `email: ${email}`))
      [userStart, userEnd] = [i, end];
  }
  if (userStart < 0) throw new Error(`.m365agentsplayground.yml has no user with e-mail ${email}`);
  const current = lines.slice(currentStart, currentEnd).map((line) => line.slice(2));
  const user = lines.slice(userStart, userEnd).map((line) => line.slice(4));
  return [
    ...lines.slice(0, currentStart),
    ...user.map((line) => `  ${line}`),
    ...lines.slice(currentEnd, userStart),
    ...current.map((line, i) => `${i === 0 ? '  - ' : '    '}${line}`),
    ...lines.slice(userEnd),
  ].join('\n');
}

export interface SessionOptions {
  /** The text of a playground config file (see playgroundConfigAs); the repository's file by default. */
  config?: string;
}

/**
 * One bot + playground + browser page. start() leaves whatever it managed to start recorded, so stop()
 * in afterAll cleans up even after a failed start.
 */
export class PlaygroundSession {
  dataDir = '';
  page!: Page;
  readonly pageErrors: string[] = [];
  private stack: Stack | undefined;
  private browser: Browser | undefined;
  /** The storage settings the bot runs with, so the CLI reaches the same store (its embedded Azurite). */
  private storageEnv: NodeJS.ProcessEnv = {};

  async start(options: SessionOptions = {}): Promise<void> {
    this.dataDir = mkdtempSync(join(tmpdir(), 'playground-browser-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const [botPort, playgroundPort] = [await freePort(), await freePort()];
    const configPath = join(this.dataDir, 'm365agentsplayground.yml');
    if (options.config) writeFileSync(configPath, options.config);
    this.storageEnv = {
      // A fresh, empty embedded store, so the bot loads the demo plan into it.
      DATA_DIR: join(this.dataDir, 'data'),
      // Empty counts as unset (and beats a developer's .env): no app id, no external storage, loopback.
      MicrosoftAppId: '',
      STORAGE_CONNECTION_STRING: '',
      STORAGE_ACCOUNT_URL: '',
      HOST: '',
      TABLE_PREFIX: '',
      LOG_LEVEL: 'warn',
    };
    this.stack = startStack({
      ...process.env,
      ...this.storageEnv,
      PORT: String(botPort),
      PLAYGROUND_PORT: String(playgroundPort),
      M365_AGENTS_PLAYGROUND_LOGFILE: join(this.dataDir, 'playground.log'),
      ...(options.config ? { M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath } : {}),
      DEMO_PLAN: 'auto',
      // No reminder sweep posting a card into the chat halfway through.
      SCHEDULER: 'off',
      TEAMSAPPTESTER_BROWSER: 'none',
    });
    const url = await playgroundUrl(this.stack);

    this.browser = await chromium.launch({
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
    // Tall enough that a whole card and the message that asked for it fit in one screenshot.
    this.page = await this.browser.newPage({ viewport: { width: 1280, height: 1600 } });
    this.page.on('pageerror', (error) => this.pageErrors.push(error.message));
    // The page asks a CDN for Segoe UI fonts and an animation worklet; refuse at once rather than
    // wait on a network that may not be there (local fonts stand in).
    await this.page.route(
      (address) => address.hostname !== 'localhost' && address.hostname !== '127.0.0.1',
      (route) => route.abort(),
    );
    await this.page.goto(url, { waitUntil: 'domcontentloaded' });
    // The playground installs the bot when the page opens, and the bot greets with a card: once that has
    // rendered, the conversation is live and the input takes messages.
    await this.card(/\S/, GREETING_MS);
  }

  async stop(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    if (this.stack) await stopStack(this.stack);
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** What a failure message needs: the page's errors, the script's output and the playground's log. */
  diagnostics(): string {
    const log = join(this.dataDir, 'playground.log');
    const logTail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-30).join('\n') : '';
    return [
      `page errors: ${this.pageErrors.join(' | ') || 'none'}`,
      `scripts/playground.js output (last 3000 characters):\n${this.stack?.output().slice(-3000) ?? ''}`,
      `playground log (last 30 lines):\n${logTail}`,
    ].join('\n\n');
  }

  /** The bot's Adaptive Card containing `text`, once it has rendered and is visible. */
  async card(text: string | RegExp, timeout = REPLY_MS): Promise<Locator> {
    const found = this.page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
    try {
      await found.waitFor({ state: 'visible', timeout });
    } catch (error) {
      const cards = await this.page.locator('.ac-adaptiveCard').allInnerTexts();
      throw new Error(
        `no card containing ${String(text)} within ${timeout / 1000} s (${String(error)}).\n` +
          `Cards on the page:\n${cards.map((t) => `---\n${t.slice(0, 400)}`).join('\n')}\n\n${this.diagnostics()}`,
      );
    }
    await found.scrollIntoViewIfNeeded();
    return found;
  }

  async say(text: string): Promise<void> {
    // The chat box, not a text input of a card on the page: the only contenteditable textbox.
    const input = this.page.locator('[role="textbox"][contenteditable="true"]');
    await input.fill(text);
    await this.page.getByRole('button', { name: 'Send Message', exact: true }).click();
  }

  /** The built CLI (`npm run cli`) on the bot's store: it attaches to the bot's running Azurite. */
  cli(args: string[]): Promise<Finished> {
    return runBuiltCli(args, this.storageEnv);
  }
}
