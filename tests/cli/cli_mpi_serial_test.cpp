// --serial-fraction on the mpi_ strategies, under a real Open MPI: rank 0 (the master) works
// alone first, F x tasks x delay, and no task starts before it is done; the event stream reports
// that part as the pool's runner reports its parent's (serial-start, then serial), and Elapsed
// holds it. LABEL mpi (one at a time, not under the sanitizers). About 1.5 s per strategy.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "../core/test_support.h"
#include "experiment/event_stream.h"
#include "mpi_test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

using testing::elapsed_of;
using testing::read_file;
using testing::run_binary;
using testing::TempDir;

class CliMpiSerial : public ::testing::TestWithParam<std::string> {};

TEST_P(CliMpiSerial, TheMasterWorksAloneBeforeAnyTask) {
    REQUIRE_MPI();
    TempDir dir;
    const auto events = dir.path / "events.tsv";
    // W = 4 x 0.1 s; F = 0.5: the master alone 0.2 s, then 4 tasks of 0.05 s on 2 ranks.
    const auto r =
        run_binary({"run", "--strategy", GetParam(), "--workers", "2", "--tasks", "4", "--delay",
                    "0.1", "--serial-fraction", "0.5", "--events", events.string()},
                   60);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("[0, 1, 4, 9]\nElapsed: ", 0), 0U) << r.out;
    EXPECT_GE(elapsed_of(r.out), 0.29) << r.out;  // 0.2 + 2 x 0.05 s
    double serial_end = -1;
    int tasks = 0;
    std::istringstream lines(read_file(events));
    for (std::string line; std::getline(lines, line);) {
        std::string why;
        const auto e = events::parse(line, &why);
        ASSERT_TRUE(e) << why << ": " << line;
        if (e->kind == events::Event::Kind::Serial) {
            EXPECT_TRUE(e->task.ok);
            EXPECT_GE(e->task.end_s - e->task.start_s, 0.195);
            serial_end = e->task.end_s;
        }
        if (e->kind != events::Event::Kind::Task) continue;
        ++tasks;
        ASSERT_GE(serial_end, 0) << "a task ended before the serial part was reported";
        EXPECT_GE(e->task.start_s, serial_end) << "task " << e->task.task;
        EXPECT_GE(e->task.end_s - e->task.start_s, 0.045);  // (1 - F) x 0.1 s
        EXPECT_LE(e->task.end_s - e->task.start_s, 0.095);
    }
    EXPECT_EQ(tasks, 4);
}

INSTANTIATE_TEST_SUITE_P(Strategies, CliMpiSerial, ::testing::Values("mpi_map", "mpi_scatter"));

}  // namespace
}  // namespace plab
