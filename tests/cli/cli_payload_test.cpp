// --payload and --payloads from the command line: bad sizes exit 2 with one line; good ones run,
// print pow(x, y) (never the bytes) and put payload_bytes at the end of the runs CSV.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../core/test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

namespace fs = std::filesystem;
using testing::count_lines;
using testing::read_file;
using testing::run_binary;
using testing::TempDir;

struct BadPayload {
    std::vector<std::string> args;
    std::string says;
};

class CliBadPayload : public ::testing::TestWithParam<BadPayload> {};

TEST_P(CliBadPayload, OneLineExitTwoNothingWritten) {
    TempDir d;
    std::vector<std::string> args = GetParam().args;
    args.insert(args.end(), {"--csv", (d.path / "out.csv").string()});
    const auto r = run_binary(args, 10);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(GetParam().says), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_FALSE(fs::exists(d.path / "out.csv"));
}

INSTANTIATE_TEST_SUITE_P(
    Table, CliBadPayload,
    ::testing::Values(
        BadPayload{{"run", "--payload", "-1"}, "payload must be a size 0..64 MiB"},
        BadPayload{{"run", "--payload", "65MiB"}, "payload must be at most 64 MiB"},
        BadPayload{{"run", "--payload", "67108865"}, "at most 64 MiB (67108864 bytes)"},
        BadPayload{{"run", "--payload", "garbage"}, "got 'garbage'"},
        BadPayload{{"run", "--payload", "1.5.MiB"}, "got '1.5.MiB'"},
        BadPayload{{"run", "--payload", ""}, "got ''"},
        BadPayload{{"run", "--payload", "1mib"}, "KiB = 1024"},
        BadPayload{{"run", "--payload", "0.5B"}, "whole number of bytes"},
        BadPayload{{"run", "--payload", "99999999999999999999999"}, "payload must be a size"},
        BadPayload{{"run", "--tasks", "100", "--payload", "64MiB"},
                   "tasks x payload must be at most 1 GiB"},
        BadPayload{{"sweep", "--payload", "x"}, "got 'x'"},
        BadPayload{{"sweep", "--payloads", "0,1MiB,0"}, "payloads must differ"},
        BadPayload{{"sweep", "--payloads", "0,,1MiB"}, "got ''"},
        BadPayload{{"sweep", "--payloads", "0,70MiB"}, "at most 64 MiB"},
        BadPayload{{"sweep", "--tasks", "20", "--payloads", "0,64MiB"},
                   "tasks x payload must be at most 1 GiB"},
        BadPayload{{"run", "--payloads", "0,1MiB"}, "unknown option --payloads"}),
    [](const auto& param) { return "case" + std::to_string(param.index); });

TEST(CliPayload, RunPrintsPowAndTheCsvEndsWithThePayload) {
    TempDir d;
    const auto csv = d.path / "runs.csv";
    const auto r = run_binary({"run", "--payload", "1.5MiB", "--tasks", "4", "--workers", "2",
                               "--delay", "0", "--csv", csv.string()},
                              60);
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string text = read_file(csv);
    const std::string header = text.substr(0, text.find("\r\n"));
    // After start_method (issue 13's columns come after it).
    EXPECT_NE(header.find(",start_method,payload_bytes"), std::string::npos) << header;
    EXPECT_NE(text.find(",fork,1572864,"), std::string::npos) << text;
    EXPECT_EQ(text.find("b'"), std::string::npos);  // never the bytes themselves
}

TEST(CliPayload, WithoutItEverythingIsAsBefore) {
    const auto r = run_binary({"run", "--delay", "0", "--csv", "-"});
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string row = r.out.substr(r.out.find("\r\n") + 2);
    EXPECT_NE(row.find(",fork,0,"), std::string::npos) << row;  // payload_bytes 0
    const auto printed = run_binary({"run", "--delay", "0", "--payload", "4KiB"});
    ASSERT_EQ(printed.code, 0) << printed.err;
    EXPECT_EQ(printed.out.substr(0, printed.out.find('\n')),
              "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]");
}

TEST(CliPayload, SweepRunsEverySizeAsItsOwnSeries) {
    const auto r = run_binary({"sweep", "--strategies", "serial,map", "--workers", "2", "--tasks",
                               "3", "--delay", "0", "--payloads", "0,1KiB,1MiB", "--csv", "-"},
                              60);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(count_lines(r.out), 1 + 6) << r.out;
    for (const char* tail : {",fork,0,", ",fork,1024,", ",fork,1048576,"}) {
        std::size_t n = 0;
        for (std::size_t at = r.out.find(tail); at != std::string::npos;
             at = r.out.find(tail, at + 1))
            ++n;
        EXPECT_EQ(n, 2u) << tail << "\n" << r.out;
    }
}

}  // namespace
}  // namespace plab
