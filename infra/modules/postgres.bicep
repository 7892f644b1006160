// PostgreSQL Flexible Server with Microsoft Entra authentication only and the built-in PgBouncer.
// Server-level child operations (administrators, configurations, firewall rules, databases) are
// chained with dependsOn: the server accepts one such operation at a time and answers
// "ServerIsBusy" to concurrent ones.
param location string
param tags object
param name string
param databaseName string

param skuName string
// No Burstable: the built-in PgBouncer exists only on General Purpose and Memory Optimized.
@allowed(['GeneralPurpose', 'MemoryOptimized'])
param skuTier string
param storageSizeGB int
param backupRetentionDays int
param geoRedundantBackup bool

@description('The Entra administrator (a person, a group, or a deployment pipeline\'s service principal) that runs the migrations and maps the app\'s identity to a login in the role asset_service_app. The app\'s identity is not an administrator.')
param adminObjectId string
param adminName string
@allowed(['User', 'Group', 'ServicePrincipal'])
param adminType string

@description('Server parameter max_connections.')
param maxConnections int
@description('PgBouncer (port 6432, transaction pooling): server connections per user/database pair.')
param pgbouncerDefaultPoolSize int
@description('PgBouncer: client connections it accepts in total.')
param pgbouncerMaxClientConnections int
@description('PgBouncer: protocol-level prepared statements it tracks per server connection (Npgsql auto-prepares up to 64).')
param pgbouncerMaxPreparedStatements int

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
// its PostgreSQL role name. Only this administrator runs DDL (the migrate step in docs/deploy.md).
resource admin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: server
  name: adminObjectId
  properties: {
    principalName: adminName
    principalType: adminType
    tenantId: tenant().tenantId
  }
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
  dependsOn: [admin]
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

// The connection budget (docs/deploy.md, checked by AssetService.Tests/Infra/ConnectionBudgetTests):
// every instance's pool connects to PgBouncer on 6432, which holds at most pgbouncerDefaultPoolSize
// server connections for the app's login, well inside max_connections.
resource maxConnectionsSetting 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'max_connections'
  properties: {
    value: string(maxConnections)
    source: 'user-override'
  }
  dependsOn: [requireTls]
}

resource pgbouncerEnabled 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'pgbouncer.enabled'
  properties: {
    value: 'true'
    source: 'user-override'
  }
  dependsOn: [maxConnectionsSetting]
}

resource pgbouncerPoolMode 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'pgbouncer.pool_mode'
  properties: {
    value: 'TRANSACTION'
    source: 'user-override'
  }
  dependsOn: [pgbouncerEnabled]
}

resource pgbouncerPoolSize 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'pgbouncer.default_pool_size'
  properties: {
    value: string(pgbouncerDefaultPoolSize)
    source: 'user-override'
  }
  dependsOn: [pgbouncerPoolMode]
}

resource pgbouncerMaxClients 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'pgbouncer.max_client_conn'
  properties: {
    value: string(pgbouncerMaxClientConnections)
    source: 'user-override'
  }
  dependsOn: [pgbouncerPoolSize]
}

// Npgsql prepares the service's statements automatically (bench/RESULTS.md); in transaction mode that
// needs PgBouncer to track protocol-level prepared statements (PgBouncer 1.21 and later).
resource pgbouncerPrepared 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'pgbouncer.max_prepared_statements'
  properties: {
    value: string(pgbouncerMaxPreparedStatements)
    source: 'user-override'
  }
  dependsOn: [pgbouncerMaxClients]
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
  dependsOn: [pgbouncerPrepared]
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
  dependsOn: [pgbouncerPrepared, allowAzure, allowClient]
}

output name string = server.name
output fqdn string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
