// --start on the command line: each method runs the article's experiment from the engine, a
// sweep compares them side by side, pathos_map is refused under spawn and forkserver, bad
// values exit 2 with one line, and killing the engine leaves no server or worker running.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../core/process_tree.h"
#include "../core/test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

using testing::count_lines;
using testing::read_file;
using testing::run_binary;
using testing::TempDir;

struct BadStart {
    std::vector<std::string> args;
    std::string says;
};

class CliStartBad : public ::testing::TestWithParam<BadStart> {};

TEST_P(CliStartBad, ExitsTwoWithOneLine) {
    const auto r = run_binary(GetParam().args, 10);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(GetParam().says), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
}

INSTANTIATE_TEST_SUITE_P(
    Table, CliStartBad,
    ::testing::Values(
        BadStart{{"run", "--start", "vfork"},
                 "unknown start method 'vfork': start methods are fork, spawn, forkserver"},
        BadStart{{"run", "--start", "Fork"}, "unknown start method 'Fork'"},
        BadStart{{"run", "--start", ""}, "unknown start method ''"},
        BadStart{{"run", "--start"}, "--start needs a value"},
        BadStart{{"run", "--start", "fork,spawn"}, "run takes one start method"},
        BadStart{{"sweep", "--start", "spawn,spawn"}, "start method 'spawn' is listed twice"},
        BadStart{{"sweep", "--start", "fork,"}, "unknown start method ''"},
        BadStart{{"sweep", "--start", std::string(100000, 'x')}, "unknown start method"},
        BadStart{{"run", "--start", "spawn", "--start", "fork"}, "given twice"}),
    [](const auto& param) { return "case" + std::to_string(param.index); });

class CliStart : public ::testing::TestWithParam<std::string> {};

INSTANTIATE_TEST_SUITE_P(Each, CliStart, ::testing::Values("fork", "spawn", "forkserver"));

TEST_P(CliStart, RunsTheArticlesExperimentAndSaysHowInTheCsv) {
    TempDir d;
    const auto csv = d.path / "runs.csv";
    const auto r =
        run_binary({"run", "--delay", "100ms", "--start", GetParam(), "--csv", csv.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]");
    const std::string text = read_file(csv);
    EXPECT_NE(text.find(",start_method,"), std::string::npos) << text;
    EXPECT_NE(text.find("," + GetParam() + ",", text.find('\n')), std::string::npos) << text;
    EXPECT_TRUE(testing::children().empty());
}

TEST_P(CliStart, ACrashedWorkerIsReplaced) {
    const auto r = run_binary(
        {"run", "--delay", "20ms", "--start", GetParam(), "--crash-task", "2", "--workers", "2"});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("task 2: worker"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("[0, 1, None, 9, 16"), std::string::npos) << r.out;
}

TEST_P(CliStart, PathosIsRefusedWithoutFork) {
    const auto r =
        run_binary({"run", "--strategy", "pathos_map", "--delay", "0", "--start", GetParam()});
    if (GetParam() == "fork") {
        EXPECT_EQ(r.code, 0) << r.err;
        return;
    }
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("refused"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("under start method " + GetParam()), std::string::npos) << r.err;
}

// Killing the engine with SIGKILL (no clean-up runs in it) leaves nothing: the workers, the
// fork server and the server's workers all die with it.
TEST_P(CliStart, KillingTheEngineLeavesNothingRunning) {
    testing::Child engine(
        {"run", "--delay", "30s", "--tasks", "3", "--workers", "3", "--start", GetParam()});
    const std::size_t expected = GetParam() == "forkserver" ? 4 : 3;
    std::vector<int> below;
    ASSERT_TRUE(engine.wait_for(
        [&] {
            below = testing::descendants(engine.pid());
            return below.size() == expected;
        },
        10))
        << below.size();
    ::kill(engine.pid(), SIGKILL);
    engine.wait(5);
    EXPECT_TRUE(testing::all_gone(below, std::chrono::milliseconds(3000)));
}

TEST(CliStartSweep, ComparesTheMethodsSideBySide) {
    TempDir d;
    const auto csv = d.path / "runs.csv";
    const auto r = run_binary({"sweep", "--strategies", "serial,map,thread_map", "--workers", "2",
                               "--tasks", "4", "--delay", "10ms", "--start",
                               "fork,spawn,forkserver", "--csv", csv.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string text = read_file(csv);
    // serial once, map under each method, thread_map once (threads start no process).
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1 + 1 + 3 + 1) << text;
    for (const char* m : {"fork", "spawn", "forkserver"})
        EXPECT_NE(text.find(std::string(",") + m + ",0,"), std::string::npos) << m << text;
    EXPECT_NE(r.out.find("map (spawn)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("map (forkserver)"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("thread_map (spawn)"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace plab
