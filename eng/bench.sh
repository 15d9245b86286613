#!/usr/bin/env bash
# Runs the headline benchmarks and prints one summary table of added time and bytes against each one's baseline.
#
#   ./eng/bench.sh                    # this tree: resolution per strategy, per-stage costs, middleware per request,
#                                     # EF filter query/insert on SQLite; PostgreSQL + row-level security when
#                                     # eng/services/postgres.sh can start a server (or TENANCY_TEST_POSTGRES is set)
#   ./eng/bench.sh --compare main     # also builds <ref> in a git worktree and runs the same benchmarks from it in
#                                     # this session (ref first, then this tree, suite by suite), printing ratios
#   options: --no-postgres, --only core|resolver|stages|web|sqlite|postgres (repeatable), --tenants 10,1000000
#   ./eng/bench.sh --smoke            # CI's check that every headline benchmark still runs: BenchmarkDotNet's Dry job
#                                     # (one invocation per case, no timing worth reading), 10 tenants; exits non-zero
#                                     # when a suite fails to build or run, or writes no report
#
# Short BenchmarkDotNet jobs in process (3 warm-ups, 5 iterations of ~100 ms, no forced GCs between iterations,
# which would otherwise collect a heap of a million tenants dozens of times per case), store sizes 10 and 1,000,000.
# About 10 minutes for one tree at load average 20 on 2 cores (iterations are time-boxed, so a quiet machine saves
# mostly build and set-up time); about twice that with --compare. Raw reports: artifacts/bench/<time>/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export TENANCY_BENCH_TENANTS="${TENANCY_BENCH_TENANTS:-10,1000000}"

compare=""
postgres=1
only=()
smoke=0
while [ $# -gt 0 ]; do
  case "$1" in
    --compare) compare="${2:?--compare needs a git ref}"; shift 2 ;;
    --no-postgres) postgres=0; shift ;;
    --only) only+=("${2:?--only needs a suite}"); shift 2 ;;
    --tenants) TENANCY_BENCH_TENANTS="${2:?--tenants needs a list}"; shift 2 ;;
    --smoke) smoke=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
done

OUT="$ROOT/artifacts/bench/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
JOB=(--job short --warmupCount 3 --iterationCount 5 --iterationTime 100 --inProcess --noForcedGCs --memory --exporters json)
failures=0
if [ "$smoke" = 1 ]; then
  [ -z "$compare" ] || { echo "bench: --smoke and --compare do not go together" >&2; exit 2; }
  JOB=(--job Dry --inProcess --exporters json)
  TENANCY_BENCH_TENANTS=10
fi

# suite|project|filter
SUITES=(
  "core|benchmarks/Tenancy.Core.Benchmarks|*LookupBenchmarks*"
  "resolver|benchmarks/Tenancy.Core.Benchmarks|*ResolverComparisonBenchmarks*"
  "stages|benchmarks/Tenancy.Core.Benchmarks|*StageBenchmarks*"
  "web|benchmarks/Tenancy.AspNetCore.Benchmarks|*MiddlewareBenchmarks*"
  "sqlite|benchmarks/Tenancy.EntityFramework.Benchmarks|*SqliteBenchmarks*"
  "postgres|benchmarks/Tenancy.EntityFramework.Benchmarks|*PostgresBenchmarks*"
)

wanted() {
  [ ${#only[@]} -eq 0 ] && return 0
  local s; for s in "${only[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1
}

TENANCY_CLEANUP=()
cleanup() {
  local c; for c in "${TENANCY_CLEANUP[@]}"; do eval "$c" || true; done
  if [ -n "${BASE_TREE:-}" ] && [ -d "$BASE_TREE" ]; then git -C "$ROOT" worktree remove --force "$BASE_TREE" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

if wanted postgres && [ "$postgres" = 1 ] && [ -z "${TENANCY_TEST_POSTGRES:-}" ]; then
  if [ -f eng/services/postgres.sh ]; then
    export TENANCY_SERVICES_DIR="$OUT/services"; mkdir -p "$TENANCY_SERVICES_DIR"
    # shellcheck source=/dev/null
    source eng/services/postgres.sh || { echo "bench: PostgreSQL did not start; skipping the PostgreSQL suite"; postgres=0; }
  else
    postgres=0
  fi
fi
[ -z "${TENANCY_TEST_POSTGRES:-}" ] && postgres=0

# build <tree> <project>: prints the benchmark assembly's path, or nothing when the project does not exist there.
build() {
  local tree=$1 project=$2 name
  name=$(basename "$project")
  [ -f "$tree/$project/$name.csproj" ] || return 0
  if ! dotnet build "$tree/$project" -c Release -v q -nologo >"$OUT/build-$(basename "$tree")-$name.log" 2>&1; then
    echo "bench: building $project in $tree failed (see $OUT/build-$(basename "$tree")-$name.log)" >&2
    return 0
  fi
  ls "$tree/$project"/bin/Release/net*/"$name.dll" 2>/dev/null | head -1
}

# run <label> <tree>: runs every wanted suite from <tree>, reports under $OUT/<label>/<suite>.
run_suite() {
  local label=$1 tree=$2 suite=$3 project=$4 filter=$5 dll
  dll=$(build "$tree" "$project")
  if [ -z "$dll" ]; then echo "bench: [$label] $suite: $project not found or did not build; skipped"; failures=$((failures + 1)); return 0; fi
  mkdir -p "$OUT/$label/$suite"
  echo "bench: [$label] $suite ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
  (cd "$(dirname "$dll")" && timeout 900 dotnet "$dll" "${JOB[@]}" --filter "$filter" --artifacts "$OUT/$label/$suite" \
      >"$OUT/$label/$suite.log" 2>&1) || { echo "bench: [$label] $suite failed or timed out (see $OUT/$label/$suite.log)"; failures=$((failures + 1)); }
  if ! compgen -G "$OUT/$label/$suite/results/*.json" >/dev/null; then
    echo "bench: [$label] $suite wrote no report (see $OUT/$label/$suite.log)"; failures=$((failures + 1))
  fi
  echo "$suite $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/$label/load.txt"
}

if [ -n "$compare" ]; then
  BASE_TREE="$OUT/base-src"
  git worktree add --quiet --detach "$BASE_TREE" "$compare"
  echo "bench: comparing with $compare ($(git -C "$BASE_TREE" rev-parse --short HEAD)) in $BASE_TREE"
fi

start=$(date +%s)
for entry in "${SUITES[@]}"; do
  IFS='|' read -r suite project filter <<<"$entry"
  wanted "$suite" || continue
  if [ "$suite" = postgres ] && [ "$postgres" = 0 ]; then echo "bench: postgres: no server (eng/services/postgres.sh); skipped"; continue; fi
  if [ -n "$compare" ]; then run_suite base "$BASE_TREE" "$suite" "$project" "$filter"; fi
  run_suite head "$ROOT" "$suite" "$project" "$filter"
done
echo "bench: done in $(( ($(date +%s) - start) / 60 )) min $(( ($(date +%s) - start) % 60 )) s; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$smoke" = 1 ]; then
  # A case that threw has no statistics in BenchmarkDotNet's report (its Mean prints as NA).
  python3 - "$OUT" <<'PY' || failures=$((failures + 1))
import glob, json, sys
broken = [f"{b.get('FullName')}" for f in glob.glob(f"{sys.argv[1]}/head/*/results/*-report-full-compressed.json")
          for b in json.load(open(f)).get("Benchmarks", []) if not b.get("Statistics")]
for name in broken: print(f"bench: no result for {name}")
sys.exit(1 if broken else 0)
PY
  if [ "$failures" -ne 0 ]; then echo "bench: smoke run: $failures suite(s) failed"; exit 1; fi
  echo "bench: smoke run: every suite ran (Dry job; figures not meaningful)"; exit 0
fi
python3 "$ROOT/eng/bench/summarize.py" "$OUT" ${compare:+--compare "$compare"} | tee "$OUT/summary.md"
