// One pool call's shared state: each task settles exactly once, alone or in a range, waiters
// wake when all have settled, callbacks see each outcome once.
#include "pool/job.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "pool/async_result.h"

namespace plab::detail {
namespace {

std::shared_ptr<Job> job_of(std::size_t n) {
    auto j = std::make_shared<Job>();
    j->values.resize(n);
    j->settled.assign(n, false);
    j->remaining = n;
    return j;
}

Outcome ok(Value v) {
    Outcome o;
    o.ok = true;
    o.value = std::move(v);
    return o;
}

TEST(Job, ARangeSettlesValuesAndErrorsOnceEach) {
    auto j = job_of(5);
    std::vector<std::pair<std::size_t, Outcome>> seen;
    j->on_settled = [&](std::size_t i, const Outcome& o) { seen.emplace_back(i, o); };
    EXPECT_TRUE(j->settle(2, ok(100)));
    EXPECT_FALSE(j->settle(2, ok(200)));  // a second settle of one task is ignored

    std::vector<Value> results{10, 20, Value(), 40};  // tasks 1..4; task 3 failed
    std::vector<std::pair<std::uint32_t, std::string>> errors{{2, "boom"}};
    EXPECT_EQ(j->settle_range(1, results, errors), 3u);  // task 2 had settled already
    EXPECT_EQ(j->remaining, 1u);
    {
        std::lock_guard lock(j->m);
        EXPECT_EQ(j->values[1], Value(10));
        EXPECT_EQ(j->values[2], Value(100));
        EXPECT_EQ(j->values[4], Value(40));
        EXPECT_EQ(j->errors.size(), 1u);
        EXPECT_EQ(j->errors.at(3), "boom");
    }
    ASSERT_EQ(seen.size(), 4u);  // 2, then 1, 3, 4: each once, with its own outcome
    EXPECT_EQ(seen[0].first, 2u);
    EXPECT_EQ(seen[0].second.value, Value(100));
    EXPECT_EQ(seen[1].first, 1u);
    EXPECT_EQ(seen[2].first, 3u);
    EXPECT_FALSE(seen[2].second.ok);
    EXPECT_EQ(seen[2].second.error, "boom");
    EXPECT_EQ(seen[3].second.value, Value(40));

    std::vector<Value> past_end{1, 2};  // indexes 5 and 6 do not exist: ignored
    std::vector<std::pair<std::uint32_t, std::string>> none;
    EXPECT_EQ(j->settle_range(5, past_end, none), 0u);
}

TEST(Job, AWaiterWakesWhenTheLastRangeSettles) {
    auto j = job_of(3);
    std::thread settler([j] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        std::vector<Value> first{1};
        std::vector<std::pair<std::uint32_t, std::string>> none;
        j->settle_range(0, first, none);
        std::vector<Value> rest{2, 3};
        j->settle_range(1, rest, none);
    });
    EXPECT_FALSE(j->wait_all(std::chrono::nanoseconds(0)));
    EXPECT_TRUE(j->wait_all(std::chrono::seconds(10)));
    settler.join();
    std::lock_guard lock(j->m);
    EXPECT_EQ(j->take_values(), (std::vector<Value>{1, 2, 3}));
}

TEST(Job, ACancelledRangeSettlesInBulkAsCancelled) {
    auto j = job_of(6);
    EXPECT_TRUE(j->settle(1, ok(10)));
    EXPECT_EQ(j->cancel_range(0, 4), 3u);    // 0, 2, 3: task 1 had its value
    EXPECT_EQ(j->cancel_range(2, 100), 2u);  // 4, 5; past the end is ignored
    EXPECT_EQ(j->remaining, 0u);
    EXPECT_TRUE(j->done());
    std::lock_guard lock(j->m);
    EXPECT_EQ(j->outcome_at(2).error, "cancelled");
    EXPECT_TRUE(j->outcome_at(1).ok);
    try {
        j->take_values();
        FAIL();
    } catch (const TaskError& e) {
        EXPECT_NE(std::string(e.what()).find("cancelled"), std::string::npos) << e.what();
    }
    const SettledValues s = j->take_settled();
    EXPECT_EQ(s.values[1].as_int(), 10);
    EXPECT_TRUE(s.never_ran(0));
    EXPECT_FALSE(s.never_ran(1));
    EXPECT_TRUE(s.errors.empty());
}

}  // namespace
}  // namespace plab::detail
