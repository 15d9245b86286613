# shellcheck shell=bash
# Sourced by eng/test.sh. Installs redis-server from Debian packages when missing, starts a throw-away server on
# 127.0.0.1 on a free port (no persistence), exports TENANCY_TEST_REDIS (a StackExchange.Redis configuration
# string) and TENANCY_REDIS_SERVER (the server binary, so fault tests can start and kill private instances of
# their own without disturbing the shared one), and registers a stop command in TENANCY_CLEANUP.
# Idempotent: a second source in the same shell reuses the running server.

if [ -n "${TENANCY_TEST_REDIS:-}" ] && [ -n "${TENANCY_REDIS_PID:-}" ] && kill -0 "$TENANCY_REDIS_PID" 2>/dev/null; then
  echo "redis: already running ($TENANCY_TEST_REDIS)"
  return 0 2>/dev/null || exit 0
fi

if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis: installing redis-server from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq redis-server >/dev/null
  # The Debian package starts a system-wide server on 6379; the tests use their own throw-away one.
  (service redis-server stop || systemctl stop redis-server) >/dev/null 2>&1 || true
fi

TENANCY_REDIS_SERVER=$(command -v redis-server)
_redis_state="${TENANCY_SERVICES_DIR:?TENANCY_SERVICES_DIR must be set}/redis"
rm -rf "$_redis_state"
mkdir -p "$_redis_state"
TENANCY_REDIS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || shuf -i 20000-60000 -n 1)

"$TENANCY_REDIS_SERVER" --bind 127.0.0.1 --port "$TENANCY_REDIS_PORT" --save "" --appendonly no \
  --dir "$_redis_state" --protected-mode yes --daemonize no --logfile "$_redis_state/server.log" </dev/null >/dev/null 2>&1 &
TENANCY_REDIS_PID=$!
TENANCY_CLEANUP+=("kill $TENANCY_REDIS_PID 2>/dev/null; wait $TENANCY_REDIS_PID 2>/dev/null; rm -rf '$_redis_state'")

_redis_up=""
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$TENANCY_REDIS_PORT") 2>/dev/null; then _redis_up=1; break; fi
  if ! kill -0 "$TENANCY_REDIS_PID" 2>/dev/null; then break; fi
  sleep 0.1
done
if [ -z "$_redis_up" ]; then
  echo "redis: the server did not start" >&2
  cat "$_redis_state/server.log" >&2 2>/dev/null || true
  return 1 2>/dev/null || exit 1
fi

export TENANCY_REDIS_SERVER TENANCY_REDIS_PORT TENANCY_REDIS_PID
export TENANCY_TEST_REDIS="127.0.0.1:$TENANCY_REDIS_PORT,abortConnect=false"
echo "redis: listening on 127.0.0.1:$TENANCY_REDIS_PORT"
