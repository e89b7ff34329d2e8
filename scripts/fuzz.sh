#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS (default 45)
# on a scratch copy of its seed corpus in tests/fuzz/corpus. Fails on any crash.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-45}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for pair in fuzz_codec:codec fuzz_wire:wire fuzz_cli_args:cli_args; do
  target="${pair%%:*}"
  corpus="${pair##*:}"
  cp -r "tests/fuzz/corpus/$corpus" "$work/$corpus"
  echo "fuzzing $target for ${seconds}s"
  "build-fuzz/bin/$target" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
    -print_final_stats=0 "$work/$corpus" 2>"$work/$target.log" || {
      tail -40 "$work/$target.log"; echo "fuzz: $target failed"; exit 1; }
  grep -E "^#[0-9]+.*DONE" "$work/$target.log" | tail -1 || true
done
