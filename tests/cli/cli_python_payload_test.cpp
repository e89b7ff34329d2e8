// The py_ strategies moving data (--payload): each task's argument carries the bytes our pool
// sends and its result brings them back through Python's pipes. The list is printed as Python
// prints it, the runs CSV carries payload_bytes, a sweep over payloads runs each size with its own
// serial baseline, and bytes altered on either way fail their task with a line saying so (a real
// script, in a scripts folder of the test's own, alters them).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "../core/python_test_support.h"
#include "../core/test_support.h"
#include "python/python_setup.h"
#include "run_binary.h"

namespace plab {
namespace {

using testing::count_lines;
using testing::csv_rows;
using testing::read_file;
using testing::run_binary;
using testing::TempDir;

std::string python() {
    return testing::test_python();
}

class CliPythonPayload : public ::testing::TestWithParam<std::string> {};

TEST_P(CliPythonPayload, PrintsTheArticlesListAndTheCsvCarriesThePayload) {
    TempDir dir;
    const auto csv = dir.path / "runs.csv";
    const auto r =
        run_binary({"run", "--strategy", GetParam(), "--tasks", "4", "--workers", "2", "--delay",
                    "0.01", "--payload", "1MiB", "--python", python(), "--csv", csv.string()},
                   60);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("[0, 1, 4, 9]\nElapsed: ", 0), 0U) << r.out;
    const auto runs = csv_rows(read_file(csv));
    ASSERT_EQ(runs.size(), 1U);
    EXPECT_EQ(runs[0].at("strategy"), GetParam());
    EXPECT_EQ(runs[0].at("payload_bytes"), "1048576");
    EXPECT_EQ(runs[0].at("ok_tasks"), "4");
}

INSTANTIATE_TEST_SUITE_P(Strategies, CliPythonPayload,
                         ::testing::Values("py_map", "py_apply_async"));

TEST(CliPythonPayloadSweep, EverySizeRunsWithItsOwnSerialBaseline) {
    const auto r =
        run_binary({"sweep", "--strategies", "serial,map,py_map", "--workers", "2", "--tasks", "2",
                    "--delay", "0", "--payloads", "0,4MiB", "--python", python(), "--csv", "-"},
                   90);
    ASSERT_EQ(r.code, 0) << r.err;
    const auto runs = csv_rows(r.out);
    ASSERT_EQ(runs.size(), 6U) << r.out;
    std::map<std::string, std::string> serial_s;  // payload -> its serial run's elapsed
    std::map<std::string, int> py_map_runs;
    for (const auto& row : runs) {
        EXPECT_EQ(row.at("failed_tasks"), "0") << r.out;
        if (row.at("strategy") == "serial") serial_s[row.at("payload_bytes")] = row.at("elapsed_s");
    }
    ASSERT_EQ(serial_s.size(), 2U) << r.out;
    for (const auto& row : runs) {
        if (row.at("strategy") == "serial") continue;
        EXPECT_EQ(row.at("serial_s"), serial_s.at(row.at("payload_bytes"))) << r.out;
        if (row.at("strategy") == "py_map") ++py_map_runs[row.at("payload_bytes")];
    }
    EXPECT_EQ(py_map_runs, (std::map<std::string, int>{{"0", 1}, {"4194304", 1}})) << r.out;
}

/// A scripts folder of the test's own: the lesson's, with the first `from` in py_map_payload.py
/// replaced by `to`, so that real bytes go astray.
std::filesystem::path altered_scripts(const TempDir& dir, const std::string& from,
                                      const std::string& to) {
    std::filesystem::path folder = dir.path / "python";
    std::filesystem::create_directories(folder);
    const std::filesystem::path shipped(python::scripts_folder());
    std::filesystem::copy_file(shipped / "plab.py", folder / "plab.py");
    std::string text = read_file(shipped / "py_map_payload.py");
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    std::ofstream(folder / "py_map_payload.py") << text;
    return folder;
}

TEST(CliPythonPayloadAltered, BytesAlteredOnTheWayBackFailTheirTask) {
    TempDir dir;
    const auto folder = altered_scripts(dir, "return pow(x, plab.exponent), data",
                                        "return pow(x, plab.exponent), data[:-1] + b'?'");
    const auto r =
        run_binary({"run", "--strategy", "py_map", "--tasks", "3", "--workers", "2", "--delay", "0",
                    "--payload", "1KiB", "--python", python(), "--csv", "-"},
                   60, {"PLAB_PYTHON_SCRIPTS=" + folder.string()});
    EXPECT_EQ(r.code, 1) << r.err;
    const auto runs = csv_rows(r.out);
    ASSERT_EQ(runs.size(), 1U) << r.out;
    EXPECT_EQ(runs[0].at("ok_tasks"), "0");
    EXPECT_EQ(runs[0].at("failed_tasks"), "3");
    for (const char* task : {"task 0", "task 1", "task 2"}) {
        EXPECT_NE(r.err.find(std::string(task) +
                             ": the payload came back altered (1024 bytes, its bytes differ"),
                  std::string::npos)
            << r.err;
    }
}

TEST(CliPythonPayloadAltered, BytesAlteredOnTheWayOutFailTheirTask) {
    // The worker returns what it got, as ours does; the parent finds it is not what it sent.
    TempDir dir;
    const auto folder = altered_scripts(dir, "args = [(x, sent[x])", "args = [(x, sent[0])");
    const auto r = run_binary({"run", "--strategy", "py_map", "--tasks", "3", "--workers", "1",
                               "--delay", "0", "--payload", "1KiB", "--python", python()},
                              60, {"PLAB_PYTHON_SCRIPTS=" + folder.string()});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_EQ(r.err.find("task 0: the payload"), std::string::npos) << r.err;  // its own bytes
    for (const char* task : {"task 1", "task 2"}) {
        EXPECT_NE(r.err.find(std::string(task) + ": the payload came back altered"),
                  std::string::npos)
            << r.err;
    }
}

}  // namespace
}  // namespace plab
