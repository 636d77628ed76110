#!/usr/bin/env bash
# Runs every check and test on a fresh machine of this project's kind, installing what is missing:
# typecheck, lint, unit tests, integration tests on real PostgreSQL and on embedded PGlite,
# a production build, the scale-out tests on it (HAProxy, two app processes, two workers, a replica),
# the Playwright suite in Debian's chromium and a one-minute soak.
# Ends with one line "N passed, N failed" (totals of all suites; a failing step without tests counts 1).
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 TZ=UTC CI="${CI:-}"
started=$(date +%s)
mkdir -p test-results
passed=0
failed=0
failures=()

step() { printf '\n=== %s (at %ss) ===\n' "$1" "$(( $(date +%s) - started ))"; }
fail_step() { failed=$((failed + 1)); failures+=("$1"); echo "FAILED: $1"; }
die() { echo "ERROR: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

step "prerequisites"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # --prefer-offline: packages already in the npm cache are not revalidated one by one (63 against 86 s here)
  npm ci --no-audit --no-fund --prefer-offline || die "npm ci failed: check network access to the npm registry."
fi
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "Installing Debian's chromium for the browser tests…"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ||
      die "apt-get install chromium failed. Install it by hand (apt-get install chromium) or set CHROMIUM_PATH."
  else
    die "chromium is missing and this user cannot apt-get. Run: sudo apt-get install -y chromium (or set CHROMIUM_PATH)."
  fi
fi
PG_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
pg_up() { pg_isready -q -d "$PG_URL" 2>/dev/null || node -e '
  const u=new URL(process.argv[1]);require("node:net").connect(+u.port||5432,u.hostname).on("connect",()=>process.exit(0)).on("error",()=>process.exit(1));' "$PG_URL"; }
if ! pg_up; then
  echo "PostgreSQL does not answer at $PG_URL; trying to start the local cluster…"
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    for v in $(ls /etc/postgresql); do pg_ctlcluster --skip-systemctl-redirect "$v" main start || true; done
    for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  fi
  pg_up || die "No PostgreSQL at $PG_URL. Install/start PostgreSQL (trust auth for user postgres) or set TEST_DATABASE_URL."
fi
echo "node $(node --version), chromium $("$CHROMIUM" --version 2>/dev/null | awk '{print $2}'), PostgreSQL at $PG_URL"

step "typecheck and lint (side by side: each is one process on one core)"
npx tsc --noEmit -p . > test-results/tsc.log 2>&1 &
tsc_pid=$!
npx eslint . --max-warnings 0 > test-results/eslint.log 2>&1 &
eslint_pid=$!
wait "$tsc_pid"; tsc_rc=$?
wait "$eslint_pid"; eslint_rc=$?
cat test-results/tsc.log test-results/eslint.log
[ "$tsc_rc" = 0 ] || fail_step "typecheck"
[ "$eslint_rc" = 0 ] || fail_step "lint"

step "unit + integration (PostgreSQL and PGlite)"
rm -f test-results/vitest.json
TEST_PG=required TEST_DATABASE_URL="$PG_URL" npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
vitest_rc=$?
if [ -s test-results/vitest.json ]; then
  read -r vp vf < <(node -e 'const r=require("./test-results/vitest.json");console.log(r.numPassedTests, r.numFailedTests)')
  passed=$((passed + vp)); failed=$((failed + vf))
  [ "$vitest_rc" = 0 ] || [ "$vf" != 0 ] || fail_step "vitest (exit $vitest_rc)"
else
  fail_step "vitest produced no results (exit $vitest_rc)"
fi

step "Node 22: unit tests and the production build (npm run test:node22)"
# The production build that the scale-out and e2e steps run is made by Node 22 (the npm package
# `node`, installed by scripts/test-node.sh into a cache folder), after the unit tests ran on it too:
# CI proves the code on Node 22 at the cost of one more unit run. The servers then run on this
# machine's Node (20). tsc ran above: the build skips its own second type check (NEXT_SKIP_TYPECHECK).
rm -rf .next
export NEXT_BUILD_FS_CACHE=0
NEXT_SKIP_TYPECHECK=1 bash scripts/test-node.sh 22
node22_rc=$?
nf=0
if [ -s test-results/vitest-node22.json ]; then
  read -r np nf < <(node -e 'const r=require("./test-results/vitest-node22.json");console.log(r.numPassedTests, r.numFailedTests)')
  passed=$((passed + np)); failed=$((failed + nf))
fi
if [ ! -s .next/BUILD_ID ]; then
  # no build from Node 22 (e.g. the node package could not be fetched): build on this Node so the
  # browser tests still run, and count the Node 22 step as failed
  fail_step "Node 22 (unit tests or build)"
  NEXT_SKIP_TYPECHECK=1 npx next build || true
elif [ "$node22_rc" != 0 ] && [ "$nf" = 0 ]; then
  fail_step "Node 22 step (exit $node22_rc)"
fi
if [ -s .next/BUILD_ID ]; then
  step "scale-out (two app processes behind HAProxy, two job workers, a streaming replica)"
  rm -f test-results/vitest-scale.json
  SCALE_NO_BUILD=1 TEST_DATABASE_URL="$PG_URL" npx vitest run --config vitest.scale.config.ts \
    --reporter=default --reporter=json --outputFile.json=test-results/vitest-scale.json
  scale_rc=$?
  if [ -s test-results/vitest-scale.json ]; then
    read -r sp sf < <(node -e 'const r=require("./test-results/vitest-scale.json");console.log(r.numPassedTests, r.numFailedTests)')
    passed=$((passed + sp)); failed=$((failed + sf))
    [ "$scale_rc" = 0 ] || [ "$sf" != 0 ] || fail_step "scale-out tests (exit $scale_rc)"
  else
    fail_step "scale-out tests produced no results (exit $scale_rc)"
  fi

  step "e2e (Playwright, chromium)"
  rm -f test-results/e2e-results.json
  CHROMIUM_PATH="$CHROMIUM" npx playwright test
  e2e_rc=$?
  if [ -s test-results/e2e-results.json ]; then
    read -r ep ef < <(node -e 'const s=require("./test-results/e2e-results.json").stats;console.log(s.expected + s.flaky, s.unexpected)')
    passed=$((passed + ep)); failed=$((failed + ef))
    [ "$e2e_rc" = 0 ] || [ "$ef" != 0 ] || fail_step "playwright (exit $e2e_rc)"
  else
    fail_step "playwright produced no results (exit $e2e_rc)"
  fi

  step "soak (1 minute, npm run soak on a copy of the demo)"
  # The mixed workload of `npm run soak` (sign-ins, list pages, documentation saves, claim builds, 835
  # uploads) on the production build with one job worker, on a PostgreSQL copy of the demo template the
  # integration tests built: fails on any 5xx, any write not read back, memory growth over 15 %. The
  # server runs with the app's heap size (scripts/next-start.sh), at which its RSS levels off within
  # the first 15 s (uncapped, the heap's first growth went on for two minutes on a busy machine, and a
  # 120 s warm-up still failed a CI run at +16.4 %); the 30 s warm-up is the soak's own minimum.
  rm -f test-results/soak.json
  TEST_DATABASE_URL="$PG_URL" LOG_LEVEL=warn node_modules/.bin/tsx --conditions=react-server tests/soak/ci-soak.ts \
    --minutes 1 --warmup-seconds 30 --json > test-results/soak.json
  soak_rc=$?
  if [ -s test-results/soak.json ] && node -e 'const s=JSON.parse(require("fs").readFileSync("test-results/soak.json","utf8").trim().split("\n").filter((l)=>l.startsWith("{")).pop());console.log(JSON.stringify({passed:s.passed,requests:Object.fromEntries(Object.entries(s.requests).map(([k,v])=>[k,v.count])),rss:s.rss,writes:s.writes,failures:s.failures}))'; then
    if [ "$soak_rc" = 0 ]; then passed=$((passed + 1)); else fail_step "soak (exit $soak_rc)"; fi
  else
    fail_step "soak produced no summary (exit $soak_rc)"
  fi
else
  fail_step "production build (scale-out, e2e and soak not run)"
fi

echo
echo "took $(( $(date +%s) - started ))s"
[ ${#failures[@]} -eq 0 ] || printf 'failed steps: %s\n' "${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
