#!/usr/bin/env bash
# Regenerates src/*/PublicAPI.Unshipped.txt from the code: builds every package with the public API analyzer as
# warnings, adds each symbol it reports as undeclared (RS0016) and drops each declared one that no longer exists
# (RS0017), then builds again to check that nothing is left. PublicAPI.Shipped.txt is left alone (move lines there
# when a version ships). Review the diff: every line is a public member users can bind to.
#   ./eng/update-public-api.sh            # all packages under src/
#   ./eng/update-public-api.sh --check    # only report; exit 1 when a baseline is out of date
set -euo pipefail
cd "$(dirname "$0")/.."
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
check=false
[[ "${1:-}" == "--check" ]] && check=true

projects=(src/*/*.csproj)
for project in "${projects[@]}"; do
  dir=$(dirname "$project")
  for file in PublicAPI.Shipped.txt PublicAPI.Unshipped.txt; do
    [[ -f "$dir/$file" ]] || printf '#nullable enable\n' > "$dir/$file"
  done
done

filter=$(mktemp --suffix=.slnf)
log=$(mktemp)
trap 'rm -f "$filter" "$log"' EXIT
python3 - "$filter" "${projects[@]}" <<'PY'
import json, os, sys
out, projects = sys.argv[1], sys.argv[2:]
json.dump({"solution": {"path": os.path.abspath("Tenancy.sln"), "projects": projects}}, open(out, "w"))
PY

build() {
  dotnet build "$filter" -c Release --no-incremental -nologo -v q -clp:NoSummary \
    -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= >"$log" 2>&1 || { cat "$log"; exit 1; }
}

build
if $check; then
  if grep -qE 'warning RS00(16|17|36|37)' "$log"; then
    grep -E 'warning RS00(16|17|36|37)' "$log" | sort -u
    echo "Public API baselines are out of date: run ./eng/update-public-api.sh" >&2
    exit 1
  fi
  echo "Public API baselines are up to date."
  exit 0
fi

python3 - "$log" <<'PY'
import collections, os, re, sys
added = collections.defaultdict(set)
removed = collections.defaultdict(set)
pattern = re.compile(r"warning (RS0016|RS0017): Symbol '(.*)' is (?:not )?part of the declared (?:public )?API.*\[(.*\.csproj)")
for line in open(sys.argv[1], encoding="utf-8"):
    m = pattern.search(line)
    if not m:
        continue
    rule, symbol, project = m.groups()
    (added if rule == "RS0016" else removed)[os.path.dirname(project)].add(symbol)
for directory in sorted(set(added) | set(removed)):
    path = os.path.join(directory, "PublicAPI.Unshipped.txt")
    shipped = os.path.join(directory, "PublicAPI.Shipped.txt")
    lines = {l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")}
    shipped_lines = {l.rstrip("\n") for l in open(shipped, encoding="utf-8") if l.strip() and not l.startswith("#")}
    lines = (lines - removed[directory]) | (added[directory] - shipped_lines)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("#nullable enable\n")
        for l in sorted(lines, key=lambda s: (s.lstrip("~"), s)):
            f.write(l + "\n")
    print(f"{os.path.relpath(path)}: +{len(added[directory])} -{len(removed[directory])}")
PY

build
if grep -qE 'warning RS00(16|17)' "$log"; then
  grep -E 'warning RS00(16|17)' "$log" | sort -u | head -20
  echo "Some symbols could not be written; see above." >&2
  exit 1
fi
echo "Public API baselines updated; review: git diff -- 'src/*/PublicAPI.*.txt'"
