#!/usr/bin/env bash
# The three SDK suites against a live server: starts the real API on embedded PGlite on a free
# loopback port, then runs TypeScript (on Node 24 and on Node 20), Go (vet + test) and Python
# (ruff, mypy --strict, wheel build, pytest against the installed wheel), and finally checks
# that every SDK ran every shared test vector. Installs what it needs: Go modules, a Python venv
# with pinned packages, Node 20 when the machine has none.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

step() { printf '\n--- sdks: %s\n' "$*"; }

work=$(mktemp -d)
server_pid=''
cleanup() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step "toolchains"
node20=/usr/bin/node
if ! "$node20" --version 2>/dev/null | grep -q '^v20\.'; then
  [[ -x $HOME/.node20/node_modules/node/bin/node ]] || npm i --prefix "$HOME/.node20" --no-save node@20 >/dev/null
  node20=$HOME/.node20/node_modules/node/bin/node
fi
command -v go >/dev/null || export PATH=/usr/local/go/bin:$PATH
echo "node $(node --version), node $("$node20" --version), $(go version), $(python3 --version)"

step "live server on PGlite"
port=$(node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base_url="http://127.0.0.1:$port"
PORT=$port HOST=127.0.0.1 QEETID_ISSUER=$base_url QEETID_DATA_DIR="$work/data" LOG_LEVEL=warn \
  node apps/api/src/main.ts >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  grep -q 'running on' "$work/server.log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.1
done
grep -q 'running on' "$work/server.log" || { cat "$work/server.log"; echo 'server did not start'; exit 1; }
export QEETID_TEST_BASE_URL=$base_url
QEETID_TEST_ADMIN_TOKEN=$(cat "$work/data/admin-token")
export QEETID_TEST_ADMIN_TOKEN
export QEETID_VECTOR_REPORT_DIR="$work/vectors"
echo "server on $base_url"

step "TypeScript: build (ESM + CJS + types), tests on Node 24"
(cd packages/sdk && node build.ts && node --test test/offline/*.test.* test/live/*.test.mjs)
step "TypeScript: the same tests on Node 20 ($node20)"
(cd packages/sdk && "$node20" --test test/offline/*.test.* test/live/*.test.mjs)

step "Go: vet and test"
(cd sdks-go && go mod download && go vet ./... && go test -count=1 ./...)

step "Python: lint, types, wheel, tests against the installed wheel"
venv=$root/sdks-python/.venv
stamp=$venv/dev-requirements.txt
if ! cmp -s "$stamp" sdks-python/dev-requirements.txt; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r sdks-python/dev-requirements.txt
  cp sdks-python/dev-requirements.txt "$stamp"
fi
(
  cd sdks-python
  "$venv/bin/ruff" check src tests
  "$venv/bin/ruff" format --check src tests
  "$venv/bin/mypy"
  rm -rf dist
  "$venv/bin/python" -m build --wheel --outdir dist . >/dev/null
  "$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps dist/qeetid-*.whl
  # From a directory without src/, so the tests import the installed wheel.
  cd tests && "$venv/bin/python" -m pytest -q -p no:cacheprovider .
)

step "every SDK ran every shared vector"
node packages/test-vectors/check-coverage.ts "$QEETID_VECTOR_REPORT_DIR"
