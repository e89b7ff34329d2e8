// --payload on the mpi_ strategies, under a real Open MPI: the article's list is still printed
// with 1 MiB per task each way, the runs CSV carries payload_bytes, a byte that rank 0 alters on
// the way (the test hook PLAB_MPI_CORRUPT_TASK) is caught by the worker rank's check, and a
// sweep over payloads runs the pool and both MPI strategies, each payload with its serial
// baseline. LABEL mpi (one at a time, not under the sanitizers). Payloads of a few MiB at most:
// each run is one mpirun start (0.5-1.5 s on a busy 2-core machine) and milliseconds of copying.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../core/test_support.h"
#include "mpi_test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

using testing::csv_rows;
using testing::elapsed_of;
using testing::read_file;
using testing::run_binary;
using testing::TempDir;

class CliMpiPayload : public ::testing::TestWithParam<std::string> {};

TEST_P(CliMpiPayload, TheArticlesListWithAMebibytePerTask) {
    REQUIRE_MPI();
    TempDir dir;
    const auto runs_csv = dir.path / "runs.csv";
    const auto r = run_binary({"run", "--strategy", GetParam(), "--workers", "4", "--tasks", "10",
                               "--delay", "0.05", "--payload", "1MiB", "--csv", runs_csv.string()},
                              60);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]\nElapsed: ", 0), 0U) << r.out;
    EXPECT_GE(elapsed_of(r.out), 0.15) << r.out;  // ceil(10/4) x 0.05 s, and the bytes' travel
    const auto runs = csv_rows(read_file(runs_csv));
    ASSERT_EQ(runs.size(), 1U);
    EXPECT_EQ(runs[0].at("strategy"), GetParam());
    EXPECT_EQ(runs[0].at("payload_bytes"), "1048576");
    EXPECT_EQ(runs[0].at("ok_tasks"), "10");
}

TEST_P(CliMpiPayload, AByteAlteredOnTheWayIsCaughtByTheWorkerRank) {
    REQUIRE_MPI();
    const auto r = run_binary({"run", "--strategy", GetParam(), "--workers", "2", "--tasks", "6",
                               "--delay", "0", "--payload", "64KiB"},
                              60, {"PLAB_MPI_CORRUPT_TASK=3"});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_EQ(r.out.rfind("[0, 1, 4, None, 16, 25]\n", 0), 0U) << r.out;
    EXPECT_NE(r.err.find("task 3: the payload arrived altered (64 KiB, its bytes differ from the "
                         "task's)"),
              std::string::npos)
        << r.err;
}

// Without Open MPI's single-copy path (CMA: absent in some containers, and never between hosts)
// a large message moves a few fragments per MPI call; the ranks' waits for payload bytes poll
// every 100 us at most (rank_io.h's kDataPauseNs), not at the idle pace (up to 50 ms), which
// made 8 x 16 MiB take 132 s here instead of 0.7 s.
TEST_P(CliMpiPayload, BytesMoveAtPaceWithoutASingleCopyPath) {
    REQUIRE_MPI();
    const auto r = run_binary({"run", "--strategy", GetParam(), "--workers", "2", "--tasks", "4",
                               "--delay", "0", "--payload", "8MiB"},
                              60, {"OMPI_MCA_btl_vader_single_copy_mechanism=none"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("[0, 1, 4, 9]\nElapsed: ", 0), 0U) << r.out;
    EXPECT_LT(elapsed_of(r.out), 4.0) << r.out;  // about 0.3-1.5 s on a busy 2-core machine
}

INSTANTIATE_TEST_SUITE_P(Strategies, CliMpiPayload, ::testing::Values("mpi_map", "mpi_scatter"));

TEST(CliMpiPayloadSweep, PoolAndRanksOverPayloads) {
    REQUIRE_MPI();
    TempDir dir;
    const auto runs_csv = dir.path / "runs.csv";
    const auto r = run_binary(
        {"sweep", "--strategies", "map,mpi_map,mpi_scatter", "--payloads", "0,4MiB", "--workers",
         "2", "--tasks", "4", "--delay", "0.02", "--csv", runs_csv.string()},
        90);
    ASSERT_EQ(r.code, 0) << r.err;
    const auto runs = csv_rows(read_file(runs_csv));
    ASSERT_EQ(runs.size(), 6U) << read_file(runs_csv);
    std::map<std::string, int> seen;
    for (const auto& run : runs) {
        ++seen[run.at("strategy") + "@" + run.at("payload_bytes")];
        EXPECT_EQ(run.at("ok_tasks"), "4") << run.at("strategy");
        EXPECT_EQ(std::stod(run.at("serial_s")), 0.08) << run.at("strategy");  // 4 x 0.02 s
        EXPECT_GT(std::stod(run.at("speedup")), 0) << run.at("strategy");
    }
    for (const std::string s : {"map", "mpi_map", "mpi_scatter"}) {
        EXPECT_EQ(seen[s + "@0"], 1) << s;
        EXPECT_EQ(seen[s + "@4194304"], 1) << s;
    }
}

}  // namespace
}  // namespace plab
