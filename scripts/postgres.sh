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
    pg_as_owner "$bin/pg_ctl" -D "$ASSET_SERVICE_PGDATA" -l "$base/server.log" -w -t 30 \
      -o "-p $ASSET_SERVICE_PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_preload_libraries=pg_stat_statements -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    ASSET_SERVICE_PG_STARTED=1
  fi
  "$bin/psql" -h 127.0.0.1 -p "$ASSET_SERVICE_PG_PORT" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'asset_service'" | grep -q 1 ||
    "$bin/psql" -h 127.0.0.1 -p "$ASSET_SERVICE_PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE asset_service"
  export PostgresConnection="Host=127.0.0.1;Port=$ASSET_SERVICE_PG_PORT;Username=postgres;Database=asset_service"
  echo ">> PostgreSQL: project-local cluster on 127.0.0.1:$ASSET_SERVICE_PG_PORT"
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
