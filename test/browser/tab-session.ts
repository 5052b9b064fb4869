/**
 * What the dashboard tab's browser tests share: the built server started as a user starts it
 * (`node dist/src/app/main.js`, no MicrosoftAppId, so local mode on loopback, its embedded Azurite and the
 * demo plan in a fresh DATA_DIR), headless Chromium, and a page per test in its own browser context
 * (so each starts with empty session and local storage, as the default local user).
 *
 * The page is served with the server's real Content-Security-Policy; any violation by our own files,
 * and any script error, is collected so tests can assert there are none. The one failure expected is
 * teams-js prefetching its list of valid origins from res.cdn.office.net when its script loads: the CSP
 * allows it, but nothing leaves this machine (requests to other origins are aborted below), and
 * teams-js falls back to its built-in list.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { freePort } from '../../src/storage/azurite';
import { type Finished, ROOT, runBuiltCli, waitFor } from '../support/processes';
import { ARTIFACTS, CHROMIUM } from './playground-session';

export const DEMO_PLAN = 'demo-leeds-syv';
export const DEMO_TITLE = 'Leeds JTAI: serious youth violence (demo)';

const READY_MS = 45_000;
const STOP_MS = 10_000;
/** teams-js's valid-origins prefetch, which cannot reach the internet here: expected, and harmless. */
const EXPECTED_NOISE = /res\.cdn\.office\.net\/teams-js\/validDomains/;

export interface TabPage {
  page: Page;
  context: BrowserContext;
  /** Script errors and CSP violations (other than the expected one) seen so far. */
  problems: string[];
}

export class TabSession {
  url = '';
  private dataDir = '';
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  private browser: Browser | undefined;

  /**
   * `signedIn: true` gives the server an app id (made up: nothing reaches Entra ID), so it is out of local
   * mode and the tab's API wants a Teams token.
   */
  /** The storage settings the server runs with, so the CLI reaches the same store (its embedded Azurite). */
  private storageEnv: NodeJS.ProcessEnv = {};

  async start(options: { signedIn?: boolean; env?: Record<string, string> } = {}): Promise<void> {
    this.dataDir = mkdtempSync(join(tmpdir(), 'tab-browser-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    this.storageEnv = {
      DATA_DIR: join(this.dataDir, 'data'),
      MicrosoftAppId: '',
      STORAGE_CONNECTION_STRING: '',
      STORAGE_ACCOUNT_URL: '',
      HOST: '',
      TABLE_PREFIX: '',
      LOG_LEVEL: 'warn',
    };
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'app', 'main.js')], {
      cwd: ROOT,
      env: {
        ...options.env,
        PATH: process.env.PATH,
        PORT: String(port),
        DATA_DIR: join(this.dataDir, 'data'),
        LOG_LEVEL: 'warn',
        SCHEDULER: 'off',
        DEMO_PLAN: 'auto',
        // Empty counts as unset and beats a developer's .env: no app id (local mode), embedded storage.
        MicrosoftAppId: options.signedIn ? '8d2e6f4a-1c3b-4e5d-a7f9-0b1c2d3e4f5a' : '',
        ...(options.signedIn
          ? {
              MicrosoftAppTenantId: '5f1c3a9e-2b47-4d8c-9e61-0a7b3c2d4e5f',
              MicrosoftAppPassword: 'not-a-secret-only-for-a-test',
              LINK_SIGNING_SECRET: 'a-test-link-secret-of-at-least-32-characters',
            }
          : {}),
        STORAGE_CONNECTION_STRING: '',
        STORAGE_ACCOUNT_URL: '',
        HOST: '',
        TABLE_PREFIX: '',
      },
      // Its own process group, so a server that will not stop can be killed with its Azurite.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    try {
      await waitFor(async () => {
        if (child.exitCode !== null) throw new Error('exited');
        const response = await fetch(`${this.url}/healthz`);
        return response.status === 200 ? true : undefined;
      }, READY_MS);
    } catch {
      throw new Error(`the server did not become healthy within ${READY_MS / 1000} s:\n${this.output}`);
    }
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
  }

  async stop(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    const group = this.child?.pid;
    if (group !== undefined) {
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-group, name);
        } catch {
          // ESRCH: the group has gone already.
        }
      };
      // SIGTERM to the server only: it stops its own Azurite and exits 0.
      this.child?.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.exited, new Promise((resolve) => (timer = setTimeout(resolve, STOP_MS)))]);
      clearTimeout(timer);
      signal('SIGKILL');
    }
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** `npm run cli -- …` against the server's own store (local mode only), with `env` added (an SMTP relay). */
  cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
    return runBuiltCli(args, { ...env, ...this.storageEnv });
  }

  /** The server's output so far, for failure messages. */
  log(): string {
    return this.output.slice(-3000);
  }

  /** A new page in a fresh browser context, opened at /tab with `query`, once the board has drawn. */
  async open(query = `plan=${DEMO_PLAN}`, viewport = { width: 1280, height: 900 }): Promise<TabPage> {
    const tab = await this.openPage(`/tab?${query}`, viewport);
    await boardReady(tab.page);
    return tab;
  }

  /** A new page in a fresh browser context at `path`, as soon as it has loaded. */
  async openPage(
    path: string,
    viewport = { width: 1280, height: 900 },
    options: { as?: string } = {},
  ): Promise<TabPage> {
    if (!this.browser) throw new Error('start() first');
    const context = await this.browser.newContext({ viewport, acceptDownloads: true, locale: 'en-GB' });
    // Local mode acts as this person, as if they had been chosen in the page's "Act as" list.
    if (options.as)
      await context.addInitScript((email) => {
        (
          globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }
        ).sessionStorage.setItem('actionTracker.localUser', email);
      }, options.as);
    // Nothing leaves the machine: anything not on our server is refused at once.
    await context.route(
      (address) => address.origin !== this.url,
      (route) => route.abort(),
    );
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const text = message.text();
      const where = message.location()?.url ?? '';
      if (message.type() === 'error' && !EXPECTED_NOISE.test(text) && !EXPECTED_NOISE.test(where))
        problems.push(`console: ${text}`);
    });
    await page.goto(`${this.url}${path}`);
    return { page, context, problems };
  }
}

/** The page's full width and the viewport's: a page wider than its viewport scrolls sideways. */
export function pageWidths(page: Page): Promise<{ scroll: number; view: number }> {
  // The callback runs in the page; the tests' TypeScript has no DOM types, hence globalThis.
  return page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return { scroll: root.scrollWidth, view: root.clientWidth };
  });
}

/** The board has drawn its columns. */
export async function boardReady(page: Page): Promise<void> {
  await page.locator('#board .column').first().waitFor({ state: 'visible', timeout: 15_000 });
}

/** Every column's rating and count, in order. */
export async function columnCounts(page: Page): Promise<{ rating: string; count: number }[]> {
  return page.locator('#board .column').evaluateAll((columns) =>
    columns.map((column) => ({
      rating: column.getAttribute('data-rating') ?? '',
      count: Number(column.querySelector('[data-count]')?.getAttribute('data-count')),
    })),
  );
}

/** The ids of the action cards on the board. */
export async function cardIds(page: Page): Promise<string[]> {
  return page
    .locator('#board .card')
    .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-action-id') ?? ''));
}

export function screenshotPath(name: string): string {
  return join(ARTIFACTS, `tab-${name}.png`);
}
