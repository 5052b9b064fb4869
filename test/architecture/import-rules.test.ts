/**
 * `npm run lint` runs dependency-cruiser over src/ with .dependency-cruiser.cjs. A rule whose pattern no
 * longer matches anything would pass forever, so this plants one breach of every rule (and every allowed
 * exception beside it) in a scratch project and checks that exactly the breaches are reported.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../support/processes';

const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** File → source. Comments say which rule the import breaks, or why it is allowed. */
const PLANTED: Record<string, string> = {
  'src/domain/plan.ts': 'export const plan = 1;\n',
  'src/domain/rule.ts': `
    import { plan } from './plan'; // allowed: the domain imports itself
    import { readFileSync } from 'node:fs'; // domain-is-pure
    import { table } from '../storage/tables'; // domain-is-pure
    export const rule = [plan, readFileSync, table];`,
  'src/domain/cycle-a.ts': "import { b } from './cycle-b';\nexport const a = () => b;\n",
  'src/domain/cycle-b.ts': "import { a } from './cycle-a';\nexport const b = () => a;\n",
  // A loop of types alone is still a loop: no-cycles
  'src/domain/type-cycle-a.ts': "import type { B } from './type-cycle-b';\nexport interface A { b?: B }\n",
  'src/domain/type-cycle-b.ts': "import type { A } from './type-cycle-a';\nexport interface B { a?: A }\n",

  'src/usecases/run.ts': `
    import { createHash } from 'node:crypto'; // allowed: hashing is not I/O
    import { plan } from '../domain/plan'; // allowed
    import { handler } from '../bot/handler'; // usecases-see-only-the-domain
    import { demo } from '../demo/plan'; // usecases-keep-out-of-the-demo
    export const run = [createHash, plan, handler, demo];`,
  'src/usecases/plans/seed-demo-plan.ts': `
    import { demo } from '../../demo/plan'; // the one tolerated exception
    export const seed = demo;`,

  'src/storage/tables.ts': `
    import { TableClient } from '@azure/data-tables'; // allowed: storage holds the Azure SDKs
    import { run } from '../usecases/run'; // allowed: storage implements the use cases' ports
    import { handler } from '../bot/handler'; // storage-keeps-out-of-other-adapters
    export const table = [TableClient, run, handler];`,
  'src/bot/handler.ts': `
    import { TurnContext } from 'botbuilder'; // allowed: botbuilder lives here
    import { card } from '../cards/card'; // allowed: ADAPTER_USES bot → cards
    export const handler = [TurnContext, card];`,
  'src/cards/card.ts': `
    import { log } from '../support/log'; // allowed: support is for everyone
    import { gone } from './missing'; // imports-resolve
    export const card = [log, gone];`,
  'src/http/server.ts': `
    import { ActivityHandler } from 'botbuilder'; // botbuilder-only-in-bot
    import { report } from '../reports/report'; // allowed: ADAPTER_USES http → reports
    import { main } from '../app/main'; // nothing-imports-the-composition-root
    import { settings } from '../app/config'; // nothing-imports-the-composition-root
    export const server = [ActivityHandler, report, main, settings];`,
  'src/domain/access-policy.ts': 'export const decide = () => true;\n',
  'src/usecases/access/access.ts': `
    import { decide } from '../../domain/access-policy'; // allowed: the one entry asks the policy
    export const entry = decide;`,
  'src/http/rogue.ts': `
    import { decide } from '../domain/access-policy'; // access-only-through-the-entry
    import { entry } from '../usecases/access/access'; // allowed: surfaces ask the entry
    export const rogue = [decide, entry];`,
  'src/http/types.ts': `
    import type { Settings } from '../app/config'; // nothing-imports-the-composition-root: not even a type
    export type Server = Settings;`,
  'src/http/dashboard-api/api-types.ts':
    'export interface TabMe { name: string }\nexport const version = 1;\n',
  'src/reports/report.ts': `
    import { BlobClient } from '@azure/storage-blob'; // azure-sdks-only-in-storage-and-app
    import { write } from '../spreadsheets/write'; // allowed: ADAPTER_USES reports → spreadsheets
    export const report = [BlobClient, write];`,
  'src/spreadsheets/write.ts': `
    import JSZip from 'jszip'; // no-dev-dependencies-at-run-time
    export const write = JSZip;`,
  'src/app-package/zip.ts': `
    import JSZip from 'jszip'; // allowed: npm run package runs on a developer machine
    export const zip = JSZip;`,
  'src/demo/plan.ts': 'export const demo = 1;\n',
  'src/demo/breach.ts': `
    import { cli } from '../cli/index'; // nothing-imports-the-cli, demo-keeps-out-of-other-adapters
    export const breach = cli;`,
  'src/calendar/holidays.ts': `
    import { page } from '../dashboard-page/app'; // nothing-imports-the-page, calendar-keeps-out-…
    export const holidays = page;`,
  'src/support/log.ts': `
    import { plan } from '../domain/plan'; // support-stands-alone
    export const log = plan;`,
  'src/usecases/newfeature/thing.ts': `
    import { plan } from '../../domain/plan'; // usecase-folders-have-a-layer: newfeature is in no layer
    export const thing = plan;`,
  'src/app/config.ts': 'export interface Settings { port: number }\nexport const settings = { port: 1 };\n',
  'src/app/main.ts': `
    import { TelemetryClient } from '@azure/monitor-opentelemetry'; // allowed: the composition starts telemetry
    import { handler } from '../bot/handler'; // allowed: the composition imports anything
    import { table } from '../storage/tables';
    export const main = [TelemetryClient, handler, table];`,
  'src/cli/index.ts': `
    import { settings } from '../app/config'; // allowed: the CLI is an entry point too
    import { table } from '../storage/tables'; // allowed: it opens the stores (until src/app composes)
    import { server } from '../http/server'; // cli-uses-no-server-surface
    export const cli = [settings, table, server];`,
  'src/dashboard-page/app.ts': `
    import type { TabMe } from '../http/dashboard-api/api-types.js'; // allowed: the API contract, types only
    import { version } from '../http/dashboard-api/api-types.js'; // dashboard-api-contract-is-types
    import { plan } from '../domain/plan'; // dashboard-page-speaks-only-the-api
    export const page: TabMe = { name: String([version, plan]) };`,
};

/**
 * For each layer of use-case folders (USECASE_LAYERS), a file in its first folder that imports its own
 * folder and the layer below (allowed) and a folder above it, or for the top layer one beside it
 * (usecase-folders-import-downwards). Every folder gets a plain module to be imported.
 */
const LAYERS = usecaseLayers();

function usecaseLayers(): string[][] {
  // The config keeps USECASE_LAYERS to itself (depcruise takes no other keys); read it back from the rules.
  const config = require(CONFIG) as { forbidden: { name: string; from: { path?: string } }[] };
  return config.forbidden
    .filter((rule) => rule.name === 'usecase-folders-import-downwards')
    .map((rule) => /\^src\/usecases\/\(([^)]*)\)\//.exec(rule.from.path ?? '')![1]!.split('|'));
}

function layerBreaches(): { files: Record<string, string>; expected: string[] } {
  const files: Record<string, string> = {};
  const expected: string[] = [];
  for (const folder of LAYERS.flat()) files[`src/usecases/${folder}/f.ts`] = 'export const f = 1;\n';
  LAYERS.forEach((folders, index) => {
    const [from, beside] = folders as [string, string | undefined];
    const above = index < LAYERS.length - 1 ? LAYERS.at(-1)![0]! : beside;
    if (above === undefined) return;
    const below = index > 0 ? LAYERS[index - 1]![0]! : undefined;
    files[`src/usecases/${from}/up.ts`] = [
      "import { f as own } from './f'; // allowed: its own folder",
      ...(below ? [`import { f as below } from '../${below}/f'; // allowed: the layer below`] : []),
      `import { f as above } from '../${above}/f'; // usecase-folders-import-downwards`,
      `export const up = [own, ${below ? 'below, ' : ''}above];`,
    ].join('\n');
    expected.push(
      `usecase-folders-import-downwards: src/usecases/${from}/up.ts → src/usecases/${above}/f.ts`,
    );
  });
  return { files, expected };
}

/** Each adapter's rule, broken by importing the demo plan, which no adapter has a reason to. */
const ADAPTER_BREACHES = ADAPTER_RULES().filter((rule) => rule !== 'demo-keeps-out-of-other-adapters');

function ADAPTER_RULES(): string[] {
  return ruleNames().filter((name) => name.endsWith('-keeps-out-of-other-adapters'));
}

function adapterOf(rule: string): string {
  return rule.slice(0, -'-keeps-out-of-other-adapters'.length);
}

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(files: Record<string, string>): string[] {
  const project = mkdtempSync(join(tmpdir(), 'import-rules-'));
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), source);
  }
  // The real package.json and packages, so npm and npm-dev dependencies resolve and are told apart.
  copyFileSync(join(ROOT, 'package.json'), join(project, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  const run = spawnSync(
    process.execPath,
    [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'json', '--no-progress'],
    { cwd: project, encoding: 'utf8', timeout: 120_000 },
  );
  if (run.error || !run.stdout) throw new Error(`depcruise did not run: ${run.error ?? run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations
    .map(({ rule, from, to }) => `${rule.name}: ${from} → ${packageOf(to)}`)
    .sort();
}

/** '../../x/node_modules/@azure/storage-blob/dist/index.js' → 'node_modules/@azure/storage-blob'. */
function packageOf(path: string): string {
  return path.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, 'node_modules/$1');
}

function ruleNames(): string[] {
  const config = require(CONFIG) as { forbidden: { name: string }[] };
  return config.forbidden.map((rule) => rule.name);
}

describe('the import rules (.dependency-cruiser.cjs)', () => {
  const breaches = Object.fromEntries(
    ADAPTER_BREACHES.map((rule) => [
      `src/${adapterOf(rule)}/breach.ts`,
      "import { demo } from '../demo/plan';\nexport const breach = demo;\n",
    ]),
  );
  const layers = layerBreaches();
  const violations = cruise({ ...PLANTED, ...breaches, ...layers.files });

  test('when every rule is broken once, then exactly those imports are reported, and no allowed one', () => {
    expect(violations).toEqual(
      [
        'access-only-through-the-entry: src/http/rogue.ts → src/domain/access-policy.ts',
        'azure-sdks-only-in-storage-and-app: src/reports/report.ts → node_modules/@azure/storage-blob',
        'botbuilder-only-in-bot: src/http/server.ts → node_modules/botbuilder',
        'calendar-keeps-out-of-other-adapters: src/calendar/holidays.ts → src/dashboard-page/app.ts',
        'cli-uses-no-server-surface: src/cli/index.ts → src/http/server.ts',
        'dashboard-api-contract-is-types: src/dashboard-page/app.ts → src/http/dashboard-api/api-types.ts',
        'dashboard-page-speaks-only-the-api: src/dashboard-page/app.ts → src/domain/plan.ts',
        'demo-keeps-out-of-other-adapters: src/demo/breach.ts → src/cli/index.ts',
        'domain-is-pure: src/domain/rule.ts → fs',
        'domain-is-pure: src/domain/rule.ts → src/storage/tables.ts',
        'imports-resolve: src/cards/card.ts → ./missing',
        'no-cycles: src/domain/cycle-a.ts → src/domain/cycle-b.ts',
        'no-cycles: src/domain/type-cycle-a.ts → src/domain/type-cycle-b.ts',
        'no-dev-dependencies-at-run-time: src/spreadsheets/write.ts → node_modules/jszip',
        'nothing-imports-the-cli: src/demo/breach.ts → src/cli/index.ts',
        'nothing-imports-the-composition-root: src/http/server.ts → src/app/config.ts',
        'nothing-imports-the-composition-root: src/http/server.ts → src/app/main.ts',
        'nothing-imports-the-composition-root: src/http/types.ts → src/app/config.ts',
        'nothing-imports-the-page: src/calendar/holidays.ts → src/dashboard-page/app.ts',
        'storage-keeps-out-of-other-adapters: src/storage/tables.ts → src/bot/handler.ts',
        'support-stands-alone: src/support/log.ts → src/domain/plan.ts',
        'usecases-keep-out-of-the-demo: src/usecases/run.ts → src/demo/plan.ts',
        'usecase-folders-have-a-layer: src/usecases/newfeature/thing.ts → src/domain/plan.ts',
        'usecases-see-only-the-domain: src/usecases/run.ts → src/bot/handler.ts',
        ...layers.expected,
        ...ADAPTER_BREACHES.map((rule) => `${rule}: src/${adapterOf(rule)}/breach.ts → src/demo/plan.ts`),
      ].sort(),
    );
  });

  test('when the rules are listed, then every one of them fires on the planted tree', () => {
    const fired = new Set(violations.map((line) => line.slice(0, line.indexOf(':'))));
    expect(ruleNames().filter((name) => !fired.has(name))).toEqual([]);
  });
});
