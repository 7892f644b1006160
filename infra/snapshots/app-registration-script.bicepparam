// Read by infra/build.sh, which writes `bicep snapshot` of this deployment to infra/bin/snapshots/ for
// AssetService.Tests/Infra: the resources and values ARM would deploy with these parameters.
// The app registration is made by the deployment script.
using '../main.bicep'

param environmentName = 'snap'
param postgresAdminObjectId = '11111111-1111-1111-1111-111111111111'
param postgresAdminName = 'migration-admin@example.org'
param authAppRegistration = 'Script'
param authAppRegistrationIdentityId = '/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-app-registrations'
