#!/usr/bin/env bash
# Installs what is missing, builds everything, and runs every test (no display needed).
# With CI=true, compiler warnings are errors.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S . -B build-tests -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLAB_WERROR="$werror" >/dev/null
cmake --build build-tests -j2
cd build-tests
QT_QPA_PLATFORM=offscreen ctest -j2 --output-on-failure --timeout 300
