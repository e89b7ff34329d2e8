#include <gtest/gtest.h>
#include <unistd.h>

#include <mutex>
#include <set>
#include <thread>

#include "pool/local_pools.h"
#include "test_support.h"

namespace plab {
namespace {

using namespace std::chrono_literals;

Value nap_then_square(const Value& x) {
    std::this_thread::sleep_for(50ms);
    return Value(x.as_int() * x.as_int());
}

TEST(SerialPool, RunsInOrderInThisThread) {
    std::vector<int> order;
    PoolOptions options;
    options.observer = [&](const TaskEvent& e) {
        EXPECT_EQ(e.pid, ::getpid());
        EXPECT_EQ(e.worker, 0);
        order.push_back(static_cast<int>(e.index));
    };
    const auto out = SerialPool(options).map_settled([](const Value& x) { return x; }, {5, 6, 7});
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
    EXPECT_EQ(out[2].value, Value(7));
}

TEST(ThreadPool, RunsInParallelInThisProcess) {
    std::mutex m;
    std::set<int> workers;
    PoolOptions options;
    options.observer = [&](const TaskEvent& e) {
        std::lock_guard lock(m);
        workers.insert(e.worker);
    };
    std::vector<Value> xs{0, 1, 2, 3, 4, 5, 6, 7};
    std::vector<Outcome> out;
    const double elapsed =
        testing::seconds_of([&] { out = ThreadPool(4, options).map_settled(nap_then_square, xs); });
    EXPECT_LT(elapsed, 0.6 * 0.4 * testing::kSlowdown);  // serial would be 0.4 s
    EXPECT_EQ(out[7].value, Value(49));
    EXPECT_EQ(workers.size(), 4u);
}

TEST(ThreadPool, CancelFailsTheRest) {
    std::atomic<bool> cancel{true};
    const auto out = ThreadPool(2).map_settled(nap_then_square, {1, 2, 3}, &cancel);
    for (const Outcome& o : out)
        EXPECT_EQ(o.error, "cancelled");
    EXPECT_THROW(ThreadPool(0), std::invalid_argument);
}

}  // namespace
}  // namespace plab
