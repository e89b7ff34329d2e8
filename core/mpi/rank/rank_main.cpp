// The rank module's entry: what `parallel-lab --plab-mpi-rank 1 key=value...` runs under mpirun
// (mpi_protocol.h). Rank 0 is the master and the only rank that writes to standard output.
#include <sys/prctl.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>
#include <vector>

#include "mpi/mpi_args.h"
#include "mpi/mpi_protocol.h"
#include "mpi/rank/rank_clock.h"
#include "mpi/rank/rank_io.h"
#include "mpi/rank/rank_run.h"

namespace {

// Before MPI_Init the rank is known only from Open MPI's environment: only rank 0 (or a
// program not started by mpirun) says what is wrong, so the job's output has it once.
bool speaks_for_the_job() {
    const char* rank = std::getenv("OMPI_COMM_WORLD_RANK");
    return rank == nullptr || std::string_view(rank) == "0";
}

int run(int argc, char** argv) {
    using namespace plab::mpi;
    using namespace plab::mpi::rank;
    // mpirun (or its daemon on another host) is our parent: if it dies, so do we, and if it
    // died before the prctl, we go at once.
    const pid_t parent = ::getppid();
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent || parent == 1) return 3;
    read_clock_skew();
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    std::string why;
    const auto parsed = parse_rank_command(args, &why);
    if (!parsed) {
        if (speaks_for_the_job()) std::fprintf(stderr, "parallel-lab rank: %s\n", why.c_str());
        return 2;
    }
    MPI_Init(&argc, &argv);
    Rank self;
    self.args = *parsed;
    MPI_Comm_rank(MPI_COMM_WORLD, &self.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &self.size);
    if (self.size != self.args.spec.workers + 1) {
        if (self.rank == 0) {
            std::fprintf(stderr, "parallel-lab rank: %d workers need %d ranks (-np), got %d\n",
                         self.args.spec.workers, self.args.spec.workers + 1, self.size);
        }
        MPI_Finalize();
        return 2;
    }
    LineWriter lines;
    LineWriter* out = self.rank == 0 ? &lines : nullptr;
    const Hosts hosts = gather_hosts(self, out);
    self.offset_ns = sync_clocks(self, hosts, out);
    if (self.args.spec.strategy == plab::Strategy::MpiMap) {
        run_map(self, out);
    } else {
        run_scatter(self, out);
    }
    // Ranks that finish early wait here quietly, not in MPI_Finalize's own wait.
    MPI_Request done = MPI_REQUEST_NULL;
    MPI_Ibarrier(MPI_COMM_WORLD, &done);
    wait_request(done);
    MPI_Finalize();
    return 0;
}

}  // namespace

/// The rank mode: parses argv (argv[1] is kRankFlag), joins the MPI job, runs the strategy and
/// returns the exit status: 0 done, 2 bad arguments or job size, 3 orphaned at start. Any
/// other failure ends the whole job through MPI_Abort, with one line on stderr.
extern "C" __attribute__((visibility("default"))) int plab_mpi_rank_main(int argc, char** argv);

int plab_mpi_rank_main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        plab::mpi::rank::abort_job(e.what());
    } catch (...) {
        plab::mpi::rank::abort_job("unknown exception");
    }
}
