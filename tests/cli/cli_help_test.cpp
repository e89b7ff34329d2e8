// --version, --help and the man page: made from one table of options, so they agree; and the
// messages name what applies (no "workers" where no worker process runs).
#include <gtest/gtest.h>

#include <regex>

#include "../core/shell_output.h"
#include "../core/test_support.h"
#include "cli/options.h"
#include "run_binary.h"

namespace plab {
namespace {

using testing::run_binary;

TEST(CliHelp, VersionIsTheProjectVersion) {
    const auto r = run_binary({"--version"});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.out, std::string("parallel-lab ") + PLAB_PROJECT_VERSION + "\n");
}

TEST(CliHelp, EachCommandDescribesEveryOptionInOneLine) {
    for (const auto command : {cli::Command::Run, cli::Command::Sweep}) {
        const std::string name = command == cli::Command::Run ? "run" : "sweep";
        const auto r = run_binary({name, "--help"});
        ASSERT_EQ(r.code, 0) << r.err;
        for (const std::string& option : cli::option_names(command)) {
            const std::regex line("\\n  --" + option + " [^\\n]+ \\(default: [^\\n]+\\)\\n");
            EXPECT_TRUE(std::regex_search(r.out, line)) << name << " --" << option << ":\n"
                                                        << r.out;
        }
        EXPECT_NE(r.out.find("'-'"), std::string::npos);
        EXPECT_NE(r.out.find("exit status"), std::string::npos);
    }
}

TEST(CliHelp, TheManPageHasEveryOptionAndRenders) {
    const std::string man = testing::read_file(PLAB_MAN_PAGE);
    ASSERT_EQ(
        man.rfind(std::string(".TH PARALLEL\\-LAB 1 \"\" \"parallel\\-lab ") + PLAB_PROJECT_VERSION,
                  0),
        0u)
        << man;
    for (const auto& o : cli::option_table()) {
        std::string flag = "\\-\\-";
        for (const char c : o.name)
            flag += c == '-' ? std::string("\\-") : std::string(1, c);
        EXPECT_NE(man.find(".BI " + flag + " "), std::string::npos) << flag;
    }
    // groff (groff-base, which man-db needs) renders it without a warning.
    const std::string command = std::string("groff -man -Tutf8 -ww -z ") + PLAB_MAN_PAGE + " 2>&1";
    const auto [status, out] = testing::shell_output(command);
    EXPECT_EQ(status, 0) << out;
    EXPECT_EQ(out, "");
}

TEST(CliHelp, NoWorkerCountWhereNoWorkerProcessRuns) {
    const auto serial = run_binary({"run", "--strategy", "serial", "--workers", "16", "--tasks",
                                    "3", "--delay", "0", "--crash-task", "1"});
    EXPECT_EQ(serial.code, 1);
    EXPECT_EQ(serial.err.find("worker"), std::string::npos) << serial.err;
    EXPECT_NE(serial.err.find("parallel-lab: serial: "), std::string::npos) << serial.err;
    const auto threads = run_binary({"run", "--strategy", "thread_map", "--workers", "16",
                                     "--tasks", "3", "--delay", "0", "--crash-task", "1"});
    EXPECT_EQ(threads.code, 1);
    EXPECT_NE(threads.err.find("thread_map with 16 threads: "), std::string::npos) << threads.err;
}

}  // namespace
}  // namespace plab
