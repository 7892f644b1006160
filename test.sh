#!/usr/bin/env bash
# Runs every test: unit and integration tests (on a real PostgreSQL, project-local unless
# PostgresConnection is set). Installs what it needs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
source "$root/scripts/postgres.sh"
source "$root/scripts/dotnet.sh"
source "$root/scripts/pgbouncer.sh"

# Test databases are thrown away: the project-local cluster may skip fsync while the tests run (README).
export ASSET_SERVICE_PG_DURABLE="${ASSET_SERVICE_PG_DURABLE:-false}"
postgres_ensure "$root"
trap 'pgbouncer_stop; postgres_stop_local' EXIT
# The HTTP tests reach PostgreSQL through a transaction-mode PgBouncer, as the app does in Azure
# (README, "What is proven where"); the migrations and the tests' own set-up stay direct.
if [ -n "${ASSET_SERVICE_PG_BIN:-}" ]; then
  pgbouncer_start "$root"
elif [ -z "${ASSET_SERVICE_TEST_PGBOUNCER:-}" ]; then
  echo ">> PostgresConnection is given and ASSET_SERVICE_TEST_PGBOUNCER is not: the PgBouncer tests will fail"
fi
dotnet_restore "$root"

echo ">> Compiling and linting the Bicep templates"
"$root/infra/build.sh"

echo ">> Building"
dotnet build AssetService.sln --no-restore $SERVICE_BUS_PROPERTY -nologo -v quiet -clp:ErrorsOnly

echo ">> Running the tests"
log="$(mktemp)"
set +e
dotnet test AssetService.sln --no-build $SERVICE_BUS_PROPERTY -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"

echo ">> OpenAPI lint, the interactive docs and the operator page in headless Chromium"
docs=0
"$root/scripts/openapi-checks.sh" || docs=1
[ "$docs" -eq 0 ] && passed=$((passed + 3)) || failed=$((failed + 1))

echo ">> Generated clients: Kiota C# client and openapi-typescript types against LocalHost"
clients=0
ASSET_SERVICE_BUILT=1 "$root/scripts/client-smoke.sh" || clients=1
[ "$clients" -eq 0 ] && passed=$((passed + 2)) || failed=$((failed + 1))

echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "$status" -eq 0 ] && [ "$docs" -eq 0 ] && [ "$clients" -eq 0 ]
