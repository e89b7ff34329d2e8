// The py_ strategies against interpreters that misbehave (the s8 attack): a signal during the
// interpreter check, a Python that never starts its script, one that exits but leaves a child
// holding its output, one that exits 0 without its results, a task error in py_thread_map, and
// a line longer than the lab keeps. The fake interpreters are shell scripts that answer the
// check (`-c`) as a Python 3.11 would, then do their trick. Each test ends in a few seconds.
#include <gtest/gtest.h>
#include <signal.h>

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

}  // namespace
}  // namespace plab
