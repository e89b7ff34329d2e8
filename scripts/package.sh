#!/usr/bin/env bash
# Builds the Debian package build-package/parallel-lab_<version>_amd64.deb (Release, with the
# window; tests and benchmarks off), installing what is missing first. The version is CMake's
# project version; Depends are the Qt and C++ runtime libraries the binaries link.
# Install it with: sudo apt-get install ./build-package/parallel-lab_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build-package -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DPLAB_BUILD_UI=ON -DPLAB_BUILD_TESTS=OFF -DPLAB_BUILD_BENCH=OFF -DPLAB_BUILD_FUZZ=OFF >/dev/null
cmake --build build-package -j2
rm -f build-package/parallel-lab_*.deb
(cd build-package && cpack -G DEB >cpack.log) || { cat build-package/cpack.log >&2; exit 1; }
deb=$(ls build-package/parallel-lab_*.deb)
contents=$(dpkg-deb -c "$deb")
for guide in README.md docs/*.md; do  # every guide travels with the program
  grep -q "/usr/share/doc/parallel-lab/$(basename "$guide")\$" <<<"$contents" ||
    { echo "package: $(basename "$guide") is missing from $deb" >&2; exit 1; }
done
echo "$deb"
