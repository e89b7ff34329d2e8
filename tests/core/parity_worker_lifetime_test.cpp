// CPython's _TestPoolWorkerLifetime (Lib/test/_test_multiprocessing.py): maxtasksperchild
// replaces each worker after so many tasks, a pool closed early still joins, and a count below
// 1 is refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "parity_tasks.h"
#include "test_support.h"

namespace plab {
namespace {

using namespace std::chrono_literals;

// Counts the tasks each process ran, from the pool's events.
struct TasksPerPid {
    std::mutex m;
    std::map<int, int> count;
    PoolOptions options(std::int64_t max_tasks) {
        PoolOptions opt;
        opt.maxtasksperchild = max_tasks;
        opt.observer = [this](const TaskEvent& e) {
            std::lock_guard lock(m);
            ++count[e.pid];
        };
        return opt;
    }
    int most() {
        std::lock_guard lock(m);
        int top = 0;
        for (const auto& [pid, n] : count)
            top = std::max(top, n);
        return top;
    }
};

// Beyond Python's check (the pids changed), each process ran at most 10 tasks.
TEST(PoolWorkerLifetimeParity, PoolWorkerLifetime) {
    TasksPerPid seen;
    ProcessPool p(3, seen.options(10));
    const std::vector<int> original = p.pids();
    ASSERT_EQ(original.size(), 3U);
    std::vector<AsyncResult> results;
    for (std::int64_t i = 0; i < 100; ++i)
        results.push_back(p.apply_async(Task("sqr"), {i}));
    for (std::int64_t j = 0; j < 100; ++j)
        EXPECT_EQ(results[static_cast<std::size_t>(j)].get(), Value(j * j));
    // Python's _repopulate_pool and its wait for live workers: the pool refills by itself.
    std::vector<int> now = p.pids();
    for (int i = 0; i < 500 && std::count(now.begin(), now.end(), -1) > 0; ++i) {
        std::this_thread::sleep_for(10ms);
        now = p.pids();
    }
    EXPECT_EQ(std::count(now.begin(), now.end(), -1), 0);
    EXPECT_NE(now, original);
    EXPECT_LE(seen.most(), 10);
    EXPECT_GE(seen.count.size(), 10U);  // 100 tasks, 10 per process
    p.close();
    p.join();
}

// Issue #10332: closing a pool whose workers have limited lifetimes before its tasks ended
// made join() hang in Python.
TEST(PoolWorkerLifetimeParity, PoolWorkerLifetimeEarlyClose) {
    ProcessPool p(3, [] {
        PoolOptions opt;
        opt.maxtasksperchild = 1;
        return opt;
    }());
    std::vector<AsyncResult> results;
    for (std::int64_t i = 0; i < 6; ++i)
        results.push_back(p.apply_async(Task("sqr_wait"), {i, 0.3}));
    p.close();
    p.join();
    for (std::int64_t j = 0; j < 6; ++j)
        EXPECT_EQ(results[static_cast<std::size_t>(j)].get(), Value(j * j));
}

// Python's 0.5 and "12" are refused by C++'s types before they reach the pool.
TEST(PoolWorkerLifetimeParity, PoolMaxtasksperchildInvalid) {
    for (std::int64_t value : {0, -1}) {
        PoolOptions opt;
        opt.maxtasksperchild = value;
        EXPECT_THROW(ProcessPool(3, opt), std::invalid_argument) << value;
    }
}

// Not in CPython, which counts a chunk as one task: here each task counts, and a chunk is cut
// to fit what a worker may still run.
TEST(PoolWorkerLifetimeParity, ChunksAreCutToTheLifetime) {
    TasksPerPid seen;
    ProcessPool p(2, seen.options(4));
    const std::vector<Value> xs = parity::ints(25);
    EXPECT_EQ(p.map(Task("sqr"), xs, 10), parity::squares(25));
    EXPECT_LE(seen.most(), 4);
    EXPECT_GE(seen.count.size(), 7U);  // 25 tasks, at most 4 per process
}

}  // namespace
}  // namespace plab
