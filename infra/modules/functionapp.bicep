// Function App on the Flex Consumption plan (FC1), running as the user-assigned identity.
// No app setting holds a secret: every connection is identity-based.
param location string
param tags object
param planName string
param name string

param identityId string
param identityName string
param identityClientId string

param storageAccountName string
param storageBlobEndpoint string
param deploymentContainerName string
param applicationInsightsName string

param serviceBusFullyQualifiedNamespace string
param dispatchQueueName string
param statusQueueName string

param postgresFqdn string
param postgresDatabaseName string
@description('Npgsql Maximum Pool Size of each instance (connections to PgBouncer).')
param postgresPoolSize int
@description('PgBouncer tracks prepared statements (pgbouncer.max_prepared_statements above 0): the app may auto-prepare.')
param postgresAutoPrepare bool

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Subnet delegated to Microsoft.App/environments for outbound VNet integration; empty for none.')
param virtualNetworkSubnetId string

@description('issuer, audience and apiKeySha256: what the app checks callers against (modules/auth.bicep).')
param auth object

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        // Not a secret: with local auth disabled on the component, ingestion also needs the Entra
        // token described by APPLICATIONINSIGHTS_AUTHENTICATION_STRING.
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: serviceBusFullyQualifiedNamespace }
        { name: 'ServiceBusConnection__credential', value: 'managedidentity' }
        { name: 'ServiceBusConnection__clientId', value: identityClientId }
        { name: 'DispatchQueueName', value: dispatchQueueName }
        { name: 'StatusQueueName', value: statusQueueName }
        // No password: the app fetches an Entra access token for the identity and uses it as password.
        // Port 6432 is the server's built-in PgBouncer (transaction pooling).
        {
          name: 'PostgresConnection'
          value: 'Host=${postgresFqdn};Port=6432;Database=${postgresDatabaseName};Username=${identityName};Ssl Mode=Require;Maximum Pool Size=${postgresPoolSize}'
        }
        { name: 'PostgresUseEntraAuth', value: 'true' }
        { name: 'PostgresAutoPrepare', value: postgresAutoPrepare ? 'true' : 'false' }
        // Makes DefaultAzureCredential pick the user-assigned identity.
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        // The app checks keys and tokens itself (every trigger is anonymous at the host): see modules/auth.bicep.
        { name: 'ASSET_SERVICE_JWT_ISSUER', value: auth.issuer }
        { name: 'ASSET_SERVICE_JWT_AUDIENCE', value: auth.audience }
        { name: 'ASSET_SERVICE_API_KEY_SHA256', value: auth.apiKeySha256 }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Basic (user name + password) publishing credentials off for both FTP and the SCM site;
// deployments authenticate with Entra ID.
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
