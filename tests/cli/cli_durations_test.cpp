// --durations and --seed on the command line: what they accept, what they refuse, and the
// columns they add to the CSVs.
#include <gtest/gtest.h>

#include <algorithm>

#include <filesystem>
#include <map>
#include <sstream>

#include "../core/test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

namespace fs = std::filesystem;
using testing::count_lines;
using testing::read_file;
using testing::run_binary;
using testing::TempDir;

/// The CSV's records (no quoted commas in what these tests write), header first.
std::vector<std::vector<std::string>> records(const std::string& csv) {
    std::vector<std::vector<std::string>> out;
    std::istringstream in(csv);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::vector<std::string> fields;
        std::istringstream parts(line);
        for (std::string f; std::getline(parts, f, ',');)
            fields.push_back(f);
        if (!line.empty() && line.back() == ',') fields.emplace_back();
        out.push_back(fields);
    }
    return out;
}

/// task index -> planned_duration_s, for every record of a tasks CSV; fails the test when two
/// records of the same task disagree.
std::map<int, std::string> planned_by_task(const std::string& csv) {
    const auto rows = records(csv);
    std::map<int, std::string> out;
    if (rows.empty()) return out;
    // By name: other lessons add columns after it (issue 13: host, rank).
    const auto column = static_cast<std::size_t>(
        std::find(rows[0].begin(), rows[0].end(), "planned_duration_s") - rows[0].begin());
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const int task = std::stoi(rows[i][4]);
        const std::string planned = column < rows[i].size() ? rows[i][column] : "";
        const auto [at, fresh] = out.emplace(task, planned);
        EXPECT_TRUE(fresh || at->second == planned)
            << "task " << task << ": " << at->second << " and " << planned;
    }
    return out;
}

TEST(CliDurations, RunWritesThePlannedDurationAndTheShapeInTheCsvs) {
    TempDir d;
    const auto runs = d.path / "runs.csv";
    const auto tasks = d.path / "tasks.csv";
    const auto r =
        run_binary({"run", "--durations", "rising", "--tasks", "4", "--delay", "50ms", "--workers",
                    "2", "--csv", runs.string(), "--tasks-csv", tasks.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto run_rows = records(read_file(runs));
    ASSERT_EQ(run_rows.size(), 2u);
    // By name: other lessons add columns after these.
    const auto column = [&](const std::string& name) {
        const auto at = std::find(run_rows[0].begin(), run_rows[0].end(), name);
        return static_cast<std::size_t>(at - run_rows[0].begin());
    };
    ASSERT_LT(column("seed"), run_rows[1].size());
    EXPECT_EQ(column("seed"), column("durations") + 1);
    EXPECT_EQ(run_rows[1][column("durations")], "rising");
    EXPECT_EQ(run_rows[1][column("seed")], "1");
    const auto task_rows = records(read_file(tasks));
    EXPECT_NE(std::find(task_rows[0].begin(), task_rows[0].end(), "planned_duration_s"),
              task_rows[0].end());
    // 50 ms x 2(i+1)/5
    const std::map<int, std::string> want{
        {0, "0.020000"}, {1, "0.040000"}, {2, "0.060000"}, {3, "0.080000"}};
    EXPECT_EQ(planned_by_task(read_file(tasks)), want);
}

TEST(CliDurations, EveryStrategyAndWorkerCountPlansTheSameDurationsUnderASeed) {
    TempDir d;
    auto sweep = [&](const std::string& seed, const std::string& name) {
        const auto tasks = d.path / name;
        const std::string all =
            "serial,map,starmap,apply_async,imap_unordered,pathos_map,thread_map";
        const auto r = run_binary({"sweep", "--strategies", all, "--workers", "1,3", "--tasks", "6",
                                   "--delay", "10ms", "--durations", "uniform:1", "--seed", seed,
                                   "--tasks-csv", tasks.string()});
        EXPECT_EQ(r.code, 0) << r.err;
        return read_file(tasks);
    };
    const std::string first = sweep("42", "a.csv");
    EXPECT_EQ(count_lines(first), 1 + 13 * 6);  // serial once per worker count: 13 runs
    const auto a = planned_by_task(first);
    ASSERT_EQ(a.size(), 6u);
    EXPECT_EQ(planned_by_task(sweep("42", "b.csv")), a);
    EXPECT_NE(planned_by_task(sweep("43", "c.csv")), a);
    for (const auto& [task, planned] : a) {
        EXPECT_GE(std::stod(planned), 0.0) << task;
        EXPECT_LE(std::stod(planned), 0.020) << task;
    }
}

TEST(CliDurations, HelpListsBothOptions) {
    for (const char* command : {"run", "sweep"}) {
        const auto r = run_binary({command, "--help"});
        ASSERT_EQ(r.code, 0);
        EXPECT_NE(r.out.find("--durations SHAPE"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("straggler:F"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("--seed N"), std::string::npos) << r.out;
    }
}

struct BadInput {
    std::vector<std::string> args;
    const char* says;
};

class CliDurationsBad : public ::testing::TestWithParam<BadInput> {};

TEST_P(CliDurationsBad, OneClearLineExitTwoNothingWritten) {
    TempDir d;
    for (const char* command : {"run", "sweep"}) {
        std::vector<std::string> args{command, "--tasks-csv", (d.path / "t.csv").string()};
        args.insert(args.end(), GetParam().args.begin(), GetParam().args.end());
        const auto r = run_binary(args, 10);
        EXPECT_EQ(r.code, 2) << command << ": " << r.err;
        EXPECT_EQ(count_lines(r.err), 1) << r.err;
        EXPECT_NE(r.err.find(GetParam().says), std::string::npos) << r.err;
        EXPECT_EQ(r.out, "");
        EXPECT_FALSE(fs::exists(d.path / "t.csv"));
    }
}

const char* const kShapes = "fixed, uniform:S (0 <= S <= 1), exp, straggler:F (0 < F <= 1000)";

INSTANTIATE_TEST_SUITE_P(
    Table, CliDurationsBad,
    ::testing::Values(
        BadInput{{"--durations", "wobbly"}, kShapes}, BadInput{{"--durations", ""}, kShapes},
        BadInput{{"--durations", "uniform"}, kShapes},
        BadInput{{"--durations", "uniform:2"}, kShapes},
        BadInput{{"--durations", "uniform:-0.5"}, kShapes},
        BadInput{{"--durations", "uniform:nan"}, kShapes},
        BadInput{{"--durations", "straggler:0"}, kShapes},
        BadInput{{"--durations", "straggler:1e9"}, kShapes},
        BadInput{{"--durations", "straggler:2x"}, kShapes},
        BadInput{{"--durations", "rising:3"}, kShapes},
        BadInput{{"--durations", "RISING"}, kShapes},
        BadInput{{"--durations", "straggler:1000", "--delay", "4s"}, "at most 3600 s"},
        BadInput{{"--durations", "rising", "--delay", "3000s"}, "at most 3600 s"},
        BadInput{{"--durations", "uniform:1", "--delay", "1900s"}, "at most 3600 s"},
        BadInput{{"--seed", "-1"}, "seed must be a whole number 0..9223372036854775807"},
        BadInput{{"--seed", "9223372036854775808"}, "seed must be a whole number 0.."},
        BadInput{{"--seed", "1.5"}, "seed must be a whole number 0.."},
        BadInput{{"--seed", ""}, "seed must be a whole number 0.."},
        BadInput{{"--seed", "0x10"}, "seed must be a whole number 0.."},
        BadInput{{"--seed"}, "--seed needs a value"}));

}  // namespace
}  // namespace plab
