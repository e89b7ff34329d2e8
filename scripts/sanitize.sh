#!/usr/bin/env bash
# Builds the engine, the CLI and their tests under a sanitizer preset (asan or tsan) and runs
# every core and cli test under it. The window is left out: Qt itself is not instrumented.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:?usage: scripts/sanitize.sh asan|tsan}"
scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j2
ctest --preset "$preset" -j2 --timeout 600
