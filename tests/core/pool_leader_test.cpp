// Leader/follower I/O (pool_leader.cpp): callers dispatch to idle workers and threads waiting
// for results read the pipes themselves. Each result still arrives exactly once, whoever reads
// it; work nobody waits for still completes; a waiter outliving its pool is answered.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "pool/process_pool.h"
#include "test_support.h"

namespace plab {
namespace {

using namespace std::chrono_literals;
using testing::kSlowdown;

std::int64_t leader_square(std::int64_t x) {
    return x * x;
}
std::int64_t leader_nap_ms(std::int64_t ms) {
    ::usleep(static_cast<useconds_t>(ms * 1000));
    return ms;
}
std::int64_t leader_kill_self(std::int64_t x) {
    ::kill(::getpid(), SIGKILL);
    return x;
}
PLAB_TASK(leader_square);
PLAB_TASK(leader_nap_ms);
PLAB_TASK(leader_kill_self);

TEST(PoolLeader, ManyThreadsApplyAndGetAtOnceEachGetsItsOwnResult) {
    ProcessPool pool(2);
    constexpr int kThreads = 4;
    const int rounds = 500 / kSlowdown;
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < rounds; ++i) {
                const std::int64_t x = t * 100'000 + i;
                const Value v = pool.apply_async(Task("leader_square"), {x}).get(30s);
                if (v.as_int() != x * x) ++wrong;
            }
        });
    }
    for (std::thread& t : threads)
        t.join();
    EXPECT_EQ(wrong.load(), 0);
    // Maps from two threads at once: one leads, the other follows; both complete.
    std::vector<Value> a;
    std::vector<Value> b;
    std::thread other([&] { a = pool.map(Task("leader_square"), {1, 2, 3, 4, 5, 6}, 1); });
    b = pool.map(Task("leader_square"), {7, 8, 9}, 1);
    other.join();
    EXPECT_EQ(a, (std::vector<Value>{1, 4, 9, 16, 25, 36}));
    EXPECT_EQ(b, (std::vector<Value>{49, 64, 81}));
}

TEST(PoolLeader, WorkNobodyWaitsForCompletesAndCallbacksRun) {
    ProcessPool pool(2);
    std::atomic<int> called{0};
    AsyncResult r = pool.apply_async(Task("leader_square"), {7});
    AsyncResult with_cb = pool.apply_async(Task("leader_square"), {8},
                                           [&](const Outcome& o) { called += o.ok ? 1 : 100; });
    // Nobody calls get(): the collector reads once no waiter has led for a while.
    const auto until = std::chrono::steady_clock::now() + 10s * kSlowdown;
    while ((!r.ready() || called.load() == 0) && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(1ms);
    EXPECT_TRUE(r.ready());
    EXPECT_EQ(called.load(), 1);
    EXPECT_EQ(r.get(0s).as_int(), 49);
    EXPECT_EQ(with_cb.get(10s).as_int(), 64);
}

TEST(PoolLeader, ALeaderTimesOutThenGetsItLater) {
    ProcessPool pool(1);
    AsyncResult r = pool.apply_async(Task("leader_nap_ms"), {300});
    EXPECT_THROW(r.get(20ms), TimeoutError);
    EXPECT_FALSE(r.ready());
    EXPECT_EQ(r.get(30s).as_int(), 300);
}

TEST(PoolLeader, AWorkerDyingUnderALeaderFailsItsTaskAndThePoolServesOn) {
    ProcessPool pool(2);
    const std::vector<int> before = pool.pids();
    AsyncResult doomed = pool.apply_async(Task("leader_kill_self"), {1});
    try {
        doomed.get(30s);
        FAIL() << "no error";
    } catch (const TaskError& e) {
        EXPECT_NE(std::string(e.what()).find("SIGKILL"), std::string::npos) << e.what();
    }
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(pool.apply_async(Task("leader_square"), {i}).get(30s).as_int(), i * i);
    EXPECT_NE(pool.pids(), before);  // the dead worker was replaced
}

TEST(PoolLeader, ACallersWriteToAWorkerThatJustDiedIsNoSignal) {
    // The caller writes its task to the idle worker itself; when that worker was just killed,
    // the write fails with EPIPE in the caller's thread, whose SIGPIPE is not blocked: the
    // process must live on, and the task must still end.
    ProcessPool pool(1);
    for (int round = 0; round < 50 / kSlowdown; ++round) {
        const int pid = pool.pids().front();
        ASSERT_GT(pid, 0);
        ::kill(pid, SIGKILL);
        const Outcome o = pool.apply_async(Task("leader_square"), {round}).outcome();
        if (o.ok) {
            EXPECT_EQ(o.value.as_int(), round * round);
        }
        // Wait for the replacement before the next round.
        const auto until = std::chrono::steady_clock::now() + 10s * kSlowdown;
        while (pool.pids().front() == pid && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(1ms);
    }
    EXPECT_EQ(pool.apply_async(Task("leader_square"), {9}).get(30s).as_int(), 81);
}

TEST(PoolLeader, AWaiterOutlivingItsPoolIsAnswered) {
    AsyncResult r = [] {
        auto pool = std::make_unique<ProcessPool>(1);
        AsyncResult slow = pool->apply_async(Task("leader_nap_ms"), {5000});
        std::thread ender([p = pool.release()] {
            std::this_thread::sleep_for(50ms);
            delete p;  // unsettled work: terminate, while the main thread waits in get()
        });
        ender.detach();
        return slow;
    }();
    const auto t0 = std::chrono::steady_clock::now();
    try {
        r.get(60s);
        FAIL() << "no error";
    } catch (const TaskError& e) {
        EXPECT_NE(std::string(e.what()).find("terminated"), std::string::npos) << e.what();
    }
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 4s * kSlowdown);  // not the task's 5 s
}

}  // namespace
}  // namespace plab
