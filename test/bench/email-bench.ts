/**
 * Reminder e-mails at scale: a real sweep over 5,000 due reminders to owners who never installed the app,
 * through the bot's routing channel, the real e-mail notifier (MJML) and SMTP transport, to an SMTP server
 * on loopback (smtp-server). Reports the rate achieved against the configured pace, and duplicates and
 * losses, each message being known by the plan, action and address its signed update link names.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';
import { assembleBot } from '../../src/app/compose';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { emailChannel, emailNotifier } from '../../src/email/email-notifier';
import { smtpTransport } from '../../src/email/smtp-transport';
import { updatePageKeys } from '../../src/http/update-page/update-link';
import { updateLinkMaker } from '../../src/http/update-page/update-links';
import { createLogger } from '../../src/support/logger';
import { runSweep } from '../../src/usecases/sweep/run-sweep';
import { updateLinkKeyOf } from '../support/mail-keys';
import { DUE, HEADER, importPlans, openStores, row, SWEEP_AT } from './sweep-bench';

const EMAILS = Number(process.env.BENCH_EMAILS ?? 5000);
/**
 * The pace a deployment is configured with: SMTP_MAX_PER_SECOND's default, 10 a second (Exchange Online's
 * relay allows far less, 30 a minute a mailbox). 5,000 at 10/s take eight minutes and a half; a higher
 * BENCH_EMAIL_PER_SECOND finds the sweep's own ceiling (about 50/s on a quiet 2-core machine, where
 * storage, not e-mail, is the limit).
 */
const PACE = Number(process.env.BENCH_EMAIL_PER_SECOND ?? 10);
const PER_PLAN = 250;

interface SmtpCounter {
  url: string;
  /** `plan|action|address` of every message accepted, in order. */
  accepted: string[];
  acceptedAt: number[];
  close(): Promise<void>;
}

/** The secret the bench's links are sealed with; the counting server opens them with it. */
const BENCH_LINK_SECRET = 'bench-link-secret-of-32-characters!!';

/** An SMTP server that keeps only what identifies each message: its update link's signed claims. */
async function startCountingSmtp(): Promise<SmtpCounter> {
  const counter: SmtpCounter = { url: '', accepted: [], acceptedAt: [], close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const at = performance.now();
        counter.accepted.push(
          updateLinkKeyOf(Buffer.concat(chunks).toString('utf8'), BENCH_LINK_SECRET) ?? 'unidentified',
        );
        counter.acceptedAt.push(at);
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  counter.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  counter.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return counter;
}

export async function benchEmail(connectionString: string): Promise<string[]> {
  const { stores } = await openStores(connectionString, 'EmailBench');
  const owners = Math.ceil(EMAILS / 5);
  const expected = new Set<string>();
  const plans = Array.from({ length: Math.ceil(EMAILS / PER_PLAN) }, (_, p) => {
    const rows = [HEADER];
    for (let j = 0; j < PER_PLAN && p * PER_PLAN + j < EMAILS; j++) {
      const owner = (p * 50 + (j % 50)) % owners;
      const r = row(p, j, owner, DUE, 'in progress');
      rows.push(r);
      expected.add(`email-${p}|${r[2]}|owner${owner}@example.org`);
    }
    return { id: `email-${p}`, rows };
  });
  const importMs = await importPlans(stores, plans);

  const smtp = await startCountingSmtp();
  const clock = { now: () => SWEEP_AT };
  const transport = smtpTransport({
    url: smtp.url,
    from: 'Action Tracker <action-tracker@council.example>',
    maxPerSecond: PACE,
  });
  try {
    // Nobody has installed the app: every reminder goes by e-mail, as for most partner staff.
    const { channel } = assembleBot(
      { MicrosoftAppType: 'SingleTenant' },
      {
        stores,
        clock,
        logger: createLogger('silent'),
        calendar: new UkHolidayCalendar(),
        email: emailChannel(
          emailNotifier({
            transport,
            clock,
            links: {
              updateUrl: updateLinkMaker({
                keys: updatePageKeys(Buffer.from(BENCH_LINK_SECRET)),
                baseUrl: 'https://action-tracker.example',
                clock,
                contacts: stores.contacts,
              }),
              dashboardUrl: (planId) => `https://action-tracker.example/tab?plan=${planId}`,
            },
          }),
        ),
      },
    );
    const start = performance.now();
    const report = await runSweep(
      { stores, channel, calendar: new UkHolidayCalendar(), clock, claimant: 'bench-email' },
      { dryRun: false },
    );
    const sweepMs = performance.now() - start;
    const unique = new Set(smtp.accepted);
    const times = smtp.acceptedAt;
    // Over the gaps after the first message, whose arrival carries the connection's set-up.
    const rate = times.length > 1 ? (times.length - 1) / ((times.at(-1)! - times[0]!) / 1000) : 0;
    const share = rate / PACE;
    const reminderRows = report.rows.filter((r) => r.actionId !== '—');
    const alone = await channelAlone(stores, plans[0]!.id, PACE);
    return [
      '',
      `reminder e-mails: a sweep of ${expected.size} reminders to owners not in Teams (routing channel, MJML, SMTP to a server on loopback, paced at ${PACE}/s):`,
      `  plans imported in ${(importMs / 1000).toFixed(1)} s; sweep took ${(sweepMs / 1000).toFixed(1)} s`,
      `  accepted ${smtp.accepted.length} e-mails at ${rate.toFixed(1)}/s = ${share.toFixed(2)} of the configured ${PACE}/s (target ≥ 0.90) ${share >= 0.9 ? 'met' : `MISSED by ${(0.9 - share).toFixed(2)}`}`,
      `  duplicates ${smtp.accepted.length - unique.size} (must be 0), lost ${[...expected].filter((k) => !unique.has(k)).length} (must be 0), unidentified ${smtp.accepted.filter((k) => k === 'unidentified').length}`,
      `  sweep report: ${reminderRows.filter((r) => r.outcome === 'sent').length} sent, ${reminderRows.filter((r) => r.outcome === 'failed').length} failed, ${reminderRows.filter((r) => r.outcome !== 'sent' && r.outcome !== 'failed').length} other`,
      `  the e-mail channel alone (render + SMTP, no storage), ${alone.sent} reminders 8 at a time as the sweep sends: ${alone.rate.toFixed(1)}/s = ${(alone.rate / PACE).toFixed(2)} of ${PACE}/s; at ${alone.slowPace}/s: ${alone.slowRate.toFixed(1)}/s = ${(alone.slowRate / alone.slowPace).toFixed(2)}`,
    ];
  } finally {
    transport.close();
    await smtp.close();
  }
}

/**
 * The same reminders straight through the e-mail channel, without the sweep's storage work: what the
 * rendering and the transport manage at a pace, and at the default pace of 10 a second.
 */
async function channelAlone(
  stores: Awaited<ReturnType<typeof openStores>>['stores'],
  planId: string,
  pace: number,
): Promise<{ sent: number; rate: number; slowPace: number; slowRate: number }> {
  const plan = (await stores.plans.get(planId))!.value;
  const { actions } = await stores.actions.readPlan(planId);
  const measure = async (perSecond: number, count: number) => {
    const smtp = await startCountingSmtp();
    const transport = smtpTransport({ url: smtp.url, from: 'at@council.example', maxPerSecond: perSecond });
    const clock = { now: () => SWEEP_AT };
    const channel = emailChannel(
      emailNotifier({
        transport,
        clock,
        links: {
          updateUrl: updateLinkMaker({
            keys: updatePageKeys(Buffer.from(BENCH_LINK_SECRET)),
            baseUrl: 'https://action-tracker.example',
            clock,
            contacts: stores.contacts,
          }),
          dashboardUrl: (id) => `https://action-tracker.example/tab?plan=${id}`,
        },
      }),
    );
    const queue = Array.from({ length: count }, (_, i) => actions[i % actions.length]!.value);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let action = queue.shift(); action; action = queue.shift()) {
          const owner = action.owners[0]!;
          await channel.send(
            { email: owner.email },
            {
              kind: 'reminder',
              plan,
              action,
              owner,
              step: 'before-14',
              today: '2025-03-06',
              rights: { canUpdate: true, canDecide: false, canAddNote: false },
            },
          );
        }
      }),
    );
    transport.close();
    await smtp.close();
    const t = smtp.acceptedAt;
    return { sent: t.length, rate: (t.length - 1) / ((t.at(-1)! - t[0]!) / 1000) };
  };
  const fast = await measure(pace, Math.min(1000, EMAILS));
  const slow = await measure(10, 50);
  return { sent: fast.sent, rate: fast.rate, slowPace: 10, slowRate: slow.rate };
}
