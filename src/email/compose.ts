/**
 * One e-mail, written once as blocks and rendered twice: HTML through MJML (so the table markup mail
 * clients need is MJML's, not ours) and a plain-text alternative with the same facts in the same order.
 * Readable at 320 px (MJML columns stack), in dark mode (`prefers-color-scheme`), and never colour alone:
 * a rating is always its word and its label.
 */
import mjml2html from 'mjml';
import { escapeHtml } from '../support/escape-html';

type MjmlResult = { html: string; errors: { formattedMessage: string }[] };

export interface EmailMessage {
  subject: string;
  html: string;
  text: string;
}

export type EmailBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; facts: readonly { label: string; value: string }[] }
  | { kind: 'button'; label: string; url: string }
  | { kind: 'list'; heading: string; items: readonly string[]; more?: number };

export interface EmailDraft {
  subject: string;
  /** The first line a mail client shows after the subject. */
  preview: string;
  blocks: readonly EmailBlock[];
  /** Who sent it and whom to ask: always at the foot. */
  footer: readonly string[];
}

const FONT = 'Segoe UI, Helvetica, Arial, sans-serif';
const TEXT = '#1f1f1f';
const MUTED = '#4a4a4a';
const BUTTON = '#0b5cad';

// Dark mode: clients that honour prefers-color-scheme get light text on a dark page; the rest keep the
// light design, which is readable on its own. Both pairs pass WCAG AA contrast.
const DARK_MODE_CSS = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .page, .page > div, .page table, .card, .card > table, .card td { background: #1e1e1e !important; background-color: #1e1e1e !important; }
  .body-text div, .body-text td, .facts td, .foot div { color: #f2f2f2 !important; }
  .body-text a, .foot a { color: #8cc4ff !important; }
}`;

export function composeEmail(draft: EmailDraft): EmailMessage {
  return { subject: oneLine(draft.subject), html: toHtml(draft), text: toText(draft) };
}

/**
 * MJML takes 10–20 ms to turn one e-mail into HTML, which would cap a sweep at about 60 e-mails a second
 * whatever the relay allows. E-mails of one shape (the same blocks, facts and list lengths) differ only in
 * their words, so each shape is compiled once with a placeholder for every piece of text, and the words,
 * escaped as MJML would be given them, are put in afterwards. MJML copies text and attribute values through
 * unchanged, which the tests check by comparing with a direct compile.
 */
const compiledShapes = new Map<string, string>();
const MAX_SHAPES = 500;
const PLACEHOLDER = /\u2063ph(\d+)\u2063/g;

function toHtml(draft: EmailDraft): string {
  const words: string[] = [];
  const slot = (text: string) => {
    words.push(escapeHtml(text));
    return `\u2063ph${words.length - 1}\u2063`;
  };
  const shape = mjmlSource(draft, slot);
  let compiled = compiledShapes.get(shape);
  if (compiled === undefined) {
    compiled = compileMjml(shape);
    if (compiledShapes.size >= MAX_SHAPES) compiledShapes.clear();
    compiledShapes.set(shape, compiled);
  }
  return compiled.replace(PLACEHOLDER, (_, index: string) => words[Number(index)] ?? '');
}

/** The e-mail compiled by MJML directly, words and all (what toHtml must equal; for the tests). */
export function toHtmlUncached(draft: EmailDraft): string {
  return compileMjml(mjmlSource(draft, escapeHtml));
}

/** The MJML source, with each piece of text written by `text` (escaped, or a placeholder). */
function mjmlSource(draft: EmailDraft, text: (value: string) => string): string {
  const body = draft.blocks.map((block) => blockMjml(block, text)).join('\n');
  const footer = draft.footer
    .map(
      (line) =>
        `<mj-text css-class="foot" color="${MUTED}" font-size="14px" line-height="1.5" padding="4px 24px">${text(line)}</mj-text>`,
    )
    .join('\n');
  return `<mjml lang="en-GB">
  <mj-head>
    <mj-title>${text(oneLine(draft.subject))}</mj-title>
    <mj-preview>${text(draft.preview)}</mj-preview>
    <mj-attributes>
      <mj-all font-family="${FONT}" />
      <mj-text color="${TEXT}" font-size="16px" line-height="1.5" />
    </mj-attributes>
    <mj-style>${DARK_MODE_CSS}</mj-style>
  </mj-head>
  <mj-body css-class="page" background-color="#f3f3f3" width="600px">
    <mj-section css-class="card" background-color="#ffffff" padding="16px 0">
      <mj-column>
${body}
      </mj-column>
    </mj-section>
    <mj-section padding="8px 0 24px">
      <mj-column>
${footer}
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}

function compileMjml(source: string): string {
  // mjml 4 renders synchronously; @types/mjml already describes mjml 5's promise.
  const result = mjml2html(source, { validationLevel: 'strict', minify: false }) as unknown as MjmlResult;
  if (result.errors.length > 0) {
    // Our own template is wrong: fail loudly rather than send a broken e-mail.
    throw new Error(`MJML refused the e-mail: ${result.errors.map((e) => e.formattedMessage).join('; ')}`);
  }
  return result.html;
}

function blockMjml(block: EmailBlock, t: (value: string) => string): string {
  const text = (inner: string, extra = '') =>
    `<mj-text css-class="body-text" padding="8px 24px"${extra}>${inner}</mj-text>`;
  switch (block.kind) {
    case 'heading':
      return text(
        `<h1 style="margin:0;font-size:22px;line-height:1.3;font-weight:600">${t(block.text)}</h1>`,
      );
    case 'paragraph':
      return text(`<p style="margin:0">${t(block.text)}</p>`);
    case 'facts':
      return `<mj-table css-class="facts" color="${TEXT}" font-size="16px" line-height="1.5" padding="8px 24px" role="presentation">
${block.facts
  .map(
    (fact) =>
      `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 12px 4px 0;font-weight:600;width:35%">${t(fact.label)}</th><td style="vertical-align:top;padding:4px 0">${t(fact.value)}</td></tr>`,
  )
  .join('\n')}
</mj-table>`;
    case 'button':
      return `<mj-button href="${t(block.url)}" background-color="${BUTTON}" color="#ffffff" font-size="18px" font-weight="600" inner-padding="14px 24px" padding="16px 24px" align="left">${t(block.label)}</mj-button>`;
    case 'list': {
      const items = block.items.map((item) => `<li style="margin:0 0 6px">${t(item)}</li>`).join('');
      const more = block.more ? `<p style="margin:0">${t(`and ${block.more} more.`)}</p>` : '';
      return text(
        `<h2 style="margin:0 0 6px;font-size:18px;line-height:1.3;font-weight:600">${t(block.heading)}</h2><ul style="margin:0;padding-left:20px">${items}</ul>${more}`,
      );
    }
    default: {
      const never: never = block;
      throw new Error(`Unknown block ${String(never)}`);
    }
  }
}

function toText(draft: EmailDraft): string {
  const lines: string[] = [];
  for (const block of draft.blocks) {
    switch (block.kind) {
      case 'heading':
        lines.push(block.text, '='.repeat(Math.min(block.text.length, 72)), '');
        break;
      case 'paragraph':
        lines.push(block.text, '');
        break;
      case 'facts':
        for (const fact of block.facts) lines.push(`${fact.label}: ${fact.value}`);
        lines.push('');
        break;
      case 'button':
        lines.push(`${block.label}:`, block.url, '');
        break;
      case 'list':
        lines.push(block.heading, ...block.items.map((item) => `- ${item}`));
        if (block.more) lines.push(`and ${block.more} more.`);
        lines.push('');
        break;
      default: {
        const never: never = block;
        throw new Error(`Unknown block ${String(never)}`);
      }
    }
  }
  lines.push('--', ...draft.footer);
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
