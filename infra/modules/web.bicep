// The Linux App Service that runs the bot, with exactly the settings the app reads in production.
// test/infra checks every setting named here against SETTING_NAMES in src/config.ts.

@description('Name of the App Service plan.')
param planName string

@description('Name of the Web App; its host name is <name>.azurewebsites.net.')
param webAppName string

@description('Azure region for the plan and the Web App.')
param location string

@description('App Service plan SKU, Basic or higher (Always On needs it).')
param sku string

@description('Number of instances the plan runs.')
param instanceCount int

@description('Resource id of the user-assigned managed identity attached to the Web App.')
param identityId string

@description('Client id of that identity, so DefaultAzureCredential picks it rather than looking for a system-assigned one.')
param identityClientId string

@description('Table endpoint of the storage account, https://<account>.table.core.windows.net.')
param storageTableEndpoint string

@description('Blob endpoint of the storage account, https://<account>.blob.core.windows.net: the sweeper lease.')
param storageBlobEndpoint string

@description('Letters and digits put before every table name (and the sweeper lease blob).')
param tablePrefix string

@description('Name of the Application Insights component the app sends telemetry to.')
param appInsightsName string

@description('UserAssignedMSI or SingleTenant.')
param msaAppType string

@description('The bot\'s app id: the identity\'s client id (UserAssignedMSI) or the app registration\'s (SingleTenant).')
param msaAppId string

@description('URI of the Key Vault holding the secrets, https://<vault>.vault.azure.net/.')
param keyVaultUri string

@description('Names of the secrets in the vault: linkSigning, msaAppPassword and smtpPassword.')
param secretNames object

@description('Whether SMTP_PASSWORD refers to the vault\'s SMTP password (one was given, now or before).')
param hasSmtpPassword bool

@description('Resource id of the subnet the Web App\'s outbound traffic leaves from (VNet integration).')
param subnetId string

@description('Tenant id of the bot\'s identity or app registration.')
param tenantId string

@description('Comma-separated tenant ids allowed to use the bot; empty means only the bot\'s own tenant (tenantId).')
param allowedTenants string

@description('E-mail addresses and/or Entra ID group ids allowed to create plans from the dashboard.')
param planCreators string

@description('SMTP relay URL (smtp:// or smtps://, no credentials); empty sends no e-mail.')
param smtpUrl string

@description('SMTP user name.')
param smtpUser string

@description('From address of the e-mails.')
param mailFrom string

@description('At most this many e-mails a second go to the relay.')
param smtpMaxPerSecond string

@description('Tags put on the plan and the Web App.')
param tags object = {}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
    capacity: instanceCount
  }
  properties: {
    // Required for a Linux plan.
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2024-04-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Outbound traffic leaves from this subnet, the one network storage and the vault accept.
    virtualNetworkSubnetId: subnetId
    // Key Vault references are read with the app's user-assigned identity (it has no system-assigned one).
    keyVaultReferenceIdentity: identityId
    // Any instance can answer any request (state is in Table Storage), so no sticky sessions.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // The zip deploy's build (SCM_DO_BUILD_DURING_DEPLOYMENT) has already compiled dist/; `npm start`
      // would compile again on every start and delay the health check.
      appCommandLine: 'node dist/src/app/main.js'
      // Without Always On the site idles after 20 minutes and the reminder schedule stops with it.
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // All outbound traffic goes through the subnet, so storage and Key Vault see it come from there
      // (their service endpoints); Key Vault references to a network-restricted vault need it too.
      vnetRouteAllEnabled: true
      // /readyz answers 503 when storage is unreachable, the scheduler has stopped or shutdown has begun,
      // so App Service stops routing to that instance; /healthz is liveness only.
      healthCheckPath: '/readyz'
    }
  }
}

var isSingleTenant = msaAppType == 'SingleTenant'

// Code is deployed with Entra ID (az webapp deploy signs in): the publishing profile's user name and
// password, which never expire and cannot be tied to a person, are refused for both SCM and FTP.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

// Secrets are Key Vault references, resolved by App Service with the identity: the values never appear
// in the site's configuration, the deployment or its history. Unversioned, so a rotation is picked up.
var linkSigningSecretReference = '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.linkSigning})'
var msaAppPasswordReference = '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.msaAppPassword})'
var smtpPasswordReference = '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.smtpPassword})'

// Not set, on purpose: PORT (App Service sets it), HOST (0.0.0.0 follows from MicrosoftAppId),
// STORAGE_CONNECTION_STRING (shared keys are disabled), DATA_DIR (only for the embedded Azurite),
// SWEEP_SCHEDULE (the default suits), WEBSITE_NODE_DEFAULT_VERSION (Windows only; linuxFxVersion
// chooses Node on Linux).
var settings = [
  {
    name: 'STORAGE_ACCOUNT_URL'
    value: storageTableEndpoint
  }
  {
    // Said outright rather than derived from the table endpoint, so it holds for any cloud or DNS zone.
    name: 'STORAGE_BLOB_URL'
    value: storageBlobEndpoint
  }
  {
    name: 'TABLE_PREFIX'
    value: tablePrefix
  }
  {
    name: 'AZURE_CLIENT_ID'
    value: identityClientId
  }
  {
    name: 'MicrosoftAppId'
    value: msaAppId
  }
  {
    name: 'MicrosoftAppType'
    value: msaAppType
  }
  {
    name: 'MicrosoftAppTenantId'
    value: tenantId
  }
  {
    name: 'ALLOWED_TENANTS'
    value: allowedTenants
  }
  {
    name: 'PUBLIC_HOSTNAME'
    value: webApp.properties.defaultHostName
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    // Without it each process signs with its own random key, and a link fails on any other instance.
    name: 'LINK_SIGNING_SECRET'
    value: linkSigningSecretReference
  }
  {
    name: 'LOG_LEVEL'
    value: 'info'
  }
  {
    name: 'SCHEDULER'
    value: 'on'
  }
  {
    // The demo plan is only ever loaded into the embedded store; 'off' says so outright.
    name: 'DEMO_PLAN'
    value: 'off'
  }
  {
    // Empty counts as unset: nobody creates plans from the dashboard.
    name: 'PLAN_CREATORS'
    value: planCreators
  }
  {
    // E-mail for owners the bot cannot reach in Teams. Empty values count as unset: no relay, no e-mail.
    name: 'SMTP_URL'
    value: smtpUrl
  }
  {
    name: 'SMTP_USER'
    value: smtpUser
  }
  {
    name: 'SMTP_PASSWORD'
    value: hasSmtpPassword ? smtpPasswordReference : ''
  }
  {
    name: 'MAIL_FROM'
    value: mailFrom
  }
  {
    name: 'SMTP_MAX_PER_SECOND'
    value: smtpMaxPerSecond
  }
  {
    // Zip deploys are source (git archive): App Service runs npm install and npm run build.
    name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
    value: 'true'
  }
]

// A managed-identity bot has no secret, so the setting is left out rather than set empty.
var secretSettings = [
  {
    name: 'MicrosoftAppPassword'
    value: msaAppPasswordReference
  }
]

// A separate resource, not siteConfig.appSettings, because PUBLIC_HOSTNAME needs the site's own host name.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: webApp
  name: 'appsettings'
  properties: toObject(concat(settings, isSingleTenant ? secretSettings : []), setting => setting.name, setting => setting.value)
}

output name string = webApp.name
output hostName string = webApp.properties.defaultHostName
