// The py_ strategies with a serial part (--serial-fraction F, Amdahl): the Python parent works
// F x W alone before its pool, as our runner does, and reports it, so the event stream, the
// tasks CSV and the runs CSV show it as they show ours: a serial part in Python's own process
// before any task, each task left (1 - F) x its delay.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "../core/process_tree.h"
#include "../core/python_test_support.h"
#include "../core/test_support.h"
#include "experiment/event_stream.h"
#include "run_binary.h"

namespace plab {
namespace {

using testing::count_lines;
using testing::read_file;
using testing::run_binary;
using testing::TempDir;

std::string python() {
    return testing::test_python();
}

class CliPythonSerialPart : public ::testing::TestWithParam<std::string> {};

TEST_P(CliPythonSerialPart, PythonsParentWorksAloneFirstAndTheEventsShowIt) {
    // W = 4 x 0.2 s; F = 0.5: the parent alone 0.4 s, then each task 0.1 s.
    const auto r =
        run_binary({"run", "--strategy", GetParam(), "--tasks", "4", "--workers", "2", "--delay",
                    "0.2", "--serial-fraction", "0.5", "--python", python(), "--events", "-"},
                   60);
    ASSERT_EQ(r.code, 0) << r.err;
    int serial_pid = 0;
    double serial_end = -1;
    int serial_starts = 0;
    int tasks = 0;
    std::size_t at = 0;
    while (at < r.out.size()) {
        const std::size_t nl = r.out.find('\n', at);
        const std::string line = r.out.substr(at, nl - at);
        at = nl == std::string::npos ? r.out.size() : nl + 1;
        std::string why;
        const auto e = events::parse(line, &why);
        ASSERT_TRUE(e.has_value()) << why << ": " << line;
        if (e->kind == events::Event::Kind::SerialStart) ++serial_starts;
        if (e->kind == events::Event::Kind::Serial) {
            EXPECT_TRUE(e->task.ok);
            EXPECT_GE(e->task.end_s - e->task.start_s, 0.4 * 0.95) << line;
            EXPECT_LT(e->task.end_s - e->task.start_s, 0.4 + 1.0) << line;  // coarse: loaded
            serial_pid = e->task.pid;
            serial_end = e->task.end_s;
        }
        if (e->kind != events::Event::Kind::Task) continue;
        ++tasks;
        EXPECT_GE(serial_end, 0) << "a task before the serial part ended: " << line;
        EXPECT_GE(e->task.start_s, serial_end) << line;
        EXPECT_GE(e->task.end_s - e->task.start_s, 0.1 * 0.95) << line;
        EXPECT_LT(e->task.end_s - e->task.start_s, 0.2) << line;  // (1 - F) x delay, not delay
        if (GetParam() == "py_map") {
            EXPECT_NE(e->task.pid, serial_pid) << "a pool worker's";
        }
    }
    EXPECT_EQ(serial_starts, 1) << r.out;
    EXPECT_NE(serial_pid, 0) << r.out;
    EXPECT_NE(serial_pid, static_cast<int>(::getpid()));
    EXPECT_EQ(tasks, 4) << r.out;
}

INSTANTIATE_TEST_SUITE_P(Strategies, CliPythonSerialPart, ::testing::Values("py_map", "py_serial"));

TEST(CliPythonSerialPartCsv, TheTasksCsvHasTheSerialPartAndTheRunsCsvItsFraction) {
    const auto tasks =
        run_binary({"run", "--strategy", "py_map", "--tasks", "3", "--workers", "3", "--delay",
                    "0.02", "--serial-fraction", "0.5", "--python", python(), "--tasks-csv", "-"},
                   60);
    ASSERT_EQ(tasks.code, 0) << tasks.err;
    EXPECT_EQ(count_lines(tasks.out), 1 + 1 + 3) << tasks.out;  // header, serial part, tasks
    EXPECT_NE(tasks.out.find(",1,,,serial,0.030000,"), std::string::npos) << tasks.out;
    const auto runs =
        run_binary({"run", "--strategy", "py_map", "--tasks", "3", "--workers", "3", "--delay",
                    "0.02", "--serial-fraction", "0.5", "--python", python(), "--csv", "-"},
                   60);
    ASSERT_EQ(runs.code, 0) << runs.err;
    EXPECT_NE(runs.out.find(",3,0,0,,0.500000,strong,"), std::string::npos) << runs.out;
}

TEST(CliPythonSerialPartCancel, ACancelInTheSerialPartEndsPythonWithinASecond) {
    TempDir dir;
    const auto events_path = dir.path / "events.tsv";
    // F = 0.9 of 2 x 20 s: the parent is alone for 36 s, so the cancel comes inside it.
    testing::Child c({"run", "--strategy", "py_map", "--tasks", "2", "--workers", "2", "--delay",
                      "20", "--serial-fraction", "0.9", "--python", python(), "--events",
                      events_path.string()});
    ASSERT_TRUE(c.wait_for(
        [&] { return read_file(events_path).find("\nserial-start\t") != std::string::npos; }, 20))
        << c.err();
    const std::vector<int> below = testing::descendants(c.pid());
    ASSERT_GE(below.size(), 1U);  // the interpreter
    const auto t0 = std::chrono::steady_clock::now();
    ::kill(c.pid(), SIGINT);
    const auto r = c.wait(10);
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_LT(took, 1.0) << r.err;
    EXPECT_TRUE(testing::all_gone(below, std::chrono::milliseconds(200)));
    const std::string events = read_file(events_path);
    EXPECT_EQ(events.find("\ntask\t"), std::string::npos) << events;       // no task ran
    EXPECT_NE(events.find("\nserial\t1\t"), std::string::npos) << events;  // the part, cut short
}

}  // namespace
}  // namespace plab
