#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "../core/test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

namespace fs = std::filesystem;
using testing::count_lines;
using testing::run_binary;

using testing::read_file;
using testing::TempDir;

TEST(Cli, RunPrintsTheListAndElapsedLikeTheArticle) {
    const auto r = run_binary({"run", "--delay", "100ms"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]");
    const auto at = r.out.find("Elapsed: ");
    ASSERT_NE(at, std::string::npos);
    const double elapsed = std::stod(r.out.substr(at + 9));
    EXPECT_GE(elapsed, 0.19);
    EXPECT_LT(elapsed, 0.6 * testing::kSlowdown);  // serial would be 1 s
    EXPECT_EQ(r.err, "");
}

TEST(Cli, SerialTakesTheSumOfTheDelays) {
    const auto r = run_binary({"run", "--strategy", "serial", "--delay", "50ms"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_GE(std::stod(r.out.substr(r.out.find("Elapsed: ") + 9)), 0.49);
}

TEST(Cli, MapClosureIsRefusedAndPathosRunsIt) {
    const auto refused = run_binary({"run", "--strategy", "map_closure", "--delay", "10ms"});
    EXPECT_EQ(refused.code, 1);
    EXPECT_EQ(count_lines(refused.err), 1);
    EXPECT_NE(refused.err.find("Can't pickle local object 'power_factory.<locals>.f'"),
              std::string::npos);
    const auto pathos = run_binary({"run", "--strategy", "pathos_map", "--delay", "10ms"});
    EXPECT_EQ(pathos.code, 0) << pathos.err;
    EXPECT_EQ(pathos.out.substr(0, pathos.out.find('\n')), "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]");
}

TEST(Cli, ACrashedWorkerFailsOneTaskAndLeavesNothingBehind) {
    const auto r = run_binary(
        {"run", "--tasks", "20", "--workers", "4", "--delay", "50ms", "--crash-task", "3"});
    EXPECT_EQ(r.code, 1);
    EXPECT_LT(r.seconds, 1.0 * testing::kSlowdown);
    EXPECT_EQ(count_lines(r.err), 1);
    EXPECT_NE(r.err.find("task 3: worker"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("SIGKILL"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
              "[0, 1, 4, None, 16, 25, 36, 49, 64, 81, 100, 121, 144, 169, 196, 225, 256, 289, "
              "324, 361]");
    EXPECT_TRUE(testing::children().empty());
}

TEST(Cli, SweepWritesBothCsvFiles) {
    TempDir d;
    const auto runs = d.path / "runs.csv";
    const auto tasks = d.path / "tasks.csv";
    const auto r =
        run_binary({"sweep", "--strategies", "serial,map,thread_map", "--workers", "1,2", "--tasks",
                    "4", "--delay", "20ms", "--csv", runs.string(), "--tasks-csv", tasks.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("strategy"), std::string::npos);
    const std::string runs_csv = read_file(runs);
    EXPECT_EQ(
        runs_csv.substr(0, runs_csv.find("\r\n")),
        "run,repeat,strategy,workers,tasks,delay_s,workload,exponent,chunksize,elapsed_s,"
        "serial_s,ideal_s,speedup,efficiency,karp_flatt,ok_tasks,failed_tasks,cancelled,refusal,"
        "serial_fraction,scaling,speedup_bound,estimated_serial_fraction,durations,seed,"
        "start_method,payload_bytes,launch_s,hosts,clock_uncertainty_s");
    EXPECT_EQ(std::count(runs_csv.begin(), runs_csv.end(), '\n'), 1 + 5);
    EXPECT_NE(runs_csv.find("\r\n2,1,map,1,4,0.020000,sleep,2,1,"), std::string::npos) << runs_csv;
    const std::string tasks_csv = read_file(tasks);
    EXPECT_EQ(std::count(tasks_csv.begin(), tasks_csv.end(), '\n'), 1 + 5 * 4);
}

TEST(Cli, SweepWritesATraceForPerfetto) {
    TempDir d;
    const auto trace = d.path / "trace.json";
    const auto r = run_binary({"sweep", "--strategies", "serial,map", "--workers", "2", "--tasks",
                               "4", "--delay", "10ms", "--trace", trace.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string json = read_file(trace);
    EXPECT_EQ(json.rfind(R"({"displayTimeUnit":"ms","traceEvents":[)", 0), 0u) << json;
    EXPECT_EQ(json.substr(json.size() - 4), "\n]}\n");
    EXPECT_NE(json.find(R"("args":{"name":"Run 1 · Serial"})"), std::string::npos) << json;
    EXPECT_NE(json.find(R"("args":{"name":"Run 2 · Pool.map · 2 workers · chunksize 1"})"),
              std::string::npos)
        << json;
    std::size_t tasks = 0;
    for (std::size_t at = 0; (at = json.find(R"({"ph":"X")", at)) != std::string::npos; ++at)
        ++tasks;
    EXPECT_EQ(tasks, 8u);  // 4 tasks in each of the 2 runs
}

/// How many lines of text (after the first) begin with prefix.
int lines_starting(const std::string& text, const std::string& prefix) {
    int n = 0;
    for (std::size_t at = 0; (at = text.find('\n', at)) != std::string::npos;)
        n += text.compare(++at, prefix.size(), prefix) == 0 ? 1 : 0;
    return n;
}

TEST(Cli, EventsStreamToStdout) {
    // Tasks longer than the writer's flush interval: each has its start line, seen live.
    const auto r =
        run_binary({"run", "--tasks", "3", "--workers", "2", "--delay", "200ms", "--events", "-"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "plab-events 1");
    const int starts = lines_starting(r.out, "start\t");
    const int tasks = lines_starting(r.out, "task\t");
    EXPECT_EQ(starts, 3);
    EXPECT_EQ(tasks, 3);
    EXPECT_NE(r.out.find("\nend\t1\t"), std::string::npos);
    EXPECT_NE(r.out.find("\ndone\t0\n"), std::string::npos);
}

TEST(Cli, TinyTasksHaveOneLineEachNotTwo) {
    // A task that starts and ends within one flush of the event writer gets its `task` line
    // only (it carries the start time): half the lines for the window to read and parse.
    const auto r = run_binary(
        {"run", "--strategy", "serial", "--tasks", "2000", "--delay", "0", "--events", "-"});
    ASSERT_EQ(r.code, 0) << r.err;
    const int starts = lines_starting(r.out, "start\t");
    const int tasks = lines_starting(r.out, "task\t");
    EXPECT_EQ(tasks, 2000);
    EXPECT_LT(starts, 200) << "a start line for (nearly) every tiny task";
}

struct BadInput {
    std::vector<std::string> args;
    const char* says;
};

class CliBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(CliBadInput, OneClearLineExitTwoNothingWritten) {
    TempDir d;
    std::vector<std::string> args = GetParam().args;
    for (std::string& a : args) {
        if (a == "OUT") a = (d.path / "out.csv").string();
    }
    const auto r = run_binary(args, 10);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(GetParam().says), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_FALSE(fs::exists(d.path / "out.csv"));
}

INSTANTIATE_TEST_SUITE_P(
    Table, CliBadInput,
    ::testing::Values(
        BadInput{{"run", "--workers", "0", "--csv", "OUT"}, "workers must be 1..64, got '0'"},
        BadInput{{"run", "--workers", "65"}, "workers must be 1..64"},
        BadInput{{"run", "--workers", "many"}, "workers must be a whole number 1..64"},
        BadInput{{"run", "--delay", "-1s", "--csv", "OUT"}, "bad delay '-1s'"},
        BadInput{{"run", "--delay", "soon"}, "250ms"},
        BadInput{{"run", "--tasks", "0"}, "tasks must be 1..10000000"},
        BadInput{{"run", "--strategy", "fast", "--csv", "OUT"},
                 "unknown strategy 'fast': strategies are serial, map"},
        BadInput{{"sweep", "--strategies", "map,nope"}, "unknown strategy 'nope'"},
        BadInput{{"sweep", "--workers", "8..1"}, "runs backwards"},
        BadInput{{"run", "--workload", "gpu"}, "sleep or cpu"},
        BadInput{{"run", "--chunksize", "0"}, "chunksize must be auto or a whole number 1..10"},
        BadInput{{"run", "--crash-task", "10"}, "crash task must be 0..9"},
        BadInput{{"run", "--csv", "/nonexistent-dir/x.csv"}, "does not exist"},
        BadInput{{"run", "--csv", "/tmp"}, "it is a folder"},
        BadInput{{"run", "--bogus", "1"}, "unknown option --bogus"},
        BadInput{{"run", "--tasks"}, "--tasks needs a value"},
        BadInput{{"run", "--tasks", "3", "--tasks", "4"}, "given twice"},
        BadInput{{"walk"}, "unknown command 'walk'"},
        BadInput{{"run", "--tasks="}, "tasks must be a whole number"},
        BadInput{{"run", "--tasks", "-5"}, "tasks must be 1..10000000"},
        BadInput{{"run", "--tasks", "99999999999999999999"}, "tasks must be 1..10000000"},
        BadInput{{"run", "--delay", ""}, "bad delay ''"},
        BadInput{{"run", "--delay", "3601s"}, "too long"},
        BadInput{{"run", "--delay", "1e999"}, "bad delay"},
        BadInput{{"run", "--exponent", "63"}, "exponent must be 0..62"},
        BadInput{{"run", "--exponent", "two"}, "exponent must be a whole number"},
        BadInput{{"run", "--task-timeout", "-1", "--csv", "OUT"}, "task timeout: bad delay"},
        BadInput{{"run", "--crash-task", "-1"}, "crash task must be 0..9"},
        BadInput{{"run", "--strategy", ""}, "unknown strategy ''"},
        BadInput{{"sweep", "--strategies", ""}, "unknown strategy ''"},
        BadInput{{"sweep", "--workers", ""}, "empty worker list"},
        BadInput{{"sweep", "--workers", "1..65"}, "workers must be 1..64"},
        BadInput{{"sweep", "--repeat", "0", "--csv", "OUT"}, "repeat must be 1..1000"},
        BadInput{{"sweep", "--strategies", "map,map"}, "listed twice"},
        BadInput{{"run", "--workers", "1,2"}, "workers must be a whole number"},
        BadInput{{"run", "--repeat", "2"}, "unknown option --repeat"},
        BadInput{{"run", "--csv", "OUT", "--tasks-csv", "/nonexistent-dir/t.csv"},
                 "does not exist"},
        BadInput{{"run", "--events", "/nonexistent-dir/e.txt", "--csv", "OUT"}, "does not exist"},
        BadInput{{"run", "--events", "-", "--csv", "-"},
                 "only one of --events, --csv, --tasks-csv"},
        BadInput{{"run", "--trace", "-", "--tasks-csv", "-"}, "can write to standard output"},
        BadInput{{"sweep", "--trace", "/nonexistent-dir/t.json"}, "does not exist"},
        BadInput{{"run", "extra"}, "unexpected argument 'extra'"}),
    [](const auto& param) { return "case" + std::to_string(param.index); });

TEST(Cli, AnOutputThatFailsAfterTheRunIsReported) {
    const auto r = run_binary({"run", "--tasks", "2", "--delay", "0", "--csv", "/dev/full"});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("cannot write /dev/full"), std::string::npos) << r.err;
}

TEST(Cli, TheWindowWithoutADisplaySaysWhatToRunInstead) {
    const auto r = run_binary({}, 10, {"DISPLAY=", "WAYLAND_DISPLAY=", "QT_QPA_PLATFORM="});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("parallel-lab run"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("parallel-lab sweep"), std::string::npos) << r.err;
}

TEST(Cli, HelpListsBothCommands) {
    const auto r = run_binary({"--help"});
    EXPECT_EQ(r.code, 0);
    EXPECT_NE(r.out.find("parallel-lab run"), std::string::npos);
    EXPECT_NE(r.out.find("parallel-lab sweep"), std::string::npos);
}

}  // namespace
}  // namespace plab
