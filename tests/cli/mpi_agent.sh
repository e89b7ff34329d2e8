#!/bin/sh
# Open MPI's remote-launch agent for simulated hosts (OMPI_MCA_plm_rsh_agent=this script): Open
# MPI calls it as it would call ssh, `mpi_agent.sh HOST COMMAND WORDS...`, and it runs the
# words (joined by spaces, as ssh does) with sh inside HOST's network and UTS namespaces, those
# of the holder in $PLAB_MPI_HOSTS_DIR/HOST.pid (made by mpi_hosts.sh up). If
# $PLAB_MPI_HOSTS_DIR/HOST.env exists, its VAR=value lines are exported first, so a host can
# get its own environment (the test gives one host PLAB_MPI_CLOCK_SKEW_NS).
# Misuse (no such host, no directory, the holder gone): one line on stderr, exit 255 (ssh's
# status for a connection that failed), so mpirun reports that the daemon did not start.
set -eu

fail() {
    echo "mpi_agent.sh: $*" >&2
    exit 255
}

# Open MPI may put ssh-style options before the host; none of them matters here.
while [ $# -gt 0 ]; do
    case $1 in
    -x | -T | -q) shift ;;
    *) break ;;
    esac
done
[ $# -ge 2 ] || fail "usage: mpi_agent.sh HOST COMMAND..."
host=$1
shift
dir=${PLAB_MPI_HOSTS_DIR:-}
[ -n "$dir" ] || fail "PLAB_MPI_HOSTS_DIR is not set"
case $host in
*/* | .* | "") fail "bad host name $host" ;;
esac
[ -s "$dir/$host.pid" ] || fail "no simulated host $host in $dir"
pid=$(cat "$dir/$host.pid")
[ "$(readlink "/proc/$pid/ns/net" 2>/dev/null)" != "$(readlink /proc/self/ns/net)" ] ||
    fail "simulated host $host (pid $pid) is gone"
if [ -f "$dir/$host.env" ]; then
    while IFS= read -r line; do
        case $line in
        [A-Za-z_]*=*)
            # shellcheck disable=SC2163 # export VAR=value, the whole line
            export "$line"
            ;;
        esac
    done <"$dir/$host.env"
fi
exec nsenter -t "$pid" -n -u sh -c "$*"
