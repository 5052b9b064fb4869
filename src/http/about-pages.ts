/**
 * The privacy and terms pages the Teams manifest links to. Plain HTML, no scripts, no external assets.
 */
import { Router as createRouter, type Router } from 'express';

const PAGE = (title: string, body: string) => `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Action Tracker</title>
<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}h1{font-size:1.6rem}</style>
</head>
<body><main><h1>${title}</h1>${body}</main></body>
</html>`;

const PRIVACY = PAGE(
  'Privacy',
  `<p>Action Tracker helps a local safeguarding partnership deliver the action plan it sent to Ofsted after a
joint targeted area inspection. It is run by the partnership's own IT team in their own Microsoft Azure tenant.</p>
<h2>What it keeps</h2>
<ul>
<li>The action plan: areas for improvement, actions, lead agencies, dates, ratings and progress notes.</li>
<li>For each action owner, coordinator and lead: their name and work e-mail address, so reminders reach them and
their Teams account can be matched to the plan.</li>
<li>For each person who uses the app in Teams: their Microsoft Entra ID object id, the address of their chat with
the bot (so it can send reminders), and their choice of plan and any pause of reminders.</li>
<li>A history of every change (who, when, what) and an audit trail of imports and exports.</li>
</ul>
<p>Action plans name roles, people responsible and organisations. They never name children, and notes must not
identify a child.</p>
<h2>Why, and for how long</h2>
<p>The information is used only to run the action plan: to remind owners, record progress and report it to the
partnership and to scrutiny. It is kept while the plan is open and for the retention period the partnership sets
once the plan is closed. Application logs contain no notes and no personal details beyond ids.</p>
<p>Questions about your information go to the partnership's business manager or data protection officer.</p>`,
);

const TERMS = PAGE(
  'Terms of use',
  `<p>Action Tracker is for the members and partners of the safeguarding partnership that runs it, to record and
follow the progress of their inspection action plan.</p>
<ul>
<li>Record progress honestly and promptly; ratings and notes are reported to the partnership and to scrutiny.</li>
<li>Do not name or identify children in notes or evidence links.</li>
<li>Evidence links should point to your organisation's own systems, which control who can open them.</li>
</ul>`,
);

export function aboutPages(): Router {
  const router = createRouter();
  const send = (html: string) => (_req: unknown, res: import('express').Response) => {
    // No scripts, one inline style: the CSP says so, and only the app itself or Teams may frame them.
    res
      .type('html')
      .set('Cache-Control', 'public, max-age=3600')
      .set(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.office.com https://*.cloud.microsoft",
      )
      .set('X-Content-Type-Options', 'nosniff')
      .set('Referrer-Policy', 'no-referrer')
      .send(html);
  };
  router.get('/privacy', send(PRIVACY));
  router.get('/terms', send(TERMS));
  return router;
}
