// PostgreSQL Flexible Server with Microsoft Entra authentication only.
// Server-level child operations (administrators, configurations, firewall rules, databases) are
// chained with dependsOn: the server accepts one such operation at a time and answers
// "ServerIsBusy" to concurrent ones.
param location string
param tags object
param name string
param databaseName string

param skuName string
@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param skuTier string
param storageSizeGB int
param backupRetentionDays int
param geoRedundantBackup bool

@description('Managed identity registered as Entra administrator; the app connects as this identity.')
param identityPrincipalId string
param identityName string

@description('Optional second Entra administrator (a person or a group) for manual access.')
param additionalAdminObjectId string
param additionalAdminName string
@allowed(['User', 'Group', 'ServicePrincipal'])
param additionalAdminType string

@allowed(['Public', 'VNet'])
param networkMode string
@description('VNet mode: subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers.')
param delegatedSubnetId string
@description('VNet mode: private DNS zone ending in .postgres.database.azure.com, linked to the VNet.')
param privateDnsZoneId string
@description('Public mode: an extra client IP address allowed through the firewall (empty for none).')
param clientIpAddress string

var isPublic = networkMode == 'Public'

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: '16'
    createMode: 'Default'
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: tenant().tenantId
    }
    storage: {
      storageSizeGB: storageSizeGB
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: geoRedundantBackup ? 'Enabled' : 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: isPublic
      ? {
          publicNetworkAccess: 'Enabled'
        }
      : {
          publicNetworkAccess: 'Disabled'
          delegatedSubnetResourceId: delegatedSubnetId
          privateDnsZoneArmResourceId: privateDnsZoneId
        }
  }
}

// The resource name of an Entra administrator is the principal's object id; principalName becomes
// the PostgreSQL role name, i.e. the Username in the app's connection string.
resource identityAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: server
  name: identityPrincipalId
  properties: {
    principalName: identityName
    principalType: 'ServicePrincipal'
    tenantId: tenant().tenantId
  }
}

resource additionalAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = if (!empty(additionalAdminObjectId)) {
  parent: server
  name: additionalAdminObjectId
  properties: {
    principalName: additionalAdminName
    principalType: additionalAdminType
    tenantId: tenant().tenantId
  }
  dependsOn: [identityAdmin]
}

// Extensions must be allow-listed before CREATE EXTENSION works; the schema migrations create
// btree_gist (exclusion constraints over ranges).
resource allowExtensions 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'azure.extensions'
  properties: {
    value: 'BTREE_GIST'
    source: 'user-override'
  }
  dependsOn: [identityAdmin, additionalAdmin]
}

resource requireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'require_secure_transport'
  properties: {
    value: 'ON'
    source: 'user-override'
  }
  dependsOn: [allowExtensions]
}

// Flex Consumption instances have no fixed outbound addresses, so in public mode the server admits
// connections from Azure (0.0.0.0 is the documented "Azure services" rule). Only Entra tokens are
// accepted, and the VNet mode removes public access entirely.
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (isPublic) {
  parent: server
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
  dependsOn: [requireTls]
}

resource allowClient 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (isPublic && !empty(clientIpAddress)) {
  parent: server
  name: 'AllowClientIp'
  properties: {
    startIpAddress: clientIpAddress
    endIpAddress: clientIpAddress
  }
  dependsOn: [allowAzure]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [requireTls, allowAzure, allowClient]
}

output name string = server.name
output fqdn string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
