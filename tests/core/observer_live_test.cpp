// RunObserver::live: a watcher that is not live yet is told nothing while the run is timed, and
// is told every task exactly once, in completion order, once it is live or when the run ends.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "experiment/runner.h"
#include "pool/clock.h"
#include "test_support.h"

namespace plab {
namespace {

/// Live when `live` says so; keeps what it was told and when (ns since run_started).
struct Watcher : RunObserver {
    std::atomic<bool> live_now{false};
    std::mutex m;
    std::vector<int> told;  ///< task numbers, in the order told
    std::int64_t started_ns = 0;
    std::int64_t first_told_ns = -1;
    std::size_t told_at_finish = 0;

    bool live() const override { return live_now.load(); }
    void run_started(const ExperimentSpec& /*spec*/, RunId /*id*/, int /*chunk*/) override {
        started_ns = monotonic_ns();
    }
    void task_finished(RunId /*id*/, const TaskRecord& t) override {
        std::lock_guard lock(m);
        if (first_told_ns < 0) first_told_ns = monotonic_ns() - started_ns;
        told.push_back(t.task);
    }
    void run_finished(const RunResult& /*r*/) override {
        std::lock_guard lock(m);
        told_at_finish = told.size();
    }
};

/// The tasks of r in its completion order.
std::vector<int> completion_order(const RunResult& r) {
    std::vector<int> order;
    for (const TaskRecord& t : r.tasks)
        order.push_back(t.task);
    return order;
}

double last_end_s(const RunResult& r) {
    double last = 0;
    for (const TaskRecord& t : r.tasks)
        last = std::max(last, t.end_s);
    return last;
}

ExperimentSpec small_spec(Strategy s) {
    ExperimentSpec spec;
    spec.strategy = s;
    spec.workers = 2;
    spec.tasks = 60;
    spec.delay_ns = 3'000'000;  // 3 ms: a run of about 90 ms on two workers
    return spec;
}

class ObserverLive : public ::testing::TestWithParam<Strategy> {};

TEST_P(ObserverLive, NeverLiveIsToldEverythingAfterTheRunInCompletionOrder) {
    Watcher w;
    const RunResult r = run_experiment(small_spec(GetParam()), RunId{}, &w);
    ASSERT_TRUE(r.all_ok()) << r.error;
    EXPECT_EQ(w.told, completion_order(r));
    EXPECT_EQ(w.told_at_finish, r.tasks.size());  // all told before run_finished
    // The first was told only after the last task had ended: nothing during the run.
    EXPECT_GE(static_cast<double>(w.first_told_ns) / 1e9, last_end_s(r));
}

TEST_P(ObserverLive, TurningLiveMidRunTellsTheBacklogFirstThenEachTaskOnce) {
    Watcher w;
    std::thread flip([&w] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        w.live_now.store(true);
    });
    ExperimentSpec spec = small_spec(GetParam());
    spec.tasks = 200;  // about 300 ms: live long before the end, even on a slow machine
    const RunResult r = run_experiment(spec, RunId{}, &w);
    flip.join();
    ASSERT_TRUE(r.all_ok()) << r.error;
    EXPECT_EQ(w.told, completion_order(r));
    EXPECT_LT(static_cast<double>(w.first_told_ns) / 1e9, last_end_s(r));  // told live
}

TEST_P(ObserverLive, AlwaysLiveIsToldAsTasksEnd) {
    Watcher w;
    w.live_now = true;
    const RunResult r = run_experiment(small_spec(GetParam()), RunId{}, &w);
    ASSERT_TRUE(r.all_ok()) << r.error;
    EXPECT_EQ(w.told, completion_order(r));
    EXPECT_LT(static_cast<double>(w.first_told_ns) / 1e9, last_end_s(r));
}

INSTANTIATE_TEST_SUITE_P(Strategies, ObserverLive,
                         ::testing::Values(Strategy::Serial, Strategy::Map, Strategy::ThreadMap,
                                           Strategy::ApplyAsync),
                         [](const auto& p) { return std::string(strategy_name(p.param)); });

}  // namespace
}  // namespace plab
