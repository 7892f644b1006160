// Asset Service: Azure Functions (Flex Consumption), PostgreSQL Flexible Server, Service Bus.
// Deploy to a resource group:  az deployment group create -g <rg> -f infra/main.bicep -p @infra/main.parameters.json
// Every data-plane connection uses the user-assigned managed identity; no keys or passwords exist.
targetScope = 'resourceGroup'

@description('Short environment name (dev, test, prod); part of every resource name.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Short application name; part of every resource name.')
@minLength(2)
@maxLength(12)
param appName string = 'assetsvc'

@description('Region of all resources.')
param location string = resourceGroup().location

@description('Tags added to every resource.')
param tags object = {}

@description('Service Bus tier. Standard is the cheapest tier with a per-namespace base charge and topic support.')
@allowed(['Basic', 'Standard', 'Premium'])
param serviceBusSku string = 'Standard'

@description('PostgreSQL compute size, e.g. Standard_D2ds_v5 (GeneralPurpose, 2 vCores, 8 GiB).')
param postgresSkuName string = 'Standard_D2ds_v5'

@description('PostgreSQL pricing tier matching postgresSkuName. Not Burstable: the built-in PgBouncer the app connects through exists only on these tiers.')
@allowed(['GeneralPurpose', 'MemoryOptimized'])
param postgresSkuTier string = 'GeneralPurpose'

@description('PostgreSQL max_connections (Standard_D2ds_v5 allows up to 859). Must hold PgBouncer\'s server pool plus the administrators\' and Azure\'s reserved connections (docs/deploy.md).')
@minValue(50)
param postgresMaxConnections int = 200

@description('PgBouncer server connections for the app\'s login (one user/database pair): the most connections the app ever holds on PostgreSQL.')
@minValue(1)
param pgbouncerDefaultPoolSize int = 50

@description('PgBouncer client connections in total; must hold every instance\'s full pool (functionMaximumInstanceCount x postgresPoolSizePerInstance).')
@maxValue(50000)
param pgbouncerMaxClientConnections int = 5000

@description('PgBouncer: protocol-level prepared statements it tracks per server connection (PgBouncer 1.21+). Above 0 the app auto-prepares its statements (app setting PostgresAutoPrepare, set from this value); 0 turns both off.')
@minValue(0)
@maxValue(5000)
param pgbouncerMaxPreparedStatements int = 200

@description('Npgsql pool size of each Functions instance (Maximum Pool Size), connections to PgBouncer: 2 queues x maxConcurrentCalls 8 plus HTTP.')
@minValue(1)
param postgresPoolSizePerInstance int = 24

@description('PostgreSQL storage size in GiB.')
@allowed([32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384])
param postgresStorageSizeGB int = 32

@description('Days of point-in-time-restore backups kept.')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 7

@description('Copy backups to the paired region (cannot be changed after the server is created).')
param postgresGeoRedundantBackup bool = false

@description('High availability of the Flexible Server: ZoneRedundant keeps a standby in another availability zone (production); Disabled for dev.')
@allowed(['Disabled', 'ZoneRedundant', 'SameZone'])
param postgresHighAvailability string = 'Disabled'

@description('The app always joins a VNet and reaches PostgreSQL privately. Public: the server keeps a public endpoint for postgresClientIpAddress only (Entra tokens only) and the app uses a private endpoint. VNet: the server sits in a delegated subnet with no public access at all.')
@allowed(['Public', 'VNet'])
param networkMode string = 'Public'

@description('Address space of the VNet; two /24 subnets are carved from it.')
param vnetAddressPrefix string = '10.40.0.0/16'

@description('Public mode: a client IP address allowed through the PostgreSQL firewall (e.g. an operator running psql); empty for none.')
param postgresClientIpAddress string = ''

@description('Object id of the Entra administrator of PostgreSQL that runs the migrations (a person, a group, or the deployment pipeline\'s service principal). The app\'s identity is not an administrator.')
@minLength(1)
param postgresAdminObjectId string

@description('Display name (user principal name, group name or service principal name) of that administrator; its PostgreSQL role name.')
@minLength(1)
param postgresAdminName string

@description('Kind of that administrator.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param postgresAdminType string = 'User'

@description('Upper bound of Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param functionMaximumInstanceCount int = 40

@description('Memory of each Flex Consumption instance in MB.')
@allowed([512, 2048, 4096])
param functionInstanceMemoryMB int = 2048

@description('E-mail address that receives the alerts (dead letters, 5xx, PostgreSQL CPU and connections, Entra token failures); empty: alerts show in the portal only.')
param alertEmail string = ''

@description('Entra tenant that issues bearer tokens for the API (default: this deployment\'s tenant).')
param authTenantId string = tenant().tenantId

@description('Existing: authAudience names an app registration made by hand (docs/deploy.md). Script: a deployment script creates or updates it with authAppRoles, and the app\'s audience is its appId.')
@allowed(['Script', 'Existing'])
param authAppRegistration string = 'Script'

@description('Existing: audience of the API\'s bearer tokens, the application (client) id of its app registration (v2.0 tokens carry it as aud). Empty: only the function key works.')
param authAudience string = ''

@description('Script: resource id of the user-assigned identity the script runs as; a tenant administrator grants it the Microsoft Graph application permission Application.ReadWrite.OwnedBy once (docs/deploy.md).')
param authAppRegistrationIdentityId string = ''

@description('Script: application ID URI of the app registration (callers ask for <uri>/.default). Empty: api://<appId>.')
param authIdentifierUri string = ''

@description('Script: app roles of the API (contract 6.3). Never change an id: role assignments refer to it. To remove a role, deploy it with isEnabled false first.')
param authAppRoles array = [
  {
    id: 'f05e5ba0-bd6c-49b9-a20d-bc3361154bc9'
    value: 'AssetService.Read'
    displayName: 'AssetService.Read'
    description: 'Every GET under /api/v1.'
    allowedMemberTypes: ['User', 'Application']
  }
  {
    id: '70959c29-1cba-44e7-b71e-3639e4e84e4d'
    value: 'AssetService.Write'
    displayName: 'AssetService.Write'
    description: 'Read, plus every write of period data and specs: limits, forecasts, reservations, state snapshots, specs, site and inverter limits.'
    allowedMemberTypes: ['User', 'Application']
  }
  {
    id: 'f6592c85-a251-42f1-9c72-5da0fdb17985'
    value: 'AssetService.Admin'
    displayName: 'AssetService.Admin'
    description: 'Everything: also creating, changing, deleting and lifecycle actions of assets, sites and inverters.'
    allowedMemberTypes: ['User', 'Application']
  }
]

@description('SHA-256 digest (hex) of the function key (docs/deploy.md). Empty: no key works.')
param apiKeySha256 string = ''

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var baseName = toLower('${appName}-${environmentName}')
var allTags = union(tags, { application: appName, environment: environmentName })

var dispatchQueueName = 'dispatches'
var statusQueueName = 'asset-status'
var databaseName = 'asset_service'
// Names are computed here, not read from module outputs, so that they are known when the deployment
// starts (What-If can then predict the child resources and role assignments that use them).
var identityName = 'id-${baseName}'
var applicationInsightsName = 'appi-${baseName}-${token}'
var logAnalyticsName = 'log-${baseName}-${token}'
var functionAppName = 'func-${baseName}-${token}'
// Storage account names: 3-24 lowercase letters and digits, globally unique.
var storageAccountName = take('st${replace(appName, '-', '')}${token}', 24)
var serviceBusNamespaceName = 'sb-${baseName}-${token}'
var postgresServerName = 'psql-${baseName}-${token}'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    tags: allTags
    name: identityName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: allTags
    logAnalyticsName: logAnalyticsName
    applicationInsightsName: applicationInsightsName
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: allTags
    name: storageAccountName
    deploymentContainerName: 'app-package'
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    location: location
    tags: allTags
    name: serviceBusNamespaceName
    sku: serviceBusSku
    dispatchQueueName: dispatchQueueName
    statusQueueName: statusQueueName
  }
}

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    location: location
    tags: allTags
    name: 'vnet-${baseName}'
    addressPrefix: vnetAddressPrefix
    postgresServerName: postgresServerName
    mode: networkMode
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    location: location
    tags: allTags
    name: postgresServerName
    databaseName: databaseName
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageSizeGB
    backupRetentionDays: postgresBackupRetentionDays
    geoRedundantBackup: postgresGeoRedundantBackup
    adminObjectId: postgresAdminObjectId
    adminName: postgresAdminName
    adminType: postgresAdminType
    maxConnections: postgresMaxConnections
    pgbouncerDefaultPoolSize: pgbouncerDefaultPoolSize
    pgbouncerMaxClientConnections: pgbouncerMaxClientConnections
    pgbouncerMaxPreparedStatements: pgbouncerMaxPreparedStatements
    highAvailability: postgresHighAvailability
    networkMode: networkMode
    subnetId: network.outputs.postgresSubnetId
    privateDnsZoneId: network.outputs.privateDnsZoneId
    clientIpAddress: postgresClientIpAddress
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    identityName: identityName
    storageAccountName: storageAccountName
    serviceBusNamespaceName: serviceBusNamespaceName
    applicationInsightsName: applicationInsightsName
  }
  dependsOn: [identity, storage, serviceBus, monitoring]
}

module appRegistration 'modules/appRegistration.bicep' = if (authAppRegistration == 'Script') {
  name: 'appregistration'
  params: {
    location: location
    tags: allTags
    name: 'appreg-${baseName}'
    identityId: authAppRegistrationIdentityId
    uniqueName: 'asset-service-${baseName}-${token}'
    displayName: 'Asset Service API (${baseName})'
    identifierUri: authIdentifierUri
    appRoles: authAppRoles
  }
}

module auth 'modules/auth.bicep' = {
  name: 'auth'
  params: {
    tenantId: authTenantId
    audience: authAppRegistration == 'Script' ? appRegistration!.outputs.appId : authAudience
    apiKeySha256: apiKeySha256
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    tags: allTags
    planName: 'asp-${baseName}-${token}'
    name: functionAppName
    identityId: identity.outputs.id
    identityName: identity.outputs.name
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: applicationInsightsName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    dispatchQueueName: dispatchQueueName
    statusQueueName: statusQueueName
    postgresFqdn: postgres.outputs.fqdn
    postgresDatabaseName: postgres.outputs.databaseName
    postgresPoolSize: postgresPoolSizePerInstance
    postgresAutoPrepare: postgres.outputs.tracksPreparedStatements
    maximumInstanceCount: functionMaximumInstanceCount
    instanceMemoryMB: functionInstanceMemoryMB
    virtualNetworkSubnetId: network.outputs.functionsSubnetId
    auth: auth.outputs.settings
  }
  // The app starts right away: give it its storage, Service Bus and telemetry permissions first. It
  // runs no DDL; the migrate step (docs/deploy.md) follows this deployment.
  dependsOn: [roles, monitoring]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    location: location
    tags: allTags
    serviceBusNamespaceName: serviceBusNamespaceName
    dispatchQueueName: dispatchQueueName
    statusQueueName: statusQueueName
    functionAppName: functionAppName
    postgresServerName: postgresServerName
    postgresMaxConnections: postgresMaxConnections
    logAnalyticsName: logAnalyticsName
    alertEmail: alertEmail
  }
  dependsOn: [serviceBus, monitoring, functionApp, postgres]
}

output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'
output functionAppName string = functionApp.outputs.name
output postgresServerFqdn string = postgres.outputs.fqdn
output postgresDatabaseName string = postgres.outputs.databaseName
output serviceBusNamespaceFqdn string = serviceBus.outputs.fullyQualifiedNamespace
output managedIdentityName string = identity.outputs.name
output managedIdentityClientId string = identity.outputs.clientId
output storageAccountName string = storage.outputs.name
@description('The audience the app checks bearer tokens against: the script\'s appId, else authAudience.')
output apiAppId string = authAppRegistration == 'Script' ? appRegistration!.outputs.appId : authAudience
@description('Script: the application ID URI callers ask tokens for (scope <uri>/.default); empty otherwise.')
output apiIdentifierUri string = authAppRegistration == 'Script' ? appRegistration!.outputs.identifierUri : ''
