// A run whose event recording fails (an observer that throws, out of memory while recording)
// ends with a clear error in its RunResult and honest counts, for every kind of strategy.
#include <gtest/gtest.h>

#include <atomic>
#include <new>
#include <set>

#include "experiment/runner.h"
#include "test_support.h"

namespace plab {
namespace {

/// Throws std::bad_alloc from the nth task_finished, as a recorder out of memory would.
struct ThrowsOnNth : RunObserver {
    explicit ThrowsOnNth(int nth) : nth_(nth) {}
    void task_finished(RunId /*id*/, const TaskRecord& /*task*/) override {
        if (++seen_ == nth_) throw std::bad_alloc();
    }
    int nth_;
    std::atomic<int> seen_{0};
};

class ObserverFailure : public ::testing::TestWithParam<Strategy> {};

TEST_P(ObserverFailure, EndsTheRunWithTheMessageAndCountsHonestly) {
    constexpr int kTasks = 300;
    constexpr int kNth = 40;
    ExperimentSpec spec;
    spec.strategy = GetParam();
    spec.workers = 4;
    spec.tasks = kTasks;
    spec.delay_ns = 2'000'000;
    ThrowsOnNth observer(kNth);
    const RunResult r = run_experiment(spec, RunId{}, &observer);

    EXPECT_FALSE(r.all_ok());
    EXPECT_FALSE(r.cancelled);  // the caller did not cancel: the run failed
    EXPECT_NE(r.error.find("std::bad_alloc"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("the run was stopped"), std::string::npos) << r.error;
    ASSERT_FALSE(r.errors.empty());
    EXPECT_EQ(r.errors.front(), r.error);  // what the CLI prints first

    // Stopped: far from every task ran (2 ms each, 300 of them, stopped at the 40th).
    EXPECT_LT(r.ok(), static_cast<std::size_t>(kTasks / 2));
    EXPECT_EQ(r.ok() + r.failed(), static_cast<std::size_t>(kTasks));
    // Records: none after the failure (a few may race it on other threads), none twice.
    EXPECT_GE(r.tasks.size(), static_cast<std::size_t>(kNth - 1));
    EXPECT_LT(r.tasks.size(), static_cast<std::size_t>(kNth + spec.workers));
    std::set<int> seen;
    for (const TaskRecord& t : r.tasks) {
        EXPECT_TRUE(t.ok);
        EXPECT_TRUE(seen.insert(t.task).second) << "task " << t.task << " recorded twice";
    }
    // Every recorded task's value is in the results; no task counted ok is missing one.
    ASSERT_EQ(r.results.size(), static_cast<std::size_t>(kTasks));
    for (const TaskRecord& t : r.tasks)
        EXPECT_EQ(r.results[static_cast<std::size_t>(t.task)].as_int(), t.task * t.task);
    // Tasks the stop left unrun are not listed one by one (a million lines otherwise).
    EXPECT_LT(r.errors.size(), static_cast<std::size_t>(kNth));
}

INSTANTIATE_TEST_SUITE_P(Strategies, ObserverFailure,
                         ::testing::Values(Strategy::Serial, Strategy::ThreadMap, Strategy::Map,
                                           Strategy::ApplyAsync, Strategy::PathosMap),
                         [](const auto& p) { return std::string(strategy_name(p.param)); });

TEST(ObserverFailure, AnObserverThatNeverThrowsLeavesTheRunWhole) {
    ExperimentSpec spec;
    spec.strategy = Strategy::ThreadMap;
    spec.tasks = 50;
    spec.delay_ns = 0;
    ThrowsOnNth observer(1000);
    const RunResult r = run_experiment(spec, RunId{}, &observer);
    EXPECT_TRUE(r.all_ok()) << r.error;
    EXPECT_TRUE(r.error.empty());
    EXPECT_EQ(r.ok(), 50u);
    EXPECT_EQ(r.failed(), 0u);
}

}  // namespace
}  // namespace plab
