/**
 * The newcomer's path end to end, as the lead will wire it: with no relay the e-mail goes to the local
 * catcher, /dev/mail lists it, its "Update action" button opens the update page, and the form saves.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { emailSetupOf } from '../../src/email/email-setup';
import { type RunningEmail, startEmail } from '../../src/email/start-email';
import { createApp, listen } from '../../src/http/server';
import { updatePageKeys } from '../../src/http/update-page/update-link';
import { updateLinkMaker } from '../../src/http/update-page/update-links';
import { updatePageRouter } from '../../src/http/update-page/update-page-router';
import { createLogger } from '../../src/support/logger';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const NOW = '2025-01-15T10:00:00Z';

let dataDir: string;
let email: RunningEmail;
let server: Server;

afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await email?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('when a reminder goes to the local catcher, then /dev/mail shows it and its button opens a page whose form saves', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'update-email-'));
  const clock = fixedClock(NOW);
  const calendar = new UkHolidayCalendar();
  const { stores } = await freshStores();
  await seedDemoPlan({
    stores,
    clock: { now: () => new Date(Date.parse(NOW) - 60_000) },
    random: seededRandom(),
    calendar,
  });
  const logger = createLogger('silent');
  const keys = updatePageKeys(Buffer.from('an-end-to-end-secret-of-32-characters'));
  // The base URL is only known once listening; the link maker reads it late.
  let baseUrl = '';
  const makeLink = (input: Parameters<ReturnType<typeof updateLinkMaker>>[0]) =>
    updateLinkMaker({ keys, baseUrl, clock, contacts: stores.contacts })(input);
  email = await startEmail({
    setup: emailSetupOf({ SMTP_MAX_PER_SECOND: 10 }),
    dataDir,
    clock,
    links: { updateUrl: makeLink, dashboardUrl: (planId) => `${baseUrl}/tab?plan=${planId}` },
  });
  expect(email.describe).toContain('local catcher');
  const withRouters = createApp({
    stores,
    logger,
    routers: [
      ...email.routers,
      updatePageRouter({
        stores,
        clock,
        calendar,
        random: seededRandom(2),
        logger,
        keys,
        secureCookies: false,
      }),
    ],
  });
  ({ server, url: baseUrl } = await listen(withRouters, 0, '127.0.0.1'));

  const plan = (await stores.plans.get(PLAN))!.value;
  const { areas, actions } = await stores.actions.readPlan(PLAN);
  const action = actions
    .map((a) => a.value)
    .find((a) => a.lifecycle === 'in_progress' && a.owners.length > 0)!;
  const owner = action.owners[0]!;
  const outcome = await email.channel!.sendNudge(
    { name: owner.name, email: owner.email },
    {
      plan,
      area: areas.find((a) => a.id === action.areaId)!,
      action,
      owner,
      step: 'before-7',
      today: '2025-01-15',
      rights: { canUpdate: true, canDecide: false, canAddNote: false },
    },
  );
  expect(outcome.status).toBe('sent');

  const listing = await (await fetch(`${baseUrl}/dev/mail`)).text();
  const file = /href="\/dev\/mail\/([^"/]+\.eml)"/.exec(listing)?.[1];
  expect(file).toBeDefined();
  const html = await (await fetch(`${baseUrl}/dev/mail/${file}`)).text();
  const button = new RegExp(
    `href="(${baseUrl}/update/[^"]+)"[^>]*>[\\s\\S]*?Update action ${action.id.replace('.', '\\.')}`,
  ).exec(html)?.[1];
  expect(button).toBeDefined();

  const page = await fetch(button!);
  expect(page.status).toBe(200);
  const body = await page.text();
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(body)?.[1] ?? '';
  const saved = await fetch(button!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({
      csrf: field('csrf'),
      version: field('version'),
      verb: 'action.update',
      note: 'Replied from the e-mail',
    }).toString(),
  });
  expect(saved.status).toBe(200);
  const [entry] = await stores.history.listForAction(PLAN, action.id, 1);
  expect(entry).toMatchObject({
    source: 'email',
    note: 'Replied from the e-mail',
    author: { name: owner.name },
  });
});
