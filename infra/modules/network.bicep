// Private networking in both modes: the app always reaches PostgreSQL over a private address, from a
// subnet delegated to the Flex Consumption app (outbound VNet integration). VNet mode: the server is
// injected into the other subnet (delegated to Flexible Server, no public endpoint at all). Public mode:
// the server keeps a public endpoint, admitting only postgresClientIpAddress, and the app reaches it through
// a private endpoint in the other subnet. Flex Consumption has no fixed outbound addresses, so without one of
// these the only way in would be the firewall rule that admits every Azure tenant's resources (0.0.0.0).
param location string
param tags object
param name string
param addressPrefix string
param postgresServerName string
@allowed(['Public', 'VNet'])
param mode string

var injected = mode == 'VNet'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [addressPrefix]
    }
    subnets: [
      {
        name: 'snet-postgres'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          delegations: injected
            ? [
                {
                  name: 'postgres'
                  properties: {
                    serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'
                  }
                }
              ]
            : []
        }
      }
      {
        name: 'snet-functions'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 1)
          delegations: [
            {
              // Flex Consumption apps integrate with subnets delegated to Microsoft.App/environments.
              name: 'functions'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
    ]
  }
}

// VNet-injected flexible servers need a zone ending in .postgres.database.azure.com; a private endpoint
// uses the privatelink. zone, through which the server's public name resolves to the endpoint inside the VNet.
resource dnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: injected ? '${postgresServerName}.private.postgres.database.azure.com' : 'privatelink.postgres.database.azure.com'
  location: 'global'
  tags: tags
}

resource dnsZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: dnsZone
  name: '${name}-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

output postgresSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'snet-postgres')
output functionsSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'snet-functions')
output privateDnsZoneId string = dnsZone.id
