#include <gtest/gtest.h>

#include <thread>

#include "experiment/runner.h"
#include "test_support.h"

namespace plab {
namespace {

using namespace std::chrono_literals;

ExperimentSpec article(Strategy s, std::int64_t delay_ns = 100'000'000) {
    ExperimentSpec spec;
    spec.strategy = s;
    spec.delay_ns = delay_ns;
    return spec;
}

class EveryStrategy : public ::testing::TestWithParam<Strategy> {};

TEST_P(EveryStrategy, ReproducesTheArticle) {
    const Strategy s = GetParam();
    const RunResult r = run_experiment(article(s));
    if (s == Strategy::MapClosure) {
        EXPECT_NE(r.refusal.find("Can't pickle local object"), std::string::npos);
        EXPECT_FALSE(r.all_ok());
        EXPECT_TRUE(r.tasks.empty());
        return;
    }
    EXPECT_TRUE(r.all_ok()) << (r.errors.empty() ? "" : r.errors.front());
    EXPECT_EQ(repr_list(r.results), "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]");
    ASSERT_EQ(r.tasks.size(), 10u);
    EXPECT_GE(r.elapsed_s, s == Strategy::Serial ? 0.99 : 0.19);
    if (s != Strategy::Serial) {
        EXPECT_LT(r.elapsed_s, 0.6 * testing::kSlowdown);  // coarse: serial is 1 s
    }
    std::vector<int> seen(10, 0);
    for (const TaskRecord& t : r.tasks) {
        ++seen[static_cast<std::size_t>(t.task)];
        EXPECT_GE(t.start_s, 0);
        EXPECT_GE(t.end_s - t.start_s, 0.099);
        EXPECT_LT(t.worker, 5);
        EXPECT_EQ(t.pid == ::getpid(), !uses_processes(s));
    }
    EXPECT_EQ(seen, std::vector<int>(10, 1));
}

INSTANTIATE_TEST_SUITE_P(All, EveryStrategy, ::testing::ValuesIn(all_strategies()),
                         [](const auto& param) { return std::string(strategy_name(param.param)); });

TEST(Runner, CrashTaskKillsItsWorkerAndTheRestComplete) {
    ExperimentSpec spec = article(Strategy::Map, 50'000'000);
    spec.tasks = 20;
    spec.workers = 4;
    spec.crash_task = 3;
    const RunResult r = run_experiment(spec);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_NE(r.errors[0].find("task 3: worker"), std::string::npos) << r.errors[0];
    EXPECT_NE(r.errors[0].find("SIGKILL"), std::string::npos) << r.errors[0];
    int values = 0;
    for (const Value& v : r.results)
        values += v.is_none() ? 0 : 1;
    EXPECT_EQ(values, 19);
    EXPECT_LT(r.elapsed_s, 1.0 * testing::kSlowdown);
    EXPECT_TRUE(testing::children().empty());
}

TEST(Runner, CrashTaskInProcessIsAnErrorNotACrash) {
    ExperimentSpec spec = article(Strategy::ThreadMap, 0);
    spec.crash_task = 2;
    const RunResult r = run_experiment(spec);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_NE(r.errors[0].find("crashed on purpose"), std::string::npos);
}

class Cancelled : public ::testing::TestWithParam<Strategy> {};

TEST_P(Cancelled, StopsWithinAFractionOfASecond) {
    CancelToken token;
    std::thread canceller([&] {
        std::this_thread::sleep_for(200ms);
        token.cancel();
    });
    RunResult r;
    const double elapsed = testing::seconds_of(
        [&] { r = run_experiment(article(GetParam(), 1'000'000'000), {}, nullptr, &token); });
    canceller.join();
    EXPECT_TRUE(r.cancelled);
    EXPECT_LT(elapsed, 0.2 + 0.6 * testing::kSlowdown);  // the run alone takes 2 s (10 s serial)
    EXPECT_TRUE(testing::children().empty());
}

INSTANTIATE_TEST_SUITE_P(Some, Cancelled,
                         ::testing::Values(Strategy::Serial, Strategy::Map, Strategy::ApplyAsync,
                                           Strategy::ImapUnordered, Strategy::PathosMap,
                                           Strategy::ThreadMap),
                         [](const auto& param) { return std::string(strategy_name(param.param)); });

TEST(Runner, ObserverSeesTheRunAndItsTasks) {
    struct Counting : RunObserver {
        std::atomic<int> runs{0}, starts{0}, finishes{0}, ends{0};
        void run_started(const ExperimentSpec&, RunId, int chunksize) override {
            EXPECT_EQ(chunksize, 1);
            ++runs;
        }
        void task_started(RunId, const TaskRecord&) override { ++starts; }
        void task_finished(RunId, const TaskRecord&) override { ++finishes; }
        void run_finished(const RunResult&) override { ++ends; }
    } seen;
    // Tasks of 200 ms: the pool looks for running tasks every 10 ms, so each is seen starting.
    run_experiment(article(Strategy::ApplyAsync, 200'000'000), {}, &seen);
    EXPECT_EQ(seen.runs.load(), 1);
    EXPECT_EQ(seen.starts.load(), 10);
    EXPECT_EQ(seen.finishes.load(), 10);
    EXPECT_EQ(seen.ends.load(), 1);
}

TEST(Runner, InvalidSpecsAreRefusedWithTheRange) {
    ExperimentSpec spec;
    spec.workers = 0;
    EXPECT_EQ(validate(spec), "workers must be 1..64, got 0");
    EXPECT_THROW(run_experiment(spec), std::invalid_argument);
    spec = ExperimentSpec{};
    spec.delay_ns = -1;
    EXPECT_NE(validate(spec).find("delay must be 0..3600 s"), std::string::npos);
    spec = ExperimentSpec{};
    spec.exponent = 63;
    EXPECT_NE(validate(spec), "");
    spec = ExperimentSpec{};
    spec.exponent = 40;
    spec.delay_ns = 0;
    spec.strategy = Strategy::Serial;
    const RunResult r = run_experiment(spec);  // 9**40 overflows: that task fails, clearly
    EXPECT_FALSE(r.errors.empty());
    EXPECT_NE(r.errors.back().find("does not fit in a 64-bit integer"), std::string::npos);
}

}  // namespace
}  // namespace plab
