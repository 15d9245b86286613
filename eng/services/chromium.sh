# shellcheck shell=bash
# Sourced by eng/test.sh (and eng/dev-services.sh). The admin console's browser tests (tests/Tenancy.Console.Tests)
# drive Debian's Chromium through Playwright at /usr/bin/chromium; install it when it is missing. Idempotent, starts
# nothing. The tests fail (never skip) when Chromium is absent. Screenshots land in artifacts/screenshots.

if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
else
  echo "chromium: installing Chromium from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  if [ ! -x /usr/bin/chromium ]; then
    echo "chromium: /usr/bin/chromium is still missing after apt-get install chromium" >&2
    return 1 2>/dev/null || exit 1
  fi
fi
export TENANCY_CHROMIUM=/usr/bin/chromium
