// Read by infra/build.sh, which writes `bicep snapshot` of this deployment to infra/bin/snapshots/ for
// AssetService.Tests/Infra: the resources and values ARM would deploy with these parameters.
// A PgBouncer that tracks no prepared statements: the app must then not auto-prepare.
using '../main.bicep'

param environmentName = 'snap'
param postgresAdminObjectId = '11111111-1111-1111-1111-111111111111'
param postgresAdminName = 'migration-admin@example.org'
param authAppRegistration = 'Existing'
param authAudience = '2b0d6f0e-5c7a-4e3b-9a51-7c2e8d4f6a10'
param pgbouncerMaxPreparedStatements = 0
