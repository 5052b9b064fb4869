/**
 * The dashboard's impact measures (issue 21) in headless Chromium against the real built server in local
 * mode with the demo plan, measures defined and values recorded through the CLI on the server's own
 * store. The coordinator (the first local user) sees each measure's run chart (a canvas with a name and a
 * description) and its table with the right numbers; axe-core finds nothing serious in the three themes
 * and at 320 px; a value entered updates the table and the status; 140 for a percentage is refused beside
 * the field and nothing is stored. Skipped, with an install hint, without /usr/bin/chromium.
 */
import type { TabMeasure, TabMeasures } from '../../src/http/dashboard-api/measures-types';
import { describeWithChromium, suiteTitle } from './playground-session';
import { describeFindings, runAxe, serious } from './tab-axe';
import { DEMO_PLAN, screenshotPath, type TabPage, TabSession } from './tab-session';

const COORDINATOR = 'partnership.manager@example.org';
const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// The server runs on the real clock, so the periods are counted from this month.
const now = new Date();
const monthAt = (offset: number): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
const month = (offset: number): string => monthAt(offset).toISOString().slice(0, 7);
const label = (offset: number): string =>
  `${SHORT[monthAt(offset).getUTCMonth()]} ${monthAt(offset).getUTCFullYear()}`;
/** The last day of the month `offset` months from now. */
const lastDay = (offset: number): string =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset + 1, 0)).toISOString().slice(0, 10);

describeWithChromium(suiteTitle('the measures view in headless Chromium'), () => {
  const session = new TabSession();
  const opened: TabPage[] = [];

  beforeAll(async () => {
    await session.start();
    const run = async (...args: string[]) => {
      const done = await session.cli(args);
      if (done.code !== 0) throw new Error(`${args.join(' ')}: ${done.stdout}${done.stderr}`);
    };
    const add = (id: string, area: string, name: string, extra: string[]) =>
      run('measure', 'add', '--plan', DEMO_PLAN, '--measure', id, '--area', area, '--name', name, ...extra);
    await add('M1', 'AFI1', 'PPNs shared within 24 hours', [
      '--unit',
      'percentage',
      '--better',
      'higher',
      '--baseline',
      '50',
      '--baseline-date',
      lastDay(-7),
      '--target',
      '90',
      '--target-date',
      lastDay(5),
      '--frequency',
      'monthly',
      '--reporter',
      'analyst@police.example',
      '--kind',
      'how-well',
      '--source',
      'Police PPN log',
    ]);
    await add('M2', 'AFI2', 'Days from referral to CAMHS assessment', [
      '--unit',
      'days',
      '--better',
      'lower',
      '--baseline',
      '120',
      '--baseline-date',
      lastDay(-7),
      '--target',
      '60',
      '--target-date',
      lastDay(5),
      '--frequency',
      'monthly',
      '--reporter',
      'icb.camhs@example.org',
      '--kind',
      'better-off',
    ]);
    const value = (id: string, offset: number, figure: string) =>
      run(
        'measure',
        'value',
        '--plan',
        DEMO_PLAN,
        '--measure',
        id,
        '--period',
        month(offset),
        '--value',
        figure,
      );
    await value('M1', -3, '40');
    await value('M1', -2, '85');
    await value('M2', -2, '100');
    await value('M2', -1, '70');
  }, 120_000);

  afterAll(async () => {
    for (const tab of opened) await tab.context.close().catch(() => undefined);
    await session.stop();
  }, 30_000);

  /**
   * Scrolls to the measures and waits for the first chart: a measure's values are fetched as its block
   * nears the screen, and the section sits below the board.
   */
  async function valuesShown(page: TabPage['page']): Promise<void> {
    const first = page.locator('#measures article.measure').first();
    await first.waitFor();
    await first.scrollIntoViewIfNeeded();
    await first.locator('canvas').waitFor();
  }

  async function open(query: string, viewport?: { width: number; height: number }): Promise<TabPage> {
    const tab = await session.open(query, viewport);
    opened.push(tab);
    await valuesShown(tab.page);
    return tab;
  }

  async function asCoordinator<T>(path: string): Promise<T> {
    const response = await fetch(`${session.url}/api/tab/plans/${DEMO_PLAN}${path}`, {
      headers: { 'X-Local-User': COORDINATOR },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }
  const measuresNow = () => asCoordinator<TabMeasures>('/measures');
  const measureNow = (id: string) => asCoordinator<TabMeasure>(`/measures/${id}`);

  /** A measure's table: its values are fetched as its block nears the screen, so it is scrolled there. */
  const rowsOf = async (tab: TabPage, id: string) => {
    const article = tab.page.locator(`article[data-measure-id="${id}"]`);
    await article.scrollIntoViewIfNeeded();
    await article.locator('table.measure-table').waitFor();
    return article
      .locator('table.measure-table tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
      );
  };

  test('when a coordinator opens the plan, then each area shows its measures’ charts with names and descriptions, and tables with the numbers', async () => {
    const tab = await open(`plan=${DEMO_PLAN}`);
    const { page } = tab;
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Measures' }).count()).resolves.toBe(
      1,
    );
    const m1 = page.getByRole('article', { name: 'M1: PPNs shared within 24 hours' });
    await expect(m1.locator('..').locator('h3').first().textContent()).resolves.toMatch(/^AFI1: /);
    // Its values (and so its chart) come as its block nears the screen: the first block may be another's.
    await m1.scrollIntoViewIfNeeded();
    await m1.locator('canvas').waitFor();
    const chart = m1.getByRole('img', { name: 'Run chart of PPNs shared within 24 hours' });
    await expect(chart.count()).resolves.toBe(1);
    // Drawn once near the screen: Chart.js sizes the canvas to its box when it has drawn on it.
    await chart.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () => {
        const { document } = globalThis as unknown as {
          document: { querySelector(s: string): { style: { width: string } } | null };
        };
        return (document.querySelector('article[data-measure-id="M1"] canvas')?.style.width ?? '') !== '';
      },
      undefined,
      { timeout: 10_000 },
    );
    const describedBy = (await chart.getAttribute('aria-describedby')) ?? '';
    const description = (await page.locator(`#${describedBy}`).textContent()) ?? '';
    expect(description).toContain(`2 values from ${label(-3)} to ${label(-2)}`);
    expect(description).toContain('Baseline 50%');
    expect(description).toContain(`target 90% by`);
    // The October-style value is too old: last month's is owed, so there is no data, in words and a symbol.
    await expect(m1.locator('.measure-status').textContent()).resolves.toContain(
      `No data: the latest value is for ${label(-2)}; ${label(-1)} is missing.`,
    );
    const rows = await rowsOf(tab, 'M1');
    expect(rows.map((row) => row.slice(0, 4))).toEqual([
      [label(-3), '40%', expect.stringMatching(/^\d+(\.\d)?%$/), '✗ off track'],
      [label(-2), '85%', expect.stringMatching(/^\d+(\.\d)?%$/), '✓ on track'],
    ]);
    const m2rows = await rowsOf(tab, 'M2');
    expect(m2rows.map((row) => [row[0], row[1], row[3]])).toEqual([
      // 100 days is above the line's 95 at the end of that month: lower is better, so off track.
      [label(-2), '100 days', '✗ off track'],
      [label(-1), '70 days', '✓ on track'],
    ]);
    await expect(
      page.getByRole('article', { name: /^M2: / }).locator('.measure-status').textContent(),
    ).resolves.toMatch(/^✓ On track: 70 days in /);
    await page.locator('#measures').screenshot({ path: screenshotPath('measures') });
    expect(tab.problems).toEqual([]);
  }, 60_000);

  test('when axe-core checks the measures in each theme and at 320 px wide, then it finds no serious or critical violations', async () => {
    const views: [string, { width: number; height: number } | undefined][] = [
      ['default', undefined],
      ['dark', undefined],
      ['contrast', undefined],
      ['default', { width: 320, height: 800 }],
    ];
    for (const [theme, viewport] of views) {
      const tab = await open(`plan=${DEMO_PLAN}&theme=${theme}`, viewport);
      const { page } = tab;
      await page.locator('#measures details').evaluateAll((all) => {
        for (const details of all) (details as { open: boolean }).open = true;
      });
      // The definition forms are built as their details open: the add form and one per measure.
      await page.locator('#measures .measure-add form').waitFor();
      await page.locator('#measures .measure-change form').first().waitFor();
      for (const id of ['M1', 'M2']) {
        const article = page.locator(`article[data-measure-id="${id}"]`);
        await article.scrollIntoViewIfNeeded();
        await article.locator('table').first().waitFor();
      }
      const findings = await runAxe(page);
      expect(`${theme} ${viewport?.width ?? 1280}px: ${describeFindings(serious(findings))}`).toBe(
        `${theme} ${viewport?.width ?? 1280}px: `,
      );
      if (viewport) {
        // Nothing but the tables' own scrolling regions is wider than the screen.
        // Nothing in the measures is wider than the screen, but for the tables' own scrolling regions.
        const wide = await page.evaluate(() => {
          const { document } = globalThis as unknown as {
            document: {
              querySelectorAll(s: string): Iterable<{
                getBoundingClientRect(): { right: number };
                tagName: string;
                className: string;
                closest(s: string): unknown;
              }>;
            };
          };
          return [...document.querySelectorAll('#measures *')]
            .filter((el) => el.getBoundingClientRect().right > 321 && !el.closest('.table-wrap'))
            .map((el) => `${el.tagName}.${el.className}`);
        });
        expect(wide).toEqual([]);
        await page.locator('#measures').screenshot({ path: screenshotPath('measures-320') });
      }
      expect(tab.problems).toEqual([]);
    }
  }, 120_000);

  test('when an owner who reports a measure opens the tab, then they see that measure and may enter its value; an owner who reports none sees no Measures section', async () => {
    const reporter = await session.openPage(`/tab?plan=${DEMO_PLAN}`, undefined, {
      as: 'icb.camhs@example.org',
    });
    opened.push(reporter);
    await valuesShown(reporter.page);
    await expect(reporter.page.locator('#measures').isVisible()).resolves.toBe(true);
    await expect(
      reporter.page
        .locator('#measures article.measure')
        .evaluateAll((all) => all.map((a) => a.getAttribute('data-measure-id'))),
    ).resolves.toEqual(['M2']);
    await expect(reporter.page.getByRole('form', { name: 'Enter or correct a value' }).count()).resolves.toBe(
      1,
    );
    await expect(
      reporter.page.getByRole('navigation').getByRole('link', { name: 'Measures' }).count(),
    ).resolves.toBe(1);
    expect(reporter.problems).toEqual([]);

    const owner = await session.openPage(`/tab?plan=${DEMO_PLAN}`, undefined, { as: 'ppn.lead@example.org' });
    opened.push(owner);
    await owner.page.locator('#measures-body .empty').waitFor({ state: 'attached' });
    await expect(owner.page.locator('#measures').isHidden()).resolves.toBe(true);
    await expect(
      owner.page.getByRole('navigation').getByRole('link', { name: 'Measures' }).count(),
    ).resolves.toBe(0);
    expect(owner.problems).toEqual([]);
  }, 60_000);

  test('when a value of 140 is entered for a percentage, then it is refused beside the field with nothing stored; 95 then updates the table and status', async () => {
    const tab = await open(`plan=${DEMO_PLAN}`);
    const { page } = tab;
    const m1 = page.getByRole('article', { name: 'M1: PPNs shared within 24 hours' });
    const form = m1.getByRole('form', { name: 'Enter or correct a value' });
    await expect(form.getByLabel('Period').inputValue()).resolves.toBe(month(-1));
    const entries = (await measureNow('M1')).entries.length;

    await form.getByLabel('Value (per cent)').fill('140');
    await form.getByRole('button', { name: 'Save the value' }).click();
    const error = form.locator('#measure-M1-value-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toMatch(/is a percentage, so at most 100/i);
    await expect(form.getByLabel('Value (per cent)').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(form.locator('.error-summary').textContent()).resolves.toContain(
      'Value is a percentage, so at most 100',
    );
    await expect(
      form
        .locator('.error-summary')
        .evaluate(
          (el) =>
            el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
        ),
    ).resolves.toBe(true);
    const refused = await runAxe(page);
    expect(describeFindings(serious(refused))).toBe('');
    expect((await measureNow('M1')).entries.length).toBe(entries);
    expect(await rowsOf(tab, 'M1')).toHaveLength(2);

    await form.getByLabel('Value (per cent)').fill('95');
    await form.getByLabel('Note (optional)').fill('From the PPN log');
    await form.getByRole('button', { name: 'Save the value' }).click();
    const status = form.getByRole('status');
    await page.waitForFunction(
      () => {
        const { document } = globalThis as unknown as {
          document: { querySelector(s: string): { textContent: string | null } | null };
        };
        return (
          document.querySelector('article[data-measure-id="M1"] form [role="status"]')?.textContent ?? ''
        ).startsWith('Recorded');
      },
      undefined,
      { timeout: 10_000 },
    );
    await expect(status.textContent()).resolves.toMatch(
      new RegExp(
        `^Recorded 95% for ${label(-1)}\\. The measure is on track: 95% in ${label(-1)} against [\\d.]+% expected\\.$`,
      ),
    );
    await expect(form.locator('.field-error').count()).resolves.toBe(0);
    const rows = await rowsOf(tab, 'M1');
    expect(rows.at(-1)).toEqual([
      label(-1),
      '95%',
      expect.stringMatching(/%$/),
      '✓ on track',
      COORDINATOR,
      expect.any(String),
      `Correct ${label(-1)}`,
    ]);
    await expect(m1.locator('.measure-status').textContent()).resolves.toMatch(/^✓ On track: 95% in /);
    await expect(m1.getByRole('img', { name: /^Run chart of / }).count()).resolves.toBe(1);
    const after = await measureNow('M1');
    expect(after.entries).toHaveLength(entries + 1);
    expect(after.entries[0]).toMatchObject({
      valueLabel: '95%',
      note: 'From the PPN log',
      reportedBy: COORDINATOR,
    });

    // Correcting an earlier period from its row: the form takes the period, the correction is marked and kept.
    await m1.getByRole('button', { name: `Correct ${label(-3)}` }).click();
    await expect(form.getByLabel('Period').inputValue()).resolves.toBe(month(-3));
    await expect(
      form
        .getByLabel('Value (per cent)')
        .evaluate(
          (el) =>
            el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
        ),
    ).resolves.toBe(true);
    await form.getByLabel('Value (per cent)').fill('45');
    await form.getByRole('button', { name: 'Save the value' }).click();
    await page.waitForFunction(
      () => {
        const { document } = globalThis as unknown as {
          document: { querySelector(s: string): { textContent: string | null } | null };
        };
        return (
          document.querySelector('article[data-measure-id="M1"] form [role="status"]')?.textContent ?? ''
        ).startsWith('Corrected');
      },
      undefined,
      { timeout: 10_000 },
    );
    await expect(status.textContent()).resolves.toContain(
      `Corrected ${label(-3)}: 40% → 45% (both are kept in its history).`,
    );
    const corrected = await rowsOf(tab, 'M1');
    expect(corrected[0]!.slice(0, 2)).toEqual([`${label(-3)} (corrected)`, '45%']);
    await expect(m1.locator('details.chart-table summary').textContent()).resolves.toBe(
      `Every entry, corrections included (${entries + 2})`,
    );
    expect(tab.problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
  }, 60_000);

  test('when a coordinator adds a measure with mistakes, then each is named beside its field with nothing stored; corrected, it is added with every field, and its definition can be changed', async () => {
    const tab = await open(`plan=${DEMO_PLAN}`);
    const { page } = tab;
    await page.locator('#measures .measure-add > summary').click();
    const form = page.getByRole('form', { name: 'Add a measure' });
    await expect(form.getByLabel('Reference').inputValue()).resolves.toBe('M3');
    await form.getByLabel('Baseline', { exact: true }).fill('60');
    await form.getByLabel('Baseline date').fill(lastDay(-2));
    await form.getByLabel('Target', { exact: true }).fill('40');
    await form.getByLabel('Target date').fill(lastDay(-4));
    await form.getByLabel('Reporter’s e-mail').fill('not an address');
    await form.getByRole('button', { name: 'Add the measure' }).click();
    const summary = form.locator('.error-summary');
    await summary.locator('li').first().waitFor();
    const listed = await summary.locator('li').allTextContents();
    expect(listed).toEqual(
      expect.arrayContaining([
        'Name is required',
        'Target is worse than the baseline, but higher is better',
        'Target date must be after the baseline date',
        'Reporter’s e-mail "not an address" is not an e-mail address',
      ]),
    );
    for (const field of ['name', 'target', 'targetDate', 'reporter'])
      await expect(form.locator(`#define-new-${field}`).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(form.locator('#define-new-target-error').textContent()).resolves.toContain(
      'Is worse than the baseline, but higher is better',
    );
    await expect(
      summary.evaluate(
        (el) =>
          el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
      ),
    ).resolves.toBe(true);
    expect(describeFindings(serious(await runAxe(page)))).toBe('');
    expect((await measuresNow()).measures.map((m) => m.id)).toEqual(['D1', 'D2', 'D3', 'M1', 'M2']);

    // Corrected: a measure best within a range, in the second area, linked to two actions.
    await form.getByLabel('Name').fill('Strategy discussions with health present');
    await form.getByLabel('Definition (optional)').fill('Share of strategy discussions in the month');
    await form.getByLabel('Source (optional)').fill('MASH log');
    await form.getByLabel('Area').selectOption('AFI2');
    await form.getByLabel('Linked actions (optional)').fill('2.1, 2.2');
    await form.getByLabel('Question it answers').selectOption('how-well');
    await expect(form.getByRole('group', { name: 'The range that is best' }).isHidden()).resolves.toBe(true);
    await form.getByLabel('Better when').selectOption('within');
    await form.getByLabel('From', { exact: true }).fill('70');
    await form.getByLabel('To', { exact: true }).fill('90');
    await form.getByLabel('Target date').fill(lastDay(6));
    await form.getByLabel('Reported').selectOption('quarterly');
    await form.getByLabel('Reporter’s e-mail').fill('Analyst@Police.example');
    await form.getByRole('button', { name: 'Add the measure' }).click();
    const m3 = page.getByRole('article', { name: 'M3: Strategy discussions with health present' });
    await m3.waitFor();
    await expect(page.locator('#measures-body > p[role="status"]').textContent()).resolves.toBe(
      'Added M3: Strategy discussions with health present.',
    );
    await expect(m3.locator('..').locator('h3').first().textContent()).resolves.toMatch(/^AFI2: /);
    await expect(
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document
            .activeElement?.id,
      ),
    ).resolves.toBe('measure-M3-name');
    const facts = await m3.locator('.measure-facts').textContent();
    expect(facts).toContain('best between 70% and 90%');
    expect(facts).toContain('quarterly by analyst@police.example');
    expect(facts).toContain('How well did we do it?');
    expect(facts).toContain('2.1, 2.2');
    const stored = (await measuresNow()).measures.find((m) => m.id === 'M3')!;
    expect(stored).toMatchObject({
      areaId: 'AFI2',
      actionIds: ['2.1', '2.2'],
      unit: 'percentage',
      better: 'within',
      range: { low: 70, high: 90 },
      baseline: { value: 60, date: lastDay(-2) },
      target: { value: 40, date: lastDay(6) },
      frequency: 'quarterly',
      reporter: 'analyst@police.example',
      kind: 'how-well',
      source: 'MASH log',
    });

    // Changing it: the form comes filled in with what is stored; the new name is shown once saved.
    await m3.locator('.measure-change > summary').click();
    const change = page.getByRole('form', { name: 'Change the definition of M3' });
    await expect(change.getByLabel('From', { exact: true }).inputValue()).resolves.toBe('70');
    await expect(change.getByLabel('Reported').inputValue()).resolves.toBe('quarterly');
    await change.getByLabel('Name').fill('Strategy discussions with police and health present');
    await change.getByRole('button', { name: 'Save the changes' }).click();
    await page
      .getByRole('article', { name: 'M3: Strategy discussions with police and health present' })
      .waitFor();
    await expect(page.locator('#measures-body > p[role="status"]').textContent()).resolves.toBe(
      'Saved the changes to M3.',
    );
    expect(tab.problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
  }, 90_000);
});
