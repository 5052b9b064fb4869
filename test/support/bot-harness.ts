import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import { assembleBot } from '../../src/app/compose';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { emailChannel, emailNotifier } from '../../src/email/email-notifier';
import { type MailTransport, smtpTransport } from '../../src/email/smtp-transport';
import { appLinks, reportRouter } from '../../src/http/report-links';
import { createApp } from '../../src/http/server';
import { measureLinkMaker } from '../../src/http/update-page/measure-link';
import { updatePageKeys } from '../../src/http/update-page/update-link';
import { updateLinkMaker } from '../../src/http/update-page/update-links';
import { updatePageRouter } from '../../src/http/update-page/update-page-router';
import { createLogger } from '../../src/support/logger';
import type { Channel } from '../../src/usecases/delivery/channel';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { type RoundSendRow, runRoundSends } from '../../src/usecases/rounds/round-requests';
import { runSweep } from '../../src/usecases/sweep/run-sweep';
import type { SweepReport } from '../../src/usecases/sweep/sweep-report';
import { TENANT_ID, type TestUser, teamsMessage } from './activities';
import { type Card, cardOf } from './cards';
import { type ConnectorStub, startConnectorStub } from './connector-stub';
import { postActivity } from './post-activity';
import { fixedClock, freshStores, seededRandom } from './test-stores';

function demoUser(id: string, name: string, email: string, aadObjectId: string): TestUser {
  const [givenName = name, surname = ''] = name.split(' ');
  return {
    id,
    name,
    aadObjectId,
    email,
    userPrincipalName: email,
    givenName,
    surname,
    tenantId: TENANT_ID,
    userRole: 'user',
  };
}

/** People of the demo plan, as Teams knows them. */
export const COORDINATOR = demoUser(
  '29:coordinator',
  'Pat Manager',
  'partnership.manager@example.org',
  '11111111-1111-4111-8111-111111111111',
);
export const LEAD = demoUser(
  '29:lead',
  'Dana Director',
  'director.children@example.org',
  '22222222-2222-4222-8222-222222222222',
);
export const OWNER = demoUser(
  '29:owner',
  'Chris Commissioner',
  'ICB.CAMHS@example.org',
  '33333333-3333-4333-8333-333333333333',
);
export const OTHER_OWNER = demoUser(
  '29:nurse',
  'Nia Nurse',
  'designated.nurse@example.org',
  '44444444-4444-4444-8444-444444444444',
);
export const STRANGER = demoUser(
  '29:stranger',
  'Sid Stranger',
  'sid.stranger@example.org',
  '55555555-5555-4555-8555-555555555555',
);

/** Signs the harness's report links. */
export const LINK_SECRET = Buffer.from('test-link-secret-of-at-least-32-characters');

export interface BotHarness {
  /** Sends `text` as `user` in their personal chat; returns the card the bot answered with. */
  say(user: TestUser, text: string): Promise<Card>;
  botUrl: string;
  stub: ConnectorStub;
  stores: Stores;
  clock: ReturnType<typeof fixedClock>;
  channel: Channel;
  /** Resolves when announcements started by card actions have been sent. */
  whenIdle(): Promise<void>;
  /** One reminder sweep at the harness clock, delivering through the bot's Teams channel. */
  sweep(options?: { dryRun?: boolean; claimant?: string }): Promise<SweepReport>;
  /** Monitoring round requests still owed and today's chases, as the scheduled job sends them. */
  roundSends(options?: { claimant?: string }): Promise<RoundSendRow[]>;
  close(): Promise<void>;
}

/** The real server (HTTP + bot + storage on Azurite) with the demo plan loaded as of `now`. */
export async function startBotHarness(
  options: {
    now?: string;
    allowedTenants?: string[];
    seed?: boolean;
    /** Report and dashboard links as made with this app id (Teams deep links), the bot still local. */
    linksAppId?: string;
    /** More routers on the same server (the tab API, for local-mode tests). */
    extraRouters?: (stores: Stores, clock: ReturnType<typeof fixedClock>) => Router[];
    /**
     * E-mail through this SMTP server (the loopback sink), routed per person as the server routes it, with
     * the update page its buttons open on the same server. Without it, Teams only.
     */
    email?: { smtpUrl: string; maxPerSecond?: number };
  } = {},
): Promise<BotHarness> {
  const clock = fixedClock(options.now ?? '2025-01-15T10:00:00Z');
  const calendar = new UkHolidayCalendar();
  const { stores } = await freshStores();
  if (options.seed !== false) {
    // Seeded a minute before the harness's "now", so what the tests do comes after it in every history.
    const seedClock = { now: () => new Date(clock.now().getTime() - 60_000) };
    await seedDemoPlan({ stores, clock: seedClock, random: seededRandom(), calendar });
  }
  const stub = await startConnectorStub({ members: [COORDINATOR, LEAD, OWNER, OTHER_OWNER, STRANGER] });
  const logger = createLogger('silent');
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const keys = updatePageKeys(LINK_SECRET);
  const reportLinks = appLinks({
    secret: LINK_SECRET,
    baseUrl: url,
    clock,
    ...(options.linksAppId ? { appId: options.linksAppId } : {}),
  });
  let transport: MailTransport | undefined;
  if (options.email) {
    transport = smtpTransport({
      url: options.email.smtpUrl,
      from: 'Action Tracker <action-tracker@council.example>',
      maxPerSecond: options.email.maxPerSecond ?? 50,
    });
  }
  const email = transport
    ? emailChannel(
        emailNotifier({
          transport,
          clock,
          links: {
            updateUrl: updateLinkMaker({ keys, baseUrl: url, clock, contacts: stores.contacts }),
            dashboardUrl: (planId) => reportLinks.dashboardUrl(planId),
            measureUrl: measureLinkMaker({ keys, baseUrl: url, clock, contacts: stores.contacts }),
          },
        }),
      )
    : undefined;
  const bot = assembleBot(
    {
      MicrosoftAppType: 'SingleTenant',
      ...(options.allowedTenants ? { ALLOWED_TENANTS: options.allowedTenants } : {}),
    },
    {
      stores,
      clock,
      logger,
      calendar,
      appLinks: reportLinks,
      ...(email ? { email } : {}),
    },
  );
  // The app is attached once the port is known, so report links point back at this very server.
  server.on(
    'request',
    createApp({
      stores,
      logger,
      // No app id: the server runs in local mode, as `npm start` does without one.
      localMode: true,
      routers: [
        bot.router,
        reportRouter({ stores, clock, logger, secret: LINK_SECRET }),
        ...(email
          ? [
              updatePageRouter({
                stores,
                clock,
                calendar,
                random: seededRandom(3),
                logger,
                keys,
                secureCookies: false,
              }),
            ]
          : []),
        ...(options.extraRouters?.(stores, clock) ?? []),
      ],
    }),
  );
  const say = async (user: TestUser, text: string): Promise<Card> => {
    const before = stub.activities.length;
    const response = await postActivity(url, teamsMessage({ user, text, serviceUrl: stub.url }));
    if (response.status !== 200) throw new Error(`the bot answered ${response.status}`);
    return cardOf((await stub.waitForActivities(before + 1))[before]);
  };
  return {
    say,
    botUrl: url,
    stub,
    stores,
    clock,
    channel: bot.channel,
    whenIdle: bot.whenIdle,
    sweep: (sweepOptions = {}) =>
      runSweep(
        { stores, channel: bot.channel, calendar, clock, claimant: sweepOptions.claimant ?? 'test-sweep' },
        { dryRun: sweepOptions.dryRun ?? false },
      ),
    roundSends: (sendOptions = {}) =>
      runRoundSends({
        stores,
        channel: bot.channel,
        calendar,
        clock,
        claimant: sendOptions.claimant ?? 'test-sweep',
      }),
    close: async () => {
      // Announcements still going would otherwise outlive the test and its stores.
      await bot.whenIdle();
      await closeServer(server);
      await stub.close();
      transport?.close();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
