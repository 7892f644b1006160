#!/usr/bin/env bash
# Deployment script of infra/modules/appRegistration.bicep: creates or updates the API's app registration
# and its service principal through Microsoft Graph, keyed by UNIQUE_NAME, so running it again only
# re-applies APPLICATION (display name, sign-in audience, api, appRoles). It runs in the Azure CLI container
# of Microsoft.Resources/deploymentScripts, signed in as the user-assigned identity, which needs the Graph
# application permission Application.ReadWrite.OwnedBy (it becomes the owner of what it creates).
# Inputs (environment): UNIQUE_NAME, APPLICATION (JSON body), IDENTIFIER_URI (empty: api://<appId>).
# Output ($AZ_SCRIPTS_OUTPUT_PATH): {"appId", "identifierUri", "servicePrincipalId"}.
set -euo pipefail

graph="$(az cloud show --query endpoints.microsoftGraphResourceId -o tsv)"
graph="${graph%/}/v1.0"
app_url="$graph/applications(uniqueName='$UNIQUE_NAME')"

# A new object reaches every Graph replica within seconds to a minute: calls that read or extend it retry.
retry() {
  local attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    "$@" && return 0
    [[ $attempt -lt 10 ]] && sleep 15
  done
  echo "gave up after 10 attempts: $*" >&2
  return 1
}

# Graph upsert: 201 when created, 204 when updated. PATCH replaces appRoles and api as a whole.
az rest --method patch --url "$app_url" --headers "Content-Type=application/json" "Prefer=create-if-missing" \
  --body "$APPLICATION" --output none
app_id="$(retry az rest --method get --url "$app_url?\$select=appId" --query appId -o tsv)"

uri="${IDENTIFIER_URI:-api://$app_id}"
uri_pattern='^[a-z][a-z0-9+.-]*://[^[:space:]"\]+$'
if [[ ! "$uri" =~ $uri_pattern ]]; then
  echo "identifier URI '$uri' is not a URI" >&2
  exit 1
fi
retry az rest --method patch --url "$app_url" --headers "Content-Type=application/json" \
  --body "{\"identifierUris\":[\"$uri\"]}" --output none

# appRoleAssignmentRequired: Entra issues tokens for the API only to callers assigned one of its roles.
sp_url="$graph/servicePrincipals(appId='$app_id')"
retry az rest --method patch --url "$sp_url" --headers "Content-Type=application/json" "Prefer=create-if-missing" \
  --body '{"appRoleAssignmentRequired":true}' --output none
sp_id="$(retry az rest --method get --url "$sp_url?\$select=id" --query id -o tsv)"

printf '{"appId":"%s","identifierUri":"%s","servicePrincipalId":"%s"}\n' "$app_id" "$uri" "$sp_id" >"$AZ_SCRIPTS_OUTPUT_PATH"
