/**
 * The Bicep in infra/ cannot be compiled here (no bicep or az binary), so it is checked as text: the
 * Web App sets exactly the settings the app reads, storage and the Web App keep their security
 * settings, and the files agree with each other and with the code.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { SETTING_NAMES } from '../../src/app/config';
import { LEASE_CONTAINER } from '../../src/storage/blob-lease';
import { TABLE_NAMES } from '../../src/storage/table-clients';
import {
  type AppSetting,
  appSettings,
  type BicepResource,
  bicepparamNames,
  modulePaths,
  outputs,
  params,
  property,
  readBicepTree,
  resourceHeader,
  resources,
  stringArrayVar,
  stripComments,
} from './bicep-text';

const ROOT = join(__dirname, '..', '..');
const INFRA = join(ROOT, 'infra');

/** Settings App Service itself reads; the app never does. */
const PLATFORM_SETTINGS = ['SCM_DO_BUILD_DURING_DEPLOYMENT', 'WEBSITE_NODE_DEFAULT_VERSION'];

/** Without these the app either does not start in Azure or starts without being able to do its job. */
const REQUIRED_IN_PRODUCTION = [
  'STORAGE_ACCOUNT_URL',
  // Where the sweeper lease is: without it no instance would run the scheduled jobs.
  'STORAGE_BLOB_URL',
  'AZURE_CLIENT_ID',
  'MicrosoftAppId',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'PUBLIC_HOSTNAME',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'ALLOWED_TENANTS',
  // One key for every instance: a per-process random one breaks report links across instances.
  'LINK_SIGNING_SECRET',
];

/**
 * Settings the app reads that the Bicep deliberately leaves unset, and why. A setting added to
 * src/config.ts fails this test until someone sets it in infra/ or gives a reason here.
 */
const NOT_SET_IN_AZURE: Record<string, string> = {
  PORT: 'set by the platform: App Service tells the app which port to listen on',
  HOST: 'defaults to 0.0.0.0 when MicrosoftAppId is set, which it always is in Azure',
  STORAGE_CONNECTION_STRING: 'shared keys are disabled on the account; the app uses STORAGE_ACCOUNT_URL',
  DATA_DIR: 'only for the embedded Azurite, which never runs in Azure',
  SWEEP_SCHEDULE: 'the default, every five minutes, is right',
  CLOCK_START: 'for local use only; the config refuses it with an app id',
  RATE_LIMIT_PER_MINUTE: 'the default, 120 requests a minute per person, is far above what a person does',
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE:
    'the default, 600 a minute per address on each surface, leaves room for a council behind one proxy',
  RETENTION_DAYS:
    'the default, a year after a plan closes, suits most partnerships; set it to your retention schedule',
};

const STORAGE_TABLE_DATA_CONTRIBUTOR = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3';
const STORAGE_BLOB_DATA_CONTRIBUTOR = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';
const KEY_VAULT_SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';
const MONITORING_METRICS_PUBLISHER = '3913510d-42f4-4e42-8a64-420c390055eb';

/** The .bicep files as written, comments and all: descriptions are strings, but comments explain too. */
function readBicepTreeRaw(): string[] {
  return [...files.keys()].map((file) => readFileSync(join(INFRA, file), 'utf8'));
}

const files = readBicepTree(INFRA);
const main = files.get('main.bicep') ?? '';
const allResources = [...files.values()].flatMap(resources);
const settingsByFile = [...files].flatMap(([file, text]) =>
  appSettings(text).map((setting) => ({ ...setting, file })),
);
const settingNames = settingsByFile.map((s) => s.name);

function setting(name: string): (AppSetting & { file: string }) | undefined {
  return settingsByFile.find((s) => s.name === name);
}

/** The role assignment granting the role with this GUID (inline, or through an existing roleDefinitions resource). */
function assignmentOf(roleId: string): BicepResource {
  const found = allResources.filter((r) => {
    if (r.type !== 'Microsoft.Authorization/roleAssignments') return false;
    const roleDefinitionId = property(r.body, 'roleDefinitionId') ?? '';
    const referenced = allResources.find(
      (d) => d.type === 'Microsoft.Authorization/roleDefinitions' && roleDefinitionId === `${d.symbol}.id`,
    );
    return (referenced ? (property(referenced.body, 'name') ?? '') : roleDefinitionId).includes(roleId);
  });
  expect(found).toHaveLength(1);
  return found[0]!;
}

function theResource(type: string): BicepResource {
  const found = allResources.filter((r) => r.type === type && !r.existing);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('the Web App settings in infra/', () => {
  it('when the Bicep is read, then the app settings are found in it', () => {
    expect(main).not.toBe('');
    expect(settingNames.length).toBeGreaterThan(REQUIRED_IN_PRODUCTION.length);
  });

  it('when the Bicep sets a setting, then the app or App Service reads it', () => {
    const unread = settingNames.filter(
      (name) => !SETTING_NAMES.includes(name) && !PLATFORM_SETTINGS.includes(name),
    );
    expect(unread).toEqual([]);
  });

  it('when a setting is set, then it is set once', () => {
    const twice = settingNames.filter((name, i) => settingNames.indexOf(name) !== i);
    expect(twice).toEqual([]);
  });

  it('when the app needs a setting in production, then the Bicep sets it', () => {
    expect(REQUIRED_IN_PRODUCTION.filter((name) => !settingNames.includes(name))).toEqual([]);
  });

  it('when the app reads a setting, then the Bicep sets it or says why it does not', () => {
    const undecided = SETTING_NAMES.filter(
      (name) => !settingNames.includes(name) && !Object.hasOwn(NOT_SET_IN_AZURE, name),
    );
    expect(undecided).toEqual([]);
  });

  it('when a setting is listed as deliberately unset, then the app reads it and the Bicep does not set it', () => {
    const listed = Object.keys(NOT_SET_IN_AZURE);
    expect(listed.filter((name) => !SETTING_NAMES.includes(name))).toEqual([]);
    expect(listed.filter((name) => settingNames.includes(name))).toEqual([]);
  });

  it('when a setting holds a secret, then its value is a Key Vault reference, never the secret itself', () => {
    const secrets = settingsByFile.filter((s) => /password|secret/i.test(s.name));
    expect(secrets.map((s) => s.name).sort()).toEqual(
      ['LINK_SIGNING_SECRET', 'MicrosoftAppPassword', 'SMTP_PASSWORD'].sort(),
    );
    const notReferences = secrets.filter((s) => {
      const file = files.get(s.file)!;
      // The value is a variable (or a choice of one and '') holding @Microsoft.KeyVault(SecretUri=...).
      const names = [...s.value.matchAll(/\b([A-Za-z_]\w*Reference)\b/g)].map((m) => m[1]!);
      return (
        names.length === 0 ||
        names.some(
          (name) =>
            !new RegExp(
              `^\\s*var\\s+${name}\\s*=\\s*'@Microsoft\\.KeyVault\\(SecretUri=\\$\\{keyVaultUri\\}secrets/`,
              'm',
            ).test(file),
        )
      );
    });
    expect(notReferences.map((s) => s.name)).toEqual([]);
    // No secret value reaches the Web App module at all: the vault module holds every @secure() one.
    const web = files.get('modules/web.bicep')!;
    expect(params(web).filter((p) => p.decorators.includes('secure'))).toEqual([]);
    expect(property(theResource('Microsoft.Web/sites').body, 'keyVaultReferenceIdentity')).toBe('identityId');
  });

  it('when the link signing key is deployed, then it is generated once into Key Vault and kept by later deployments', () => {
    // No fresh GUID becomes the key on every deployment (which ended every link made before it).
    const linkParam = params(main).find((p) => p.name === 'linkSigningSecret');
    expect(linkParam?.decorators).toContain('secure');
    expect(linkParam?.defaultValue).toBe("''");
    const vault = files.get('modules/keyvault.bicep') ?? '';
    const secret = resources(vault).find(
      (r) =>
        r.type === 'Microsoft.KeyVault/vaults/secrets' &&
        property(r.body, 'name') === 'secretNames.linkSigning',
    );
    expect(secret).toBeDefined();
    // Written only when a value is passed (a rotation) or none was generated before (the first deployment).
    expect(resourceHeader(vault, secret!.symbol)).toMatch(
      /= if \(!empty\(linkSigningSecret\) \|\| generateLinkSigningSecret\) \{$/,
    );
    expect(main).toMatch(/^\s*generateLinkSigningSecret: !linkSigningSecretGenerated$/m);
    const marker = theResource('Microsoft.Resources/tags');
    expect(resourceHeader(main, marker.symbol)).toContain('if (!linkSigningSecretGenerated)');
  });

  it('when code is zip-deployed, then App Service installs and builds it', () => {
    expect(setting('SCM_DO_BUILD_DURING_DEPLOYMENT')?.value).toBe("'true'");
  });

  it('when the app runs in Azure, then it logs at info, runs the scheduler and loads no demo plan', () => {
    expect(setting('LOG_LEVEL')?.value).toBe("'info'");
    expect(setting('SCHEDULER')?.value).toBe("'on'");
    expect(setting('DEMO_PLAN')?.value).toBe("'off'");
  });
});

describe('the resources in infra/', () => {
  it('when the storage account is created, then it refuses shared keys, public blobs and old TLS', () => {
    const storage = theResource('Microsoft.Storage/storageAccounts').body;
    expect(property(storage, 'allowSharedKeyAccess')).toBe('false');
    expect(property(storage, 'allowBlobPublicAccess')).toBe('false');
    expect(property(storage, 'minimumTlsVersion')).toBe("'TLS1_2'");
    expect(property(storage, 'supportsHttpsTrafficOnly')).toBe('true');
    expect(property(storage, 'kind')).toBe("'StorageV2'");
  });

  it('when the Web App is created, then it is HTTPS only, TLS 1.2, Always On, Node 20 and health-checked', () => {
    const site = theResource('Microsoft.Web/sites').body;
    expect(property(site, 'httpsOnly')).toBe('true');
    expect(property(site, 'minTlsVersion')).toBe("'1.2'");
    expect(property(site, 'alwaysOn')).toBe('true');
    expect(property(site, 'ftpsState')).toBe("'Disabled'");
    expect(property(site, 'http20Enabled')).toBe('true');
    expect(property(site, 'linuxFxVersion')).toBe("'NODE|20-lts'");
    expect(property(site, 'healthCheckPath')).toBe("'/readyz'");
    expect(property(site, 'type')).toBe("'UserAssigned'");
  });

  it('when the identity is given storage access, then it is Storage Table Data Contributor on the account', () => {
    const assignment = assignmentOf(STORAGE_TABLE_DATA_CONTRIBUTOR);
    expect(property(assignment.body, 'principalType')).toBe("'ServicePrincipal'");
    expect(property(assignment.body, 'scope')).toBe(theResource('Microsoft.Storage/storageAccounts').symbol);
    expect(property(assignment.body, 'name')).toMatch(/^guid\(/);
  });

  it('when the identity is given the lease, then it is Storage Blob Data Contributor on the lease container only', () => {
    const container = theResource('Microsoft.Storage/storageAccounts/blobServices/containers');
    // Named by a parameter the storage module gets from main.bicep's one literal, the app's LEASE_CONTAINER.
    expect(property(container.body, 'name')).toBe('leaseContainerName');
    expect(main).toMatch(/^\s*leaseContainerName: leaseContainerName$/m);
    expect(/^\s*var leaseContainerName = '([^']*)'/m.exec(main)?.[1]).toBe(LEASE_CONTAINER);
    expect(property(container.body, 'publicAccess')).toBe("'None'");
    const assignment = assignmentOf(STORAGE_BLOB_DATA_CONTRIBUTOR);
    expect(property(assignment.body, 'scope')).toBe(container.symbol);
    expect(property(assignment.body, 'principalType')).toBe("'ServicePrincipal'");
    expect(property(assignment.body, 'name')).toMatch(/^guid\(/);
    // Nothing else: the two storage roles, reading the vault's secrets and publishing telemetry (below).
    expect(allResources.filter((r) => r.type === 'Microsoft.Authorization/roleAssignments')).toHaveLength(4);
  });

  it('when storage is reached, then only through the App Service subnet (and listed operator addresses): every other network is refused', () => {
    const storage = theResource('Microsoft.Storage/storageAccounts').body;
    expect(property(storage, 'defaultAction')).toBe("'Deny'");
    expect(storage).toMatch(/virtualNetworkRules: \[\s*\{\s*id: subnetId\s+action: 'Allow'\s*\}\s*\]/);
    const subnet = files.get('modules/network.bicep') ?? '';
    expect(subnet).toMatch(/serviceName: 'Microsoft\.Web\/serverFarms'/);
    expect(subnet).toMatch(/service: 'Microsoft\.Storage'/);
    expect(subnet).toMatch(/service: 'Microsoft\.KeyVault'/);
    const site = theResource('Microsoft.Web/sites').body;
    expect(property(site, 'virtualNetworkSubnetId')).toBe('subnetId');
    expect(property(site, 'vnetRouteAllEnabled')).toBe('true');
    expect(main).toMatch(/^\s*subnetId: network\.outputs\.subnetId$/m);
  });

  it('when the Key Vault is created, then it is RBAC-only, purge-protected, closed to other networks, and the identity only reads secrets', () => {
    const vault = theResource('Microsoft.KeyVault/vaults').body;
    expect(property(vault, 'enableRbacAuthorization')).toBe('true');
    expect(property(vault, 'enablePurgeProtection')).toBe('true');
    expect(property(vault, 'defaultAction')).toBe("'Deny'");
    const assignment = assignmentOf(KEY_VAULT_SECRETS_USER);
    expect(property(assignment.body, 'scope')).toBe(theResource('Microsoft.KeyVault/vaults').symbol);
    expect(property(assignment.body, 'principalType')).toBe("'ServicePrincipal'");
  });

  it('when code is deployed, then basic (publishing profile) credentials are refused for SCM and FTP', () => {
    const policies = allResources.filter(
      (r) => r.type === 'Microsoft.Web/sites/basicPublishingCredentialsPolicies',
    );
    expect(policies.map((r) => property(r.body, 'name')).sort()).toEqual(["'ftp'", "'scm'"]);
    for (const policy of policies) expect(property(policy.body, 'allow')).toBe('false');
  });

  it('when telemetry is sent, then Application Insights accepts only Entra ID (local auth off) and the identity may publish', () => {
    const component = theResource('Microsoft.Insights/components').body;
    expect(property(component, 'DisableLocalAuth')).toBe('true');
    const assignment = assignmentOf(MONITORING_METRICS_PUBLISHER);
    expect(property(assignment.body, 'scope')).toBe(theResource('Microsoft.Insights/components').symbol);
  });

  it("when the allowed tenants are described, then empty is said to mean the bot's own tenant, not any tenant", () => {
    const raw = [...readBicepTreeRaw()].join('\n');
    expect(raw).not.toMatch(/empty (string )?allows any/i);
    const mainRaw = readFileSync(join(INFRA, 'main.bicep'), 'utf8');
    expect(mainRaw).toMatch(
      /@description\('[^\n]*Empty means only the tenant deployed into[^\n]*'\)\nparam allowedTenants /,
    );
  });

  it("when the sweeper lease is reached, then STORAGE_BLOB_URL is the account's blob endpoint", () => {
    expect(setting('STORAGE_BLOB_URL')?.value).toBe('storageBlobEndpoint');
    expect(main).toMatch(/storageBlobEndpoint: storage\.outputs\.blobEndpoint/);
    const storageModule = files.get('modules/storage.bicep') ?? '';
    expect(outputs(storageModule).get('blobEndpoint')).toContain('blobEndpoint');
    expect(storageModule).toMatch(/var blobEndpoint = storage\.properties\.primaryEndpoints\.blob/);
  });

  it('when nothing else is said, then everything is deployed to UK South', () => {
    expect(params(main).find((p) => p.name === 'location')?.defaultValue).toBe("'uksouth'");
  });

  it('when the app opens a table, then the Bicep creates it, with the table prefix', () => {
    const tableNames = [...files.values()].map((text) => stringArrayVar(text, 'tableNames')).find(Boolean);
    expect([...(tableNames ?? [])].sort()).toEqual([...TABLE_NAMES].sort());
    const tables = theResource('Microsoft.Storage/storageAccounts/tableServices/tables');
    const file = [...files.values()].find((text) => text.includes(`resource ${tables.symbol} `))!;
    const loop = /\[for\s+(\w+)\s+in\s+tableNames\s*:/.exec(resourceHeader(file, tables.symbol));
    expect(loop).not.toBeNull();
    expect(property(tables.body, 'name')).toBe(`'\${tablePrefix}\${${loop![1]}}'`);
    expect(setting('TABLE_PREFIX')?.value).toBe('tablePrefix');
  });

  it('when the bot is registered, then it is an Azure Bot on Teams, using the managed identity by default', () => {
    const bot = theResource('Microsoft.BotService/botServices');
    expect(property(bot.body, 'kind')).toBe("'azurebot'");
    const channel = theResource('Microsoft.BotService/botServices/channels');
    expect(property(channel.body, 'name')).toBe("'MsTeamsChannel'");
    const msaAppType = params(main).find((p) => p.name === 'msaAppType');
    expect(msaAppType?.defaultValue).toBe("'UserAssignedMSI'");
    expect(main).toMatch(/endpoint: 'https:\/\/\$\{web\.outputs\.hostName\}\/api\/messages'/);
  });

  it('when a resource is declared, then it uses a stable (not preview) API version', () => {
    const previews = allResources.filter((r) => r.apiVersion.includes('preview')).map((r) => r.type);
    expect(previews).toEqual([]);
  });
});

describe('the files in infra/ agree', () => {
  it('when main.bicep uses a module, then the module file exists', () => {
    const paths = modulePaths(main);
    expect(paths.length).toBeGreaterThan(0);
    const missing = paths.filter((path) => !existsSync(join(INFRA, path)));
    expect(missing).toEqual([]);
    for (const path of paths) expect(files.has(posix.normalize(path))).toBe(true);
  });

  it('when main.parameters.json gives a parameter, then main.bicep declares it', () => {
    const file = JSON.parse(readFileSync(join(INFRA, 'main.parameters.json'), 'utf8')) as {
      parameters: Record<string, unknown>;
    };
    const declared = params(main).map((p) => p.name);
    expect(Object.keys(file.parameters).filter((name) => !declared.includes(name))).toEqual([]);
    const required = params(main).filter(
      (p) => p.defaultValue === undefined && !p.decorators.includes('secure'),
    );
    expect(required.map((p) => p.name).filter((name) => !(name in file.parameters))).toEqual([]);
  });

  it('when main.bicepparam sets a parameter, then main.bicep declares it', () => {
    const path = join(INFRA, 'main.bicepparam');
    if (!existsSync(path)) return;
    const text = stripComments(readFileSync(path, 'utf8'));
    expect(text).toMatch(/^\s*using\s+'\.\/main\.bicep'/m);
    const declared = params(main).map((p) => p.name);
    expect(bicepparamNames(text).filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('when a Bicep file declares a parameter, then it describes it', () => {
    const undescribed = [...files].flatMap(([file, text]) =>
      params(text)
        .filter((p) => !p.decorators.includes('description'))
        .map((p) => `${file}: ${p.name}`),
    );
    expect(undescribed).toEqual([]);
  });

  it('when the deployment finishes, then its outputs give what deploying the code and the Teams package need', () => {
    const names = [...outputs(main).keys()];
    for (const name of [
      'webAppName',
      'webAppHostName',
      'botEndpoint',
      'botAppId',
      'tenantId',
      'storageTableEndpoint',
      'storageBlobEndpoint',
      'managedIdentityClientId',
      'appInsightsName',
    ]) {
      expect(names).toContain(name);
    }
    // `npm run package` fills the manifest's placeholders from settings of the same names; version
    // comes from package.json.
    const template = readFileSync(join(ROOT, 'manifest', 'manifest.template.json'), 'utf8');
    const placeholders = new Set([...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!));
    placeholders.delete('version');
    expect(placeholders.size).toBeGreaterThan(0);
    for (const placeholder of placeholders) expect(names).toContain(placeholder);
  });

  it('when the deployment finishes, then no output holds a secret', () => {
    const secretParams = [...files.values()].flatMap((text) =>
      params(text)
        .filter((p) => p.decorators.includes('secure'))
        .map((p) => p.name),
    );
    const leaking = [...files].flatMap(([file, text]) =>
      [...outputs(text)]
        .filter(
          ([name, value]) =>
            /password|secret|connectionstring|listkeys/i.test(`${name} ${value}`) ||
            secretParams.some((secret) => new RegExp(`\\b${secret}\\b`).test(value)),
        )
        .map(([name]) => `${file}: ${name}`),
    );
    expect(leaking).toEqual([]);
  });
});

describe('the Bicep text reader', () => {
  it('when a setting is commented out, then it does not count', () => {
    const text = stripComments(
      "var s = [\n  {\n    name: 'A'\n    value: 'https://x/y' // not a comment start in the string\n  }\n  // {\n  //   name: 'B'\n  //   value: 'b'\n  // }\n  /* {\n    name: 'C'\n    value: 'c'\n  } */\n]\n",
    );
    expect(appSettings(text)).toEqual([{ name: 'A', value: "'https://x/y'" }]);
  });

  it('when a decorator spans several lines, then the parameter still has it and the ones above it', () => {
    const text =
      "@description('It\\'s (really) one')\n@allowed([\n  'a'\n  'b'\n])\nparam p string = 'a'\n\nparam q int\n";
    expect(params(text)).toEqual([
      { name: 'p', type: 'string', defaultValue: "'a'", decorators: ['description', 'allowed'] },
      { name: 'q', type: 'int', defaultValue: undefined, decorators: [] },
    ]);
  });

  it('when a resource body holds strings with braces, then the body still ends at its own brace', () => {
    const text = `resource r 'A/b@2024-01-01' = {\n  name: '\${x}-}'\n  properties: {\n    y: true\n  }\n}\noutput o string = r.id\n`;
    const [found] = resources(text);
    expect(found?.symbol).toBe('r');
    expect(found?.body).not.toContain('output');
    expect(property(found!.body, 'y')).toBe('true');
  });
});
