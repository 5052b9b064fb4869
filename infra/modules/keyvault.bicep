// The app's secrets, kept in Key Vault and read by the Web App through Key Vault references with its
// managed identity: the link signing key (generated here once, then kept, so links survive
// deployments), and the bot's client secret and the SMTP password when they are used. No secret is an
// app setting's value, and none is an output.

@description('Name of the Key Vault: 3 to 24 letters, digits and hyphens, unique in Azure.')
param name string

@description('Azure region for the vault.')
param location string

@description('Resource id of the App Service outbound subnet: the only network the vault answers.')
param subnetId string

@description('Principal (object) id of the managed identity that reads the secrets (Key Vault Secrets User, nothing more).')
param readerPrincipalId string

@description('Names of the secrets in the vault: linkSigning, msaAppPassword and smtpPassword.')
param secretNames object

@secure()
@description('A link signing key to store (a rotation); empty keeps the one already in the vault.')
param linkSigningSecret string = ''

@description('True when no link signing key has been generated yet (the first deployment): one is generated.')
param generateLinkSigningSecret bool

@secure()
@description('A fresh random value, used as the link signing key only when one is generated.')
param generatedLinkSigningSecret string

@secure()
@description('SingleTenant only: the app registration\'s client secret; empty stores none.')
param msaAppPassword string = ''

@secure()
@description('The SMTP password or client secret; empty stores none.')
param smtpPassword string = ''

@description('Tags put on the vault.')
param tags object = {}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access by Azure roles only (no access policies): the identity below may read secrets, nothing else.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    // Deployments write secrets through Azure Resource Manager, which these rules do not affect; at run
    // time only the Web App's subnet reaches the vault.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
      virtualNetworkRules: [
        {
          id: subnetId
        }
      ]
      ipRules: []
    }
  }
}

resource linkSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(linkSigningSecret) || generateLinkSigningSecret) {
  parent: vault
  name: secretNames.linkSigning
  properties: {
    value: empty(linkSigningSecret) ? generatedLinkSigningSecret : linkSigningSecret
  }
}

resource appPassword 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(msaAppPassword)) {
  parent: vault
  name: secretNames.msaAppPassword
  properties: {
    value: msaAppPassword
  }
}

resource mailPassword 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpPassword)) {
  parent: vault
  name: secretNames.smtpPassword
  properties: {
    value: smtpPassword
  }
}

// Key Vault Secrets User: read secret values, on this vault only.
resource secretsUser 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource appCanReadSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, readerPrincipalId, secretsUser.id)
  properties: {
    roleDefinitionId: secretsUser.id
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
// https://<vault>.vault.azure.net/, which Key Vault references name secrets under.
output uri string = vault.properties.vaultUri
