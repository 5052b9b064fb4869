/**
 * /dev/mail: the e-mails the local catcher kept, newest first, each viewable as the reader would see it
 * (HTML), as plain text, or as the raw .eml. Local use only: with an app id (any real deployment) every
 * path here answers 404, and it only ever answers callers on loopback.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router as createRouter, type Request, type Response, type Router } from 'express';
import { simpleParser } from 'mailparser';
import { escapeHtml as h } from '../support/escape-html';

const EML_NAME = /^[0-9TZ-]+-[0-9a-f]{8}\.eml$/;
const LISTED = 200;
const NOTHING = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function mailCatcherRouter(options: { folder: string; appId?: string | undefined }): Router {
  const router = createRouter();
  const local = (req: Request, res: Response): boolean => {
    const address = req.socket.remoteAddress ?? '';
    const loopback = address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (options.appId || !loopback) {
      res.status(404).json({ error: 'Not found' });
      return false;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // No page of another site may frame these (clickjacking the update buttons in a kept e-mail); the
    // HTML view of a message sets a looser one below (its own inline styles), with the same frame-ancestors.
    res.setHeader('Content-Security-Policy', NOTHING);
    return true;
  };

  router.get('/dev/mail', async (req, res) => {
    if (!local(req, res)) return;
    const names = (await readdir(options.folder).catch(() => [] as string[]))
      .filter((name) => EML_NAME.test(name))
      .sort()
      .reverse()
      .slice(0, LISTED);
    const rows = await Promise.all(
      names.map(async (name) => {
        const mail = await simpleParser(await readFile(join(options.folder, name)));
        const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
        return `<li><a href="/dev/mail/${name}">${h(mail.subject ?? '(no subject)')}</a><br>To ${h(to)}, ${h(mail.date?.toISOString() ?? '')} · <a href="/dev/mail/${name}/text">text</a> · <a href="/dev/mail/${name}/raw">.eml</a></li>`;
      }),
    );
    res
      .type('html')
      .send(
        `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>E-mail sent locally</title></head><body><main><h1>E-mail sent locally</h1><p>No SMTP relay is configured (SMTP_URL), so e-mails are kept in ${h(options.folder)} instead of being sent. Newest first; press a message's button to try the update page.</p>${rows.length ? `<ul>${rows.join('')}</ul>` : '<p>None yet.</p>'}</main></body></html>`,
      );
  });

  router.get('/dev/mail/:name{/:part}', async (req, res) => {
    if (!local(req, res)) return;
    const name = String(req.params.name);
    const part = req.params.part ?? 'html';
    if (!EML_NAME.test(name) || !['html', 'text', 'raw'].includes(part)) {
      res.status(404).json({ error: 'Not found' });
      return;
    }
    const raw = await readFile(join(options.folder, name)).catch(() => undefined);
    if (!raw) {
      res.status(404).json({ error: 'Not found' });
      return;
    }
    if (part === 'raw') {
      res.type('message/rfc822').setHeader('Content-Disposition', `attachment; filename="${name}"`);
      res.send(raw);
      return;
    }
    const mail = await simpleParser(raw);
    if (part === 'text' || !mail.html) {
      res.type('text/plain').send(mail.text ?? '');
      return;
    }
    // The e-mail as a mail client shows it: its own inline styles, never a script.
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    res.type('html').send(mail.html);
  });
  return router;
}
