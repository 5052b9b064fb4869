// The same choices as main.parameters.json, for `az deployment group create -g <group> -p infra/main.bicepparam`.
// For SingleTenant, set msaAppType and msaAppId here and export MSA_APP_PASSWORD before deploying, so
// the secret is never written to a file. For e-mail, set smtpUrl, smtpUser and mailFrom here and export
// SMTP_PASSWORD before deploying.
using './main.bicep'

param location = 'uksouth'
param baseName = 'actiontracker'
param msaAppType = 'UserAssignedMSI'
param msaAppId = ''
param msaAppPassword = readEnvironmentVariable('MSA_APP_PASSWORD', '')
param tablePrefix = ''
param botSku = 'F0'
param appServiceSku = 'B1'
param instanceCount = 1
param storageSku = 'Standard_LRS'
param logRetentionDays = 30
param planCreators = ''
param smtpUrl = ''
param smtpUser = ''
param smtpPassword = readEnvironmentVariable('SMTP_PASSWORD', '')
param mailFrom = ''
