// Table Storage for every plan, action, history row and ledger claim, and one blob container holding the
// lease that elects the instance running the scheduled jobs. Reached only with Entra ID:
// shared keys are disabled, so there is no connection string that could leak, and the app's identity
// gets data access to this one account and nothing else.

@description('Name of the storage account: 3 to 24 lower-case letters and digits, unique in Azure.')
param name string

@description('Azure region for the storage account.')
param location string

@description('Storage redundancy SKU, such as Standard_LRS.')
param sku string

@description('Table names the app uses, without the prefix.')
param tableNames array

@description('Put before every table name, as the app does with TABLE_PREFIX.')
param tablePrefix string

@description('Name of the blob container for the sweeper lease: LEASE_CONTAINER in src/storage/blob-lease.ts.')
param leaseContainerName string

@description('Principal (object) id of the managed identity that reads and writes the tables and the lease blob.')
param dataContributorPrincipalId string

@description('Resource id of the App Service outbound subnet: the one network allowed to reach the data.')
param subnetId string

@description('Public IP addresses or ranges (CIDR) of operators allowed to reach the data too, such as for the command line.')
param allowedAddresses array = []

@description('Tags put on the storage account.')
param tags object = {}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: sku
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    // The portal's data browser then signs in with Entra ID too, instead of failing on disabled keys.
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Reachable only from the Web App's subnet (its service endpoint) and any operator addresses listed:
    // everything else, the rest of the internet included, is refused. Deployments create tables through
    // Azure Resource Manager, which these rules do not affect.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
      virtualNetworkRules: [
        {
          id: subnetId
          action: 'Allow'
        }
      ]
      ipRules: [for address in allowedAddresses: {
        value: address
        action: 'Allow'
      }]
    }
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {}
}

// The app also creates missing tables at start-up; creating them here means they exist, with the
// prefix, before the first instance starts, and the deployment shows exactly what is stored.
resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for tableName in tableNames: {
  parent: tableService
  name: '${tablePrefix}${tableName}'
}]

// Storage Table Data Contributor: read, write and delete entities and tables. The narrowest built-in
// role that lets the app create its tables; it grants nothing on blobs, queues or keys (the lease
// container has its own assignment below).
resource tableDataContributor 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource appCanUseTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, dataContributorPrincipalId, tableDataContributor.id)
  properties: {
    roleDefinitionId: tableDataContributor.id
    principalId: dataContributorPrincipalId
    // Said explicitly so the assignment does not fail while a new identity is still replicating.
    principalType: 'ServicePrincipal'
  }
}

// The one instance that sweeps holds a lease on a blob here (as Azure Functions elects the instance that
// runs a timer trigger); the blob, named after the table prefix, is created by the app.
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {}
}

resource leaseContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: leaseContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Storage Blob Data Contributor, on the lease container only: the app can lease and write blobs there
// and nowhere else in the account.
resource blobDataContributor 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
}

resource appCanLease 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: leaseContainer
  name: guid(leaseContainer.id, dataContributorPrincipalId, blobDataContributor.id)
  properties: {
    roleDefinitionId: blobDataContributor.id
    principalId: dataContributorPrincipalId
    principalType: 'ServicePrincipal'
  }
}

var tableEndpoint = storage.properties.primaryEndpoints.table
var blobEndpoint = storage.properties.primaryEndpoints.blob

output name string = storage.name
// Without the trailing slash, so the SDK builds https://<account>.table.core.windows.net/<table>.
output tableEndpoint string = endsWith(tableEndpoint, '/') ? substring(tableEndpoint, 0, length(tableEndpoint) - 1) : tableEndpoint
// Likewise https://<account>.blob.core.windows.net, where the sweeper lease is kept.
output blobEndpoint string = endsWith(blobEndpoint, '/') ? substring(blobEndpoint, 0, length(blobEndpoint) - 1) : blobEndpoint
