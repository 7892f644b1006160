#!/usr/bin/env bash
# Checks of the OpenAPI document and the docs page that need Node.js and a browser:
#   1. `redocly lint` on AssetService.Functions/OpenApi/openapi.json (rules in redocly.yaml): zero problems.
#   2. A browser test: LocalHost on a free port, /api/docs in headless Chromium (Debian's chromium,
#      driven by playwright-core): every tag of the document on the page, Authorize + Try it out work.
#   3. The operator page /api/ui in the same browser (scripts/operator-browser-test.mjs): portfolio, the day
#      views of both DST Sundays (92 and 100 quarter hours), screenshots in TestResults/browser/.
# Installs what it needs: the npm tools pinned in scripts/openapi-tools/ into .tools/ (git-ignored), and
# chromium from apt when /usr/bin/chromium is missing. Uses PostgresConnection when set, else a
# project-local cluster. Prints one PASS/FAIL line per check; exits non-zero when one fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source "$root/scripts/postgres.sh"
source "$root/scripts/dotnet.sh"

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1 SCARF_ANALYTICS=false
tools="$root/.tools"
document="$root/AssetService.Functions/OpenApi/openapi.json"

install_tools() {
  mkdir -p "$tools"
  if cmp -s "$root/scripts/openapi-tools/package-lock.json" "$tools/node_modules/.installed-lock.json" 2>/dev/null; then return; fi
  echo ">> Installing @redocly/cli and playwright-core into .tools/"
  cp "$root/scripts/openapi-tools/package.json" "$root/scripts/openapi-tools/package-lock.json" "$tools/"
  (cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$root/scripts/openapi-tools/package-lock.json" "$tools/node_modules/.installed-lock.json"
}

install_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  echo ">> Installing Debian's chromium for the browser test"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

lint() {
  echo ">> redocly lint $document"
  local out status=0
  out="$("$tools/node_modules/.bin/redocly" lint --config "$root/redocly.yaml" 2>&1)" || status=$?
  # Drop redocly's boxed notice that Node.js 20 support is ending.
  printf '%s\n' "$out" | grep -v -e '║' -e '╔' -e '╚' || true
  if [ "$status" = 0 ]; then echo "openapi lint: PASS"; else echo "openapi lint: FAIL"; fi
  return "$status"
}

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

localhost_pid=""
stop_localhost() {
  if [ -n "$localhost_pid" ]; then kill "$localhost_pid" 2>/dev/null || true; wait "$localhost_pid" 2>/dev/null || true; fi
  localhost_pid=""
}

browser_test() {
  echo ">> Building AssetService.LocalHost"
  dotnet build "$root/AssetService.LocalHost" --no-restore $SERVICE_BUS_PROPERTY -nologo -v quiet -clp:ErrorsOnly
  local port key log jwt token
  port="$(free_port)"
  key="docs-test-$RANDOM$RANDOM"
  log="$(mktemp)"
  # A token for "Authorize" with bearer: mint-token writes its key and JWKS into .jwt/ of its directory.
  jwt="$(mktemp -d)"
  token="$(cd "$jwt" && dotnet "$root/AssetService.LocalHost/bin/Debug/net10.0/AssetService.LocalHost.dll" mint-token Read 2>/dev/null)"
  echo ">> Starting LocalHost on 127.0.0.1:$port"
  ASSET_SERVICE_PORT="$port" ASSET_SERVICE_API_KEY="$key" ASSET_SERVICE_DEV_INGEST=false \
    ASSET_SERVICE_JWT_ISSUER=https://localhost/asset-service-dev ASSET_SERVICE_JWT_AUDIENCE=api://asset-service-dev \
    ASSET_SERVICE_JWT_JWKS_FILE="$jwt/.jwt/jwks.json" \
    dotnet "$root/AssetService.LocalHost/bin/Debug/net10.0/AssetService.LocalHost.dll" >"$log" 2>&1 &
  localhost_pid=$!
  local up=0
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; then up=1; break; fi
    if ! kill -0 "$localhost_pid" 2>/dev/null; then break; fi
    sleep 0.5
  done
  if [ "$up" != 1 ]; then
    cat "$log" >&2; rm -f "$log"
    echo "docs browser test: FAIL (LocalHost did not start)"
    return 1
  fi
  local status=0
  BASE_URL="http://127.0.0.1:$port" API_KEY="$key" BEARER_TOKEN="$token" OPENAPI="$document" TOOLS_DIR="$tools" \
    timeout 180 node "$root/scripts/docs-browser-test.mjs" || status=$?
  # The operator page, on the same LocalHost; its screenshots go to the git-ignored TestResults/browser/.
  BASE_URL="http://127.0.0.1:$port" API_KEY="$key" TOOLS_DIR="$tools" SCREENSHOT_DIR="$root/TestResults/browser" \
    timeout 180 node "$root/scripts/operator-browser-test.mjs" || status=$?
  stop_localhost
  rm -rf "$log" "$jwt"
  return "$status"
}

postgres_ensure "$root"
trap 'stop_localhost; postgres_stop_local' EXIT
install_tools
install_chromium
dotnet_restore "$root"

failed=0
lint || failed=1
browser_test || failed=1
if [ "$failed" = 0 ]; then echo "openapi checks: PASS"; else echo "openapi checks: FAIL"; fi
exit "$failed"
