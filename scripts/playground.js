#!/usr/bin/env node
/**
 * `npm run playground` (which builds first): starts the bot server from dist/, waits until
 * GET /healthz answers 200, then starts the Microsoft 365 Agents Playground from node_modules
 * pointed at the bot's /api/messages, and prints the address to open. Ctrl+C (or SIGTERM) stops both.
 *
 * Environment:
 *   PORT              the bot's port (default 3978; read from .env too, as the bot does)
 *   PLAYGROUND_PORT   the playground's port (default 56150; it picks a free one if that is taken)
 *   TEAMSAPPTESTER_BROWSER=none is set unless you set it, so no browser is opened for you.
 *
 * The playground's own log goes to devTools/m365agentsplayground.log (git-ignored; override with
 * M365_AGENTS_PLAYGROUND_LOGFILE); it prints almost nothing to the terminal. Its mock users,
 * chats and team come from .m365agentsplayground.yml. Telemetry is turned off with its
 * --disable-telemetry flag; see startPlayground for what else that needs.
 */

const { spawn } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const PLAYGROUND_LOG =
  process.env.M365_AGENTS_PLAYGROUND_LOGFILE || join(ROOT, 'devTools', 'm365agentsplayground.log');
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 5_000;

const say = (text) => process.stdout.write(`[playground] ${text}\n`);

function portFrom(name, value, fallback) {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a port number between 1 and 65535, not "${value}"`);
  }
  return port;
}

async function healthy(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

const children = new Set();
let stopping = false;

function track(name, child, logFile) {
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (stopping) return;
    process.stderr.write(
      `[playground] the ${name} stopped unexpectedly (${signal ?? `exit code ${code}`})\n`,
    );
    if (logFile && existsSync(logFile)) {
      const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
      process.stderr.write(`[playground] the end of ${logFile}:\n${tail}\n`);
    }
    void stopAll(1);
  });
  return child;
}

/** Asks every child to stop, waits, then forces any that are still running. */
async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  const waits = [...children].map(
    (child) =>
      new Promise((resolve) => {
        const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  );
  await Promise.all(waits);
  process.exit(exitCode);
}

function startBot(port) {
  const main = join(ROOT, 'dist', 'src', 'app', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} does not exist: run "npm run build" first`);
  say(`starting the bot: node dist/src/app/main.js (PORT=${port})`);
  return track(
    'bot',
    spawn(process.execPath, [main], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port) },
      stdio: 'inherit',
    }),
  );
}

async function waitUntilHealthy(url, bot) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (bot.exitCode !== null || bot.signalCode !== null)
      throw new Error('the bot exited before it was ready');
    if (await healthy(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer 200 within ${READY_TIMEOUT_MS / 1000} s`);
}

/**
 * The playground CLI (node_modules/@microsoft/m365agentsplayground/cli.js). Facts from its source:
 * with no --client-id/--client-secret it sends activities to the endpoint with no Authorization
 * header; activities carry serviceUrl http://localhost:<port>/_connector, where it also serves the
 * Bot Connector API (replies, TeamsInfo roster calls) from .m365agentsplayground.yml. When its stdout
 * is not a terminal it prints only "Listening on <port>" there and logs the rest to a file.
 */
function startPlayground(botPort, playgroundPort) {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js', { paths: [ROOT] });
  const endpoint = `http://127.0.0.1:${botPort}/api/messages`;
  const args = [cli, '-e', endpoint, '-c', 'msteams', '-p', String(playgroundPort), '--disable-telemetry'];
  say(`starting the Agents Playground: agentsplayground ${args.slice(1).join(' ')}`);
  const env = {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: PLAYGROUND_LOG,
    // --disable-telemetry stops its usage events, but the bundled Application Insights client is
    // still started: this stops that SDK's own "statsbeat" reporting...
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    // ...and its exception reports ignore the flag, so send anything it still tries to a closed local
    // port. (Its key is given in code, so only the connection string's endpoint is used from here.)
    APPLICATIONINSIGHTS_CONNECTION_STRING:
      'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/',
  };
  const child = track(
    'Agents Playground',
    spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] }),
    PLAYGROUND_LOG,
  );
  let announced = false;
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk.toString();
    const match = /Listening on (\d+)/.exec(buffered);
    if (match && !announced) {
      announced = true;
      const url = `http://localhost:${match[1]}`;
      say('');
      say(`Open ${url} to chat with Action Tracker as the Partnership Business Manager.`);
      say(`The bot's endpoint is ${endpoint}; the playground's log is ${relative(ROOT, PLAYGROUND_LOG)}.`);
      say('Press Ctrl+C to stop both.');
    }
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim() && !/^Listening on \d+$/.test(line.trim())) say(line);
  });
  return child;
}

async function main() {
  if (existsSync(join(ROOT, '.env'))) process.loadEnvFile(join(ROOT, '.env')); // real variables win
  const botPort = portFrom('PORT', process.env.PORT, 3978);
  const playgroundPort = portFrom('PLAYGROUND_PORT', process.env.PLAYGROUND_PORT, 56150);
  const health = `http://127.0.0.1:${botPort}/healthz`;

  if (process.env.MicrosoftAppId) {
    process.stderr.write(
      '[playground] MicrosoftAppId is set, so the bot will demand a Bot Framework token, and the ' +
        'playground sends none: messages will be refused with 401. Unset MicrosoftAppId for local use.\n',
    );
  }
  if (await healthy(health)) {
    throw new Error(`something already answers ${health}: stop it, or set PORT to another port`);
  }

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ]) {
    process.on(signal, () => {
      if (!stopping) say(`${signal}: stopping the bot and the playground`);
      void stopAll(code);
    });
  }

  const bot = startBot(botPort);
  await waitUntilHealthy(health, bot);
  say(`the bot is ready (${health} answered 200)`);
  startPlayground(botPort, playgroundPort);
}

main().catch((error) => {
  process.stderr.write(`[playground] ${error instanceof Error ? error.message : String(error)}\n`);
  void stopAll(1);
});
