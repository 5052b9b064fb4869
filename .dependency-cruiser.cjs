/**
 * The direction of imports is the architecture (README: "How the code is laid out"); `npm run lint`
 * runs `depcruise src` with these rules, so CI fails on the first import against them.
 *
 *   domain ← usecases ← adapters ← src/app (composition) and src/cli (entry point)
 *
 * test/architecture/import-rules.test.ts plants a breach of each rule in a scratch tree and checks that
 * it is reported, so a rule that stopped matching anything would fail a test instead of passing quietly.
 * test/domain/architecture.test.ts also keeps the domain off the clock, which no import rule can see.
 */

/** The edge: each talks to one outside thing, through the ports and use cases. */
const ADAPTERS = [
  'storage',
  'bot',
  'http',
  'cards',
  'email',
  'reports',
  'spreadsheets',
  'calendar',
  'app-package',
  'demo',
];

/**
 * The only places one adapter uses another, each for a reason:
 * - bot → cards: the bot answers (and the proactive sender reminds) with Adaptive Cards; building them
 *   lives in cards/, free of botbuilder, so a card can be tested and previewed without a turn.
 * - http → reports, spreadsheets: the dashboard's downloads and the signed report links serve the same
 *   files the CLI writes, rendered in one place.
 * - reports → spreadsheets: the progress report's XLSX and CSV are written by the one spreadsheet writer
 *   (formula-injection guard, byte-order mark).
 * - http → cards: the e-mail update page tells a card press's outcome in the card's own words
 *   (cards/card-action-answer.ts presentOutcome), so the page and the card never disagree.
 */
const ADAPTER_USES = {
  bot: ['cards'],
  http: ['reports', 'spreadsheets', 'cards'],
  reports: ['spreadsheets'],
};

/** What an adapter may not import: the other adapters, bar those ADAPTER_USES names, and the entry points. */
const forbiddenFor = (adapter) => [
  ...ADAPTERS.filter((other) => other !== adapter && !(ADAPTER_USES[adapter] ?? []).includes(other)),
  'cli',
  'dashboard-page',
];

/**
 * The use-case folders (src/usecases/<feature>/), bottom first. A folder imports its own files and the
 * folders in the layers below it, never a folder beside it or above it, so features stay separable and no
 * two of them end up in one loop (chat ↔ updates ↔ reminders, delivery ↔ updates, as they once were).
 * The order is what the imports said when the rule was written, straightened where they ran in circles:
 * - ports, then access (the one place who may do what is decided, for every surface: it needs only the
 *   clock's port), then shared: the interfaces the use cases declare, and the helpers and types several features
 *   share (concurrency, the latest note, the action card's view, the person asking, and the first step
 *   and typed outcome of every change to a plan, which admin, people and plans all take);
 * - delivery: sending a message once, through a channel, which every feature that tells people uses;
 * - the features that tell or record one thing: people, moderation, rounds, digests, groups, reminders;
 * - what builds on them: reports (over rounds), updates (a card press snoozes, agrees a rating, announces);
 * - what runs them: chat answers commands, the sweep (reminders, escalations, the outbox) runs on the
 *   clock, plans imports and seeds whole plans;
 * - retention (exports a plan before it deletes it), then the dashboard and admin on top.
 * A new folder goes into a layer here; until it does, usecase-folders-have-a-layer reports it.
 */
const USECASE_LAYERS = [
  ['ports'],
  ['access'],
  ['shared'],
  ['delivery'],
  ['people', 'moderation', 'rounds', 'digests', 'groups', 'reminders', 'measures'],
  ['reports', 'updates'],
  ['sweep', 'chat', 'plans'],
  ['retention'],
  ['admin', 'dashboard'],
];

/** The folders a folder in layer `index` may not import: its own layer (bar itself) and every layer above. */
const notBelow = (index) => USECASE_LAYERS.slice(index).flat();

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'A cycle makes load order matter and the layers meaningless; extract what both sides need. Type ' +
        'imports count too: they are erased at compile time, but a loop of types is still two modules that ' +
        'cannot be read, changed or moved one without the other.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'src/domain imports only src/domain: no SDK, no Node module, no I/O, so every rule is a plain function ' +
        'of its inputs (time included: it is passed in).',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'usecases-see-only-the-domain',
      severity: 'error',
      comment:
        'src/usecases import src/domain and each other, and reach storage, Teams and the clock only through the ' +
        'ports they declare (src/usecases/ports). node:crypto is allowed: hashing is computation, not I/O.',
      from: { path: '^src/usecases/' },
      // src/demo is left to the next rule, which knows the one exception.
      to: { pathNot: ['^src/(domain|usecases|demo)/', '^(node:)?crypto$'] },
    },
    {
      name: 'usecases-keep-out-of-the-demo',
      severity: 'error',
      comment:
        'Known breach, to be removed: usecases/plans/seed-demo-plan.ts imports the demo plan from src/demo. The ' +
        'composition (src/app) should hand the plan to the use case. Only that one import is tolerated.',
      from: { path: '^src/usecases/', pathNot: '^src/usecases/plans/seed-demo-plan\\.ts$' },
      to: { path: '^src/demo/' },
    },
    ...ADAPTERS.map((adapter) => ({
      name: `${adapter}-keeps-out-of-other-adapters`,
      severity: 'error',
      comment:
        `src/${adapter} imports src/usecases, src/domain and src/support, not the insides of other adapters ` +
        '(the exceptions, with their reasons, are ADAPTER_USES at the top of this file).',
      from: { path: `^src/${adapter}/` },
      to: { path: `^src/(${forbiddenFor(adapter).join('|')})/` },
    })),
    {
      name: 'access-only-through-the-entry',
      severity: 'error',
      comment:
        'Who may do what is decided once per request, by src/usecases/access, which supplies today in the ' +
        "plan's time zone (a delegate's cover depends on it). A surface that asked src/domain/access-policy.ts " +
        'itself could leave the date out or decide by its own rules; it asks the entry, which re-exports the ' +
        'types it needs (Decision, DenialReason, AccessDeniedError). The words (access-words.ts) are free to all.',
      from: { path: '^src/', pathNot: '^src/(domain|usecases/access)/' },
      to: { path: '^src/domain/access-policy\\.ts$' },
    },
    {
      name: 'nothing-imports-the-composition-root',
      severity: 'error',
      comment:
        'src/app wires everything together; only src/app and src/cli (the other entry point) import it. ' +
        'Not even for a type: an adapter declares the slice of the configuration it needs (StorageConfig in ' +
        'storage/open-stores.ts, BotAuthConfig in bot/adapter.ts) and src/app passes its config in.',
      from: { pathNot: '^src/(app|cli)/' },
      to: { path: '^src/app/' },
    },
    ...USECASE_LAYERS.map((folders, index) => ({
      name: 'usecase-folders-import-downwards',
      severity: 'error',
      comment:
        `src/usecases/{${folders.join(',')}} import their own folder and the layers below them in ` +
        'USECASE_LAYERS (top of this file), not a folder beside or above them.',
      from: { path: `^src/usecases/(${folders.join('|')})/` },
      to: { path: `^src/usecases/(${notBelow(index).join('|')})/`, pathNot: '^src/usecases/$1/' },
    })),
    {
      name: 'usecase-folders-have-a-layer',
      severity: 'error',
      comment:
        'Every use-case folder has its place in USECASE_LAYERS, so the direction rule above sees it; a ' +
        'folder missing from the list could import anything.',
      from: { path: '^src/usecases/[^/]+/', pathNot: `^src/usecases/(${USECASE_LAYERS.flat().join('|')})/` },
      to: {},
    },
    {
      name: 'nothing-imports-the-cli',
      severity: 'error',
      comment: 'src/cli is an entry point: it calls use cases; nothing calls it.',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'cli-uses-no-server-surface',
      severity: 'error',
      comment:
        'src/cli may compose like src/app (stores, the bot notifier, the calendar) and write what reports/, ' +
        'spreadsheets/ and app-package/ render, but it has no use for the HTTP surface, the cards or the demo.',
      from: { path: '^src/cli/' },
      to: { path: '^src/(http|cards|demo|dashboard-page)/' },
    },
    {
      name: 'support-stands-alone',
      severity: 'error',
      comment:
        'src/support holds cross-cutting helpers (logger, correlation, project root) that any layer may use.',
      from: { path: '^src/support/' },
      to: { path: '^src/', pathNot: '^src/support/' },
    },
    {
      name: 'dashboard-page-speaks-only-the-api',
      severity: 'error',
      comment:
        'src/dashboard-page runs in the browser: it knows the server only through the API contract ' +
        '(src/http/dashboard-api/api-types.ts; for the plan management page admin-types.ts and admin-rounds-types.ts; for the import ' +
        'page import-types.ts; for the moderation page moderation-types.ts; types only) and uses only browser packages.',
      from: { path: '^src/dashboard-page/' },
      to: {
        pathNot: [
          '^src/dashboard-page/',
          '^src/http/dashboard-api/api-types\\.ts$',
          '^src/http/dashboard-api/admin-types\\.ts$',
          '^src/http/dashboard-api/admin-groups-types\\.ts$',
          '^src/http/dashboard-api/admin-rounds-types\\.ts$',
          '^src/http/dashboard-api/import-types\\.ts$',
          '^src/http/dashboard-api/moderation-types\\.ts$',
          'node_modules/(@microsoft/teams-js|chart\\.js)/',
        ],
      },
    },
    {
      name: 'dashboard-api-contract-is-types',
      severity: 'error',
      comment: 'The page compiles separately (tsconfig.tab.json); a value import would pull server code in.',
      from: { path: '^src/dashboard-page/' },
      to: { path: '^src/http/dashboard-api/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'nothing-imports-the-page',
      severity: 'error',
      comment: 'The server serves the built page as static files (dist/tab); it never imports it.',
      from: { pathNot: '^src/dashboard-page/' },
      to: { path: '^src/dashboard-page/' },
    },
    {
      name: 'botbuilder-only-in-bot',
      severity: 'error',
      comment: 'The Bot Framework SDK stays inside src/bot, so everything else is testable without a turn.',
      from: { pathNot: '^src/bot/' },
      to: { path: 'node_modules/(botbuilder|botbuilder-[^/]+|botframework-[^/]+)/' },
    },
    {
      name: 'azure-sdks-only-in-storage-and-app',
      severity: 'error',
      comment:
        '@azure/* (Tables, Blob, identity) live in src/storage behind the ports; src/app also starts the ' +
        'Application Insights telemetry (@azure/monitor-opentelemetry).',
      from: { pathNot: '^src/(storage|app)/' },
      to: { path: 'node_modules/@azure/' },
    },
    {
      name: 'no-dev-dependencies-at-run-time',
      severity: 'error',
      comment:
        'A production install omits devDependencies. src/app-package is the exception: it builds the Teams ' +
        'app package on a developer machine (npm run package) with jszip and ajv.',
      from: { path: '^src/', pathNot: '^src/(app-package|dashboard-page)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'imports-resolve',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Our code only: what a package imports inside itself is not our architecture (and takes minutes).
    // (Not `exclude`: that would drop the packages themselves, and the rules about them could never fire.)
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a domain file importing a type from an SDK still depends on it.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'import', 'default', 'types'],
      // Type-only imports of packages that ship types alone still resolve.
      mainFields: ['main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
