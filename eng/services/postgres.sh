# shellcheck shell=bash
# Sourced by eng/test.sh. Starts a throw-away PostgreSQL cluster on 127.0.0.1 for the Tenancy.EntityFramework
# integration tests, exports TENANCY_TEST_POSTGRES (an Npgsql connection string for a superuser the tests use for
# setup; the tests create their own databases and non-owner application roles) and registers a stop command.
# Idempotent: a second source in the same shell reuses the running cluster.

if [ -n "${TENANCY_TEST_POSTGRES:-}" ] && [ -n "${TENANCY_PG_DATA:-}" ] && [ -f "${TENANCY_PG_DATA}/postmaster.pid" ]; then
  echo "postgres: already running ($TENANCY_PG_DATA)"
  return 0 2>/dev/null || exit 0
fi

tenancy_pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

if ! TENANCY_PG_BIN=$(tenancy_pg_bindir); then
  echo "postgres: installing PostgreSQL from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  TENANCY_PG_BIN=$(tenancy_pg_bindir)
fi

TENANCY_PG_DATA="${TENANCY_SERVICES_DIR:?TENANCY_SERVICES_DIR must be set}/postgres"
TENANCY_PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || shuf -i 20000-60000 -n 1)
TENANCY_PG_PASSWORD="tenancy-$(date +%s)-$RANDOM"

tenancy_pg_as() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A stale cluster from an earlier run that was killed: stop it and start over.
if [ -f "$TENANCY_PG_DATA/postmaster.pid" ]; then
  tenancy_pg_as "$TENANCY_PG_BIN/pg_ctl" -D "$TENANCY_PG_DATA" -m immediate stop >/dev/null 2>&1 || true
fi
rm -rf "$TENANCY_PG_DATA"
mkdir -p "$TENANCY_PG_DATA"
if [ "$(id -u)" = "0" ]; then
  # initdb and the server run as postgres: every parent directory must be traversable.
  chmod o+x "$TENANCY_SERVICES_DIR" 2>/dev/null || true
  if ! runuser -u postgres -- test -x "$TENANCY_SERVICES_DIR"; then
    # The checkout lives somewhere postgres cannot reach (such as /root): keep the cluster in /tmp instead.
    rmdir "$TENANCY_PG_DATA"
    TENANCY_PG_DATA=$(mktemp -d /tmp/tenancy-postgres.XXXXXX)
  fi
  chown postgres:postgres "$TENANCY_PG_DATA"
fi
chmod 700 "$TENANCY_PG_DATA"

TENANCY_PG_PWFILE=$(mktemp)
echo "$TENANCY_PG_PASSWORD" >"$TENANCY_PG_PWFILE"
chmod 644 "$TENANCY_PG_PWFILE"
tenancy_pg_as "$TENANCY_PG_BIN/initdb" -D "$TENANCY_PG_DATA" -U tenancy_admin --pwfile="$TENANCY_PG_PWFILE" \
  -A scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
rm -f "$TENANCY_PG_PWFILE"

cat >>"$TENANCY_PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $TENANCY_PG_PORT
unix_socket_directories = '$TENANCY_PG_DATA'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 128MB
CONF

tenancy_pg_as "$TENANCY_PG_BIN/pg_ctl" -D "$TENANCY_PG_DATA" -l "$TENANCY_PG_DATA/server.log" -w -t 60 start >/dev/null

export TENANCY_PG_DATA TENANCY_PG_BIN TENANCY_PG_PORT
export TENANCY_TEST_POSTGRES="Host=127.0.0.1;Port=$TENANCY_PG_PORT;Username=tenancy_admin;Password=$TENANCY_PG_PASSWORD;Database=postgres"
TENANCY_CLEANUP+=("tenancy_pg_as '$TENANCY_PG_BIN/pg_ctl' -D '$TENANCY_PG_DATA' -m fast stop >/dev/null 2>&1; rm -rf '$TENANCY_PG_DATA'")
echo "postgres: listening on 127.0.0.1:$TENANCY_PG_PORT"
