#!/usr/bin/env bash
# `next start` with the app's heap size: every way this project starts the production server (npm start,
# npm run demo, the e2e servers, the scale set-up, the soak and the HTTP benchmarks) goes through here.
#
# Node sizes its heap from the machine's memory (about 4 GB on this 24 GB machine) when no container
# limit says otherwise, and then collects garbage lazily: one server's RSS swung between 250 and 450 MB
# under the soak's load and took two minutes to level off. Capped at APP_HEAP_MB (default 256) of old
# generation, the same load held 196–223 MB from the first 15 s with the same throughput (docs/benchmarks.md,
# "Heap size of the app process"). A flag already in NODE_OPTIONS comes after this one and wins.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_OPTIONS="--max-old-space-size=${APP_HEAP_MB:-256}${NODE_OPTIONS:+ $NODE_OPTIONS}"
exec node_modules/.bin/next start "$@"
