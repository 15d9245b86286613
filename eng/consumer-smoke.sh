#!/usr/bin/env bash
# The consumer smoke test: every package in a feed must be complete (README, XML docs, symbols), and a fresh project
# outside the solution must restore Tenancy.* from that feed BY VERSION (not by project reference), build with
# warnings as errors, and run the root README's quick start and an EF Core + storage mini app.
#   eng/consumer-smoke.sh <folder with the packed .nupkg/.snupkg> <feed folder or URL they were pushed to> <version>
set -euo pipefail
cd "$(dirname "$0")/.."
USAGE="usage: eng/consumer-smoke.sh <packages folder> <feed> <version>"
PACKAGES="${1:?$USAGE}"
FEED="${2:?$USAGE}"
VERSION="${3:?$USAGE}"
checks=0

# 1. What was packed (and pushed) is complete.
python3 - "$PACKAGES" "$VERSION" <<'PY'
import sys, zipfile, glob, os, re
feed, version = sys.argv[1], sys.argv[2]
packages = sorted(glob.glob(os.path.join(feed, f"*.{version}.nupkg")))
if not packages:
    sys.exit(f"no package of version {version} in {feed}")
problems = []
for nupkg in packages:
    pid = os.path.basename(nupkg)[: -len(f".{version}.nupkg")]
    with zipfile.ZipFile(nupkg) as z:
        names = set(z.namelist())
        nuspec = z.read(f"{pid}.nuspec").decode()
        for need in ("README.md", f"lib/net10.0/{pid}.dll", f"lib/net10.0/{pid}.xml"):
            if need not in names:
                problems.append(f"{pid}: {need} missing from the package")
        if "<readme>README.md</readme>" not in nuspec:
            problems.append(f"{pid}: the nuspec names no readme")
        if not re.search(r'<repository [^>]*commit="[0-9a-f]{40}"', nuspec):
            problems.append(f"{pid}: no repository commit (SourceLink) in the nuspec")
    snupkg = nupkg[: -len(".nupkg")] + ".snupkg"
    if not os.path.exists(snupkg):
        problems.append(f"{pid}: no symbol package")
    else:
        with zipfile.ZipFile(snupkg) as z:
            if f"lib/net10.0/{pid}.pdb" not in z.namelist():
                problems.append(f"{pid}: the symbol package has no pdb")
    print(f"ok package {pid} {version}")
if problems:
    sys.exit("\n".join(problems))
PY
checks=$((checks + $(ls "$PACKAGES"/*."$VERSION".nupkg | wc -l)))

# 2. A fresh project, outside this repository, restoring from the feed by version.
WORK=$(mktemp -d /tmp/tenancy-consumer.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cp eng/consumer-smoke/*.cs eng/consumer-smoke/*.csproj "$WORK/"
cat > "$WORK/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="tenancy" value="$FEED" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="tenancy"><package pattern="Tenancy.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
# Packages of this version restored earlier (same version, older content) must not stand in for the new ones.
GLOBAL=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
for p in "$GLOBAL"/tenancy.*; do [ -d "$p/$VERSION" ] && rm -rf "${p:?}/$VERSION"; done
(cd "$WORK" && dotnet build -c Release -nologo -v q -p:TenancyVersion="$VERSION" >build.log 2>&1) \
  || { cat "$WORK/build.log"; echo "consumer smoke: the consumer project does not build"; exit 1; }
# 3. A SQLite + local-disk app gets no Npgsql and no AWS SDK (those live in Tenancy.EntityFramework.PostgreSql and
#    Tenancy.Storage.S3).
python3 - "$WORK/obj/project.assets.json" <<'PY'
import json, sys
libraries = json.load(open(sys.argv[1]))["libraries"]
unwanted = sorted(name for name in libraries if name.split("/")[0].lower().startswith(("npgsql", "awssdk")))
if unwanted:
    sys.exit("consumer smoke: a SQLite and local-disk consumer restored " + ", ".join(unwanted))
print("ok no-provider-packages")
PY
checks=$((checks + 1))
OUT=$(cd "$WORK" && dotnet bin/Release/net10.0/Tenancy.ConsumerSmoke.dll 2>&1) \
  || { echo "$OUT"; echo "consumer smoke: the consumer app failed"; exit 1; }
echo "$OUT"
for line in "ok quick-start" "ok ef-and-storage"; do
  grep -qx "$line" <<<"$OUT" || { echo "consumer smoke: missing '$line'"; exit 1; }
  checks=$((checks + 1))
done
echo "consumer smoke: $checks checks passed"
