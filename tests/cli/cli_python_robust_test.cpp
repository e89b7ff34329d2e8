// The py_ strategies against interpreters that misbehave (the s8 attack): a signal during the
// interpreter check, a Python that never starts its script, one that exits but leaves a child
// holding its output, one that exits 0 without its results, a task error in py_thread_map, and
// a line longer than the lab keeps. The fake interpreters are shell scripts that answer the
// check (`-c`) as a Python 3.11 would, then do their trick. Each test ends in a few seconds.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../core/process_tree.h"
#include "../core/python_test_support.h"
#include "../core/test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

using testing::Child;
using testing::count_lines;
using testing::run_binary;
using testing::TempDir;

/// An executable shell script `name` in dir with body after the #! line.
std::string script(const TempDir& dir, const std::string& name, const std::string& body) {
    const auto path = dir.path / name;
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    std::filesystem::permissions(path, std::filesystem::perms::owner_all);
    return path.string();
}

/// A fake python that passes the check, then runs body instead of the script.
std::string fake_python(const TempDir& dir, const std::string& body) {
    return script(dir, "python3", "if [ \"$1\" = \"-c\" ]; then echo 3.11; exit 0; fi\n" + body);
}

class CliPythonCheckSignal : public ::testing::TestWithParam<int> {};

TEST_P(CliPythonCheckSignal, ASignalDuringTheInterpreterCheckCancelsItAndEndsTheProbe) {
    TempDir dir;
    const std::string hang = script(dir, "python3", "exec sleep 1000");
    Child c({"run", "--strategy", "py_map", "--tasks", "2", "--python", hang});
    std::vector<int> below;
    ASSERT_TRUE(c.wait_for(
        [&] {
            below = testing::descendants(c.pid());
            return !below.empty();
        },
        10));
    ::kill(c.pid(), GetParam());
    const auto r = c.wait(10);
    EXPECT_EQ(r.code, 1) << r.err;  // not 130 or 143: the program's own cancel
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("was cancelled"), std::string::npos) << r.err;
    EXPECT_LT(r.seconds, 5.0);
    EXPECT_TRUE(testing::all_gone(below, std::chrono::milliseconds(500)));
}

INSTANTIATE_TEST_SUITE_P(Signals, CliPythonCheckSignal, ::testing::Values(SIGINT, SIGTERM),
                         [](const ::testing::TestParamInfo<int>& p) {
                             return p.param == SIGINT ? std::string("Sigint")
                                                      : std::string("Sigterm");
                         });

/// Runs args, collecting every process below the engine while it runs; the result and them.
testing::Ran run_watching(const std::vector<std::string>& args, const std::vector<std::string>& env,
                          double timeout_s, std::vector<int>& below) {
    Child c(args, env);
    c.wait_for(
        [&] {
            for (const int pid : testing::descendants(c.pid())) {
                if (std::find(below.begin(), below.end(), pid) == below.end()) below.push_back(pid);
            }
            return !testing::process_running(c.pid());
        },
        timeout_s);
    return c.wait(1);
}

TEST(CliPythonRobust, APythonThatNeverWritesIsEndedAtTheStartDeadline) {
    TempDir dir;
    const std::string hang = fake_python(dir, "exec sleep 1000");
    std::vector<int> below;
    const auto r = run_watching(
        {"run", "--strategy", "py_map", "--tasks", "2", "--python", hang, "--task-timeout", "1s"},
        {"PLAB_PYTHON_START_MS=1500"}, 15, below);
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("python did not start the script within 1500 ms"), std::string::npos)
        << r.err;
    EXPECT_LT(r.seconds, 8.0);
    EXPECT_FALSE(below.empty());
    EXPECT_TRUE(testing::all_gone(below, std::chrono::milliseconds(500)));
}

TEST(CliPythonRobust, APythonThatExitsLeavingAChildOnItsOutputDoesNotHangTheRun) {
    TempDir dir;
    const std::string daemon = fake_python(dir, "sleep 1000 &\nexit 0");
    std::vector<int> below;
    const auto r = run_watching({"run", "--strategy", "py_map", "--tasks", "2", "--python", daemon},
                                {}, 15, below);
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("python exited with status 0 without printing its results"),
              std::string::npos)
        << r.err;
    EXPECT_LT(r.seconds, 8.0);
    EXPECT_TRUE(testing::all_gone(below, std::chrono::milliseconds(500)));
}

TEST(CliPythonRobust, AWholeRunWhoseInterpreterLeavesAChildStillSucceeds) {
    TempDir dir;
    const std::string wrapper =
        fake_python(dir, "sleep 1000 &\nexec " + testing::test_python() + " \"$@\"");
    std::vector<int> below;
    const auto r = run_watching({"run", "--strategy", "py_map", "--tasks", "4", "--workers", "2",
                                 "--delay", "10ms", "--python", wrapper},
                                {}, 30, below);
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("[0, 1, 4, 9]"), std::string::npos) << r.out;
    EXPECT_TRUE(testing::all_gone(below, std::chrono::milliseconds(500)));
}

TEST(CliPythonRobust, AnEmptyScriptFailsWithOneLineSayingSo) {
    TempDir dir;
    std::ofstream(dir.path / "py_map.py").flush();
    const auto r = run_binary({"run", "--strategy", "py_map", "--tasks", "4", "--workers", "2",
                               "--python", testing::test_python()},
                              30, {"PLAB_PYTHON_SCRIPTS=" + dir.path.string()});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("python exited with status 0 without printing its results (it wrote "
                         "no line)"),
              std::string::npos)
        << r.err;
}

TEST(CliPythonRobust, ThreadMapsErrorLineSaysTheOtherTasksRan) {
    const auto r =
        run_binary({"run", "--strategy", "py_thread_map", "--workers", "2", "--tasks", "4",
                    "--delay", "20ms", "--crash-task", "1", "--python", testing::test_python()},
                   30);
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.out.find("[0, None, 4, 9]"), std::string::npos) << r.out;
    EXPECT_EQ(r.err.find("never ran"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("the other tasks' results are lost to Python (they ran"),
              std::string::npos)
        << r.err;
}

TEST(CliPythonRobust, ALineLongerThan64MiBFailsTheRun) {
    TempDir dir;
    const std::string longline =
        fake_python(dir, "head -c 70000000 /dev/zero | tr '\\0' a\nexit 0");
    const auto r =
        run_binary({"run", "--strategy", "py_map", "--tasks", "2", "--python", longline}, 30);
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("wrote a line longer than 64 MiB"), std::string::npos)
        << r.err.substr(0, 300);
    EXPECT_LT(r.err.size(), 2000U);
}

TEST(CliPythonRobust, TheResultsListOfManyTasksMayBeLongerThan64MiB) {
    TempDir dir;
    // 200,000 fourth powers print up to 27 bytes each: the list line gets 5.4 MB more room.
    const std::string list =
        fake_python(dir,
                    "printf '@plab\\tbegin\\t1\\n['\nhead -c 70000000 /dev/zero | tr '\\0' a\n"
                    "printf ']\\n'\nexit 0");
    const auto r = run_binary(
        {"run", "--strategy", "py_map", "--tasks", "200000", "--exponent", "4", "--python", list},
        30);
    EXPECT_EQ(r.code, 1) << r.err.substr(0, 300);
    EXPECT_EQ(r.err.find("longer than"), std::string::npos) << r.err.substr(0, 300);
    EXPECT_NE(r.err.find("Python printed [aaa"), std::string::npos) << r.err.substr(0, 300);
}

}  // namespace
}  // namespace plab
