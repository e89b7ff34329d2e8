// --payload: sizes as written and shown, the deterministic bytes, and payloads of every size
// going to real worker processes and coming back intact in every strategy.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "experiment/payload.h"
#include "experiment/runner.h"
#include "experiment/sweep.h"
#include "pool/process_pool.h"
#include "pool/wire.h"
#include "test_support.h"

namespace plab {
namespace {

constexpr std::int64_t kKiB = 1024;
constexpr std::int64_t kMiB = 1024 * 1024;

TEST(PayloadSize, ParsesSiAndIecUnitsAsWritten) {
    const std::vector<std::pair<std::string, std::int64_t>> good = {{"0", 0},
                                                                    {"1", 1},
                                                                    {"1B", 1},
                                                                    {"1000", 1000},
                                                                    {"1KB", 1000},
                                                                    {"1KiB", kKiB},
                                                                    {"1MB", 1'000'000},
                                                                    {"1MiB", kMiB},
                                                                    {"1.5MiB", kMiB * 3 / 2},
                                                                    {"0.5KiB", 512},
                                                                    {"64MiB", 64 * kMiB},
                                                                    {"67108864", 64 * kMiB},
                                                                    {"16MiB", 16 * kMiB},
                                                                    {"0MiB", 0},
                                                                    {"000012", 12},
                                                                    {"2.25KB", 2250}};
    for (const auto& [text, bytes] : good) {
        std::string error;
        const auto got = parse_size(text, &error);
        ASSERT_TRUE(got.has_value()) << text << ": " << error;
        EXPECT_EQ(*got, bytes) << text;
    }
}

TEST(PayloadSize, RefusesWithOneLineSayingWhatIsAllowed) {
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"-1", "payload must be a size 0..64 MiB"},
        {"", "got ''"},
        {"garbage", "written like 0, 1000, 1KB"},
        {"1.5.MiB", "got '1.5.MiB'"},
        {"1kb", "got '1kb'"},  // units as written: KB or KiB
        {"1 MiB", "got '1 MiB'"},
        {"1.", "got '1.'"},
        {".5KiB", "got '.5KiB'"},
        {"1MiBB", "got '1MiBB'"},
        {"0.5B", "whole number of bytes"},
        {"0.1KiB", "whole number of bytes"},
        {"64.0001MiB", "at most 64 MiB"},
        {"65MiB", "at most 64 MiB (67108864 bytes), got '65MiB'"},
        {"67108865", "at most 64 MiB"},
        {"99999999999999999999", "payload must be a size"},
        {"999999999999999999MiB", "at most 64 MiB"},
        {std::string(1000, '9'), "..."},
    };
    for (const auto& [text, says] : bad) {
        std::string error;
        EXPECT_FALSE(parse_size(text, &error).has_value()) << text;
        EXPECT_NE(error.find(says), std::string::npos) << text << ": " << error;
        EXPECT_EQ(error.find('\n'), std::string::npos) << error;
        EXPECT_LT(error.size(), 200u) << error;
    }
    std::string error;
    EXPECT_FALSE(parse_size_list("0,1MiB,0", &error).has_value());
    EXPECT_NE(error.find("payloads must differ, got 0 B twice"), std::string::npos) << error;
    EXPECT_FALSE(parse_size_list("0,,1MiB", &error).has_value());
    EXPECT_FALSE(parse_size_list("0,1MiB,x", &error).has_value());
    EXPECT_NE(error.find("got 'x'"), std::string::npos) << error;
    const auto list = parse_size_list("0,1MiB,4MiB,16MiB", &error);
    ASSERT_TRUE(list.has_value()) << error;
    EXPECT_EQ(*list, (std::vector<std::int64_t>{0, kMiB, 4 * kMiB, 16 * kMiB}));
}

TEST(PayloadSize, FormatsForPeople) {
    EXPECT_EQ(format_size(0), "0 B");
    EXPECT_EQ(format_size(1), "1 B");
    EXPECT_EQ(format_size(999), "999 B");
    EXPECT_EQ(format_size(1000), "1 KB");
    EXPECT_EQ(format_size(kKiB), "1 KiB");
    EXPECT_EQ(format_size(16 * kMiB), "16 MiB");
    EXPECT_EQ(format_size(1'000'000), "1 MB");
    EXPECT_EQ(format_size(1536), "1.5 KiB");
    EXPECT_EQ(format_size(kMiB * 3 / 2), "1536 KiB");
    EXPECT_EQ(format_size(kMiB + 1), "1.0 MiB");
}

TEST(PayloadSize, LimitsPerTaskAndPerRun) {
    EXPECT_EQ(validate_payload(0, kMaxTasks), "");
    EXPECT_EQ(validate_payload(64 * kMiB, 16), "");
    EXPECT_NE(validate_payload(64 * kMiB + 1, 1).find("payload must be 0..64 MiB"),
              std::string::npos);
    EXPECT_NE(validate_payload(-1, 1).find("payload must be 0..64 MiB"), std::string::npos);
    EXPECT_NE(validate_payload(64 * kMiB, 17).find("tasks x payload must be at most 1 GiB"),
              std::string::npos);
    EXPECT_NE(validate_payload(kMiB, kMaxTasks).find("10000000 x 1 MiB"), std::string::npos);
    ExperimentSpec spec;
    spec.payload_bytes = 65 * kMiB;
    EXPECT_NE(validate(spec).find("payload"), std::string::npos);
}

TEST(PayloadBytes, AreDeterministicDifferentPerTaskAndChecked) {
    for (const std::int64_t n :
         {std::int64_t{0}, std::int64_t{1}, std::int64_t{7}, std::int64_t{9}, kKiB + 3}) {
        const std::string a = make_payload(3, n);
        EXPECT_EQ(static_cast<std::int64_t>(a.size()), n);
        EXPECT_EQ(a, make_payload(3, n));
        EXPECT_TRUE(payload_matches(3, a));
        if (n == 0) continue;
        EXPECT_NE(a, make_payload(4, n));
        EXPECT_FALSE(payload_matches(4, a));
        for (const std::size_t at : {std::size_t{0}, a.size() - 1, a.size() / 2}) {
            std::string b = a;
            b[at] = static_cast<char>(b[at] ^ 1);
            EXPECT_FALSE(payload_matches(3, b)) << n << " at " << at;
        }
    }
    EXPECT_THROW((void)make_payload(0, -1), std::length_error);
}

TEST(PayloadBytes, AResultThatCameBackWrongIsThatTasksError) {
    const std::int64_t n = 100;
    EXPECT_EQ(check_payload_result(Value::tuple(4, Value::bytes(make_payload(2, n))), 2, n), "");
    EXPECT_NE(check_payload_result(Value(4), 2, n).find("expected (int, bytes), got int"),
              std::string::npos);
    EXPECT_NE(check_payload_result(Value::tuple(4, Value::bytes(make_payload(2, n - 1))), 2, n)
                  .find("99 bytes, not 100"),
              std::string::npos);
    EXPECT_NE(check_payload_result(Value::tuple(4, Value::bytes(make_payload(1, n))), 2, n)
                  .find("altered"),
              std::string::npos);

    SettledValues s;
    s.values = {Value::tuple(0, Value::bytes(make_payload(0, n))),
                Value::tuple(1, Value::bytes(make_payload(0, n))), Value()};
    s.errors.emplace(2, "boom");
    std::vector<TaskRecord> tasks(2);
    tasks[0].task = 1;
    tasks[0].ok = true;
    tasks[0].result = 1;
    tasks[1].task = 0;
    tasks[1].ok = true;
    settle_payloads(s, tasks, n);
    EXPECT_EQ(s.values[0], Value(0));  // pow kept, bytes dropped
    EXPECT_TRUE(s.values[1].is_none());
    ASSERT_EQ(s.errors.count(1), 1u);
    EXPECT_NE(s.errors.at(1).find("altered"), std::string::npos);
    EXPECT_EQ(s.errors.at(2), "boom");
    EXPECT_FALSE(tasks[0].ok);
    EXPECT_NE(tasks[0].error.find("altered"), std::string::npos);
    EXPECT_TRUE(tasks[1].ok);
}

// Through real worker processes, each size's bytes go out and come back whole.
class RoundTrip : public ::testing::TestWithParam<std::int64_t> {};

TEST_P(RoundTrip, ThroughWorkerProcessesIntact) {
    const std::int64_t n = GetParam();
    ProcessPool pool(2);
    const std::vector<Value> xs = {payload_argument(0, n), payload_argument(1, n)};
    const Task task = Task("slow_pow_payload").bind(3, 0, 0, -1);
    const std::vector<Value> mapped = pool.map(task, xs);
    ASSERT_EQ(mapped.size(), 2u);
    for (std::int64_t i = 0; i < 2; ++i) {
        EXPECT_EQ(check_payload_result(mapped[i], i, n), "") << n;
        EXPECT_EQ(mapped[i].items()[0], Value(i * i * i));
    }
    AsyncResult r = pool.apply_async(Task("slow_pow_payload"), {xs[1], 2, 0, 0, -1});
    const Value back = r.get();
    EXPECT_EQ(check_payload_result(back, 1, n), "") << n;

    // The same through the runner, map and apply_async, as --payload runs them.
    for (const Strategy s : {Strategy::Map, Strategy::ApplyAsync}) {
        ExperimentSpec spec;
        spec.strategy = s;
        spec.workers = 2;
        spec.tasks = 2;
        spec.delay_ns = 0;
        spec.payload_bytes = n;
        const RunResult run = run_experiment(spec);
        EXPECT_TRUE(run.all_ok()) << strategy_name(s) << " " << n << ": "
                                  << (run.errors.empty() ? "" : run.errors.front());
        EXPECT_EQ(run.results, (std::vector<Value>{0, 1}));  // pow only, never megabytes
    }
}

INSTANTIATE_TEST_SUITE_P(Sizes, RoundTrip,
                         ::testing::Values(std::int64_t{0}, std::int64_t{1}, kKiB, kMiB, 16 * kMiB,
                                           64 * kMiB),
                         [](const auto& p) { return "bytes" + std::to_string(p.param); });

// Every strategy sends the payload task (a result without its bytes would fail the check) and
// the results list stays pow(x, y); map_closure stays refused.
class EveryStrategyCarries : public ::testing::TestWithParam<Strategy> {};

TEST_P(EveryStrategyCarries, ThePayloadBothWays) {
    ExperimentSpec spec;
    spec.strategy = GetParam();
    spec.workers = 3;
    spec.tasks = 7;
    spec.delay_ns = 0;
    spec.chunksize = 2;
    spec.payload_bytes = 100 * kKiB + 3;
    const RunResult run = run_experiment(spec);
    if (GetParam() == Strategy::MapClosure) {
        EXPECT_NE(run.refusal.find("cannot send"), std::string::npos) << run.refusal;
        return;
    }
    EXPECT_TRUE(run.all_ok()) << (run.errors.empty() ? "" : run.errors.front());
    EXPECT_EQ(run.results, (std::vector<Value>{0, 1, 4, 9, 16, 25, 36}));
    ASSERT_EQ(run.tasks.size(), 7u);
    for (const TaskRecord& t : run.tasks)
        EXPECT_EQ(t.result, Value(std::int64_t{t.task} * t.task));  // what people see: pow
}

INSTANTIATE_TEST_SUITE_P(All, EveryStrategyCarries, ::testing::ValuesIn(all_strategies()),
                         [](const auto& p) { return std::string(strategy_name(p.param)); });

TEST(Payload, AboveTheLimitIsRefusedClearlyAndKillsNoWorker) {
    ExperimentSpec spec;
    spec.payload_bytes = 64 * kMiB + 1;
    try {
        (void)run_experiment(spec);
        FAIL() << "no exception";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("payload must be 0..64 MiB"), std::string::npos);
    }
    // Bytes past what a frame holds, sent directly: that task fails saying so, the pool lives.
    ProcessPool pool(1);
    const auto before = pool.pids();
    const std::vector<Value> xs = {
        Value::tuple(0, Value::bytes(std::string(wire::kMaxFrameBytes, 'x'))),
        payload_argument(1, 10)};
    const auto outcomes = pool.map_settled(Task("slow_pow_payload").bind(2, 0, 0, -1), xs, 2);
    ASSERT_EQ(outcomes.size(), 2u);
    EXPECT_FALSE(outcomes[0].ok);
    EXPECT_NE(outcomes[0].error.find("frame limit"), std::string::npos) << outcomes[0].error;
    EXPECT_TRUE(outcomes[1].ok) << outcomes[1].error;
    EXPECT_EQ(pool.pids(), before);
}

TEST(Payload, ASweepRunsEachPayloadAgainstItsOwnSerialBaseline) {
    SweepSpec sweep;
    sweep.base.tasks = 2;
    sweep.base.delay_ns = 0;
    sweep.strategies = {Strategy::Serial, Strategy::Map};
    sweep.workers = {2};
    sweep.payloads = {0, kKiB};
    const std::vector<ExperimentSpec> runs = plan_runs(sweep);
    ASSERT_EQ(runs.size(), 4u);
    EXPECT_EQ(runs[0].strategy, Strategy::Serial);
    EXPECT_EQ(runs[0].payload_bytes, 0);
    EXPECT_EQ(runs[1].payload_bytes, 0);
    EXPECT_EQ(runs[2].strategy, Strategy::Serial);
    EXPECT_EQ(runs[2].payload_bytes, kKiB);
    EXPECT_EQ(runs[3].payload_bytes, kKiB);
    sweep.payloads = {0, 65 * kMiB};
    EXPECT_NE(validate(sweep).find("payload must be 0..64 MiB"), std::string::npos);
}

}  // namespace
}  // namespace plab
