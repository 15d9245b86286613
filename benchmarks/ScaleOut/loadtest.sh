#!/usr/bin/env bash
# Load test of two sample-host instances on loopback sharing one Redis (backplane, shared tenant cache, shared rate
# limits): throughput and p50/p99 of a tenant-resolved, rate-limited endpoint (/tenant with X-Tenant) against the same
# answer without any tenancy (/plain, served ahead of the pipeline). Bounded: DURATION seconds per endpoint (default 15). Needs wrk (apt-get install wrk)
# and a Redis: TENANCY_TEST_REDIS (source .services/env.sh after ./eng/dev-services.sh).
#   ./benchmarks/ScaleOut/loadtest.sh [--smoke]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-32}
[ "${1:-}" = "--smoke" ] && DURATION=2 && CONNECTIONS=4
: "${TENANCY_TEST_REDIS:?set TENANCY_TEST_REDIS (./eng/dev-services.sh; source .services/env.sh)}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

export MSBUILDDISABLENODEREUSE=1
dotnet build samples/Tenancy.Sample.Host -c Release -v q -nologo >/dev/null
HOST_DIR=samples/Tenancy.Sample.Host
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
PORTS=()
for i in 1 2; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  PORTS+=("$port")
  (cd "$HOST_DIR" && exec dotnet bin/Release/net10.0/Tenancy.Sample.Host.dll --urls "http://127.0.0.1:$port" \
    --Sample:Redis="$TENANCY_TEST_REDIS" --Sample:LoadTestPlanLimit=100000000 --Logging:LogLevel:Default=Warning \
    --Tenancy:Tenants:3:Id=t-load --Tenancy:Tenants:3:Identifier=load --Tenancy:Tenants:3:Name=Load --Tenancy:Tenants:3:Plan=loadtest \
    >"/tmp/tenancy-loadtest-$port.log" 2>&1) &
  PIDS+=($!)
done
for port in "${PORTS[@]}"; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  curl -sf -H 'X-Tenant: load' "http://127.0.0.1:$port/tenant" >/dev/null
done

run() { # name path header...
  local name=$1 path=$2; shift 2
  echo "== $name: 2 instances, wrk -t1 -c$((CONNECTIONS / 2)) -d${DURATION}s each, concurrently"
  local outs=()
  for port in "${PORTS[@]}"; do
    out=$(mktemp); outs+=("$out")
    wrk -t1 -c$((CONNECTIONS / 2)) -d"${DURATION}s" --latency "$@" "http://127.0.0.1:$port$path" >"$out" &
  done
  wait $(jobs -p | grep -v -F -x -f <(printf '%s\n' "${PIDS[@]}")) 2>/dev/null || true
  for out in "${outs[@]}"; do
    grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors" "$out" | sed 's/^/   /'
    rm -f "$out"
  done
}
run "plain (no tenant)" /plain
run "tenant-resolved, rate-limited (Redis limiter, shared cache, backplane)" /tenant -H 'X-Tenant: load'
