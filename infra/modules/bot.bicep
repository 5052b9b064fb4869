// The Azure Bot registration: where Teams sends messages and which identity the bot proves it is.

@description('Name (handle) of the Azure Bot resource, unique in Azure.')
param name string

@description('Name shown for the bot in the Azure portal.')
param displayName string

@description('Azure Bot pricing tier: F0 or S1.')
param sku string

@description('The messaging endpoint: https://<web app host>/api/messages.')
param endpoint string

@description('UserAssignedMSI or SingleTenant.')
param msaAppType string

@description('The managed identity client id (UserAssignedMSI) or the app registration client id (SingleTenant).')
param msaAppId string

@description('Tenant id of the identity or app registration.')
param tenantId string

@description('Resource id of the user-assigned managed identity; used only with UserAssignedMSI.')
param identityId string

@description('Tags put on the bot.')
param tags object = {}

// Only a managed-identity bot names the identity resource; a SingleTenant bot must not.
var managedIdentityProperties = {
  msaAppMSIResourceId: identityId
}
var identityProperties = msaAppType == 'UserAssignedMSI' ? managedIdentityProperties : {}

// Global, not regional: a regional bot needs the Bot Framework's regional endpoints, which the app's
// adapter does not configure.
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: union({
    displayName: displayName
    endpoint: endpoint
    msaAppType: msaAppType
    msaAppId: msaAppId
    msaAppTenantId: tenantId
    publicNetworkAccess: 'Enabled'
  }, identityProperties)
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

output name string = bot.name
output endpoint string = bot.properties.endpoint
