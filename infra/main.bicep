// Action Tracker in one resource group: a Linux App Service running the bot, an Azure Bot with its
// Teams channel, Table Storage (and the blob holding the sweeper lease) reached only through a managed
// identity (no keys or connection strings anywhere) and only from the Web App's subnet, a Key Vault for
// the secrets, and workspace-based Application Insights. docs/deploy.md walks through a deployment:
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.parameters.json

targetScope = 'resourceGroup'

@description('Azure region for everything except the Azure Bot, which is global.')
param location string = 'uksouth'

@description('Start of every resource name: lower-case letters, digits and hyphens. A suffix unique to the resource group follows it.')
@minLength(2)
@maxLength(16)
param baseName string = 'actiontracker'

@description('How the bot proves its identity to the Bot Framework. UserAssignedMSI (default) uses the managed identity created here: no app registration and no secret to store or rotate. SingleTenant uses an Entra ID app registration: set msaAppId and msaAppPassword.')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param msaAppType string = 'UserAssignedMSI'

@description('SingleTenant only, and then required: the app (client) id of the bot\'s Entra ID app registration. Ignored with UserAssignedMSI.')
param msaAppId string = ''

@secure()
@description('SingleTenant only, and then required: a client secret of that app registration, stored in Key Vault (the MicrosoftAppPassword setting refers to it); never output. Empty on a later deployment keeps the one stored.')
param msaAppPassword string = ''

@secure()
@description('Leave empty: the first deployment generates the key that signs report and e-mail links into Key Vault, and later deployments keep it. Pass a value (at least 32 characters, such as the output of openssl rand -base64 32) only to rotate it, which ends every link made before.')
param linkSigningSecret string = ''

@secure()
@description('Do not set: a fresh random value, stored as the link signing key only by the first deployment.')
param generatedLinkSigningSecret string = '${newGuid()}${newGuid()}'

@description('Who may create plans from the dashboard: comma-separated e-mail addresses and/or Entra ID group object ids (the app registration must add the groups claim to its tokens). Empty: nobody; coordinators still run their own plans, and plans can be imported from the command line.')
param planCreators string = ''

@description('SMTP relay for e-mail to owners outside the council\'s tenant: smtp://smtp.office365.com:587 (Exchange Online) or smtp://smtp.azurecomm.net:587 (Azure Communication Services). No credentials here: use smtpUser and smtpPassword. Empty sends no e-mail.')
param smtpUrl string = ''

@description('SMTP user name: the mailbox (Exchange Online) or the SMTP username of the Entra app (Azure Communication Services).')
param smtpUser string = ''

@secure()
@description('SMTP password: the mailbox\'s password or the Entra app\'s client secret, stored in Key Vault (the SMTP_PASSWORD setting refers to it); never output. Empty on a later deployment keeps the one stored.')
param smtpPassword string = ''

@description('From address of the e-mails, such as Action Tracker <action-tracker@council.gov.uk>; required with smtpUrl.')
param mailFrom string = ''

@description('At most this many e-mails a second go to the relay; Exchange Online allows 30 a minute per mailbox (0.5).')
param smtpMaxPerSecond string = '10'

@description('Comma-separated Entra ID tenant ids whose users may use the bot. Defaults to the tenant deployed into. Empty means only the tenant deployed into (the bot\'s own, MicrosoftAppTenantId), never any tenant.')
param allowedTenants string = tenant().tenantId

@description('Letters and digits (starting with a letter) put before every table name, so deployments can share a storage account. Empty by default.')
@maxLength(21)
param tablePrefix string = ''

@description('Azure Bot pricing tier. Teams is a standard channel, free on F0; S1 is for premium channels.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('App Service plan tier. Basic or above, because Always On, which keeps reminders running, is not offered on Free or Shared.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServiceSku string = 'B1'

@description('Number of App Service instances. More than one is safe: a blob lease elects the one that sends reminders and digests, and the delivery ledger sends each once.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Storage redundancy. Standard_LRS keeps three copies in one data centre in the chosen region.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Days Log Analytics keeps logs and request telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Address space of the virtual network the Web App sends its outbound traffic through (a /24; its first /26 is used). Change it only if it overlaps a network you peer with.')
param vnetAddressPrefix string = '10.60.0.0/24'

@description('Public IP addresses or ranges (CIDR) allowed to reach storage besides the Web App, such as an operator running the command line. Empty: only the Web App.')
param storageAllowedAddresses array = []

@description('Tags put on every resource.')
param tags object = {}

var suffix = uniqueString(resourceGroup().id)
var prefix = toLower(baseName)
// Storage account names allow only lower-case letters and digits, at most 24.
var storagePrefix = replace(prefix, '-', '')
var names = {
  identity: '${prefix}-id-${suffix}'
  plan: '${prefix}-plan-${suffix}'
  webApp: '${prefix}-${suffix}'
  bot: '${prefix}-bot-${suffix}'
  storage: take('${storagePrefix}${suffix}', 24)
  workspace: '${prefix}-logs-${suffix}'
  appInsights: '${prefix}-appi-${suffix}'
  vnet: '${prefix}-vnet-${suffix}'
  // Vault names allow at most 24 characters.
  keyVault: take('${prefix}-kv-${suffix}', 24)
}

// The secrets' names in the vault; the Web App's settings refer to them by these names.
var secretNames = {
  linkSigning: 'link-signing-secret'
  msaAppPassword: 'microsoft-app-password'
  smtpPassword: 'smtp-password'
}

// The first deployment generates the link signing key and marks the resource group with this tag;
// later deployments see the tag and leave the key in the vault as it is, so links survive deployments.
var linkSigningSecretTag = 'action-tracker-link-signing-secret'
var resourceGroupTags = contains(resourceGroup(), 'tags') ? resourceGroup().tags : {}
var linkSigningSecretGenerated = contains(resourceGroupTags, linkSigningSecretTag)

// Every table the app opens: TABLE_NAMES in src/storage/table-clients.ts (test/infra checks the two agree).
var tableNames = [
  'Plans'
  'PlanItems'
  'ActionOwners'
  'History'
  'AuditLog'
  'Users'
  'ReminderIndex'
  'NudgeLedger'
  'Digests'
  'Rounds'
  'Measures'
]

// The container holding the sweeper lease: LEASE_CONTAINER in src/storage/blob-lease.ts (test/infra checks).
var leaseContainerName = 'action-tracker-locks'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    retentionInDays: logRetentionDays
    publisherPrincipalId: identity.outputs.principalId
    tags: tags
  }
}

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    name: names.vnet
    location: location
    addressPrefix: vnetAddressPrefix
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: names.keyVault
    location: location
    subnetId: network.outputs.subnetId
    readerPrincipalId: identity.outputs.principalId
    secretNames: secretNames
    linkSigningSecret: linkSigningSecret
    generateLinkSigningSecret: !linkSigningSecretGenerated
    generatedLinkSigningSecret: generatedLinkSigningSecret
    msaAppPassword: msaAppType == 'SingleTenant' ? msaAppPassword : ''
    smtpPassword: smtpPassword
    tags: tags
  }
}

// Set once the key exists: the union keeps every tag the resource group already has.
resource linkSigningSecretMarker 'Microsoft.Resources/tags@2022-09-01' = if (!linkSigningSecretGenerated) {
  name: 'default'
  properties: {
    tags: union(resourceGroupTags, {
      '${linkSigningSecretTag}': 'generated'
    })
  }
  dependsOn: [
    keyVault
  ]
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    sku: storageSku
    tableNames: tableNames
    tablePrefix: tablePrefix
    leaseContainerName: leaseContainerName
    dataContributorPrincipalId: identity.outputs.principalId
    subnetId: network.outputs.subnetId
    allowedAddresses: storageAllowedAddresses
    tags: tags
  }
}

var botAppId = msaAppType == 'UserAssignedMSI' ? identity.outputs.clientId : msaAppId

module web 'modules/web.bicep' = {
  name: 'web'
  params: {
    planName: names.plan
    webAppName: names.webApp
    location: location
    sku: appServiceSku
    instanceCount: instanceCount
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageTableEndpoint: storage.outputs.tableEndpoint
    storageBlobEndpoint: storage.outputs.blobEndpoint
    tablePrefix: tablePrefix
    appInsightsName: monitoring.outputs.appInsightsName
    msaAppType: msaAppType
    msaAppId: botAppId
    keyVaultUri: keyVault.outputs.uri
    secretNames: secretNames
    subnetId: network.outputs.subnetId
    tenantId: tenant().tenantId
    allowedTenants: allowedTenants
    planCreators: planCreators
    smtpUrl: smtpUrl
    smtpUser: smtpUser
    // Referenced whenever a user is named: a later deployment without the password keeps the stored one.
    hasSmtpPassword: !empty(smtpPassword) || !empty(smtpUser)
    mailFrom: mailFrom
    smtpMaxPerSecond: smtpMaxPerSecond
    tags: tags
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: names.bot
    displayName: 'Action Tracker'
    sku: botSku
    endpoint: 'https://${web.outputs.hostName}/api/messages'
    msaAppType: msaAppType
    msaAppId: botAppId
    tenantId: tenant().tenantId
    identityId: identity.outputs.id
    tags: tags
  }
}

output webAppName string = web.outputs.name
output webAppHostName string = web.outputs.hostName
output botName string = bot.outputs.name
output botEndpoint string = bot.outputs.endpoint
output botAppId string = botAppId
output tenantId string = tenant().tenantId
output storageAccountName string = storage.outputs.name
output storageTableEndpoint string = storage.outputs.tableEndpoint
output storageBlobEndpoint string = storage.outputs.blobEndpoint
output managedIdentityClientId string = identity.outputs.clientId
output appInsightsName string = monitoring.outputs.appInsightsName
output keyVaultName string = keyVault.outputs.name

// Named as the variables `npm run package` reads, so the Teams app package can be built from them
// directly (the manifest takes the app id and host name; the other two let the configuration validate).
output MicrosoftAppId string = botAppId
output MicrosoftAppType string = msaAppType
output MicrosoftAppTenantId string = tenant().tenantId
output PUBLIC_HOSTNAME string = web.outputs.hostName
