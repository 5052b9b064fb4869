/**
 * The embedded default: with no relay, e-mail goes to an SMTP catcher on loopback that keeps .eml files
 * under the data folder, and /dev/mail lists and shows them, on a local server only.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { composeEmail } from '../../src/email/compose';
import { emailSetupOf } from '../../src/email/email-setup';
import { type RunningMailCatcher, startMailCatcher } from '../../src/email/mail-catcher';
import { mailCatcherRouter } from '../../src/email/mail-catcher-page';
import { smtpTransport } from '../../src/email/smtp-transport';
import { createApp, listen } from '../../src/http/server';
import { createLogger } from '../../src/support/logger';
import type { Stores } from '../../src/usecases/ports/index';

let dataDir: string;
let catcher: RunningMailCatcher;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mail-catcher-'));
  catcher = await startMailCatcher({ dataDir });
});
afterAll(async () => {
  await catcher.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function serve(appId?: string) {
  const app = createApp({
    stores: {} as Stores,
    logger: createLogger('silent'),
    routers: [mailCatcherRouter({ folder: catcher.folder, appId })],
  });
  return listen(app, 0, '127.0.0.1');
}

describe('the local mail catcher', () => {
  test('when no relay is configured, then locally the catcher is chosen, and with an app id e-mail is off', () => {
    const base = { SMTP_MAX_PER_SECOND: 10 };
    expect(emailSetupOf(base).kind).toBe('catcher');
    expect(emailSetupOf({ ...base, MicrosoftAppId: '8d2e6f4a-1c3b-4e5d-a7f9-0b1c2d3e4f5a' }).kind).toBe(
      'off',
    );
    expect(
      emailSetupOf({ ...base, SMTP_URL: 'smtp://smtp.office365.com:587', MAIL_FROM: 'a@b.example' }),
    ).toMatchObject({ kind: 'relay', smtp: { url: 'smtp://smtp.office365.com:587', from: 'a@b.example' } });
  });

  test('when an e-mail is sent to it, then it is kept as an .eml file under the data folder and listed at /dev/mail', async () => {
    expect(catcher.url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    expect(catcher.folder).toBe(join(dataDir, 'mail'));
    const transport = smtpTransport({
      url: catcher.url,
      from: 'Action Tracker <at@localhost>',
      maxPerSecond: 50,
    });
    const message = composeEmail({
      subject: 'Action 2.1 is due in 7 days: please update by Fri 14 Mar 2025',
      preview: 'Please update',
      blocks: [{ kind: 'button', label: 'Update action 2.1', url: 'http://127.0.0.1:3978/update/abc.def' }],
      footer: ['Sent by Action Tracker'],
    });
    expect((await transport.send({ ...message, to: 'jo@police.example.uk' })).status).toBe('sent');
    transport.close();

    const files = readdirSync(catcher.folder).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const parsed = await simpleParser(readFileSync(join(catcher.folder, files[0]!)));
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text).toContain('http://127.0.0.1:3978/update/abc.def');

    const { server, url } = await serve();
    try {
      const list = await fetch(`${url}/dev/mail`);
      expect(list.status).toBe(200);
      expect(list.headers.get('cache-control')).toBe('no-store');
      const listing = await list.text();
      expect(listing).toContain('Action 2.1 is due in 7 days: please update by Fri 14 Mar 2025');
      expect(listing).toContain('jo@police.example.uk');
      const view = await fetch(`${url}/dev/mail/${files[0]}`);
      expect(view.status).toBe(200);
      expect(view.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await view.text();
      expect(html).toContain('href="http://127.0.0.1:3978/update/abc.def"');
      expect(await (await fetch(`${url}/dev/mail/${files[0]}/text`)).text()).toContain('Update action 2.1:');
      expect((await fetch(`${url}/dev/mail/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
      // No page here may be framed by another page, nor sniffed into another type.
      for (const path of ['', `/${files[0]}`, `/${files[0]}/text`, `/${files[0]}/raw`]) {
        const page = await fetch(`${url}/dev/mail${path}`);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
        expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      }
    } finally {
      server.close();
    }
  });

  test('when the server has an app id, then /dev/mail is 404', async () => {
    const { server, url } = await serve('8d2e6f4a-1c3b-4e5d-a7f9-0b1c2d3e4f5a');
    try {
      expect((await fetch(`${url}/dev/mail`)).status).toBe(404);
      const [file] = readdirSync(catcher.folder);
      expect((await fetch(`${url}/dev/mail/${file}`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
