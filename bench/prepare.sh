#!/usr/bin/env bash
# What Npgsql's auto-prepare buys on reads (docs/decisions.md, "Prepared statements"): one LocalHost with
# PostgresAutoPrepare=true and one without, both direct to the project-local cluster, read in turns
# A B B A with wrk (32 connections): GET /assets/{id} and GET /limits for one asset-day (96 slots x 1 source).
# Asserts nothing; prints requests per second. Ports: ASSET_SERVICE_BENCH_PORT (7301) and the next one.
# Usage: bench/prepare.sh [seconds per run, default 15]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/postgres.sh"
source "$root/scripts/dotnet.sh"
seconds="${1:-15}"
port_on="${ASSET_SERVICE_BENCH_PORT:-7301}"
port_off=$((port_on + 1))
key="bench-prepare-key"

postgres_ensure "$root"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; postgres_stop_local; }
trap cleanup EXIT
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dotnet_restore "$root"
dotnet build "$root/AssetService.LocalHost" -c Release --no-restore $SERVICE_BUS_PROPERTY -nologo -v quiet -clp:ErrorsOnly
dll="$root/AssetService.LocalHost/bin/Release/net10.0/AssetService.LocalHost.dll"
dotnet "$dll" migrate >/dev/null

start() { # port, auto-prepare
  ASSET_SERVICE_PORT="$1" ASSET_SERVICE_API_KEY="$key" PostgresAutoPrepare="$2" ASSET_SERVICE_MIGRATE_AT_START=false \
    dotnet "$dll" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$1/api/health" >/dev/null && return; sleep 0.2; done
  echo "LocalHost on $1 did not start" >&2; exit 1
}
start "$port_on" true
start "$port_off" false

api="http://127.0.0.1:$port_on/api/v1"
code="P$(date +%s)"
asset=$(curl -sf -X POST -H "x-functions-key: $key" "$api/assets" \
  -d "{\"code\":\"$code\",\"name\":\"Prepare bench\",\"type\":\"BESS\",\"region\":\"DE\",\"delivery_area\":\"50HZ\",\"provider\":\"EBX\"}" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -sf -X PATCH -H "x-functions-key: $key" "$api/limits" -d "{\"limits\":[{\"asset_id\":\"$asset\",\"source\":\"OPERATIONS\",
  \"start_time\":\"00:00\",\"end_time\":\"24:00\",\"valid_from\":\"2027-01-01\",\"valid_until\":\"2027-01-31\",
  \"power_charge\":-2.5,\"power_discharge\":2.5,\"energy_low\":0.5,\"energy_high\":3.5,\"trading_locked\":false}]}" >/dev/null

script="$(mktemp --suffix .lua)"
echo "wrk.headers[\"x-functions-key\"] = \"$key\"" >"$script"
run() { # port, path
  wrk -t2 -c32 -d"${seconds}s" -s "$script" "http://127.0.0.1:$1$2" | awk '/Requests\/sec/ {print $2}'
}
for path in "/api/v1/assets/$asset" "/api/v1/limits?asset_ids=$asset&from=2027-01-10T00:00:00Z&to=2027-01-11T00:00:00Z&limit=1000"; do
  run "$port_on" "$path" >/dev/null; run "$port_off" "$path" >/dev/null   # warm-up (JIT, pools, plans)
  a1=$(run "$port_on" "$path"); b1=$(run "$port_off" "$path"); b2=$(run "$port_off" "$path"); a2=$(run "$port_on" "$path")
  echo "$path: auto-prepare on $a1 $a2 req/s, off $b1 $b2 req/s; mean on/off = $(python3 -c "print(round(($a1+$a2)/($b1+$b2), 3))")"
done
rm -f "$script"
