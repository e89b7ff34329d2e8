// The py_ strategies from the command line: the article's scripts run by a real python3 beside
// our pool. Each prints the list as Python prints it in about ceil(tasks/workers) x delay, its
// events parse with every task ending once, Python's own refusal of the closure, pathos'
// engine (multiprocess) running it, a dead worker's hang ended with a clear message, a cancel
// that leaves nothing running, and a missing or too old interpreter refused before anything
// runs. Python is /usr/bin/python3 where it exists (Debian's, which has python3-multiprocess
// after scripts/install-deps.sh), else python3 on PATH.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "../core/process_tree.h"
#include "../core/python_test_support.h"
#include "../core/test_support.h"
#include "experiment/event_stream.h"
#include "run_binary.h"

namespace plab {
namespace {

using testing::Child;
using testing::count_lines;
using testing::read_file;
using testing::run_binary;
using testing::TempDir;

std::string python() {
    return testing::test_python();
}

/// The events of a stream's text, each line parsed (a line that does not parse fails the test).
std::vector<events::Event> parsed_events(const std::string& text) {
    std::vector<events::Event> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t nl = text.find('\n', at);
        const std::string line = text.substr(at, nl - at);
        at = nl == std::string::npos ? text.size() : nl + 1;
        std::string why;
        const auto e = events::parse(line, &why);
        EXPECT_TRUE(e.has_value()) << why << ": " << line;
        if (e) out.push_back(*e);
    }
    return out;
}

class CliPython : public ::testing::TestWithParam<std::string> {};

TEST_P(CliPython, RunsTheArticlesExperimentInPythonAndReportsEveryTaskOnce) {
    const std::string& strategy = GetParam();
    TempDir dir;
    const auto events_path = dir.path / "events.tsv";
    const auto csv_path = dir.path / "runs.csv";
    const auto r = run_binary(
        {"run", "--strategy", strategy, "--tasks", "6", "--workers", "3", "--delay", "0.05",
         "--python", python(), "--events", events_path.string(), "--csv", csv_path.string()},
        60);
    ASSERT_EQ(r.code, 0) << r.err;
    // The list as Python prints it, then the elapsed time as the article prints it.
    ASSERT_EQ(r.out.rfind("[0, 1, 4, 9, 16, 25]\nElapsed: ", 0), 0U) << r.out;
    const double elapsed = std::stod(r.out.substr(r.out.find("Elapsed: ") + 9));
    const double rounds = strategy == "py_serial" ? 6 : 2;  // ceil(6 tasks / 3 workers)
    EXPECT_GE(elapsed, rounds * 0.05 * 0.95) << r.out;
    EXPECT_LT(elapsed, rounds * 0.05 + 5.0) << r.out;  // Python's pool start: coarse

    std::map<int, int> ends;
    std::map<int, int> starts;
    bool run_named = false;
    for (const events::Event& e : parsed_events(read_file(events_path))) {
        if (e.kind == events::Event::Kind::Run)
            run_named = std::string(strategy_name(e.spec.strategy)) == strategy;
        if (e.kind == events::Event::Kind::Start) ++starts[e.task.task];
        if (e.kind != events::Event::Kind::Task) continue;
        ++ends[e.task.task];
        EXPECT_TRUE(e.task.ok) << e.text;
        EXPECT_EQ(e.text, std::to_string(e.task.task * e.task.task));
        EXPECT_LE(e.task.start_s, e.task.end_s);
        EXPECT_GE(e.task.end_s - e.task.start_s, 0.05 * 0.9);
        EXPECT_GT(e.task.pid, 0);
    }
    EXPECT_TRUE(run_named);
    ASSERT_EQ(ends.size(), 6U);
    for (const auto& [task, n] : ends) {
        EXPECT_EQ(n, 1) << "task " << task;
        EXPECT_EQ(starts[task], 1) << "task " << task;
    }
    EXPECT_NE(read_file(csv_path).find("," + strategy + ","), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Strategies, CliPython,
                         ::testing::Values("py_serial", "py_map", "py_starmap", "py_apply_async",
                                           "py_imap_unordered", "py_pathos_map", "py_thread_map"));

TEST(CliPythonLessons, PythonRefusesTheClosureInItsOwnWords) {
    const auto r = run_binary({"run", "--strategy", "py_map_closure", "--tasks", "4", "--delay",
                               "0.05", "--python", python()},
                              60);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("refused to run: AttributeError: Can't pickle local object "
                         "'power_factory.<locals>.f'"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.out, "");
}

TEST(CliPythonLessons, PathosWithoutMultiprocessIsRefusedNamingThePackage) {
    TempDir dir;  // a module found first that says what a machine without the package says
    std::ofstream(dir.path / "multiprocess.py")
        << "raise ModuleNotFoundError(\"No module named 'multiprocess'\", name='multiprocess')\n";
    const auto r = run_binary({"run", "--strategy", "py_pathos_map", "--tasks", "4", "--delay",
                               "0.05", "--python", python()},
                              60, {"PYTHONPATH=" + dir.path.string()});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("py_pathos_map needs the python3-multiprocess package"), std::string::npos)
        << r.err;
}

/// The pids of the tasks' processes in an events file.
std::vector<int> task_pids(const std::string& events_text) {
    std::vector<int> pids;
    for (const events::Event& e : parsed_events(events_text)) {
        if (e.kind == events::Event::Kind::Start || e.kind == events::Event::Kind::Task)
            pids.push_back(e.task.pid);
    }
    return pids;
}

TEST(CliPythonLessons, ADeadWorkerEndsTheRunThatPythonWouldWaitForForever) {
    TempDir dir;
    const auto events_path = dir.path / "events.tsv";
    const auto r = run_binary(
        {"run", "--strategy", "py_map", "--tasks", "4", "--workers", "2", "--delay", "0.05",
         "--crash-task", "2", "--python", python(), "--events", events_path.string()},
        30);
    EXPECT_EQ(r.code, 1);
    EXPECT_LT(r.seconds, 10);
    EXPECT_NE(r.err.find("task 2: its worker process"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Python's Pool would wait forever for its result"), std::string::npos)
        << r.err;
    const std::vector<int> pids = task_pids(read_file(events_path));
    ASSERT_FALSE(pids.empty());
    EXPECT_TRUE(testing::all_gone(pids, std::chrono::milliseconds(500)));
}

TEST(CliPythonLessons, CancelStopsPythonAndItsWorkersWithinASecond) {
    TempDir dir;
    const auto events_path = dir.path / "events.tsv";
    Child c({"run", "--strategy", "py_map", "--tasks", "4", "--workers", "2", "--delay", "30",
             "--python", python(), "--events", events_path.string()});
    std::vector<int> below;
    ASSERT_TRUE(c.wait_for(
        [&] {
            below = testing::descendants(c.pid());
            return task_pids(read_file(events_path)).size() >= 2;
        },
        20))
        << c.err();
    below = testing::descendants(c.pid());
    ASSERT_GE(below.size(), 3U);  // the interpreter and its two workers
    const auto t0 = std::chrono::steady_clock::now();
    ::kill(c.pid(), SIGINT);
    const auto r = c.wait(10);
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_LT(took, 1.0) << r.err;
    EXPECT_TRUE(testing::all_gone(below, std::chrono::milliseconds(200)));
    EXPECT_NE(r.err.find("was cancelled"), std::string::npos) << r.err;
}

struct BadPython {
    std::string script;  ///< the fake interpreter's body, or "" for a path that does not exist
    std::string says;
};

class CliPythonBad : public ::testing::TestWithParam<BadPython> {};

TEST_P(CliPythonBad, ExitsTwoWithOneLineBeforeAnythingRuns) {
    TempDir dir;
    const auto fake = dir.path / "python3";
    if (!GetParam().script.empty()) {
        std::ofstream(fake) << "#!/bin/sh\n" << GetParam().script << "\n";
        std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
    }
    const auto csv = dir.path / "runs.csv";
    for (const char* strategy : {"py_map", "map"}) {
        const auto r = run_binary({"run", "--strategy", strategy, "--delay", "0", "--python",
                                   fake.string(), "--csv", csv.string()},
                                  20);
        EXPECT_EQ(r.code, 2) << r.err;
        EXPECT_EQ(count_lines(r.err), 1) << r.err;
        EXPECT_NE(r.err.find(GetParam().says), std::string::npos) << r.err;
        EXPECT_EQ(r.out, "");
        EXPECT_FALSE(std::filesystem::exists(csv));
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, CliPythonBad,
    ::testing::Values(BadPython{"", "cannot run the Python interpreter"},
                      BadPython{"echo 3.6", "is Python 3.6; the py_ strategies need Python 3.8"},
                      BadPython{"echo 2.7", "is Python 2.7"},
                      BadPython{"echo hello", "does not run as Python"},
                      BadPython{"exit 3", "does not run as Python"}),
    [](const ::testing::TestParamInfo<BadPython>& p) { return std::to_string(p.index); });

}  // namespace
}  // namespace plab
