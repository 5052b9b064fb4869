/**
 * The README's "talk to the bot without a Teams tenant", driven end to end: `scripts/playground.js`
 * starts the built bot (embedded Azurite, demo plan) and the Microsoft 365 Agents Playground, and
 * headless Chromium chats with it as the demo plan's coordinator (.m365agentsplayground.yml).
 *
 * Needs Debian's chromium at /usr/bin/chromium (driven by playwright-core, which never downloads a
 * browser here). Without it the tests are reported as skipped; CI (.ci/run) installs it and refuses to
 * run without it. Screenshots go to test-artifacts/ (git-ignored).
 *
 * What the playground's page is, as learned from its DOM (@microsoft/m365agentsplayground 0.2.28):
 * the chat input is a Lexical contenteditable with role="textbox" (its "Type a message..." placeholder
 * is a separate span, not an accessible name); the send button's aria-label is "Send Message"; every
 * bot card is rendered by the Adaptive Cards JS renderer, whose root element has class ac-adaptiveCard.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { freePort } from '../../src/storage/azurite';
import { ROOT } from '../support/processes';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');
const PLAN_TITLE = 'Leeds JTAI: serious youth violence (demo)';
const STACK_READY_MS = 45_000;
const REPLY_MS = 15_000;
const STOP_MS = 10_000;

const INSTALL_HINT = 'install Debian chromium: apt-get install -y chromium';
const hasChromium = existsSync(CHROMIUM);
const describeWithChromium = hasChromium ? describe : describe.skip;
const title = `the Agents Playground in headless Chromium${hasChromium ? '' : ` (skipped: ${INSTALL_HINT})`}`;
// Jest lists a skipped suite's name only with --verbose, so say it where everyone sees it too.
if (!hasChromium) console.warn(`${CHROMIUM} is missing, so the browser tests are skipped: ${INSTALL_HINT}`);

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

describeWithChromium(title, () => {
  let dataDir: string;
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  /** What a failure message needs: the page's errors, the script's output and the playground's log. */
  function diagnostics(): string {
    const log = join(dataDir, 'playground.log');
    const logTail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-30).join('\n') : '';
    return [
      `page errors: ${pageErrors.join(' | ') || 'none'}`,
      `scripts/playground.js output (last 3000 characters):\n${stack?.output().slice(-3000) ?? ''}`,
      `playground log (last 30 lines):\n${logTail}`,
    ].join('\n\n');
  }

  /** The bot's Adaptive Card containing `text`, once it has rendered and is visible. */
  async function card(text: string | RegExp): Promise<Locator> {
    const found = page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
    try {
      await found.waitFor({ state: 'visible', timeout: REPLY_MS });
    } catch (error) {
      const cards = await page.locator('.ac-adaptiveCard').allInnerTexts();
      throw new Error(
        `no card containing ${String(text)} within ${REPLY_MS / 1000} s (${String(error)}).\n` +
          `Cards on the page:\n${cards.map((t) => `---\n${t.slice(0, 400)}`).join('\n')}\n\n${diagnostics()}`,
      );
    }
    await found.scrollIntoViewIfNeeded();
    return found;
  }

  async function say(text: string): Promise<void> {
    const input = page.getByRole('textbox');
    await input.fill(text);
    await page.getByRole('button', { name: 'Send Message', exact: true }).click();
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'playground-browser-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const [botPort, playgroundPort] = [await freePort(), await freePort()];
    stack = startStack({
      ...process.env,
      PORT: String(botPort),
      PLAYGROUND_PORT: String(playgroundPort),
      // A fresh, empty embedded store, so the bot loads the demo plan into it.
      DATA_DIR: join(dataDir, 'data'),
      M365_AGENTS_PLAYGROUND_LOGFILE: join(dataDir, 'playground.log'),
      // Empty counts as unset (and beats a developer's .env): no app id, no external storage, loopback.
      MicrosoftAppId: '',
      STORAGE_CONNECTION_STRING: '',
      STORAGE_ACCOUNT_URL: '',
      HOST: '',
      TABLE_PREFIX: '',
      DEMO_PLAN: 'auto',
      // No reminder sweep posting a card into the chat halfway through.
      SCHEDULER: 'off',
      LOG_LEVEL: 'warn',
      TEAMSAPPTESTER_BROWSER: 'none',
    });
    const url = await playgroundUrl(stack);

    browser = await chromium.launch({
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
    page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // The page asks a CDN for Segoe UI fonts and an animation worklet; refuse at once rather than
    // wait on a network that may not be there (local fonts stand in).
    await page.route(
      (address) => address.hostname !== 'localhost' && address.hostname !== '127.0.0.1',
      (route) => route.abort(),
    );
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    // The playground installs the bot when the page opens, and the bot greets with a card: once that has
    // rendered, the conversation is live and the input takes messages.
    await card(/\S/);
  }, 75_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (stack) await stopStack(stack);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  test('when the coordinator says help, then the help card for their roles renders', async () => {
    await say('help');
    const help = await card('What I can do');
    const text = (await help.textContent()) ?? '';
    expect(text).toContain(`coordinator of ${PLAN_TITLE}`);
    expect(text).toContain('For action owners');
    expect(text).toContain('For coordinators and leads');
    await expect(help.getByText('For coordinators and leads', { exact: true }).isVisible()).resolves.toBe(
      true,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'playground-help.png') });
  }, 30_000);

  test('when the coordinator says summary, then the plan summary card renders', async () => {
    await say('summary');
    const summary = await card('Progress ratings');
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain(PLAN_TITLE);
    expect(text).toMatch(/Summary on .+: \d+ actions, \d+ open/);
    expect(text).toContain('Needs attention');
    await expect(summary.getByText(PLAN_TITLE, { exact: true }).isVisible()).resolves.toBe(true);
    await expect(summary.getByRole('button', { name: 'Overdue' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'playground-summary.png') });
  }, 30_000);
});
