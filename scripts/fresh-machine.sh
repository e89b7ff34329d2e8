#!/usr/bin/env bash
# Proves the README on a bare Debian 12: makes a minimal bookworm root with debootstrap (minbase)
# in build-fresh/, copies a clean `git archive` of HEAD into it, runs the README's test command
# (./scripts/test.sh) in a chroot exactly as written, builds the package there
# (./scripts/package.sh), then installs that .deb into a second fresh root with apt-get and checks
# the installed program: --version, the article's run, and that it loads its window module.
#
# Needs root, debootstrap and the network (the mirror this machine's own apt sources name, read at
# run time). Downloads are cached outside the clone in $PLAB_FRESH_CACHE
# (default /var/cache/parallel-lab-fresh); the roots are made anew on every run. Every mount is
# undone and the roots removed on success, failure or Ctrl+C; a failure is reported in one line
# naming the step (the step's log is kept in build-fresh/logs/). PLAB_FRESH_KEEP=1 keeps the
# roots (unmounted) for a look; PLAB_FRESH_VERBOSE=1 shows every step's output as it runs;
# PLAB_FRESH_DEB=FILE skips the tests and the package build and checks that package instead;
# PLAB_FRESH_DIR names another folder of the clone to work in (default build-fresh).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work="$repo/${PLAB_FRESH_DIR:-build-fresh}"
logs="$work/logs"
cache="${PLAB_FRESH_CACHE:-/var/cache/parallel-lab-fresh}"
suite=bookworm
root_test="$work/root-test"
root_pkg="$work/root-package"
article='[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]'

step=""          # the step running now; empty between steps
step_log=""
child=""         # pid of the subshell running the step
timings=()

say() { echo "fresh-machine: $*" >&2; }

# --- Cleaning up: processes first, then mounts (innermost first), then the roots ---------------

# Pids of every process whose root directory is inside build-fresh (what runs in our chroots).
chroot_pids() {
  find /proc/[0-9]*/root -maxdepth 0 -lname "$work/*" 2>/dev/null | cut -d/ -f3
}

# Pids of $1 and all its descendants.
tree_pids() {
  local kids k
  echo "$1"
  kids=$(ps -o pid= --ppid "$1" 2>/dev/null) || true
  for k in $kids; do tree_pids "$k"; done
}

# The pids given that still run: not gone, not zombies (a killed step's subshell stays a zombie
# until this script exits, and must not be waited for).
running() {
  local p line
  for p; do
    read -r line 2>/dev/null <"/proc/$p/stat" || continue
    line=${line##*) }
    [ "${line%% *}" = Z ] || echo "$p"
  done
}

# Ends the running step's processes and everything in the roots: TERM, then KILL after 3 s.
stop_processes() {
  local pids sig i
  for sig in TERM KILL; do
    for i in 1 2 3 4 5 6 7 8 9 10; do
      # shellcheck disable=SC2046  # one pid per word
      pids=$(running $( { [ -n "$child" ] && tree_pids "$child"; chroot_pids; } | sort -u))
      [ -z "$pids" ] && return 0
      # shellcheck disable=SC2086  # one pid per word
      [ "$i" -eq 1 ] && kill -s "$sig" $pids 2>/dev/null
      sleep 0.3
    done
  done
}

# Mount points under build-fresh, innermost (last mounted) first.
our_mounts() { findmnt -rn -o TARGET | awk -v w="$work/" 'index($0, w) == 1' | tac; }

unmount_all() {
  local m
  for m in $(our_mounts); do
    umount "$m" 2>/dev/null || { sleep 1; umount "$m" 2>/dev/null; } || umount -l "$m" ||
      say "cannot unmount $m"
  done
  [ -z "$(our_mounts)" ]
}

remove_root() {
  [ -e "$1" ] || return 0
  if findmnt -rn -o TARGET | awk -v r="$1" '$0 == r || index($0, r "/") == 1' | grep -q .; then
    say "not removing $1: something is still mounted in it"
    return 1
  fi
  rm -rf --one-file-system "$1"
}

cleanup() {
  local rc=$?
  local t0=$SECONDS
  trap - EXIT INT TERM
  set +e
  [ -n "$step" ] && say "cleaning up: stopping what runs in the roots, unmounting, removing them"
  stop_processes
  local t1=$SECONDS
  unmount_all
  local t2=$SECONDS
  if [ -z "${PLAB_FRESH_KEEP:-}" ]; then
    remove_root "$root_test"
    remove_root "$root_pkg"
  fi
  [ -n "$step" ] && say "  cleaned up in $((SECONDS - t0)) s (processes $((t1 - t0)) s," \
    "mounts $((t2 - t1)) s, roots $((SECONDS - t2)) s)"
  if [ -n "$step" ]; then
    [ "$rc" -eq 0 ] && rc=1
    if [ -s "$step_log" ] && [ -z "${PLAB_FRESH_VERBOSE:-}" ]; then tail -n 40 "$step_log" >&2; fi
    say "FAILED at step '$step' (exit $rc); its log: ${step_log#"$repo"/}"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT
trap 'say "terminated"; exit 143' TERM

# run_step NAME COMMAND...: runs COMMAND (a function or a program) with its output in the step's
# log, timed. It runs in the background with default signal dispositions so that a signal to
# this script is handled at once (bash defers traps while a foreground child runs).
run_step() {
  local name=$1 t0=$SECONDS rc=0
  shift
  step=$name
  step_log="$logs/$(( ${#timings[@]} + 1 ))-${name//[^a-zA-Z0-9.]/_}.log"
  say "$name"
  if [ -n "${PLAB_FRESH_VERBOSE:-}" ]; then
    ( trap - INT QUIT TERM; "$@" ) > >(tee "$step_log") 2>&1 &
  else
    ( trap - INT QUIT TERM; "$@" ) >"$step_log" 2>&1 &
  fi
  child=$!
  wait "$child" || rc=$?
  child=""
  [ "$rc" -eq 0 ] || exit "$rc"
  timings+=("$(printf '%5d s  %s' $((SECONDS - t0)) "$name")")
  say "  done in $((SECONDS - t0)) s"
  step=""
}

# --- The steps ----------------------------------------------------------------------------------

# Prints "URI SUITE COMPONENTS..." for every binary source of this machine's apt configuration
# (one-line .list files and deb822 .sources files) whose suite is bookworm or one of its pockets.
host_sources() {
  local files=()
  [ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
  files+=(/etc/apt/sources.list.d/*.list)
  sed -E -e 's/#.*//' -e 's/\[[^]]*\]//' "${files[@]}" 2>/dev/null |
    awk '$1 == "deb" { c = ""; for (i = 4; i <= NF; i++) c = c " " $i; print $2, $3 c }'
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '
      function flush() {
        if (types ~ /(^| )deb( |$)/ && enabled != "no")
          for (u = 1; u <= nu; u++) for (s = 1; s <= ns; s++) print uri[u], suite[s], comps
        types = ""; comps = ""; enabled = ""; nu = 0; ns = 0
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      {
        key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ +/, "")
        if (key == "types") types = $0
        else if (key == "uris") nu = split($0, uri, " ")
        else if (key == "suites") ns = split($0, suite, " ")
        else if (key == "components") comps = $0
        else if (key == "enabled") enabled = tolower($0)
      }
      END { flush() }' "$f"
  done
}


bootstrap() {
  local include=()
  case "$mirror" in https:*) include=(--include=ca-certificates) ;; esac
  mkdir -p "$cache/debootstrap" "$cache/apt/partial"
  debootstrap --variant=minbase "${include[@]}" --cache-dir="$cache/debootstrap" \
    "$suite" "$root_test" "$mirror"
  # The machine's apt sources for bookworm and its pockets, as a fresh install would have them.
  awk '{ printf "deb %s %s", $1, $2; for (i = 3; i <= NF; i++) printf " %s", $i; print "" }' \
    <<<"$sources" >"$root_test/etc/apt/sources.list"
  # Services installed as dependencies must not start inside the chroot.
  printf '#!/bin/sh\nexit 101\n' >"$root_test/usr/sbin/policy-rc.d"
  chmod 755 "$root_test/usr/sbin/policy-rc.d"
  # The package's root: an exact copy of the fresh root before anything ran in it.
  cp -a "$root_test" "$root_pkg"
}

copy_source() {
  mkdir "$root_test/root/parallel-lab"
  git -C "$repo" archive --format=tar HEAD | tar -x -C "$root_test/root/parallel-lab"
}

# mount_root ROOT: what the tests need, each mount private so nothing propagates to the host.
mount_root() {
  local r=$1
  mount -t proc proc "$r/proc"
  mount --bind /dev "$r/dev"
  mount --make-private "$r/dev"
  mount --bind /dev/pts "$r/dev/pts"
  mount --make-private "$r/dev/pts"
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$r/dev/shm"
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$r/tmp"
  # Packages apt downloads, kept between runs (a cache of .deb files only).
  mount --bind "$cache/apt" "$r/var/cache/apt/archives"
  mount --make-private "$r/var/cache/apt/archives"
  cp /etc/resolv.conf "$r/etc/resolv.conf"
}

# in_root ROOT COMMAND: runs a shell command in the root as a fresh login of root would.
in_root() {
  chroot "$1" /usr/bin/env -i HOME=/root TERM=dumb CI="${CI:-}" \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -c "$2"
}

seed_apt_cache() {
  # Hard links of the packages this machine already downloaded: no copy, nothing of the host's
  # cache is written by the chroots.
  cp -ln /var/cache/apt/archives/*.deb "$cache/apt/" 2>/dev/null || true
}

run_tests() { in_root "$root_test" 'cd /root/parallel-lab && ./scripts/test.sh'; }

build_package() {
  in_root "$root_test" 'cd /root/parallel-lab && ./scripts/package.sh'
  rm -f "$work"/parallel-lab_*.deb
  cp "$root_test"/root/parallel-lab/build-package/parallel-lab_*.deb "$work/"
}

install_package() {
  cp "$deb" "$root_pkg/root/"
  in_root "$root_pkg" "export DEBIAN_FRONTEND=noninteractive; apt-get update -qq &&
    cd /root && apt-get install -y -q --no-install-recommends ./${deb##*/}"
}

check_version() { in_root "$root_pkg" 'parallel-lab --version'; }

check_run() {
  local out
  out=$(in_root "$root_pkg" 'parallel-lab run --delay 10ms')
  echo "$out"
  [ "$(head -n 1 <<<"$out")" = "$article" ] || { echo "expected the article's list $article" >&2; return 1; }
}

# The installed program runs the article on Open MPI ranks: the package's rank module and the
# mpirun its Depends brought, as root (--allow-run-as-root) in a root without /sys.
check_mpi() {
  local out
  out=$(in_root "$root_pkg" 'parallel-lab run --strategy mpi_map --workers 2 --tasks 4 --delay 10ms')
  echo "$out"
  [ "$(head -n 1 <<<"$out")" = "[0, 1, 4, 9]" ] || { echo "expected [0, 1, 4, 9]" >&2; return 1; }
}

# The installed program must find its window module: the module's libraries all resolve, with no
# display it says so (not that the module is missing), and on Qt's offscreen platform it loads the
# module and the window keeps running until stopped.
# shellcheck disable=SC2016  # expanded in the root, not here
check_window() {
  in_root "$root_pkg" '
    set -u
    module=$(dpkg -L parallel-lab | grep "/parallel-lab-window.so$") || { echo "no window module in the package"; exit 1; }
    echo "module: $module"
    if ldd "$module" | grep "not found"; then echo "unresolved libraries"; exit 1; fi
    out=$(env -u DISPLAY -u WAYLAND_DISPLAY parallel-lab 2>&1); rc=$?
    echo "without a display (exit $rc): $out"
    [ "$rc" -eq 2 ] && [[ "$out" == *"no display"* ]] || { echo "expected exit 2 saying there is no display"; exit 1; }
    out=$(QT_QPA_PLATFORM=offscreen timeout 5 parallel-lab 2>&1); rc=$?
    echo "offscreen (exit $rc): $out"
    [[ "$out" != *"cannot load the window"* ]] || exit 1
    [ "$rc" -eq 124 ] || { echo "expected the window to run until timeout stopped it (exit 124)"; exit 1; }'
}

# --- Main ---------------------------------------------------------------------------------------

[ "$(id -u)" -eq 0 ] || { say "needs root (debootstrap, mount, chroot)"; exit 1; }
if ! command -v debootstrap >/dev/null; then
  say "installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi
mkdir -p "$logs"
rm -f "$logs"/*.log

# A previous run killed hard (SIGKILL, power) may have left mounts and roots: undo them first.
unmount_all || { say "cannot unmount what a previous run left in $work"; exit 1; }
remove_root "$root_test"
remove_root "$root_pkg"

start=$SECONDS
step="read the mirror from this machine's apt sources"
sources=$(host_sources | awk -v s="$suite" '$2 == s || index($2, s "-") == 1 || index($2, s "/") == 1')
mirror=$(awk -v s="$suite" '$2 == s { print $1; exit }' <<<"$sources")
[ -n "$mirror" ] || { say "no '$suite' source in /etc/apt/sources.list or /etc/apt/sources.list.d/"; exit 1; }
step=""
run_step "debootstrap --variant=minbase $suite" bootstrap
run_step "seed the apt cache" seed_apt_cache
if [ -n "${PLAB_FRESH_DEB:-}" ]; then
  say "PLAB_FRESH_DEB: checking $PLAB_FRESH_DEB only (no tests, no package build)"
  deb=$(realpath "$PLAB_FRESH_DEB")
else
  run_step "copy git archive HEAD" copy_source
  run_step "mount /proc /dev /dev/pts /dev/shm /tmp (test root)" mount_root "$root_test"
  run_step "./scripts/test.sh in the fresh root" run_tests
  run_step "./scripts/package.sh in the fresh root" build_package
  deb=$(echo "$work"/parallel-lab_*.deb)
fi
run_step "mount /proc /dev /dev/pts /dev/shm /tmp (package root)" mount_root "$root_pkg"
run_step "apt-get install ./${deb##*/} in a second fresh root" install_package
run_step "parallel-lab run --delay 10ms prints the article's list" check_run
run_step "the installed program loads its window module" check_window
run_step "parallel-lab --version" check_version
run_step "parallel-lab run --strategy mpi_map prints the list" check_mpi

say "passed in $((SECONDS - start)) s:"
printf '  %s\n' "${timings[@]}" >&2
