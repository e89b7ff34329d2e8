// An MPI job ends with the engine however the engine ends (the attack of session 8, bug 1):
// mpirun runs under the guard mode (core/mpi/mpi_guard.h), whose parent-death signal makes
// mpirun end its ranks when the engine dies without its cancel path. (Two SIGTERMs sent at
// once coalesce into one, which cancels: the second signal's exit at once is the same death.)
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "mpi_test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

using testing::Child;
using testing::processes_with;

/// Runs a long mpi_map job, waits until its tasks run, sends the engine signals (one after the
/// other), and expects every process of the job (found by a token in their environment) gone
/// within a few seconds of the engine's death.
void engine_dies_and_job_ends(const std::vector<int>& signals) {
    const std::string tok = "PLAB_MPI_DEATH_TOKEN=" + std::to_string(::getpid()) + "-" +
                            std::to_string(signals.front()) + "-" + std::to_string(signals.size());
    Child c({"run", "--strategy", "mpi_map", "--workers", "2", "--tasks", "4", "--delay", "30",
             "--events", "-"},
            {tok});
    ASSERT_TRUE(c.wait_for([&] { return c.out().find("\nstart\t") != std::string::npos; }, 60))
        << c.err();
    ASSERT_GE(processes_with(tok).size(), 4U) << "the engine, mpirun and 3 ranks";
    for (const int sig : signals)
        ::kill(c.pid(), sig);
    c.wait(10);
    std::vector<int> left = processes_with(tok);
    for (int i = 0; i < 100 && !left.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        left = processes_with(tok);
    }
    EXPECT_TRUE(left.empty()) << left.size() << " processes of the job outlived the engine";
    for (const int pid : left)
        ::kill(pid, SIGKILL);  // do not leave them to the next test
}

TEST(CliMpiDeath, KillingTheEngineEndsTheJob) {
    REQUIRE_MPI();
    engine_dies_and_job_ends({SIGKILL});
}

TEST(CliMpiDeath, AHangupEndsTheJob) {
    REQUIRE_MPI();
    engine_dies_and_job_ends({SIGHUP});
}

}  // namespace
}  // namespace plab
