// The API's Entra app registration (the audience and app roles of its bearer tokens) and its service
// principal, created or updated on every change of its inputs by a deployment script (appRegistration.sh)
// through Microsoft Graph. Not the Microsoft Graph Bicep extension: it is an OCI artifact that must be
// restored from a registry when the template is built, which this project's build cannot reach.
// The script runs as a user-assigned identity that a tenant administrator has granted the Graph
// application permission Application.ReadWrite.OwnedBy (docs/deploy.md).

@description('Region of the deployment script (its container and storage are temporary).')
param location string

@description('Tags of the deployment script.')
param tags object

@description('Name of the deployment script resource.')
param name string

@description('Resource id of the user-assigned identity the script runs as (Graph: Application.ReadWrite.OwnedBy).')
@minLength(1)
param identityId string

@description('Graph alternate key of the app registration: the script finds it again by this name.')
@minLength(1)
@maxLength(100)
param uniqueName string

@description('Display name of the app registration and its enterprise application.')
param displayName string

@description('Application ID URI; empty: api://<appId>.')
param identifierUri string

@description('App roles: objects with id (a GUID that never changes), value, displayName, description, allowedMemberTypes and optionally isEnabled.')
@minLength(1)
param appRoles array

var roles = [
  for role in appRoles: {
    id: role.id
    value: role.value
    displayName: role.displayName
    description: role.description
    allowedMemberTypes: role.allowedMemberTypes
    isEnabled: role.?isEnabled ?? true
  }
]

// The body of the Graph upsert. requestedAccessTokenVersion 2 ("accessTokenAcceptedVersion" in the
// manifest): tokens carry the v2.0 issuer the app is configured with and the appId as their audience.
var application = {
  displayName: displayName
  signInAudience: 'AzureADMyOrg'
  api: {
    requestedAccessTokenVersion: 2
  }
  appRoles: roles
}

resource script 'Microsoft.Resources/deploymentScripts@2023-08-01' = {
  name: name
  location: location
  tags: tags
  kind: 'AzureCLI'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    azCliVersion: '2.67.0'
    scriptContent: loadTextContent('appRegistration.sh')
    environmentVariables: [
      { name: 'UNIQUE_NAME', value: uniqueName }
      { name: 'APPLICATION', value: string(application) }
      { name: 'IDENTIFIER_URI', value: identifierUri }
    ]
    timeout: 'PT10M'
    retentionInterval: 'PT1H'
    cleanupPreference: 'OnSuccess'
  }
}

@description('Application (client) id of the registration: the audience of its v2.0 access tokens.')
output appId string = script.properties.outputs.appId

@description('Its application ID URI: callers ask for tokens with scope <identifierUri>/.default.')
output identifierUri string = script.properties.outputs.identifierUri

@description('Object id of its service principal, to which app roles are assigned.')
output servicePrincipalId string = script.properties.outputs.servicePrincipalId
