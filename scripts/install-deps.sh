#!/usr/bin/env bash
# Installs what ParallelLab needs on a bare Debian 12 (checked in a debootstrap minbase root by
# scripts/fresh-machine.sh) and generates the locales the tests use. Idempotent and quiet when all
# is there; needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config
  libgtest-dev libbenchmark-dev
  # Qt 6: Qt6Charts' CMake files need Qt6OpenGL's, which qt6-base-dev only recommends
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libgl-dev
  # the window's text, also offscreen in the UI tests
  fonts-dejavu-core
  # the house style (scripts/lint.sh)
  clang-format clang-tidy
  # tests and the benchmark smoke run compare with Python; locale tests need de_DE.UTF-8
  python3 locales
  # the py_ strategies: pathos' engine, the dill-based fork of multiprocessing (py_pathos_map)
  python3-multiprocess
  # tests: a JSON parser reads the trace back, strace sees the folder synced after a rename,
  # groff renders the man page
  nlohmann-json3-dev strace groff-base
  # scripts/package.sh: CPack's DEB generator finds Depends with dpkg-shlibdeps and `file`
  dpkg-dev file
  # the mpi_ strategies: Open MPI's mpirun and headers (the rank module), and ip(8) for the
  # multi-host test's network namespaces
  openmpi-bin libopenmpi-dev iproute2
)
# The locales the tests switch to (names as `locale -a` prints them, then as locale.gen has them).
locales=("de_DE.utf8:de_DE.UTF-8 UTF-8" "en_US.utf8:en_US.UTF-8 UTF-8")

sudo=""
need_root() {
  [ "$(id -u)" -eq 0 ] && return 0
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to $1" >&2; exit 1; }
  sudo="sudo"
}

installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null |
  awk '/ install ok installed$/ { print $1 }') || true
missing=()
for p in "${packages[@]}"; do
  grep -qxF "$p" <<<"$installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}" >&2
  need_root "install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

available=$(locale -a 2>/dev/null)
to_generate=()
for entry in "${locales[@]}"; do
  grep -qxiF "${entry%%:*}" <<<"$available" || to_generate+=("${entry#*:}")
done
if [ ${#to_generate[@]} -gt 0 ]; then
  echo "Generating locales: ${to_generate[*]}" >&2
  need_root "generate the locales ${to_generate[*]}"
  for line in "${to_generate[@]}"; do
    # Uncomment the line Debian ships, or add it when it is not there at all.
    if grep -qxF "# $line" /etc/locale.gen; then
      $sudo sed -i "s/^# ${line}\$/${line}/" /etc/locale.gen
    elif ! grep -qxF "$line" /etc/locale.gen; then
      echo "$line" | $sudo tee -a /etc/locale.gen >/dev/null
    fi
  done
  $sudo locale-gen >/dev/null
fi
