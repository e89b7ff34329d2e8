#!/usr/bin/env bash
# Builds the tests under a sanitizer preset and runs every one of them under it:
#  asan  the engine, the CLI and the window (offscreen) under ASan + UBSan with LeakSanitizer;
#        tests/ui/lsan.supp names the few one-time allocations of Qt's own libraries that
#        LeakSanitizer may not report (none of ours). One build serves all three: the window's
#        tests add its files to the same build rather than a second build of the engine.
#  tsan  the engine and the CLI under ThreadSanitizer. The window is left out: Qt itself is not
#        instrumented, so TSan would report Qt's own synchronisation as races.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:?usage: scripts/sanitize.sh asan|tsan}"
scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j2
ctest --preset "$preset" -j2 --timeout 600
