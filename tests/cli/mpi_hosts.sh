#!/bin/sh
# Simulated hosts for the multi-host MPI test: each "host" is a process holding its own network
# and UTS namespaces (unshare --net --uts), so it has its own host name and its own addresses.
#
#   mpi_hosts.sh up DIR HOST...   start a head holder and one holder per HOST; in the head's
#                                 namespace a bridge 10.77.0.1/24 with a veth to each host
#                                 (10.77.0.2, .3, ...). Writes DIR/head.pid and DIR/HOST.pid.
#   mpi_hosts.sh down DIR         kill the holders; the kernel removes their namespaces, and the
#                                 bridge and veths with them. Safe to call twice.
#
# Run as root. Nothing is changed outside the namespaces this script makes: every command that
# configures a namespace first checks that it is not this shell's own (a holder whose pid is
# not yet inside its new namespace would otherwise configure the machine's). Holders exit by
# themselves after PLAB_MPI_HOSTS_LIFETIME seconds (default 60) if nobody calls down.
# Exit status: 0, or 1 with one line on stderr (and everything started is torn down).
set -eu

die() {
    echo "mpi_hosts.sh: $*" >&2
    exit 1
}

# holder DIR NAME: starts a holder whose pid is written by the holder itself, from inside its
# new namespaces, so the pid in DIR/NAME.pid always names the namespaced process.
holder() {
    rm -f "$1/$2.pid"
    # shellcheck disable=SC2016 # $$, $0 and $1 are the holder's own, expanded by its sh.
    setsid unshare --net --uts sh -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec sleep "$1"' \
        "$1/$2.pid" "${PLAB_MPI_HOSTS_LIFETIME:-60}" </dev/null >/dev/null 2>&1 &
    n=0
    while [ ! -s "$1/$2.pid" ]; do
        n=$((n + 1))
        [ "$n" -le 200 ] || die "holder $2 did not start (unshare --net --uts failed?)"
        sleep 0.01
    done
    pid=$(cat "$1/$2.pid")
    own=$(readlink /proc/self/ns/net)
    [ "$(readlink "/proc/$pid/ns/net")" != "$own" ] || die "holder $2 shares this namespace"
    [ "$(readlink "/proc/$pid/ns/uts")" != "$(readlink /proc/self/ns/uts)" ] ||
        die "holder $2 shares this UTS namespace"
}

# inside NAME CMD...: runs CMD in holder NAME's network and UTS namespaces (never in ours).
inside() {
    pid=$(cat "$dir/$1.pid")
    shift
    [ "$(readlink "/proc/$pid/ns/net")" != "$(readlink /proc/self/ns/net)" ] ||
        die "holder $pid is not in a namespace of its own"
    nsenter -t "$pid" -n -u "$@"
}

down() {
    for f in "$1"/*.pid; do
        [ -e "$f" ] || continue
        pid=$(cat "$f")
        # Only a holder: a sleep whose net namespace is not ours (never a recycled pid).
        if [ "$(readlink "/proc/$pid/ns/net" 2>/dev/null)" != "$(readlink /proc/self/ns/net)" ] &&
            grep -q sleep "/proc/$pid/comm" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
        fi
        rm -f "$f"
    done
}

[ $# -ge 2 ] || die "usage: mpi_hosts.sh up DIR HOST... | down DIR"
cmd=$1
dir=$2
shift 2
case $cmd in
down)
    down "$dir"
    exit 0
    ;;
up) ;;
*) die "unknown command $cmd" ;;
esac

[ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
if [ $# -lt 1 ] || [ $# -gt 200 ]; then die "give 1 to 200 host names"; fi
mkdir -p "$dir"
trap 'down "$dir"' EXIT
holder "$dir" head
inside head hostname plab-head
inside head ip link set lo up
inside head ip link add plab-br type bridge
inside head ip addr add 10.77.0.1/24 dev plab-br
inside head ip link set plab-br up
i=2
for host in "$@"; do
    case $host in
    head | *[!a-z0-9-]*) die "bad host name $host (lower-case letters, digits, '-')" ;;
    esac
    holder "$dir" "$host"
    inside head ip link add "plab-v$i" type veth peer name eth0 netns "$(cat "$dir/$host.pid")"
    inside head ip link set "plab-v$i" master plab-br
    inside head ip link set "plab-v$i" up
    inside "$host" hostname "$host"
    inside "$host" ip link set lo up
    inside "$host" ip addr add "10.77.0.$i/24" dev eth0
    inside "$host" ip link set eth0 up
    i=$((i + 1))
done
trap - EXIT
