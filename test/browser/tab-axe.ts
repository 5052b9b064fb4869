/**
 * axe-core (the dev dependency) run in the page against WCAG 2.0, 2.1 and 2.2 A and AA. The script is
 * evaluated through the DevTools protocol rather than added as a <script> element, so the page keeps
 * its real Content-Security-Policy (no inline scripts) while it is checked.
 */
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; summary: string }[];
}

export async function runAxe(page: Page | Frame): Promise<AxeFinding[]> {
  // The callbacks run in the page; the tests' TypeScript has no DOM types, hence globalThis.
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    interface AxeResult {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[]; failureSummary?: string }[];
      }[];
    }
    const { axe, document } = globalThis as unknown as {
      axe: { run(context: unknown, options: object): Promise<AxeResult> };
      document: unknown;
    };
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target.map(String).join(' '),
        summary: node.failureSummary ?? '',
      })),
    }));
  }, WCAG_TAGS);
}

/** Serious and critical findings only (what the tests refuse). */
export function serious(findings: readonly AxeFinding[]): AxeFinding[] {
  return findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
}

export function describeFindings(findings: readonly AxeFinding[]): string {
  return findings
    .map(
      (finding) =>
        `${finding.impact ?? 'unknown'} ${finding.id}: ${finding.help}\n${finding.nodes
          .map((node) => `  ${node.target}\n    ${node.summary.replace(/\n/g, '\n    ')}`)
          .join('\n')}`,
    )
    .join('\n');
}
