#include "mpi/rank/rank_clock.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdlib>
#include <cstring>

#include "mpi/clock_offset.h"
#include "mpi/mpi_protocol.h"
#include "mpi/rank/rank_io.h"

namespace plab::mpi::rank {

namespace {

constexpr int kNameBytes = 256;  ///< a host name, truncated, with its terminating zero
constexpr int kRounds = 16;      ///< ping-pongs per host

std::array<char, kNameBytes> own_host_name() {
    std::array<char, kNameBytes> name{};
    if (const char* hook = std::getenv(std::string(kEnvHostname).c_str());
        hook != nullptr && *hook != '\0') {
        std::strncpy(name.data(), hook, name.size() - 1);
    } else if (::gethostname(name.data(), name.size() - 1) != 0) {
        std::strncpy(name.data(), "unknown", name.size() - 1);
    }
    return name;
}

// The lowest rank of each host, in rank order; host 0 is rank 0's.
std::vector<int> representatives(const Hosts& hosts) {
    std::vector<int> reps;
    for (int r = 0; r < static_cast<int>(hosts.names.size()); ++r) {
        bool known = false;
        for (const int rep : reps)
            known = known || hosts.names[static_cast<std::size_t>(rep)] ==
                                 hosts.names[static_cast<std::size_t>(r)];
        if (!known) reps.push_back(r);
    }
    return reps;
}

// Rank 0's side of one host's ping-pongs.
ClockEstimate measure(int rep) {
    std::vector<ClockSample> samples;
    char none = 0;
    for (int i = 0; i < kRounds; ++i) {
        std::array<std::int64_t, 2> pong{};
        MPI_Request req = MPI_REQUEST_NULL;
        MPI_Irecv(pong.data(), 2, MPI_INT64_T, rep, kTagPong, MPI_COMM_WORLD, &req);
        const std::int64_t t0 = local_ns();
        send_quietly(&none, 0, MPI_BYTE, rep, kTagPing);
        wait_request(req);
        samples.push_back({t0, pong[0], pong[1], local_ns()});
    }
    std::string why;
    const auto e = estimate_clock_offset(samples, &why);
    if (!e) abort_job("cannot align the clock of rank " + std::to_string(rep) + ": " + why);
    return *e;
}

// A host representative's side.
void answer(int rounds) {
    char none = 0;
    for (int i = 0; i < rounds; ++i) {
        MPI_Request req = MPI_REQUEST_NULL;
        MPI_Irecv(&none, 0, MPI_BYTE, 0, kTagPing, MPI_COMM_WORLD, &req);
        wait_request(req);
        const std::int64_t t1 = local_ns();
        const std::array<std::int64_t, 2> pong{t1, local_ns()};
        send_quietly(pong.data(), 2, MPI_INT64_T, 0, kTagPong);
    }
}

}  // namespace

Hosts gather_hosts(const Rank& self, LineWriter* out) {
    const auto size = static_cast<std::size_t>(self.size);
    const std::array<char, kNameBytes> mine = own_host_name();
    std::vector<char> all(size * kNameBytes);
    const std::int64_t pid = ::getpid();
    Hosts hosts;
    hosts.pids.resize(size);
    std::array<MPI_Request, 2> reqs{MPI_REQUEST_NULL, MPI_REQUEST_NULL};
    MPI_Iallgather(mine.data(), kNameBytes, MPI_CHAR, all.data(), kNameBytes, MPI_CHAR,
                   MPI_COMM_WORLD, &reqs[0]);
    MPI_Iallgather(&pid, 1, MPI_INT64_T, hosts.pids.data(), 1, MPI_INT64_T, MPI_COMM_WORLD,
                   &reqs[1]);
    wait_quietly([&] {
        int done = 0;
        MPI_Testall(2, reqs.data(), &done, MPI_STATUSES_IGNORE);
        return done != 0;
    });
    for (std::size_t r = 0; r < size; ++r)
        hosts.names.emplace_back(&all[r * kNameBytes], ::strnlen(&all[r * kNameBytes], kNameBytes));
    if (out != nullptr) {
        out->line(kLineHello).field(self.size).field(hosts.pids[0]).text(hosts.names[0]).end();
        for (std::size_t r = 0; r < size; ++r) {
            out->line(kLineRank).field(static_cast<std::int64_t>(r)).text(hosts.names[r]);
            out->field(hosts.pids[r]).end();
        }
    }
    return hosts;
}

std::int64_t sync_clocks(const Rank& self, const Hosts& hosts, LineWriter* out) {
    const std::vector<int> reps = representatives(hosts);
    std::vector<std::int64_t> offsets(static_cast<std::size_t>(self.size), 0);
    if (self.rank == 0) {
        for (std::size_t h = 1; h < reps.size(); ++h) {
            const int rep = reps[h];
            const ClockEstimate e = measure(rep);
            const std::string& name = hosts.names[static_cast<std::size_t>(rep)];
            for (std::size_t r = 0; r < offsets.size(); ++r)
                if (hosts.names[r] == name) offsets[r] = e.offset_ns;
            if (out != nullptr) {
                out->line(kLineClock).text(name).field(rep).field(e.offset_ns);
                out->field(e.delay_ns).field(e.samples).end();
            }
        }
    } else if (std::find(reps.begin(), reps.end(), self.rank) != reps.end()) {
        answer(kRounds);
    }
    MPI_Request req = MPI_REQUEST_NULL;
    MPI_Ibcast(offsets.data(), self.size, MPI_INT64_T, 0, MPI_COMM_WORLD, &req);
    wait_request(req);
    return offsets[static_cast<std::size_t>(self.rank)];
}

}  // namespace plab::mpi::rank
