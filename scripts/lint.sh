#!/usr/bin/env bash
# The house style, checked: clang-format (.clang-format) on every C++ file we wrote, and
# clang-tidy (.clang-tidy) on core/, ui/ and app/, any finding an error. Uses the compile
# commands of the test build (build-tests/, made by scripts/test.sh); the code snippets in
# resources/snippets/ are templates with placeholders, not C++ to format.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build-tests}"
if [[ ! -f "$build/compile_commands.json" ]]; then
  echo "lint: $build/compile_commands.json is missing: run scripts/test.sh first"
  exit 2
fi
git ls-files '*.cpp' '*.h' | grep -v '^resources/snippets/' | xargs clang-format --dry-run --Werror
echo "clang-format: clean"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
if ! git ls-files 'core/*.cpp' 'ui/*.cpp' 'app/*.cpp' |
    xargs -P 2 -n 8 clang-tidy -p "$build" --quiet --warnings-as-errors='*' >"$out" 2>&1; then
  grep -vE '^[0-9]+ warnings? generated|^Suppressed [0-9]+ warnings|^Use -header-filter|^$' "$out"
  echo "clang-tidy: the findings above"
  exit 1
fi
echo "clang-tidy: clean"
