#!/usr/bin/env bash
# Generated clients work: builds clients from AssetService.Functions/OpenApi/openapi.json with tools no
# one here wrote and calls a running service through them.
#   1. Kiota (dotnet tool, pinned in .config/dotnet-tools.json) generates a C# client into a scratch
#      folder; scripts/client-smoke/csharp/ (a small program, not in the solution) is compiled against it
#      with warnings as errors and run against LocalHost over a fresh database.
#   2. openapi-typescript generates types (pinned in scripts/client-smoke/typescript/), `tsc --strict`
#      checks scripts/client-smoke/typescript/smoke.ts against them, and node runs it against the same
#      LocalHost through openapi-fetch.
# Generated code lives only in the scratch folder. A Kiota warning other than the allowed ones fails too.
# Uses PostgresConnection when set, else a project-local cluster. ASSET_SERVICE_BUILT=1 (test.sh, after
# building the solution) skips the restore and build of LocalHost. Prints one PASS/FAIL line per client
# and exits non-zero when one fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source "$root/scripts/postgres.sh"
source "$root/scripts/dotnet.sh"

export KIOTA_OFFLINE_ENABLED=true KIOTA_TUTORIAL_ENABLED=false KIOTA_CLI_TELEMETRY_OPTOUT=true KIOTA_CONSOLE_COLORS_ENABLED=false
export NO_UPDATE_NOTIFIER=1
document="$root/AssetService.Functions/OpenApi/openapi.json"
work="$(mktemp -d /tmp/asset-client-smoke.XXXXXX)"
tools="$root/.tools/client-smoke"

# Kiota says so when a document has several servers; it takes the first, which is what we want.
allowed_kiota_warnings='Multiple servers entries were found'

# PostgresConnection (Npgsql keywords) -> one field, for psql.
pg_field() {
  local want="$1" pair key
  local -a pairs
  IFS=';' read -ra pairs <<<"$PostgresConnection"
  for pair in "${pairs[@]}"; do
    key="$(printf '%s' "${pair%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"
    case "$want:$key" in
      host:host|host:server|port:port|user:username|user:userid|user:user|password:password|password:pwd)
        printf '%s' "${pair#*=}"; return ;;
    esac
  done
}

pg() {
  PGHOST="$(pg_field host)" PGPORT="$(pg_field port)" PGUSER="$(pg_field user)" PGPASSWORD="$(pg_field password)" \
    "$(pg_bin_dir)/psql" -d postgres -v ON_ERROR_STOP=1 -qtAc "$1"
}

database=""
localhost_pid=""
cleanup() {
  if [ -n "$localhost_pid" ]; then kill "$localhost_pid" 2>/dev/null || true; wait "$localhost_pid" 2>/dev/null || true; fi
  if [ -n "$database" ]; then pg "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
  postgres_stop_local
}

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

start_localhost() {
  if [ "${ASSET_SERVICE_BUILT:-}" != 1 ]; then
    dotnet_restore "$root"
    echo ">> Building AssetService.LocalHost"
    dotnet build "$root/AssetService.LocalHost" --no-restore $SERVICE_BUS_PROPERTY -nologo -v quiet -clp:ErrorsOnly
  fi
  database="client_smoke_$(date +%s)_$$"
  pg "CREATE DATABASE $database"
  local connection
  connection="$(printf '%s' "$PostgresConnection" | tr ';' '\n' | grep -viE '^ *(database|db) *=' | paste -sd ';');Database=$database"
  port="$(free_port)"
  key="client-smoke-$RANDOM$RANDOM"
  echo ">> Starting LocalHost on 127.0.0.1:$port over the fresh database $database"
  PostgresConnection="$connection" ASSET_SERVICE_PORT="$port" ASSET_SERVICE_API_KEY="$key" ASSET_SERVICE_DEV_INGEST=false \
    dotnet "$root/AssetService.LocalHost/bin/Debug/net10.0/AssetService.LocalHost.dll" >"$work/localhost.log" 2>&1 &
  localhost_pid=$!
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$localhost_pid" 2>/dev/null; then break; fi
    sleep 0.5
  done
  cat "$work/localhost.log" >&2
  echo "LocalHost did not start" >&2
  return 1
}

kiota_client() {
  echo ">> Kiota: generating a C# client from openapi.json"
  dotnet tool restore >/dev/null
  local project="$work/csharp" log="$work/kiota.log"
  mkdir -p "$project"
  cp "$root"/scripts/client-smoke/csharp/*.cs "$root"/scripts/client-smoke/csharp/*.csproj "$project/"
  if ! dotnet kiota generate --language CSharp --openapi "$document" --output "$project/Generated" \
      --class-name AssetServiceClient --namespace-name AssetService.Client --exclude-backward-compatible --backing-store \
      --clean-output --log-level Warning >"$log" 2>&1; then
    cat "$log"; echo "kiota client smoke: FAIL (generation failed)"; return 1
  fi
  if grep -A1 -E '^(warn|fail|crit):' "$log" | grep -vE "^(warn|fail|crit):|^--$" | grep -vE "$allowed_kiota_warnings" | grep -q .; then
    cat "$log"; echo "kiota client smoke: FAIL (Kiota warned about the document)"; return 1
  fi
  echo ">> Compiling the generated client with scripts/client-smoke/csharp (warnings are errors)"
  if ! dotnet build "$project" -nologo -v quiet -clp:ErrorsOnly -o "$project/out" >"$work/build.log" 2>&1; then
    grep -E "error|warn" "$work/build.log" | sort -u | head -40
    echo "kiota client smoke: FAIL (the generated client does not compile)"; return 1
  fi
  echo ">> Running the C# smoke program against LocalHost"
  BASE_URL="http://127.0.0.1:$port" API_KEY="$key" timeout 120 dotnet "$project/out/ClientSmoke.dll" ||
    { echo "kiota client smoke: FAIL"; return 1; }
}

install_typescript_tools() {
  local lock="$root/scripts/client-smoke/typescript/package-lock.json"
  mkdir -p "$tools"
  if cmp -s "$lock" "$tools/node_modules/.installed-lock.json" 2>/dev/null; then return; fi
  echo ">> Installing openapi-typescript, openapi-fetch and typescript into .tools/client-smoke/"
  cp "$root/scripts/client-smoke/typescript/package.json" "$lock" "$tools/"
  (cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$lock" "$tools/node_modules/.installed-lock.json"
}

typescript_client() {
  install_typescript_tools || { echo "typescript client smoke: FAIL (npm ci failed)"; return 1; }
  local project="$work/typescript"
  mkdir -p "$project"
  cp "$root"/scripts/client-smoke/typescript/{smoke.ts,tsconfig.json,package.json} "$project/"
  ln -s "$tools/node_modules" "$project/node_modules"
  echo ">> openapi-typescript: generating types from openapi.json"
  # From the scratch folder: openapi-typescript would otherwise read the repository's redocly.yaml.
  (cd "$project" && node_modules/.bin/openapi-typescript "$document" -o api.d.ts >"$work/openapi-typescript.log" 2>&1) ||
    { cat "$work/openapi-typescript.log"; echo "typescript client smoke: FAIL (generation failed)"; return 1; }
  echo ">> tsc --strict: type-checking scripts/client-smoke/typescript/smoke.ts against the generated types"
  (cd "$project" && node_modules/.bin/tsc -p tsconfig.json) ||
    { echo "typescript client smoke: FAIL (smoke.ts does not type-check against the generated types)"; return 1; }
  echo ">> Running smoke.ts (openapi-fetch) against LocalHost"
  (cd "$project" && BASE_URL="http://127.0.0.1:$port" API_KEY="$key" timeout 120 node out/smoke.js) ||
    { echo "typescript client smoke: FAIL"; return 1; }
}

trap cleanup EXIT
postgres_ensure "$root"
start_localhost

failed=0
kiota_client || failed=1
typescript_client || failed=1
if [ "$failed" = 0 ]; then echo "client smoke: PASS (${SECONDS}s)"; else echo "client smoke: FAIL (${SECONDS}s)"; fi
exit "$failed"
