// The bounds of an MPI run, against a fake mpirun (no Open MPI needed; session 8's attack, bugs
// 2, 6 and 8): an mpirun that never starts the job, or never exits after it, is ended within
// its bound with one clear line; a line without end fails the run at 64 MiB; a rank's death
// keeps Open MPI's explanation. The bounds are shortened through the test-only hooks of
// core/mpi/mpi_protocol.h.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../core/test_support.h"
#include "mpi_test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

using testing::processes_with;
using testing::run_binary;
using testing::TempDir;

std::string token(const std::string& what) {
    return "PLAB_MPI_BOUNDS_TOKEN=" + std::to_string(::getpid()) + "-" + what;
}

/// mpi_map through launcher with the fake's scenario and extra environment entries.
testing::Ran run_fake(const std::string& launcher, const std::string& scenario,
                      std::vector<std::string> env) {
    env.push_back("FAKE_MPIRUN=" + scenario);
    env.push_back(std::string("PLAB_MPI_MODULE=") + PLAB_FAKE_MPIRUN);  // exists: passes the check
    return run_binary(
        {"run", "--strategy", "mpi_map", "--workers", "2", "--tasks", "4", "--mpirun", launcher},
        30, env);
}

TEST(CliMpiBounds, AnMpirunThatNeverStartsTheJobIsEnded) {
    TempDir dir;
    const auto script = dir.path / "sleepy-mpirun";
    std::ofstream(script) << "#!/bin/sh\necho 'still thinking' >&2\nexec sleep 30\n";
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    const std::string tok = token("launch");
    const auto r = run_fake(script.string(), "ok", {"PLAB_MPI_LAUNCH_TIMEOUT_MS=500", tok});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_LT(r.seconds, 10.0);
    EXPECT_NE(r.err.find("mpirun did not start the job within 0.5 s (rank 0 never wrote its "
                         "begin line); the lab ended it; mpirun said: still thinking"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(processes_with(tok).empty()) << "the launcher outlived the run";
}

TEST(CliMpiBounds, AnMpirunThatNeverExitsAfterTheJobIsEnded) {
    const std::string tok = token("exit");
    const auto r = run_fake(PLAB_FAKE_MPIRUN, "ok",
                            {"PLAB_MPI_EXIT_TIMEOUT_MS=500", "FAKE_MPIRUN_LINGER=30", tok});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_LT(r.seconds, 10.0);
    EXPECT_NE(r.err.find("mpirun did not exit within 0.5 s after rank 0 printed its results; "
                         "the lab ended it"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(processes_with(tok).empty()) << "the launcher outlived the run";
}

TEST(CliMpiBounds, ALineWithoutEndFailsAt64MiB) {
    const auto r = run_fake(PLAB_FAKE_MPIRUN, "longline", {});
    EXPECT_EQ(r.code, 1) << r.err.substr(0, 300);
    EXPECT_NE(r.err.find("mpirun wrote a line longer than 64 MiB"), std::string::npos)
        << r.err.substr(0, 300);
    EXPECT_LT(r.err.size(), 1000U) << "the line is not quoted whole";
}

TEST(CliMpiBounds, ARanksDeathKeepsOpenMpisExplanation) {
    const auto r = run_fake(PLAB_FAKE_MPIRUN, "crash",
                            {"FAKE_MPIRUN_SAY=[vm:1] PMIX ERROR: OUT-OF-RESOURCE in file x.c"});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("rank 2 on host "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("; Open MPI said: [vm:1] PMIX ERROR: OUT-OF-RESOURCE in file x.c"),
              std::string::npos)
        << r.err;
}

}  // namespace
}  // namespace plab
