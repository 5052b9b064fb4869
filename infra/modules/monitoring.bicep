// Workspace-based Application Insights: classic (non-workspace) Application Insights is retired, and
// one workspace keeps request telemetry and logs together under one retention setting.

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Azure region for both resources.')
param location string

@description('How many days the workspace keeps logs and telemetry.')
param retentionInDays int

@description('Principal (object) id of the managed identity that sends telemetry (Monitoring Metrics Publisher).')
param publisherPrincipalId string

@description('Tags put on both resources.')
param tags object = {}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      // Access follows the resource: someone who may read the Web App may read its logs, no more.
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    // No instrumentation key alone: telemetry is accepted only with an Entra ID token (the app's
    // identity, granted below), so the connection string, which is not a secret, cannot be used to send
    // false telemetry.
    DisableLocalAuth: true
  }
}

// Monitoring Metrics Publisher: send telemetry to this component, nothing more.
resource metricsPublisher 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource appCanPublish 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, publisherPrincipalId, metricsPublisher.id)
  properties: {
    roleDefinitionId: metricsPublisher.id
    principalId: publisherPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The connection string is not output: the Web App module reads it from the component itself, so it
// never appears in the deployment's outputs.
output appInsightsName string = appInsights.name
output workspaceName string = workspace.name
