// CPython's _TestPoolWorkerErrors (Lib/test/_test_multiprocessing.py): a task's failure reaches
// apply_async's error_callback before get() raises, and a result that cannot be sent fails its
// task without costing the pool a worker.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "parity_tasks.h"

namespace plab {
namespace {

// Python's KeyError("key") is std::out_of_range("key"); the error_callback gets a TaskError
// with its message. get() raises only after the error_callback returned (here it runs on the
// collector thread: a pool with a task timeout leaves all reading to it).
TEST(PoolWorkerErrorsParity, AsyncErrorCallback) {
    PoolOptions timed;
    timed.task_timeout = std::chrono::seconds(60);
    ProcessPool p(2, timed);
    std::optional<std::string> scratchpad;
    bool called_back = false;
    const AsyncResult res = p.apply_async(
        Task("raising"), {}, [&](const Value&) { called_back = true; },
        [&](const TaskError& e) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));  // get() waits for it
            scratchpad = e.what();
        });
    EXPECT_THROW(res.get(), TaskError);
    ASSERT_TRUE(scratchpad.has_value());
    EXPECT_EQ(*scratchpad, "task 0 failed: key");
    EXPECT_FALSE(called_back);
    EXPECT_FALSE(res.successful());
    // The other way round: a value reaches the callback, not the error_callback.
    std::optional<Value> got;
    const AsyncResult ok = p.apply_async(
        Task("sqr"), {4}, [&](const Value& v) { got = v; }, [&](const TaskError&) {});
    EXPECT_EQ(ok.get(), Value(16));
    EXPECT_EQ(got, Value(16));
    p.close();
    p.join();
}

// Python's unpicklable result (a lambda) is, in C++, a result too big for any frame: the task
// fails with MaybeEncodingError's C++ form (an error naming the size and the limit), again and
// again, and no worker is lost for it (the pids stay the same). Five times, not Python's
// twenty: each builds and encodes 64 MiB in the worker (about 0.5 s on the shared CI machine),
// and five failures on two workers already show that none costs a worker.
TEST(PoolWorkerErrorsParity, UnencodableResult) {
    ProcessPool p(2);
    const std::vector<int> pids = p.pids();
    for (int iteration = 0; iteration < 5; ++iteration) {
        std::optional<std::string> scratchpad;
        const AsyncResult res = p.apply_async(Task("unencodable_result"), {}, {},
                                              [&](const TaskError& e) { scratchpad = e.what(); });
        EXPECT_THROW(res.get(), TaskError);
        ASSERT_TRUE(scratchpad.has_value()) << iteration;
        EXPECT_NE(scratchpad->find("exceeds the limit"), std::string::npos) << *scratchpad;
    }
    EXPECT_EQ(p.pids(), pids);
    p.close();
    p.join();
}

}  // namespace
}  // namespace plab
