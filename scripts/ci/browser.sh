#!/usr/bin/env bash
# The browser suite: Chromium's virtual authenticator drives passkey sign-up and sign-in through
# the API's demo page. Installs Debian's chromium when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

CHROMIUM="${QEETID_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "installing chromium (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
"$CHROMIUM" --version 2>/dev/null || true

cd apps/api
QEETID_CHROMIUM="$CHROMIUM" npx vitest run --config vitest.browser.config.ts
