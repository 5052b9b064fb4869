// The Web App's outbound path: App Service's regional virtual network integration puts its outbound
// traffic into one subnet, and that subnet's service endpoints for Storage and Key Vault let the storage
// account and the vault refuse every other network (their network rules name this subnet only).

@description('Name of the virtual network.')
param name string

@description('Azure region for the virtual network: the same as the App Service plan.')
param location string

@description('Address space of the virtual network (a /24 is plenty); the App Service subnet is its first /26.')
param addressPrefix string

@description('Tags put on the virtual network.')
param tags object = {}

var subnetName = 'app-service-outbound'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: subnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 26, 0)
          // Only an App Service plan may use it: this is where the Web App's outbound traffic leaves from.
          delegations: [
            {
              name: 'app-service'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
          serviceEndpoints: [
            {
              service: 'Microsoft.Storage'
            }
            {
              service: 'Microsoft.KeyVault'
            }
          ]
          // The app still calls the Bot Framework, Entra ID and the SMTP relay on the internet: with all of
          // its traffic routed through the subnet (vnetRouteAllEnabled), that needs outbound access.
          defaultOutboundAccess: true
        }
      }
    ]
  }
}

output subnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, subnetName)
