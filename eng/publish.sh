#!/usr/bin/env bash
# Packs every package of Tenancy.sln (already built in Release) and pushes packages and symbol packages to a feed:
#   NUGET_SOURCE / NUGET_API_KEY when set (nuget.org, GitHub Packages, any v3 feed), else the local folder feed
#   artifacts/feed. Re-pushing a version that is there already is not an error (--skip-duplicate).
# Prints "version=<the version packed>" on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGES=artifacts/packages
rm -rf "$PACKAGES"
dotnet pack Tenancy.sln -c "${CONFIGURATION:-Release}" --no-build -o "$PACKAGES" -nologo -v minimal >&2
VERSION=$(ls "$PACKAGES"/Tenancy.Core.*.nupkg | sed -E 's|.*/Tenancy\.Core\.(.*)\.nupkg$|\1|')
[ -n "$VERSION" ] || { echo "publish: no Tenancy.Core package was produced" >&2; exit 1; }

SOURCE="${NUGET_SOURCE:-}"
if [ -z "$SOURCE" ]; then
  SOURCE="$(pwd)/artifacts/feed"
  mkdir -p "$SOURCE"
  # A folder feed takes .nupkg only (the symbol packages stay in artifacts/packages) and has no --skip-duplicate:
  # a rebuilt version replaces the one there.
  for nupkg in "$PACKAGES"/*.nupkg; do
    id=$(basename "$nupkg" ".$VERSION.nupkg")
    rm -rf "$SOURCE/${id,,}/${VERSION,,}"
  done
  dotnet nuget push "$PACKAGES/*.nupkg" --source "$SOURCE" >&2
else
  # .nupkg first; a server with a symbol endpoint (nuget.org) also receives the .snupkg next to each package.
  dotnet nuget push "$PACKAGES/*.nupkg" --source "$SOURCE" --api-key "${NUGET_API_KEY:?NUGET_API_KEY must be set with NUGET_SOURCE}" \
    --skip-duplicate >&2
fi
echo "published $(ls "$PACKAGES"/*.nupkg | wc -l) packages, version $VERSION, to $SOURCE" >&2
echo "version=$VERSION"
echo "feed=$SOURCE"
