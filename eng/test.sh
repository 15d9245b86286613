#!/usr/bin/env bash
# The README's test command. On a fresh machine of this kind it installs what the tests need
# (eng/services/*.sh: PostgreSQL and Chromium from Debian packages, an S3-compatible server from npm), starts
# throw-away servers on 127.0.0.1, runs every test in Tenancy.sln, packs and publishes every package to a local
# folder feed and runs the consumer smoke test against it (eng/consumer-smoke.sh), stops the servers and prints
# "N passed, N failed". Integration tests fail (never skip) when their server is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export TENANCY_ROOT="$ROOT"
export TENANCY_SERVICES_DIR="${TENANCY_SERVICES_DIR:-$ROOT/.services}"
mkdir -p "$TENANCY_SERVICES_DIR"
CONFIGURATION="${CONFIGURATION:-Release}"

# Each service script, when sourced, installs and starts its server, exports the variables the tests
# read, and appends a stop command to TENANCY_CLEANUP.
TENANCY_CLEANUP=()
cleanup() {
  local status=$?
  for ((i=${#TENANCY_CLEANUP[@]}-1; i>=0; i--)); do eval "${TENANCY_CLEANUP[i]}" || true; done
  exit $status
}
trap cleanup EXIT INT TERM
for service in eng/services/*.sh; do
  [ -e "$service" ] || continue
  echo "== starting $(basename "$service" .sh)"
  # shellcheck source=/dev/null
  source "$service"
done

echo "== building"
dotnet build Tenancy.sln -c "$CONFIGURATION" -nologo -v minimal

echo "== testing"
RESULTS="$TENANCY_SERVICES_DIR/test-output.txt"
set +e
dotnet test Tenancy.sln -c "$CONFIGURATION" --no-build -nologo \
  --blame-hang --blame-hang-timeout 10m \
  --logger "console;verbosity=normal" 2>&1 | tee "$RESULTS"
status=${PIPESTATUS[0]}
set -e

# The shipping check: pack every package, publish it to a local folder feed, and have a fresh project outside the
# solution restore it from there by version and run the README's quick start and an EF + storage mini app.
echo "== packing, publishing to a local feed, consumer smoke test"
set +e
PUBLISHED=$(NUGET_SOURCE="" CONFIGURATION="$CONFIGURATION" ./eng/publish.sh)
smoke=$?
if [ "$smoke" -eq 0 ]; then
  VERSION=$(sed -n 's/^version=//p' <<<"$PUBLISHED")
  FEED=$(sed -n 's/^feed=//p' <<<"$PUBLISHED")
  ./eng/consumer-smoke.sh artifacts/packages "$FEED" "$VERSION"
  smoke=$?
fi
set -e
[ "$smoke" -eq 0 ] || echo "the consumer smoke test failed"

# Benchmarks stay out of CI; a Dry run of every headline suite (one invocation per case) checks that they still run.
echo "== benchmark smoke run"
set +e
./eng/bench.sh --smoke
benchsmoke=$?
set -e
[ "$benchsmoke" -eq 0 ] || { echo "the benchmark smoke run failed"; [ "$smoke" -ne 0 ] || smoke=$benchsmoke; }

# One closing line for CI: "N passed, N failed, N skipped".
awk '
  /^Total tests: [0-9]+/ { runs++ }
  /^[ \t]+Passed: [0-9]+[ \t]*$/  { passed += $2 }
  /^[ \t]+Failed: [0-9]+[ \t]*$/  { failed += $2 }
  /^[ \t]+Skipped: [0-9]+[ \t]*$/ { skipped += $2 }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped; if (runs == 0) exit 1 }
' "$RESULTS" || { echo "no test run was reported"; exit 1; }
if [ "$status" -eq 0 ] && grep -q "No test is available" "$RESULTS"; then
  echo "a test project ran no test"; exit 1
fi
[ "$status" -eq 0 ] || exit $status
exit $smoke
