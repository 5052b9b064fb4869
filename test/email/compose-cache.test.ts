import { composeEmail, type EmailDraft, toHtmlUncached } from '../../src/email/compose';

/** Every kind of block, with text that looks like markup and a URL with a query string. */
function draft(words: string, items: number): EmailDraft {
  return {
    subject: `Action 2.1 is due in 7 days: <b>${words}</b>`,
    preview: `Please update "${words}" & say how it is going`,
    blocks: [
      { kind: 'heading', text: `Action 2.1 <script>${words}</script>` },
      { kind: 'paragraph', text: `${words}, you are named as an owner & asked for an update.` },
      {
        kind: 'facts',
        facts: [
          { label: 'Due', value: `Fri 14 Mar 2025 ${words}` },
          { label: 'Rating', value: 'Amber: Moderate or little progress' },
        ],
      },
      {
        kind: 'button',
        label: `Update action ${words}`,
        url: `https://at.example/update/abc.def?x=1&y="${words}"`,
      },
      {
        kind: 'list',
        heading: `Overdue (${items})`,
        items: Array.from({ length: items }, (_, i) => `Item ${i} <i>${words}</i>`),
        more: items,
      },
    ],
    footer: [`Sent by Action Tracker for ${words}`, 'Questions: partnership.manager@example.org'],
  };
}

describe('compiling e-mails once per shape', () => {
  test.each([
    ['Jo Bloggs', 2],
    ["O'Brien & Sons", 2],
    ['ATPH0X \u2063ph0\u2063 $& $1', 2],
    ['Ünïcödé — “quotes”', 5],
  ] as const)(
    'when an e-mail of words "%s" is composed, then its HTML is exactly what MJML makes of it directly',
    (...[words, items]: readonly [string, number]) => {
      const input = draft(words, items);
      expect(composeEmail(input).html).toBe(toHtmlUncached(input));
    },
  );
});
