/**
 * The update page's one stylesheet, served from /update-page.css so the page's Content-Security-Policy
 * needs no inline style. Readable from 320 px up, follows the system's dark mode, and every state has
 * words as well as colour.
 */
export const UPDATE_PAGE_CSS = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f1f1f; --muted: #4a4a4a; --line: #8a8a8a;
  --panel: #f5f5f5; --accent: #0b5cad; --accent-fg: #ffffff; --good: #0e6b0e; --warn: #8a5300; --bad: #b10e1e; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #1b1b1b; --fg: #f2f2f2; --muted: #cfcfcf; --line: #9a9a9a; --panel: #262626;
    --accent: #8cc4ff; --accent-fg: #0b0b0b; --good: #7fd67f; --warn: #ffc266; --bad: #ff8f8f; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 "Segoe UI", Helvetica, Arial, sans-serif; }
header, main, footer { max-width: 40rem; margin: 0 auto; padding: 0 1rem; }
header .plan { margin: 1rem 0 0; color: var(--muted); }
h1 { font-size: 1.5rem; margin: 0.25rem 0 0.5rem; }
h2 { font-size: 1.2rem; margin: 0 0 0.5rem; }
a { color: var(--accent); }
.acting { margin: 0 0 1rem; }
.facts { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.15rem; margin: 0 0 1.5rem; }
.facts dt { font-weight: 600; margin-top: 0.5rem; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin: 0 0 1.25rem; }
fieldset { border: 0; padding: 0; margin: 0 0 1rem; min-width: 0; }
legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
.choice { display: flex; gap: 0.5rem; align-items: flex-start; margin: 0.35rem 0; }
.choice input { margin-top: 0.3rem; width: 1.25rem; height: 1.25rem; flex: none; }
.field { margin: 0 0 1rem; }
.field label { display: block; font-weight: 600; }
.hint { margin: 0.1rem 0 0.3rem; color: var(--muted); font-size: 0.95rem; }
textarea, input[type="url"], input[type="date"], input.code { width: 100%; font: inherit; color: var(--fg); background: var(--bg);
  border: 1px solid var(--line); border-radius: 4px; padding: 0.5rem; }
.field-error textarea, .field-error input { border: 2px solid var(--bad); }
.error { color: var(--bad); margin: 0.2rem 0; }
button { font: inherit; font-weight: 600; min-height: 44px; padding: 0.5rem 1rem; border-radius: 4px; cursor: pointer;
  background: var(--accent); color: var(--accent-fg); border: 2px solid var(--accent); }
button.secondary { background: transparent; color: var(--accent); }
.buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.banner { border-left: 6px solid var(--line); background: var(--panel); padding: 0.75rem 1rem; margin: 0 0 1rem; }
.banner-good { border-left-color: var(--good); }
.banner-warning { border-left-color: var(--warn); }
.banner-attention { border-left-color: var(--bad); }
input.code { max-width: 10rem; font-size: 1.4rem; letter-spacing: 0.2em; font-variant-numeric: tabular-nums; }
footer { color: var(--muted); font-size: 0.95rem; padding-bottom: 2rem; }
`;
