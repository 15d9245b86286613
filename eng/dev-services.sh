#!/usr/bin/env bash
# For contributors: start the test servers (PostgreSQL, S3-compatible fauxqs, Redis) once and leave them running,
# so that single test projects can be run by hand:
#   ./eng/dev-services.sh            # starts them, writes .services/env.sh
#   source .services/env.sh && dotnet test tests/Tenancy.EntityFramework.Tests
#   ./eng/dev-services.sh stop       # stops them
# ./eng/test.sh does not need this: it starts and stops its own servers.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export TENANCY_ROOT="$ROOT"
export TENANCY_SERVICES_DIR="${TENANCY_SERVICES_DIR:-$ROOT/.services/dev}"
ENV_FILE="$ROOT/.services/env.sh"
STOP_FILE="$ROOT/.services/stop.sh"

if [ "${1:-start}" = "stop" ]; then
  [ -f "$STOP_FILE" ] && bash "$STOP_FILE" || true
  rm -f "$ENV_FILE" "$STOP_FILE"
  exit 0
fi

[ -f "$STOP_FILE" ] && bash "$STOP_FILE" >/dev/null 2>&1 || true
mkdir -p "$TENANCY_SERVICES_DIR"
TENANCY_CLEANUP=()
for service in eng/services/*.sh; do
  # shellcheck source=/dev/null
  source "$service"
done
{
  echo "# written by eng/dev-services.sh"
  env | grep -E '^TENANCY_' | sed -E "s/^([^=]+)=(.*)$/export \1='\2'/"
} > "$ENV_FILE"
{
  echo "#!/usr/bin/env bash"
  echo "tenancy_pg_as() { if [ \"\$(id -u)\" = \"0\" ]; then runuser -u postgres -- \"\$@\"; else \"\$@\"; fi; }"
  for ((i=${#TENANCY_CLEANUP[@]}-1; i>=0; i--)); do echo "${TENANCY_CLEANUP[i]}"; done
} > "$STOP_FILE"
echo "services started; now: source $ENV_FILE"
