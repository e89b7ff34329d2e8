// The leader/follower path waits without polling (pool_leader.cpp): a caller waiting in get()
// and an idle pool cost a handful of wake-ups, not one a millisecond. Measured as this
// process's voluntary context switches (every thread of it: callers and the collector).
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "pool/process_pool.h"
#include "test_support.h"

namespace plab {
namespace {

using namespace std::chrono_literals;
using testing::kSlowdown;

std::int64_t wakeups_nap_ms(std::int64_t ms) {
    ::usleep(static_cast<useconds_t>(ms * 1000));
    return ms;
}
PLAB_TASK(wakeups_nap_ms);

/// Voluntary context switches of the whole process so far.
long switches() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return u.ru_nvcsw;
}

// Coarse: a poller with a 1 ms tick makes ~2000 in 2 s; a blocked waiter makes a few. Under a
// sanitizer the runtime's own threads add some.
constexpr long kFewSwitches = 50L * kSlowdown;

/// Prints and bounds the switches made since before.
void expect_few_switches(const char* during, long before) {
    const long used = switches() - before;
    std::printf("voluntary context switches %s: %ld\n", during, used);
    EXPECT_LT(used, kFewSwitches);
}

/// Two warm workers, each task to its own idle worker (prefetch 1).
std::unique_ptr<ProcessPool> two_workers_one_task_each() {
    PoolOptions one_each;
    one_each.prefetch = 1;
    auto pool = std::make_unique<ProcessPool>(2, one_each);
    pool->map(Task("wakeups_nap_ms"), {0, 0}, 1);
    return pool;
}

TEST(PoolWakeups, ATwoSecondGetBlocksInsteadOfTicking) {
    ProcessPool pool(2);
    pool.apply_async(Task("wakeups_nap_ms"), {0}).get();  // every worker is up
    const long before = switches();
    EXPECT_EQ(pool.apply_async(Task("wakeups_nap_ms"), {2000}).get().as_int(), 2000);
    expect_few_switches("during a 2 s get", before);
}

TEST(PoolWakeups, AnIdlePoolSleeps) {
    ProcessPool pool(2);
    pool.map(Task("wakeups_nap_ms"), {0, 0, 0, 0}, 1);  // work, then nothing
    const long before = switches();
    std::this_thread::sleep_for(2s);
    expect_few_switches("of an idle pool in 2 s", before);
}

TEST(PoolWakeups, AGetWithATimeoutThatPassesLeavesNoTimerBehind) {
    ProcessPool pool(1);
    AsyncResult r = pool.apply_async(Task("wakeups_nap_ms"), {1500});
    EXPECT_THROW(r.get(20ms), TimeoutError);
    // Nobody waits now, but the task runs: the collector reads it, without ticking meanwhile.
    const long before = switches();
    std::this_thread::sleep_for(2s);
    expect_few_switches("after a timed-out get, 2 s", before);
    EXPECT_TRUE(r.ready());
}

TEST(PoolWakeups, TwoWaitersOneLeadsTheOtherIsHandedItsResultOrTheLead) {
    // The follower's task ends first (the leader reads it for it); then the leader's.
    const auto pool_owner = two_workers_one_task_each();
    ProcessPool& pool = *pool_owner;
    const long before = switches();
    AsyncResult slow = pool.apply_async(Task("wakeups_nap_ms"), {1500});
    AsyncResult quick = pool.apply_async(Task("wakeups_nap_ms"), {300});
    std::int64_t quick_value = 0;
    std::chrono::steady_clock::duration quick_took{};
    std::thread follower([&] {
        std::this_thread::sleep_for(50ms);  // the main thread leads by now
        const auto t0 = std::chrono::steady_clock::now();
        quick_value = quick.get(30s).as_int();
        quick_took = std::chrono::steady_clock::now() - t0;
    });
    EXPECT_EQ(slow.get(30s).as_int(), 1500);
    follower.join();
    EXPECT_EQ(quick_value, 300);
    EXPECT_LT(quick_took, 1000ms * kSlowdown);  // answered when its task ended, not the leader's
    expect_few_switches("of two waiters over 1.5 s", before);
}

TEST(PoolWakeups, ALeaderThatTimesOutHandsTheLeadToAFollower) {
    const auto pool_owner = two_workers_one_task_each();
    ProcessPool& pool = *pool_owner;
    AsyncResult first = pool.apply_async(Task("wakeups_nap_ms"), {1000});
    AsyncResult second = pool.apply_async(Task("wakeups_nap_ms"), {400});
    std::int64_t second_value = 0;
    std::thread follower([&] {
        std::this_thread::sleep_for(50ms);
        second_value = second.get(30s).as_int();
    });
    EXPECT_THROW(first.get(150ms), TimeoutError);  // leads, then gives the lead up
    follower.join();
    EXPECT_EQ(second_value, 400);
    EXPECT_EQ(first.get(30s).as_int(), 1000);
}

}  // namespace
}  // namespace plab
