// What the command line writes, and what it does when writing fails: '-' outputs alone on
// stdout, write errors on stdout and the event stream, closed standard descriptors, file size
// limits, outputs that cannot be created or that name one file twice. Real binary, real files.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "../core/test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

namespace fs = std::filesystem;
using testing::count_lines;
using testing::read_file;
using testing::run_binary;
using testing::TempDir;
using testing::temporaries;

const std::vector<std::string> kQuick = {"run", "--tasks", "3", "--workers", "2", "--delay", "0"};

std::vector<std::string> quick(std::vector<std::string> more) {
    std::vector<std::string> args = kQuick;
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

TEST(CliOutput, CsvDashIsAloneOnStdout) {
    const auto r = run_binary(quick({"--csv", "-"}));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("run,repeat,strategy,", 0), 0u) << r.out;
    EXPECT_EQ(r.out.find("[0, 1, 4]"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Elapsed"), std::string::npos) << r.out;
    EXPECT_EQ(count_lines(r.out), 2);
}

TEST(CliOutput, TasksCsvDashIsAloneOnStdout) {
    const auto r = run_binary({"sweep", "--strategies", "serial,map", "--workers", "2", "--tasks",
                               "3", "--delay", "0", "--tasks-csv", "-"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("run,repeat,strategy,workers,task,", 0), 0u) << r.out;
    EXPECT_EQ(r.out.find("elapsed_s  "), std::string::npos) << r.out;  // no table
    EXPECT_EQ(count_lines(r.out), 1 + 2 * 3);
}

TEST(CliOutput, TraceDashIsValidJsonAlone) {
    const auto r = run_binary(quick({"--trace", "-"}));
    ASSERT_EQ(r.code, 0) << r.err;
    nlohmann::json doc;
    ASSERT_NO_THROW(doc = nlohmann::json::parse(r.out)) << r.out;
    EXPECT_EQ(doc.at("displayTimeUnit"), "ms");
}

TEST(CliOutput, ResultsToAFullStdoutFail) {
    const auto r = run_binary(kQuick, 30, {}, [] {
        const int fd = ::open("/dev/full", O_WRONLY);
        ::dup2(fd, 1);
    });
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("cannot write standard output: No space left"), std::string::npos)
        << r.err;
}

TEST(CliOutput, ResultsToAClosedStdoutFail) {
    const auto r = run_binary(kQuick, 30, {}, [] { ::close(1); });
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("cannot write standard output: Bad file descriptor"), std::string::npos)
        << r.err;
}

TEST(CliOutput, EventsToAFullDeviceFail) {
    const auto r = run_binary(quick({"--events", "/dev/full"}));
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("cannot write the events to /dev/full: No space left"), std::string::npos)
        << r.err;
}

TEST(CliOutput, EventsToAFullStdoutFail) {
    const auto r = run_binary(quick({"--events", "-"}), 30, {}, [] {
        const int fd = ::open("/dev/full", O_WRONLY);
        ::dup2(fd, 1);
    });
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("cannot write the events to standard output"), std::string::npos) << r.err;
}

TEST(CliOutput, AnEventsFileNeverTakesAClosedStderr) {
    TempDir d;
    const auto events = d.path / "events.txt";
    // A crashing task makes an error line for stderr; stderr is closed before exec.
    const auto r = run_binary(quick({"--crash-task", "1", "--events", events.string()}), 30, {},
                              [] { ::close(2); });
    EXPECT_EQ(r.code, 1);
    const std::string text = read_file(events);
    EXPECT_EQ(text.rfind("plab-events 1\n", 0), 0u) << text;
    EXPECT_EQ(text.find("parallel-lab:"), std::string::npos) << text;
    EXPECT_NE(text.find("\ndone\t1\n"), std::string::npos) << text;
}

TEST(CliOutput, AnEventsFileNeverTakesAClosedStdout) {
    TempDir d;
    const auto events = d.path / "events.txt";
    const auto r = run_binary(quick({"--events", events.string()}), 30, {}, [] { ::close(1); });
    EXPECT_EQ(r.code, 1);  // the results list could not be printed
    const std::string text = read_file(events);
    EXPECT_EQ(text.rfind("plab-events 1\n", 0), 0u) << text;
    EXPECT_EQ(text.find("[0, 1, 4]"), std::string::npos) << text;
    EXPECT_EQ(text.find("Elapsed"), std::string::npos) << text;
}

TEST(CliOutput, AFileSizeLimitFailsInOneLineAndKeepsTheOldFile) {
    TempDir d;
    const auto tasks = d.path / "tasks.csv";
    { std::ofstream(tasks) << "old"; }
    const auto r = run_binary({"run", "--strategy", "serial", "--tasks", "20000", "--delay", "0",
                               "--tasks-csv", tasks.string()},
                              60, {}, [] {
                                  const rlimit lim{rlim_t{64} * 1024, rlim_t{64} * 1024};
                                  ::setrlimit(RLIMIT_FSIZE, &lim);
                              });
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("cannot write " + tasks.string() + ": File too large"), std::string::npos)
        << r.err;
    EXPECT_EQ(read_file(tasks), "old");
    EXPECT_EQ(temporaries(d.path), 0);
}

TEST(CliOutput, TheFolderIsSyncedAfterTheRename) {
    // strace (a Debian package) shows the system calls: the temporary file synced, renamed over
    // the target, then the folder opened and synced, so the rename itself survives a power cut.
    TempDir d;
    const auto out = d.path / "runs.csv";
    const auto log = d.path / "strace.log";
    // LeakSanitizer (in sanitizer builds) cannot work under a tracer: it is switched off there.
    const std::string command =
        "ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=openat,rename,fsync -o " + log.string() +
        " " + PLAB_BINARY + " run --tasks 2 --delay 0 --csv " + out.string() + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << "strace must be installed: " << command;
    const std::string calls = read_file(log);
    const auto rename_at = calls.find("rename(\"" + d.path.string() + "/.parallel-lab-");
    ASSERT_NE(rename_at, std::string::npos) << calls;
    const auto open_at = calls.find("openat(AT_FDCWD, \"" + d.path.string() + "\", ", rename_at);
    ASSERT_NE(open_at, std::string::npos) << calls;
    const auto eq = calls.find(") = ", open_at);
    const std::string fd = calls.substr(eq + 4, calls.find('\n', eq) - eq - 4);
    EXPECT_NE(calls.find("fsync(" + fd + ")", open_at), std::string::npos) << calls;
}

/// An output path that must be refused before the run starts (the run would take 1 s).
struct Refused {
    std::vector<std::string> args;  // "D" is the test's folder
    const char* says;
};

class CliRefusedOutput : public ::testing::TestWithParam<Refused> {};

TEST_P(CliRefusedOutput, BadUsageBeforeAnythingRuns) {
    TempDir d;
    { std::ofstream(d.path / "exists.csv") << "old"; }
    fs::create_hard_link(d.path / "exists.csv", d.path / "hardlink.csv");
    fs::create_symlink(d.path / "new.csv", d.path / "symlink.csv");
    std::vector<std::string> args = {"run", "--delay", "1s", "--tasks", "2", "--workers", "2"};
    for (std::string a : GetParam().args) {
        if (const auto at = a.find('D'); at == 0) a.replace(0, 1, d.path.string());
        args.push_back(a);
    }
    const auto r = run_binary(args, 10);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(GetParam().says), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_LT(r.seconds, 0.9 * testing::kSlowdown);  // the run never started
    EXPECT_EQ(read_file(d.path / "exists.csv"), "old");
    EXPECT_FALSE(fs::exists(d.path / "new.csv"));
    EXPECT_EQ(temporaries(d.path), 0);
}

INSTANTIATE_TEST_SUITE_P(
    Table, CliRefusedOutput,
    ::testing::Values(
        Refused{{"--csv", "D/" + std::string(300, 'a') + ".csv"}, "File name too long"},
        Refused{{"--csv", "D/missing/x.csv"}, "does not exist"},
        Refused{{"--trace", "D/exists.csv/x.json"}, "Not a directory"},
        Refused{{"--csv", "/proc/parallel-lab.csv"}, "cannot write /proc/parallel-lab.csv"},
        Refused{{"--csv", "D/new.csv", "--tasks-csv", "D/new.csv"},
                "--csv and --tasks-csv both name"},
        Refused{{"--csv", "D/new.csv", "--events", "D/new.csv"}, "both name"},
        Refused{{"--csv", "D/new.csv", "--trace", "D/.//new.csv"}, "both name"},
        Refused{{"--csv", "D/exists.csv", "--trace", "D/hardlink.csv"}, "both name"},
        Refused{{"--csv", "D/symlink.csv", "--trace", "D/new.csv"}, "both name"},
        Refused{{"--csv", "-", "--trace", "-"}, "only one of"}),
    [](const auto& param) { return "case" + std::to_string(param.index); });

}  // namespace
}  // namespace plab
