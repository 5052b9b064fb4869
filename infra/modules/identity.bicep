// The app's one identity: Bot Framework authenticates the bot with it (msaAppType UserAssignedMSI) and
// Table Storage accepts it in place of account keys. User-assigned, not system-assigned, so it exists
// before the Web App and the bot and storage role can name it in the same deployment.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region for the identity.')
param location string

@description('Tags put on the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
