# Sourced by test.sh after scripts/postgres.sh. Starts Debian's PgBouncer (installed from apt when missing)
# in transaction pooling mode in front of the project-local cluster, as Azure's built-in PgBouncer sits in
# front of Flexible Server, and exports ASSET_SERVICE_TEST_PGBOUNCER (its host and port) for the HTTP tests
# (AssetService.Tests/Support/ApiFixture). One wildcard entry serves every per-test-class database.
# Debian 12 ships PgBouncer 1.18, which does not track prepared statements: the tests run against the
# pooler a deployment without tracking has. Port: ASSET_SERVICE_PGBOUNCER_PORT (default: PostgreSQL's + 1000).

pgbouncer_install() {
  if command -v pgbouncer >/dev/null 2>&1; then return; fi
  echo ">> PgBouncer is not installed: installing it from Debian's packages"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  # The package list may be missing or stale on a fresh machine: update once if the first try fails.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq pgbouncer >/dev/null 2>&1 || {
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq pgbouncer >/dev/null
  }
}

pgbouncer_start() {
  local root="$1"
  pgbouncer_install
  local port="${ASSET_SERVICE_PGBOUNCER_PORT:-$((ASSET_SERVICE_PG_PORT + 1000))}"
  # Outside the checkout, like the cluster of a root run: the postgres user must read and write it.
  local dir="/tmp/asset-service-pgbouncer-$(echo "$root" | md5sum | cut -c1-8)"
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  printf '"postgres" ""\n' >"$dir/users.txt"
  # default_pool_size below the tests' concurrency, so that server connections change hands between
  # clients as they do in Azure; server_idle_timeout short, so pools of dropped test databases empty quickly.
  cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$ASSET_SERVICE_PG_PORT

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/users.txt
pool_mode = transaction
default_pool_size = 10
max_client_conn = 1000
server_idle_timeout = 10
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
log_connections = 0
log_disconnections = 0
INI
  ASSET_SERVICE_PGBOUNCER_DIR="$dir"
  pgbouncer_stop
  : >"$dir/pgbouncer.log"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"/*
  pg_as_owner pgbouncer -d -q "$dir/pgbouncer.ini"
  local i
  for i in $(seq 1 50); do
    "$ASSET_SERVICE_PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qtAc "SELECT 1" >/dev/null 2>&1 && break
    sleep 0.1
  done
  "$ASSET_SERVICE_PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qtAc "SELECT 1" >/dev/null ||
    { echo "PgBouncer did not start on 127.0.0.1:$port (log: $dir/pgbouncer.log)" >&2; return 1; }
  export ASSET_SERVICE_TEST_PGBOUNCER="Host=127.0.0.1;Port=$port"
  echo ">> PgBouncer $(pgbouncer --version | head -n 1 | awk '{print $2}'): transaction pooling on 127.0.0.1:$port in front of the project-local cluster"
}

# Stops the PgBouncer of this checkout by the pid it wrote.
pgbouncer_stop() {
  local dir="${ASSET_SERVICE_PGBOUNCER_DIR:-}"
  [ -n "$dir" ] || return 0
  if [ -f "$dir/pgbouncer.pid" ]; then
    kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true
    rm -f "$dir/pgbouncer.pid"
  fi
}
