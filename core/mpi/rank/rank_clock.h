// Who runs where, and one time scale for all of them (docs/plans/issue-13-mpi.md, section 7).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace plab::mpi::rank {

struct Rank;
class LineWriter;

/// Every rank's host name (PLAB_MPI_HOSTNAME, else gethostname) and pid, by rank.
struct Hosts {
    std::vector<std::string> names;
    std::vector<std::int64_t> pids;
};

/// Gathers every rank's host and pid (collective: every rank calls it). Rank 0 writes the
/// hello line and one rank line per rank to out; the others pass nullptr.
Hosts gather_hosts(const Rank& self, LineWriter* out);

/// Measures each host's clock against rank 0's (collective): the host's lowest rank answers
/// 16 ping-pongs, rank 0 keeps the least-delay estimate (clock_offset.h), writes a clock line
/// per host other than its own, and sends every rank its host's offset, which it returns.
/// Aborts the job when no sample of a host is usable.
std::int64_t sync_clocks(const Rank& self, const Hosts& hosts, LineWriter* out);

}  // namespace plab::mpi::rank
