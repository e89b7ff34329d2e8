#include <gtest/gtest.h>
#include <unistd.h>

#include <set>

#include "pool/closure_pool.h"
#include "test_support.h"

namespace plab {
namespace {

// The article's power_factory(y): a function made at run time that captures y.
std::function<Value(const Value&)> power_factory(std::int64_t y) {
    return [y](const Value& x) {
        std::int64_t r = 1;
        for (std::int64_t i = 0; i < y; ++i)
            r *= x.as_int();
        return Value(r);
    };
}

TEST(ClosurePool, RunsAClosureInWorkerProcesses) {
    ClosurePool pool(3);
    std::vector<Value> xs;
    for (int i = 0; i < 10; ++i)
        xs.emplace_back(i);
    EXPECT_EQ(repr_list(pool.map(power_factory(2), xs)), "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]");
    EXPECT_EQ(repr_list(pool.map(power_factory(3), {2, 3})), "[8, 27]");
}

TEST(ClosurePool, CapturedStateTravelsByFork) {
    ClosurePool pool(2);
    const std::string big(100000, 'z');  // captured, never sent over a pipe
    auto f = [big](const Value& x) {
        return Value(static_cast<std::int64_t>(big.size()) + x.as_int() * 0 + ::getpid());
    };
    std::set<std::int64_t> pids;
    for (const Value& v : pool.map(f, {0, 1, 2, 3}, 1))
        pids.insert(v.as_int() - 100000);
    EXPECT_EQ(pids.count(::getpid()), 0u);
}

TEST(ClosurePool, FailuresAreReportedLikeTheStandardPool) {
    ClosurePool pool(2);
    auto f = [](const Value& x) -> Value {
        if (x.as_int() == 1) throw std::runtime_error("bad one");
        return x;
    };
    const auto outcomes = pool.map_settled(f, {0, 1, 2});
    EXPECT_TRUE(outcomes[0].ok);
    EXPECT_EQ(outcomes[1].error, "bad one");
    EXPECT_THROW(pool.map(f, {1}), TaskError);
    EXPECT_TRUE(testing::children().empty());
}

}  // namespace
}  // namespace plab
