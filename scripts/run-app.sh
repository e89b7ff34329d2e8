#!/usr/bin/env bash
# Installs what is missing, builds ParallelLab, and opens the window (arguments pass through:
# `scripts/run-app.sh run --workers 4` runs headless instead).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target parallel-lab
exec build/bin/parallel-lab "$@"
