#!/usr/bin/env bash
# Benchmarks the Asset Service at scale and writes bench/RESULTS.md. Not a test: it asserts nothing,
# it prints figures and ratios. Takes about 10 minutes on a 2-core machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/postgres.sh"
source "$root/scripts/dotnet.sh"

postgres_ensure "$root"
trap 'postgres_stop_local' EXIT
# Straight to the project-local cluster, no pooler between: prepared statements are safe (docs/decisions.md).
if [ -n "${ASSET_SERVICE_PG_BIN:-}" ]; then export PostgresAutoPrepare="${PostgresAutoPrepare:-true}"; fi
if ! command -v wrk >/dev/null 2>&1; then
  echo ">> Installing wrk from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
dotnet_restore "$root"
dotnet build "$root/AssetService.LocalHost" -c Release --no-restore $SERVICE_BUS_PROPERTY -nologo -v quiet -clp:ErrorsOnly
dotnet build "$root/bench/AssetService.Bench" -c Release --no-restore -nologo -v quiet -clp:ErrorsOnly

dotnet "$root/bench/AssetService.Bench/bin/Release/net10.0/AssetService.Bench.dll" \
  "$root/AssetService.LocalHost/bin/Release/net10.0/AssetService.LocalHost.dll" \
  "$root/bench/RESULTS.md"

# History and change-feed budgets (issue 13): appends its section to bench/RESULTS.md.
HISTORY_BENCH_NESTED=1 "$root/bench/history.sh"

# Headroom against the raw SQL of its inputs (issue 25): appends its section to bench/RESULTS.md.
HEADROOM_BENCH_NESTED=1 "$root/bench/headroom.sh"
