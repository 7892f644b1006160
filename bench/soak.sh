#!/usr/bin/env bash
# Load without loss: 100 concurrent clients mix reads and writes against LocalHost for 60 seconds,
# then every acknowledged write is looked up in the database. Prints the request, 5xx and lost-write
# counts; exits non-zero when any 5xx, transport failure or lost write occurred.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/postgres.sh"
source "$root/scripts/dotnet.sh"

postgres_ensure "$root"
trap 'postgres_stop_local' EXIT
# Straight to the project-local cluster, no pooler between: prepared statements are safe (docs/decisions.md).
if [ -n "${ASSET_SERVICE_PG_BIN:-}" ]; then export PostgresAutoPrepare="${PostgresAutoPrepare:-true}"; fi
dotnet_restore "$root"
dotnet build "$root/AssetService.LocalHost" -c Release --no-restore $SERVICE_BUS_PROPERTY -nologo -v quiet -clp:ErrorsOnly
dotnet build "$root/bench/AssetService.Bench" -c Release --no-restore -nologo -v quiet -clp:ErrorsOnly

dotnet "$root/bench/AssetService.Bench/bin/Release/net10.0/AssetService.Bench.dll" soak \
  "$root/AssetService.LocalHost/bin/Release/net10.0/AssetService.LocalHost.dll"
