#!/usr/bin/env bash
# Serves the Asset Service API: PostgreSQL (project-local unless PostgresConnection is set),
# then `func start` where the Functions Core Tools exist, AssetService.LocalHost otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$root/scripts/postgres.sh"
source "$root/scripts/dotnet.sh"

postgres_ensure "$root"
trap 'postgres_stop_local' EXIT
# Straight to the project-local cluster, no pooler between: prepared statements are safe (docs/decisions.md).
if [ -n "${ASSET_SERVICE_PG_BIN:-}" ]; then export PostgresAutoPrepare="${PostgresAutoPrepare:-true}"; fi
dotnet_restore "$root"

export ASSET_SERVICE_PORT="${ASSET_SERVICE_PORT:-7071}"
if [ -z "${ASSET_SERVICE_API_KEY:-}" ]; then
  export ASSET_SERVICE_API_KEY="local-dev-key"
  echo ">> ASSET_SERVICE_API_KEY is unset: using the development key"
fi

if command -v func >/dev/null 2>&1; then
  echo ">> Serving with the Functions Core Tools (func start)"
  [ -f "$root/AssetService.Functions/local.settings.json" ] || cp "$root/local.settings.sample.json" "$root/AssetService.Functions/local.settings.json"
  # Built here so that the Service Bus fallback applies; func runs the build output as it is.
  dotnet build "$root/AssetService.Functions" --no-restore $SERVICE_BUS_PROPERTY -nologo -v quiet -clp:ErrorsOnly
  # The Functions app runs no DDL: apply the migrations first, as a deployment does (docs/deploy.md).
  dotnet build "$root/AssetService.LocalHost" -c Release --no-restore $SERVICE_BUS_PROPERTY -nologo -v quiet -clp:ErrorsOnly
  dotnet "$root/AssetService.LocalHost/bin/Release/net10.0/AssetService.LocalHost.dll" migrate
  cd "$root/AssetService.Functions/bin/Debug/net10.0"
  func start --port "$ASSET_SERVICE_PORT"
else
  echo ">> func not found: serving with AssetService.LocalHost"
  dotnet build "$root/AssetService.LocalHost" -c Release --no-restore $SERVICE_BUS_PROPERTY -v quiet -nologo | grep -E "error|Warn" || true
  dotnet "$root/AssetService.LocalHost/bin/Release/net10.0/AssetService.LocalHost.dll" migrate
  echo
  echo "   API:  http://127.0.0.1:$ASSET_SERVICE_PORT/api/v1/..."
  echo "   Key:  $ASSET_SERVICE_API_KEY   (header x-functions-key, or ?code=)"
  echo "   Tokens: ${ASSET_SERVICE_JWT_ISSUER:-refused (no ASSET_SERVICE_JWT_ISSUER; see README, Keys and tokens)}"
  echo "   Docs: http://127.0.0.1:$ASSET_SERVICE_PORT/api/docs"
  echo "   Ctrl-C stops the API and the project-local PostgreSQL."
  echo
  dotnet "$root/AssetService.LocalHost/bin/Release/net10.0/AssetService.LocalHost.dll"
fi
