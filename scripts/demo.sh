#!/usr/bin/env bash
# Starts the app with demo data: embedded database in .data/pglite unless DATABASE_URL is set.
# Usage: npm run demo   (PORT=3000 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
PORT="${PORT:-3000}"

[ -d node_modules ] || npm ci

mkdir -p .data
if [ -z "${AUTH_SECRET:-}" ]; then
  # A per-machine secret, generated once and kept out of git (.data/ is ignored).
  [ -s .data/auth-secret ] || node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64url"))' > .data/auth-secret
  AUTH_SECRET="$(cat .data/auth-secret)"
  export AUTH_SECRET
fi

# Build when there is no build yet or a source file is newer than it.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components server db next.config.js package.json -newer .next/BUILD_ID -type f -print -quit 2>/dev/null)" ]; then
  echo "Building the app (about a minute the first time)…"
  npx next build > .data/build.log 2>&1 || { tail -40 .data/build.log; echo "Build failed; full log in .data/build.log"; exit 1; }
fi

# The server migrates the database and seeds the demo practice itself on first start.
# In its own process group, so stopping the demo stops next's worker process too.
SEED_DEMO_ON_EMPTY=1 setsid bash scripts/next-start.sh -p "$PORT" -H 127.0.0.1 &
server=$!
trap 'kill -TERM -- -"$server" 2>/dev/null || true' INT TERM EXIT

for _ in $(seq 1 120); do
  if health=$(curl -fsS "http://127.0.0.1:$PORT/api/health" 2>/dev/null); then break; fi
  if ! kill -0 "$server" 2>/dev/null; then echo "The server stopped; see the messages above."; exit 1; fi
  sleep 1
done
[ -n "${health:-}" ] || { echo "The app did not become healthy within 2 minutes."; exit 1; }

npx tsx scripts/demo-info.ts "http://127.0.0.1:$PORT" "$health"
wait "$server"
