# Sourced by run.sh, test.sh and bench/run.sh. Makes PostgreSQL available and exports
# PostgresConnection. When PostgresConnection is already set, it is used as it is.
# Otherwise a project-local cluster is started in .pg/ (git-ignored) on ASSET_SERVICE_PG_PORT
# (default 55432) and stopped again by postgres_stop_local.

pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

postgres_install() {
  if [ -n "$(pg_bin_dir)" ]; then return; fi
  echo ">> PostgreSQL is not installed: installing it from Debian's packages"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
}

# Runs a PostgreSQL binary as the cluster's owner: root may not run the server, so it uses "postgres".
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_start_local() {
  local root="$1"
  export ASSET_SERVICE_PG_PORT="${ASSET_SERVICE_PG_PORT:-55432}"
  local bin; bin="$(pg_bin_dir)"
  local base="$root/.pg"
  # The postgres user must reach the data folder; a checkout under a private home may not allow it.
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$root" 2>/dev/null; then
    base="/tmp/asset-service-pg-$(echo "$root" | md5sum | cut -c1-8)"
  fi
  export ASSET_SERVICE_PGDATA="$base/data"
  export ASSET_SERVICE_PG_BIN="$bin"
  mkdir -p "$base"
  [ "$(id -u)" -eq 0 ] && chown postgres "$base"
  if [ ! -f "$ASSET_SERVICE_PGDATA/PG_VERSION" ]; then
    echo ">> Creating a project-local PostgreSQL cluster in $ASSET_SERVICE_PGDATA"
    pg_as_owner "$bin/initdb" -D "$ASSET_SERVICE_PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! pg_as_owner "$bin/pg_ctl" -D "$ASSET_SERVICE_PGDATA" status >/dev/null 2>&1; then
    postgres_start_server "$base"
    ASSET_SERVICE_PG_STARTED=1
  fi
  postgres_apply_durability "$base"
  "$bin/psql" -h 127.0.0.1 -p "$ASSET_SERVICE_PG_PORT" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'asset_service'" | grep -q 1 ||
    "$bin/psql" -h 127.0.0.1 -p "$ASSET_SERVICE_PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE asset_service"
  export PostgresConnection="Host=127.0.0.1;Port=$ASSET_SERVICE_PG_PORT;Username=postgres;Database=asset_service"
  echo ">> PostgreSQL: project-local cluster on 127.0.0.1:$ASSET_SERVICE_PG_PORT"
}

postgres_start_server() {
  pg_as_owner "$ASSET_SERVICE_PG_BIN/pg_ctl" -D "$ASSET_SERVICE_PGDATA" -l "$1/server.log" -w -t 30 \
    -o "-p $ASSET_SERVICE_PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_preload_libraries=pg_stat_statements" start >/dev/null
}

# Durability. The cluster that run.sh and bench/run.sh use keeps PostgreSQL's durable defaults
# (fsync, synchronous_commit, full_page_writes on): an acknowledged write survives a power cut. Only
# test.sh, whose databases are thrown away, sets ASSET_SERVICE_PG_DURABLE=false to trade that for speed.
# The three settings live in postgresql.auto.conf and are reloadable, so a running cluster is switched
# either way; one started with them on its command line (by an older version of this script) is restarted.
postgres_apply_durability() {
  local psql=("$ASSET_SERVICE_PG_BIN/psql" -h 127.0.0.1 -p "$ASSET_SERVICE_PG_PORT" -U postgres -d postgres -qtA)
  local setting
  for setting in fsync synchronous_commit full_page_writes; do
    if [ "${ASSET_SERVICE_PG_DURABLE:-true}" = false ]; then
      "${psql[@]}" -c "ALTER SYSTEM SET $setting = off" >/dev/null
    else
      "${psql[@]}" -c "ALTER SYSTEM RESET $setting" >/dev/null
    fi
  done
  "${psql[@]}" -c "SELECT pg_reload_conf()" >/dev/null
  if [ "$("${psql[@]}" -c "SELECT count(*) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') AND source = 'command line'")" != 0 ]; then
    echo ">> Restarting the project-local PostgreSQL: its durability settings were fixed on its command line"
    pg_as_owner "$ASSET_SERVICE_PG_BIN/pg_ctl" -D "$ASSET_SERVICE_PGDATA" -m fast -w stop >/dev/null
    postgres_start_server "$1"
  fi
  local expected=on; [ "${ASSET_SERVICE_PG_DURABLE:-true}" = false ] && expected=off
  local i
  for i in $(seq 1 50); do
    [ "$("${psql[@]}" -c "SELECT count(*) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') AND setting <> '$expected'")" = 0 ] && break
    sleep 0.1
  done
  echo ">> PostgreSQL durability: fsync, synchronous_commit, full_page_writes = $expected"
}

postgres_stop_local() {
  if [ "${ASSET_SERVICE_PG_STARTED:-0}" = 1 ]; then
    pg_as_owner "$ASSET_SERVICE_PG_BIN/pg_ctl" -D "$ASSET_SERVICE_PGDATA" -m fast stop >/dev/null 2>&1 || true
  fi
}

postgres_ensure() {
  local root="$1"
  if [ -n "${PostgresConnection:-}" ]; then
    echo ">> PostgreSQL: using PostgresConnection from the environment"
    return
  fi
  postgres_install
  postgres_start_local "$root"
}
