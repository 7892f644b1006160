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
@description('PgBouncer: protocol-level prepared statements it tracks per server connection (Npgsql auto-prepares up to 64); 0: none.')
param pgbouncerMaxPreparedStatements int
@allowed(['Disabled', 'ZoneRedundant', 'SameZone'])
param highAvailability string

@allowed(['Public', 'VNet'])
param networkMode string
@description('VNet mode: the subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers. Public mode: the subnet of the app\'s private endpoint.')
param subnetId string
@description('VNet mode: private DNS zone ending in .postgres.database.azure.com. Public mode: privatelink.postgres.database.azure.com. Linked to the VNet.')
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
      mode: highAvailability
    }
    network: isPublic
      ? {
          publicNetworkAccess: 'Enabled'
        }
      : {
          publicNetworkAccess: 'Disabled'
          delegatedSubnetResourceId: subnetId
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

// In transaction mode a server connection changes clients between transactions: Npgsql's auto-prepare is
// safe only if PgBouncer tracks protocol-level prepared statements (1.21 and later, this value above 0).
// The app auto-prepares exactly when this value is above 0: output tracksPreparedStatements becomes its
// PostgresAutoPrepare setting (docs/decisions.md, "Prepared statements").
resource pgbouncerPrepared 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'pgbouncer.max_prepared_statements'
  properties: {
    value: string(pgbouncerMaxPreparedStatements)
    source: 'user-override'
  }
  dependsOn: [pgbouncerMaxClients]
}

// No rule admits all of Azure (0.0.0.0): that would let any tenant's resources try their tokens. The app
// comes in through the private endpoint below; the public endpoint admits only the operator's address.
resource allowClient 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (isPublic && !empty(clientIpAddress)) {
  parent: server
  name: 'AllowClientIp'
  properties: {
    startIpAddress: clientIpAddress
    endIpAddress: clientIpAddress
  }
  dependsOn: [pgbouncerPrepared]
}

resource privateEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = if (isPublic) {
  name: 'pe-${name}'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'postgres'
        properties: {
          privateLinkServiceId: server.id
          groupIds: ['postgresqlServer']
        }
      }
    ]
  }
  dependsOn: [allowClient]
}

resource privateEndpointDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = if (isPublic) {
  parent: privateEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'postgres'
        properties: {
          privateDnsZoneId: privateDnsZoneId
        }
      }
    ]
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [pgbouncerPrepared, allowClient, privateEndpointDns]
}

output tracksPreparedStatements bool = pgbouncerMaxPreparedStatements > 0
output name string = server.name
output fqdn string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
