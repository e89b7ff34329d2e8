// apply_async at scale (pool_apply.cpp): consecutive calls share their bookkeeping, so a
// pending call costs a couple of hundred bytes, not a Job of its own (~1.3 KB before); and
// each call still behaves as its own AsyncResult.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "pool/process_pool.h"
#include "test_support.h"

namespace plab {
namespace {

using namespace std::chrono_literals;
using testing::kSlowdown;

std::int64_t memory_square(std::int64_t x) {
    if (x < 0) throw std::runtime_error("negative");
    return x * x;
}
std::int64_t memory_nap_ms(std::int64_t ms) {
    ::usleep(static_cast<useconds_t>(ms * 1000));
    return ms;
}
PLAB_TASK(memory_square);
PLAB_TASK(memory_nap_ms);

/// This process's resident memory in bytes (VmRSS of /proc/self/status).
long rss_bytes() {
    std::ifstream f("/proc/self/status");
    for (std::string line; std::getline(f, line);) {
        if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6) * 1024;
    }
    return -1;
}

TEST(ApplyAsyncMemory, APendingCallCostsUnder400Bytes) {
    // Under a sanitizer every allocation carries red zones: fewer calls, a looser bound.
    const std::size_t calls = 200'000 / kSlowdown;
    const long bound = kSlowdown == 1 ? 400 : 4000;
    ProcessPool pool(1);
    // The only worker is busy for a while: every call below stays pending while measured.
    AsyncResult blocker = pool.apply_async(Task("memory_nap_ms"), {1500});
    std::vector<AsyncResult> pending;
    pending.reserve(calls);
    const long before = rss_bytes();
    for (std::size_t i = 0; i < calls; ++i)
        pending.push_back(pool.apply_async(Task("memory_square"), {static_cast<std::int64_t>(i)}));
    const long per_call = (rss_bytes() - before) / static_cast<long>(calls);
    std::printf("resident bytes per pending apply_async: %ld\n", per_call);
    EXPECT_LT(per_call, bound);
    EXPECT_FALSE(blocker.ready());  // they were measured pending
    EXPECT_EQ(blocker.get(30s).as_int(), 1500);
    for (std::size_t i = 0; i < calls; i += 997) {
        const auto x = static_cast<std::int64_t>(i);
        EXPECT_EQ(pending[i].get(60s).as_int(), x * x);
    }
    EXPECT_EQ(pending.back().get(60s).as_int(),
              static_cast<std::int64_t>(calls - 1) * static_cast<std::int64_t>(calls - 1));
}

TEST(ApplyAsyncMemory, CallsSharingBookkeepingStillEndOneByOne) {
    ProcessPool pool(2);
    std::vector<AsyncResult> rs;
    for (std::int64_t i = 0; i < 40; ++i)
        rs.push_back(pool.apply_async(Task("memory_square"), {i % 10 == 3 ? -i : i}));
    // A map between calls takes ids of its own: the calls after it still get theirs in order.
    EXPECT_EQ(pool.map(Task("memory_square"), {2, 3}), (std::vector<Value>{4, 9}));
    rs.push_back(pool.apply_async(Task("memory_square"), {41}));
    for (std::size_t i = 1; i < rs.size(); ++i)
        EXPECT_EQ(rs[i].task_id(), rs[i - 1].task_id() + (i == 40 ? 3 : 1));  // map took 2
    for (std::int64_t i = 0; i < 40; ++i) {
        const AsyncResult& r = rs[static_cast<std::size_t>(i)];
        ASSERT_TRUE(r.wait(30s));
        if (i % 10 == 3) {
            EXPECT_FALSE(r.successful());
            EXPECT_THROW(r.get(), TaskError);
        } else {
            EXPECT_TRUE(r.successful());
            EXPECT_EQ(r.get().as_int(), i * i);
        }
    }
    EXPECT_EQ(rs.back().get(30s).as_int(), 41 * 41);
}

TEST(ApplyAsyncMemory, EventsNameEachCallAsItsOwn) {
    std::mutex m;
    std::vector<std::pair<std::uint64_t, std::size_t>> seen;  // (call, index)
    PoolOptions o;
    o.observer = [&](const TaskEvent& ev) {
        std::lock_guard lock(m);
        seen.emplace_back(ev.call, ev.index);
    };
    ProcessPool pool(2, o);
    std::vector<AsyncResult> rs;
    for (std::int64_t i = 0; i < 30; ++i)
        rs.push_back(pool.apply_async(Task("memory_square"), {i}));
    for (const AsyncResult& r : rs)
        r.get(30s);
    std::lock_guard lock(m);
    ASSERT_EQ(seen.size(), 30u);
    std::vector<int> calls(31, 0);
    for (const auto& [call, index] : seen) {
        EXPECT_EQ(index, 0u);
        ASSERT_GE(call, 1u);
        ASSERT_LE(call, 30u);
        ++calls[call];
    }
    for (std::size_t c = 1; c <= 30; ++c)
        EXPECT_EQ(calls[c], 1) << "call " << c;
}

TEST(ApplyAsyncMemory, AWaiterTimesOutOnItsOwnCallNotItsGroup) {
    PoolOptions one_each;  // each call to its own idle worker
    one_each.prefetch = 1;
    ProcessPool pool(2, one_each);
    AsyncResult slow = pool.apply_async(Task("memory_nap_ms"), {1000});
    AsyncResult quick = pool.apply_async(Task("memory_nap_ms"), {1});
    EXPECT_EQ(quick.get(30s).as_int(), 1);
    EXPECT_FALSE(slow.ready());
    EXPECT_THROW(slow.get(10ms), TimeoutError);
    EXPECT_EQ(slow.get(30s).as_int(), 1000);
}

}  // namespace
}  // namespace plab
