/**
 * Application Insights, when APPLICATIONINSIGHTS_CONNECTION_STRING is set: the Azure Monitor OpenTelemetry
 * distro records incoming requests (the bot, the tab, health), outgoing calls (Bot Connector, storage)
 * and exceptions. It must start before http is used, so the entry point (main.ts) loads it first.
 * Nothing is sent without a connection string, so local runs and tests send nothing anywhere.
 */
import { DefaultAzureCredential } from '@azure/identity';
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { redactedSignedLink } from '../support/signed-link-path';
import { loadConfig, loadDotEnv } from './config';

let started = false;

/** Signed report and update links carry their token in the path; telemetry keeps the route, not the token. */
const URL_ATTRIBUTES = ['http.target', 'http.url', 'url.path', 'url.full'];

const httpInstrumentation = {
  enabled: true,
  requestHook: (span: { setAttribute(key: string, value: string): unknown }, request: { url?: string }) => {
    const redacted = request.url ? redactedSignedLink(request.url) : undefined;
    if (!redacted) return;
    for (const key of URL_ATTRIBUTES) span.setAttribute(key, redacted);
  },
};

/**
 * `managedIdentityClientId` (AZURE_CLIENT_ID, set in Azure) makes the exporter sign in with that identity,
 * as storage does: the Bicep turns Application Insights' local authentication off, so telemetry sent with
 * the connection string's key alone would be refused.
 */
export function startTelemetry(connectionString: string, managedIdentityClientId?: string): void {
  if (started) return;
  useAzureMonitor({
    azureMonitorExporterOptions: {
      connectionString,
      ...(managedIdentityClientId
        ? { credential: new DefaultAzureCredential({ managedIdentityClientId }) }
        : {}),
    },
    // Requests are what operators look at; keep them all at this scale (a partnership's traffic is small).
    // The distro's default is rate-limited sampling (5 a second), which drops the first requests after a
    // start; a fixed ratio of 1 keeps every one.
    samplingRatio: 1,
    tracesPerSecond: 0,
    enableLiveMetrics: false,
    instrumentationOptions: {
      http: httpInstrumentation,
      azureSdk: { enabled: true },
      // The app logs with pino, which the distro does not capture; console output is not telemetry here.
      bunyan: { enabled: false },
      winston: { enabled: false },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
    },
  });
  started = true;
}

/** Flushes what is buffered; called on shutdown. */
export async function stopTelemetry(): Promise<void> {
  if (started) await shutdownAzureMonitor();
}

/**
 * Starts telemetry from the environment, if configured. A bad configuration is left for the app itself to
 * report (in one line) a moment later, so it is not reported twice.
 */
export function startTelemetryFromEnvironment(): void {
  try {
    loadDotEnv();
    const config = loadConfig();
    const connectionString = config.APPLICATIONINSIGHTS_CONNECTION_STRING;
    if (connectionString) startTelemetry(connectionString, config.AZURE_CLIENT_ID);
  } catch {
    // The configuration error is reported by run-server.
  }
}
