#!/usr/bin/env bash
# Headroom (issue 25): GET /api/v1/headroom for 100 assets x 1 delivery day (CSV: the whole window in one
# answer) and for 1 asset x 7 delivery days (JSON, limit 1000), each against the raw SQL of the same
# inputs in the same run (pgbench running the statements of the answer with the request's values, as
# `AssetService.LocalHost headroom-sql` prints them; one connection each side, alternating A B B A).
# Prints p50 and req/s and writes them as the last section of bench/RESULTS.md; asserts nothing.
# Runs alone or from bench/run.sh (HEADROOM_BENCH_NESTED=1). Ports: HEADROOM_BENCH_PORT (default 7417).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/postgres.sh"
source "$root/scripts/dotnet.sh"
localhost="$root/AssetService.LocalHost/bin/Release/net10.0/AssetService.LocalHost.dll"
seconds="${HEADROOM_BENCH_SECONDS:-10}"

postgres_ensure "$root" >/dev/null
if [ "${HEADROOM_BENCH_NESTED:-0}" != 1 ]; then
  trap 'postgres_stop_local' EXIT
  dotnet_restore "$root" >/dev/null
  dotnet build "$root/AssetService.LocalHost" -c Release --no-restore $SERVICE_BUS_PROPERTY -nologo -v quiet -clp:ErrorsOnly
fi

db=asset_service_headroom_bench
psql_db() { "$ASSET_SERVICE_PG_BIN/psql" -h 127.0.0.1 -p "$ASSET_SERVICE_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_db -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
port="${HEADROOM_BENCH_PORT:-7417}" key=headroom-bench-key
PostgresConnection="Host=127.0.0.1;Port=$ASSET_SERVICE_PG_PORT;Username=postgres;Database=$db" ASSET_SERVICE_API_KEY=$key \
  ASSET_SERVICE_PORT=$port Logging__LogLevel__Default=Warning dotnet "$localhost" >/dev/null 2>&1 &
server=$!
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"; [ "${HEADROOM_BENCH_NESTED:-0}" = 1 ] || postgres_stop_local' EXIT
base="http://127.0.0.1:$port/api"
for _ in $(seq 1 120); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done

echo ">> Headroom bench: seeding 100 assets x 7 delivery days (2 limit sources, 2 markets, a snapshot, 50 sites of 2 assets)"
psql_db -d $db <<'SQL'
INSERT INTO assets (id, code, name, type, region, delivery_area, lifecycle, provider, created_at, updated_at)
SELECT 'DE_50HZ_HR_' || g, 'HR', 'Headroom bench ' || g, 'BESS', 'DE', '50HZ', 'LIVE', 'EBX', now(), now() FROM generate_series(1, 100) g;
INSERT INTO specs (asset_id, valid_from, rated_power, grid_connection_max_power, max_capacity, charge_efficiency, discharge_efficiency, created_at, updated_at)
SELECT id, '2027-01-01Z', 10, 12, 20, 0.95, 0.94, now(), now() FROM assets;
INSERT INTO sites (id, code, name, region, delivery_area, dispatch_mode, created_at, updated_at)
SELECT 'DE_50HZ_HR_SITE_' || g, 'HR', 'Headroom site ' || g, 'DE', '50HZ', 'OPTIMISED', now(), now() FROM generate_series(1, 50) g;
INSERT INTO inverters (id, site_id, rated_power, charge_efficiency, discharge_efficiency, created_at, updated_at)
SELECT id || '_INV_1', id, 15, 0.98, 0.98, now(), now() FROM sites;
INSERT INTO inverter_assets (inverter_id, asset_id)
SELECT 'DE_50HZ_HR_SITE_' || ((g + 1) / 2) || '_INV_1', 'DE_50HZ_HR_' || g FROM generate_series(1, 100) g;
CREATE TEMP TABLE slots AS
SELECT s AS start_time, (s AT TIME ZONE 'Europe/Berlin')::date AS delivery_day
FROM generate_series(timestamptz '2027-02-28T23:00:00Z', timestamptz '2027-03-07T22:45:00Z', interval '15 minutes') s;
INSERT INTO asset_limits (asset_id, start_time, source, end_time, delivery_day, power_charge, power_discharge, energy_low, energy_high, trading_locked, created_at, updated_at)
SELECT a.id, s.start_time, src, s.start_time + interval '15 minutes', s.delivery_day,
       CASE src WHEN 'REPORTED' THEN -9 ELSE -8.5 END, CASE src WHEN 'REPORTED' THEN 9 ELSE 8.5 END, 2, 18, NULL, now(), now()
FROM assets a, slots s, unnest(ARRAY['REPORTED', 'OPERATIONS']) src;
INSERT INTO reservations (asset_id, start_time, market, source, end_time, delivery_day, power, energy_change, energy_buffer_low, energy_buffer_high, created_at, updated_at)
SELECT a.id, s.start_time, m, 'OPTIMISATION', s.start_time + interval '15 minutes', s.delivery_day,
       CASE m WHEN 'DAY_AHEAD' THEN 2 ELSE -1.5 END, CASE m WHEN 'DAY_AHEAD' THEN -0.5 ELSE 0.375 END, 0.25, 0.25, now(), now()
FROM assets a, slots s, unnest(ARRAY['DAY_AHEAD', 'INTRADAY']) m;
INSERT INTO state_snapshots (asset_id, effective_at, stored_energy, created_at, updated_at)
SELECT id, '2027-02-28T22:00:00Z', 10, now(), now() FROM assets;
INSERT INTO inverter_limits (inverter_id, start_time, delivery_day, power_charge, power_discharge, created_at, updated_at)
SELECT i.id, s.start_time, s.delivery_day, -12, 12, now(), now() FROM inverters i, slots s;
INSERT INTO site_limits (site_id, start_time, delivery_day, import_power, export_power, created_at, updated_at)
SELECT si.id, s.start_time, s.delivery_day, 14, 14, now(), now() FROM sites si, slots s;
ANALYZE;
SQL

ids=$(seq -s, -f 'DE_50HZ_HR_%g' 1 100)
day="from=2027-02-28T23:00:00Z&to=2027-03-01T23:00:00Z"
week="from=2027-02-28T23:00:00Z&to=2027-03-07T23:00:00Z"

# The statements each answer runs, with the request's values in place of the parameters, as one pipeline of
# one round trip: printed by the code itself (LocalHost headroom-sql), so they are those of HeadroomInputsReader.
dotnet "$localhost" headroom-sql csv "asset_ids=$ids&$day" > "$work/day.sql"   # the CSV's line count, then its read
dotnet "$localhost" headroom-sql json "asset_ids=DE_50HZ_HR_1&$week&limit=1000" > "$work/week.sql"

# p50 (ms) and req/s of one connection: wrk for HTTP, pgbench with a per-transaction log for the SQL.
http() { # url accept
  wrk -t1 -c1 -d"${seconds}s" --latency -H "x-functions-key: $key" -H "Accept: $2" "$1" |
    awk '/^ +50%/ {v=$2; if (v ~ /us$/) {sub(/us/, "", v); v/=1000} else if (v ~ /ms$/) {sub(/ms/, "", v)} else {sub(/s/, "", v); v*=1000}; p50=v}
         /^Requests\/sec/ {rps=$2} /Non-2xx/ {bad=$NF} END {printf "%.2f %.0f %s\n", p50, rps, bad ? bad : 0}'
}
sql() { # script
  rm -f "$work"/pgbench_log.*
  (cd "$work" && "$ASSET_SERVICE_PG_BIN/pgbench" -h 127.0.0.1 -p "$ASSET_SERVICE_PG_PORT" -U postgres -n -M extended -c1 -j1 -T "$seconds" -l -f "$1" $db >/dev/null 2>&1)
  cat "$work"/pgbench_log.* | awk '{print $3 / 1000}' | sort -n |
    awk '{a[NR]=$1; s+=$1} END {printf "%.2f %.0f 0\n", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2, NR / '"$seconds"'}'
}
check() { curl -sS -o /dev/null -w '%{http_code}' -H "x-functions-key: $key" -H "Accept: $2" "$1" | grep -q 200 || { echo "GET $1 failed" >&2; exit 1; }; }

day_url="$base/v1/headroom?asset_ids=$ids&$day"
week_url="$base/v1/headroom?asset_ids=DE_50HZ_HR_1&$week&limit=1000"
check "$day_url" text/csv; check "$week_url" application/json
echo "   100 x 1 day CSV: $(curl -sS -H "x-functions-key: $key" -H 'Accept: text/csv' "$day_url" | wc -l) lines; 1 x 7 days JSON: $(curl -sS -H "x-functions-key: $key" "$week_url" | grep -o '"asset_id"' | wc -l) items"
for _ in $(seq 1 30); do curl -sS -o /dev/null -H "x-functions-key: $key" -H 'Accept: text/csv' "$day_url"; curl -sS -o /dev/null -H "x-functions-key: $key" "$week_url"; done

table="$work/table.md"
printf '| read | HTTP p50 ms | HTTP req/s | raw SQL p50 ms | raw SQL tx/s | p50 ratio (target <= 2) |\n|---|---:|---:|---:|---:|---:|\n' > "$table"
for mode in day week; do
  if [ $mode = day ]; then url=$day_url accept=text/csv script="$work/day.sql" name="100 assets x 1 day (CSV)"
  else url=$week_url accept=application/json script="$work/week.sql" name="1 asset x 7 days (JSON)"; fi
  read -r h1 r1 bad1 < <(http "$url" "$accept"); read -r s1 t1 _ < <(sql "$script")
  read -r s2 t2 _ < <(sql "$script"); read -r h2 r2 bad2 < <(http "$url" "$accept")
  awk -v n="$name" -v h1="$h1" -v h2="$h2" -v r1="$r1" -v r2="$r2" -v s1="$s1" -v s2="$s2" -v t1="$t1" -v t2="$t2" -v bad="$((bad1 + bad2))" \
    'BEGIN {h=(h1+h2)/2; s=(s1+s2)/2; printf "| %s | %.2f | %.0f | %.2f | %.0f | %.2f%s |\n", n, h, (r1+r2)/2, s, (t1+t2)/2, h/s, (bad > 0) ? " (" bad " non-2xx)" : ""}' >> "$table"
done
echo; cat "$table"

# The last section of bench/RESULTS.md (after history.sh's when bench/run.sh runs both).
results="$root/bench/RESULTS.md"
touch "$results"
sed -i '/^## Headroom (bench\/headroom.sh/,$d' "$results"
# Trailing blank lines go too, so that the section below starts after exactly one.
sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$results"
cat >> "$results" <<MD

## Headroom (bench/headroom.sh, $(date -u '+%Y-%m-%d %H:%M') UTC)

GET /api/v1/headroom against the raw SQL of its inputs (the statements of \`HeadroomInputsReader\`, and for the CSV its
line count, with the request's values as \`AssetService.LocalHost headroom-sql\` prints them, pipelined by pgbench in one
round trip), one connection each side, ${seconds} s each, alternating HTTP, SQL, SQL, HTTP; each figure the mean of its two runs. 100 assets x 1 delivery day is the CSV answer (9,600
lines, the whole window); 1 asset x 7 delivery days the JSON answer (672 items, limit 1000).

$(cat "$table")
MD
echo ">> Headroom bench written to $results"
