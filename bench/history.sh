#!/usr/bin/env bash
# The budgets of history and the change feed (issue 13), appended to bench/RESULTS.md as its last section:
#  1. PATCH /limits of 35,040 rows overwriting existing rows (the path that writes history), with the capture
#     triggers enabled against the same database with them disabled (ALTER TABLE ... DISABLE TRIGGER USER);
#  2. GET /limits for one asset-day with as_of against without, after 100 rewrites of that day;
#  3. GET /api/v1/changes for 100 changes at p50 with HISTORY_ROWS (default 10M) limit slot versions in history and 1M changes.
# Run by bench/run.sh after the main benchmark; runs alone too (then it builds LocalHost itself).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/postgres.sh"
source "$root/scripts/dotnet.sh"
history_rows="${HISTORY_ROWS:-10000000}"
localhost="$root/AssetService.LocalHost/bin/Release/net10.0/AssetService.LocalHost.dll"

postgres_ensure "$root" >/dev/null
# Straight to the project-local cluster, no pooler between: prepared statements are safe (docs/decisions.md).
if [ -n "${ASSET_SERVICE_PG_BIN:-}" ]; then export PostgresAutoPrepare="${PostgresAutoPrepare:-true}"; fi
if [ "${HISTORY_BENCH_NESTED:-0}" != 1 ]; then
  trap 'postgres_stop_local' EXIT
  dotnet_restore "$root" >/dev/null
  dotnet build "$root/AssetService.LocalHost" -c Release --no-restore $SERVICE_BUS_PROPERTY -nologo -v quiet -clp:ErrorsOnly
fi

db=asset_service_history_bench
psql_db() { "$ASSET_SERVICE_PG_BIN/psql" -h 127.0.0.1 -p "$ASSET_SERVICE_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_db -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
port=7197 key=history-bench-key
PostgresConnection="Host=127.0.0.1;Port=$ASSET_SERVICE_PG_PORT;Username=postgres;Database=$db" ASSET_SERVICE_API_KEY=$key \
  ASSET_SERVICE_PORT=$port Logging__LogLevel__Default=Warning dotnet "$localhost" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; [ "${HISTORY_BENCH_NESTED:-0}" = 1 ] || postgres_stop_local' EXIT
base="http://127.0.0.1:$port/api"
for _ in $(seq 1 120); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done

api() { curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' -H "x-functions-key: $key" -H 'content-type: application/json' "$@"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
asset=$(curl -sS -H "x-functions-key: $key" -H 'content-type: application/json' -X POST "$base/v1/assets" \
  -d '{"code": "HIST", "name": "History bench", "type": "BESS", "region": "DE", "delivery_area": "50HZ", "provider": "EBX"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
year_patch() { echo "{\"limits\": [{\"asset_id\": \"$asset\", \"source\": \"OPERATIONS\", \"start_time\": \"00:00\", \"end_time\": \"24:00\", \"valid_from\": \"2027-01-01\", \"valid_until\": \"2027-12-31\", \"power_charge\": -$1}]}"; }
triggers() { psql_db -d $db -c "ALTER TABLE asset_limits $1 TRIGGER USER"; }

echo ">> History bench: PATCH /limits 35,040 rows with and without history"
api -X PATCH "$base/v1/limits" -d "$(year_patch 1)" | grep -q '^200 ' || { echo "PATCH failed" >&2; exit 1; }  # from here on every PATCH overwrites
with=() without=()
for i in $(seq 2 8); do
  triggers DISABLE; without+=("$(api -X PATCH "$base/v1/limits" -d "$(year_patch "$i")" | awk '{print $2}')")
  triggers ENABLE; with+=("$(api -X PATCH "$base/v1/limits" -d "$(year_patch "$((i + 10))")" | awk '{print $2}')")
done
patch_with=$(printf '%s\n' "${with[@]}" | median)
patch_without=$(printf '%s\n' "${without[@]}" | median)

echo ">> History bench: GET /limits one asset-day, as_of against without, after 100 rewrites of the day"
day_patch() { echo "{\"limits\": [{\"asset_id\": \"$asset\", \"source\": \"OPERATIONS\", \"start_time\": \"00:00\", \"end_time\": \"24:00\", \"valid_from\": \"2027-03-01\", \"valid_until\": \"2027-03-01\", \"power_charge\": -$1}]}"; }
for i in $(seq 1 100); do
  api -X PATCH "$base/v1/limits" -d "$(day_patch "$i")" | grep -q '^200 ' || { echo "day PATCH $i failed" >&2; exit 1; }
  [ "$i" = 50 ] && as_of=$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)
done
get_day="$base/v1/limits?asset_ids=$asset&from=2027-03-01T00:00:00Z&to=2027-03-02T00:00:00Z&limit=1000"
for _ in $(seq 1 20); do api "$get_day" >/dev/null; api "$get_day&as_of=$as_of" >/dev/null; done
get_now=$(for _ in $(seq 1 300); do api "$get_day" | awk '{print $2}'; done | median)
get_as_of=$(for _ in $(seq 1 300); do api "$get_day&as_of=$as_of" | awk '{print $2}'; done | median)
versions=$(psql_db -d $db -c "SELECT sum(cardinality(start_time)) || ' slot versions in ' || count(*) || ' history rows' FROM asset_limits_history WHERE asset_id = '$asset' AND day = '2027-03-01Z'")

echo ">> History bench: seeding $history_rows history rows and 1,000,000 changes"
started=$(date +%s)
psql_db -d $db <<SQL
-- History keeps a day of slots per row (migration 0008): $history_rows slot versions are rows of 96 slots.
INSERT INTO asset_limits_history (asset_id, start_time, source, end_time, delivery_day, power_charge, power_discharge, energy_low,
    energy_high, trading_locked, created_at, updated_at, day, valid_until)
SELECT 'DE_50HZ_SEED_' || (g % 1000), s.starts, 'OPERATIONS', s.ends, s.days, s.charge, s.nothing, s.nothing, s.nothing, s.locks, s.created,
       now() - interval '30 days' + g * interval '1 ms', d, now() - interval '29 days' + g * interval '1 ms'
FROM generate_series(1, $history_rows / 96) g, LATERAL (SELECT timestamptz '2026-01-01' + (g / 1000) * interval '1 day') t(d),
LATERAL (SELECT array_agg(d + i * interval '15 minutes'), array_agg(d + (i + 1) * interval '15 minutes'), array_agg((d + i * interval '15 minutes')::date),
                array_agg(-1::numeric), array_agg(NULL::numeric), array_agg(NULL::boolean), array_agg(now() - interval '30 days')
         FROM generate_series(0, 95) i) s(starts, ends, days, charge, nothing, locks, created);
-- Transaction ids below the current one, so that the feed's xmin horizon lets them all through.
INSERT INTO changes (xid, changed_at, changed_by, entity, operation, asset_id, from_time, to_time, rows)
SELECT (pg_current_xact_id()::text::bigint - 1) * g / 1000001, now() - interval '20 days' + g * interval '1 ms', 'function-key', 'limits', 'updated', 'DE_50HZ_SEED_' || (g % 1000),
       timestamptz '2026-01-01', timestamptz '2026-01-03', 192
FROM generate_series(1, 1000000) g;
ANALYZE asset_limits_history; ANALYZE changes;
SQL
seed_seconds=$(( $(date +%s) - started ))
cursor=$(psql_db -d $db -c "SELECT rtrim(translate(encode(int8send(xid) || int8send(id), 'base64'), '+/', '-_'), '=') FROM changes ORDER BY xid, id OFFSET 500000 LIMIT 1")
changes_url="$base/v1/changes?limit=100&after=$cursor"
returned=$(curl -sS -H "x-functions-key: $key" "$changes_url" | grep -o '"cursor"' | wc -l)
for _ in $(seq 1 20); do api "$changes_url" >/dev/null; done
get_changes=$(for _ in $(seq 1 300); do api "$changes_url" | awk '{print $2}'; done | median)
history_total=$(psql_db -d $db -c "SELECT sum(cardinality(start_time)) || ' slot versions (' || count(*) || ' rows)' FROM asset_limits_history")

echo ">> History bench: the feed's lag while the seeded history and changes are purged (purge_history, as HistoryRetention)"
# The retention purge runs as HistoryRetention does: purge_history(cutoff, BatchSize) until it removes nothing,
# each call its own transaction. Meanwhile one writer PATCHes a day and polls the feed for that write: the lag
# is from the PATCH's answer to the change being listed (a purge transaction holds the feed's horizon back).
batch=$(grep -oE 'BatchSize = [0-9_]+' "$root/AssetService.Core/Changes/HistoryRetention.cs" | grep -oE '[0-9_]+$' | tr -d _)
calls=$(mktemp)
next=$(curl -sS -H "x-functions-key: $key" "$base/v1/changes?asset_ids=$asset&limit=1000" | grep -oE '"next":"[^"]+"' | cut -d'"' -f4)
(
  while :; do
    begun=$(date +%s%N)
    removed=$(psql_db -d $db -c "SELECT removed_rows FROM purge_history(now(), $batch)")
    echo "$removed $(( ($(date +%s%N) - begun) / 1000000 ))"
    [ "$removed" = 0 ] && break
  done > "$calls"
) &
purger=$!
lags=()
i=0
while kill -0 $purger 2>/dev/null; do
  i=$((i + 1))
  api -X PATCH "$base/v1/limits" -d "$(day_patch "$((i + 200))")" | grep -q '^200 ' || { echo "PATCH during purge failed" >&2; exit 1; }
  written=$(date +%s%N)
  for poll in $(seq 1 3000); do
    page=$(curl -sS -H "x-functions-key: $key" "$base/v1/changes?asset_ids=$asset&after=$next")
    if echo "$page" | grep -q '"cursor"'; then next=$(echo "$page" | grep -oE '"next":"[^"]+"' | cut -d'"' -f4); break; fi
    [ "$poll" = 3000 ] && { echo "the PATCH during the purge never reached the feed" >&2; exit 1; }
  done
  lags+=("$(( ($(date +%s%N) - written) / 1000000 ))")
done
wait $purger
purge_calls=$(wc -l < "$calls")
purge_longest=$(awk '{print $2}' "$calls" | sort -n | tail -1)
purge_total=$(awk '{s+=$2} END {printf "%.1f", s / 1000}' "$calls")
rm -f "$calls"
lag_median=$(printf '%s\n' "${lags[@]}" | median)
lag_max=$(printf '%s\n' "${lags[@]}" | sort -n | tail -1)
left=$(psql_db -d $db -c "SELECT (SELECT count(*) FROM asset_limits_history WHERE valid_until < now() - interval '1 day') + (SELECT count(*) FROM changes WHERE changed_at < now() - interval '1 day')")

ms() { awk -v s="$1" 'BEGIN {printf "%.2f", s * 1000}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN {print (r <= t) ? "met" : "**missed**"}'; }
patch_ratio=$(ratio "$patch_with" "$patch_without")
get_ratio=$(ratio "$get_as_of" "$get_now")
results="$root/bench/RESULTS.md"
touch "$results"
sed -i '/^## History and the change feed/,$d' "$results"
cat >> "$results" <<MD
## History and the change feed (bench/history.sh, $(date -u '+%Y-%m-%d %H:%M') UTC)

Over HTTP against LocalHost (Release), curl \`time_total\`; medians. The PATCH overwrites existing rows, the
path that writes history (one row per asset, source and UTC day of superseded slots); "without" is the same database with the capture triggers of
\`asset_limits\` disabled, alternating with and without.

| measurement | with history / as_of | without | ratio | budget |
|---|---:|---:|---:|---|
| PATCH /limits, 35,040 rows overwritten (median of 7) | $(ms "$patch_with") ms | $(ms "$patch_without") ms | $patch_ratio | <= 1.3x: $(verdict "$patch_ratio" 1.3) |
| GET /limits 1 asset x 1 day, $versions of that day (p50 of 300) | $(ms "$get_as_of") ms | $(ms "$get_now") ms | $get_ratio | <= 2x: $(verdict "$get_ratio" 2) |

GET /api/v1/changes?limit=100 from a cursor in the middle ($returned changes returned), with $history_total in
\`asset_limits_history\` and 1,000,000 in \`changes\` (seeded by SQL in ${seed_seconds} s): p50 $(ms "$get_changes") ms
(budget < 5 ms: $(awk -v s="$get_changes" 'BEGIN {print (s < 0.005) ? "met" : "**missed**"}')).

The feed while that history and those changes are purged (\`purge_history(cutoff, $batch)\` called until it removes
nothing, as \`HistoryRetention\` does, each call its own transaction): $purge_calls calls in $purge_total s, the longest
$purge_longest ms; $left purgeable rows left after. A writer PATCHing one asset-day ${#lags[@]} times meanwhile saw its
change in the feed (polling \`after=next\` for that asset) a median $lag_median ms and at most $lag_max ms after the PATCH answered.
MD
echo ">> History bench written to $results"
