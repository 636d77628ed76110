#!/usr/bin/env bash
# `next start` with the app's heap size: every way this project starts the production server (npm start,
# npm run demo, the e2e servers, the scale set-up, the soak and the HTTP benchmarks) goes through here.
#
# Node sizes its heap from the machine's memory (about 4 GB on this 24 GB machine) when no container
# limit says otherwise, and then collects garbage lazily: one server's RSS swung between 250 and 450 MB
# under the soak's load and took two minutes to level off. Capped at APP_HEAP_MB (default 256) of old
# generation, the same load held 196–223 MB from the first 15 s with the same throughput (docs/benchmarks.md,
# "Heap size of the app process"). The young generation's semi-spaces are 32 MB (APP_SEMI_SPACE_MB; V8's
# default is 16 on this machine): every request allocates short-lived objects (rows, the page, its JSON),
# and with twice the room fewer of them survive a scavenge to be copied. Measured on a worklist tab at 100
# requests/s: the app's CPU per request 7.2–8.3 → 6.5–6.7 ms, RSS 211 → 247 MB ("Session 13" in
# docs/benchmarks.md). A flag already in NODE_OPTIONS comes after these and wins.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_OPTIONS="--max-old-space-size=${APP_HEAP_MB:-256} --max-semi-space-size=${APP_SEMI_SPACE_MB:-32}${NODE_OPTIONS:+ $NODE_OPTIONS}"
exec node_modules/.bin/next start "$@"
