// CPython's _TestPool (Lib/test/_test_multiprocessing.py), case by case: each TEST is the C++
// twin of test_<name>, adapted where Python's objects have no analogue (said in a comment).
// Python's cases share one Pool(4) (setUpClass); so do these, but for those that end theirs.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>

#include "heap_bytes.h"
#include "parity_tasks.h"
#include "test_support.h"

namespace plab {
namespace {

using namespace std::chrono_literals;
using parity::ints;
using parity::squares;
using parity::throwing_generator;
using testing::kSlowdown;

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

class PoolParity : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { pool_ = new ProcessPool(4); }
    static void TearDownTestSuite() {
        delete pool_;
        pool_ = nullptr;
    }
    static ProcessPool* pool_;
};
ProcessPool* PoolParity::pool_ = nullptr;

std::vector<Value> products(std::int64_t n) {
    std::vector<Value> v;
    for (std::int64_t i = 0; i < n; ++i)
        v.emplace_back(i * (n - 1 - i));
    return v;
}
std::vector<Value> pairs(std::int64_t n) {
    std::vector<Value> v;
    for (std::int64_t i = 0; i < n; ++i)
        v.push_back(Value::tuple(i, n - 1 - i));
    return v;
}

// Python's keyword call apply(sqr, (), {'x': 3}) has no analogue: arguments are positional.
TEST_F(PoolParity, Apply) {
    EXPECT_EQ(pool_->apply(Task("sqr"), {5}), Value(25));
    EXPECT_EQ(pool_->apply(Task("sqr").bind(3)), Value(9));  // the argument bound instead
}

TEST_F(PoolParity, Map) {
    EXPECT_EQ(pool_->map(Task("sqr"), ints(10)), squares(10));
    EXPECT_EQ(pool_->map(Task("sqr"), ints(100), 20), squares(100));
}

TEST_F(PoolParity, Starmap) {
    EXPECT_EQ(pool_->starmap(Task("mul"), pairs(10)), products(10));
    EXPECT_EQ(pool_->starmap(Task("mul"), pairs(100), 20), products(100));
}

TEST_F(PoolParity, StarmapAsync) {
    EXPECT_EQ(pool_->starmap_async(Task("mul"), pairs(100)).get(), products(100));
}

TEST_F(PoolParity, MapAsync) {
    EXPECT_EQ(pool_->map_async(Task("sqr"), ints(10)).get(), squares(10));
}

// Python's int('a') raises ValueError: to_int throws std::invalid_argument, which reaches the
// error_callback as a TaskError carrying its message. Both callbacks have run when wait()
// returns.
TEST_F(PoolParity, MapAsyncCallbacks) {
    // Slow callbacks (50 ms): wait() must still return after them, not when the tasks ended.
    std::vector<std::string> calls;  // what each callback saw, in order
    auto callback = [&](const std::vector<Value>& values) {
        std::this_thread::sleep_for(50ms);
        calls.push_back(repr_list(values));
    };
    auto error_callback = [&](const TaskError& e) {
        std::this_thread::sleep_for(50ms);
        calls.push_back(e.what());
    };
    // The shared pool lets the waiting thread read results (and so run the callbacks); one with
    // a task timeout leaves both to its collector thread.
    PoolOptions timed;
    timed.task_timeout = 60s;
    ProcessPool collected(1, timed);
    for (ProcessPool* p : {pool_, &collected}) {
        calls.clear();
        EXPECT_TRUE(p->map_async(Task("to_int"), {"1"}, 0, callback, error_callback).wait());
        ASSERT_EQ(calls.size(), 1U);
        EXPECT_EQ(calls[0], "[1]");
        EXPECT_TRUE(p->map_async(Task("to_int"), {"a"}, 0, callback, error_callback).wait());
        ASSERT_EQ(calls.size(), 2U);
        EXPECT_NE(calls[1].find("invalid literal for int(): 'a'"), std::string::npos) << calls[1];
    }
}

// Python's object whose __reduce__ raises is, in C++, an argument the codec cannot send: one
// too big for any frame to a worker. map raises for it (no hang), and the pool serves on.
TEST_F(PoolParity, MapUnencodable) {
    const Value huge = Value::bytes(std::string(wire::kMaxFrameBytes + 1, 'x'));
    // Shared bytes: three arguments, one buffer (one under a sanitizer: each refusal encodes it,
    // 5 s apiece under TSan).
    std::vector<Value> xs(kSlowdown > 1 ? 1 : 3, huge);
    EXPECT_THROW(
        {
            try {
                pool_->map(Task("identity"), std::move(xs));
            } catch (const TaskError& e) {
                EXPECT_NE(std::string(e.what()).find("do not fit in a frame"), std::string::npos)
                    << e.what();
                throw;
            }
        },
        TaskError);
    EXPECT_EQ(pool_->map(Task("sqr"), ints(3)), squares(3));
}

TEST_F(PoolParity, MapChunksize) {
    EXPECT_EQ(pool_->map_async(Task("sqr"), {}, 1).get(1s * kSlowdown), std::vector<Value>{});
}

// Python's generator that raises SayWhenError is an InputGenerator that throws
// std::domain_error; Python's SpecialIterable (raises at its first item) is the when == -1
// case. map reads its input whole first, so the exception comes before any task.
TEST_F(PoolParity, MapHandleIterableException) {
    EXPECT_THROW(pool_->map(Task("sqr"), throwing_generator(1, -1), 1), std::domain_error);
    EXPECT_THROW(pool_->map(Task("sqr"), throwing_generator(1, -1), 1), std::domain_error);
    EXPECT_THROW(pool_->map(Task("sqr"), throwing_generator(10, 3), 1), std::domain_error);
}

TEST_F(PoolParity, Async) {
    const auto t0 = std::chrono::steady_clock::now();
    const AsyncResult res = pool_->apply_async(Task("sqr_wait"), {7, 0.1});
    EXPECT_EQ(res.get(), Value(49));
    EXPECT_GE(seconds_since(t0), 0.09);
    EXPECT_LT(seconds_since(t0), 2.0 * kSlowdown);
}

TEST_F(PoolParity, AsyncTimeout) {
    const AsyncResult res = pool_->apply_async(Task("sqr_wait"), {6, 0.6});
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_THROW(res.get(100ms), TimeoutError);
    EXPECT_GE(seconds_since(t0), 0.09);
    EXPECT_LT(seconds_since(t0), 0.5 * kSlowdown);
    EXPECT_EQ(res.get(), Value(36));  // still running: it ends, and get() without a timeout waits
}

TEST_F(PoolParity, Imap) {
    for (std::size_t chunksize : {1, 100}) {
        const std::int64_t n = chunksize == 1 ? 10 : 1000;
        OrderedResults it = pool_->imap(Task("sqr"), ints(n), chunksize);
        for (std::int64_t i = 0; i < n; ++i)
            EXPECT_EQ(it.next(), Value(i * i));
        EXPECT_EQ(it.next(), std::nullopt);  // Python: StopIteration
        EXPECT_TRUE(it.exhausted());
    }
}

// The exception comes after the results of the whole chunks read before it (Python's order).
TEST_F(PoolParity, ImapHandleIterableException) {
    struct Case {
        std::int64_t total, when;
        std::size_t chunksize;
        std::int64_t results_first;
    };
    for (const Case c : {Case{1, -1, 1, 0}, Case{1, -1, 1, 0}, Case{10, 3, 1, 3}, Case{20, 7, 2, 6},
                         Case{20, 7, 4, 4}}) {
        OrderedResults it =
            pool_->imap(Task("sqr"), throwing_generator(c.total, c.when), c.chunksize);
        for (std::int64_t i = 0; i < c.results_first; ++i)
            EXPECT_EQ(it.next(), Value(i * i));
        EXPECT_THROW(it.next(), std::domain_error) << c.total << " " << c.when;
    }
}

std::vector<Value> sorted_values(UnorderedResults& it) {
    std::vector<std::int64_t> got;
    while (std::optional<IndexedOutcome> o = it.next()) {
        EXPECT_TRUE(o->outcome.ok) << o->outcome.error;
        got.push_back(o->outcome.value.as_int());
    }
    std::sort(got.begin(), got.end());
    return {got.begin(), got.end()};
}

TEST_F(PoolParity, ImapUnordered) {
    UnorderedResults it = pool_->imap_unordered(Task("sqr"), ints(1000));
    EXPECT_EQ(sorted_values(it), squares(1000));
    UnorderedResults chunked = pool_->imap_unordered(Task("sqr"), ints(1000), 53);
    EXPECT_EQ(sorted_values(chunked), squares(1000));
}

TEST_F(PoolParity, ImapUnorderedHandleIterableException) {
    for (auto [total, when, chunksize] :
         {std::tuple{1, -1, 1}, std::tuple{1, -1, 1}, std::tuple{10, 3, 1}, std::tuple{20, 7, 2}}) {
        UnorderedResults it =
            pool_->imap_unordered(Task("sqr"), throwing_generator(total, when), chunksize);
        std::vector<Value> expected = squares(total);
        EXPECT_THROW(
            for (int i = 0; i < total; ++i) {
                const std::optional<IndexedOutcome> o = it.next();
                ASSERT_TRUE(o && o->outcome.ok);
                const auto at = std::find(expected.begin(), expected.end(), o->outcome.value);
                ASSERT_NE(at, expected.end());
                expected.erase(at);
            },
            std::domain_error);
    }
}

// Python's ValueError is std::invalid_argument; p._pool's length is size() and pids().
TEST_F(PoolParity, MakePool) {
    EXPECT_THROW(ProcessPool(-1), std::invalid_argument);
    EXPECT_THROW(ProcessPool(0), std::invalid_argument);
    ProcessPool p(3);
    EXPECT_EQ(p.size(), 3);
    EXPECT_EQ(p.pids().size(), 3U);
    p.close();
    p.join();
}

TEST_F(PoolParity, Terminate) {
    ProcessPool p(4);
    const MapResult result = p.map_async(Task("sleep_s"), std::vector<Value>(10000, Value(0.1)), 1);
    const auto t0 = std::chrono::steady_clock::now();
    p.terminate();
    p.join();
    EXPECT_LT(seconds_since(t0), 2.0);
    EXPECT_THROW(result.get(), TaskError);  // unsettled tasks fail with "pool terminated"
}

TEST_F(PoolParity, EmptyIterable) {
    ProcessPool p(1);
    EXPECT_EQ(p.map(Task("sqr"), {}), std::vector<Value>{});
    OrderedResults it = p.imap(Task("sqr"), {});
    EXPECT_EQ(it.next(), std::nullopt);
    UnorderedResults unordered = p.imap_unordered(Task("sqr"), {});
    EXPECT_EQ(unordered.next(), std::nullopt);
    EXPECT_TRUE(unordered.exhausted());
    EXPECT_EQ(p.map_async(Task("sqr"), {}).get(), std::vector<Value>{});
    p.close();
    p.join();
}

// Python's `with Pool(2) as p` is the pool's scope; after it Python's p refuses work. A C++
// pool is gone after its scope, so the refusal is checked after close(), and the handle is
// read after the pool's end (it stays valid).
TEST_F(PoolParity, Context) {
    std::optional<MapResult> r;
    {
        ProcessPool p(2);
        r = p.map_async(Task("sqr"), ints(10));
        EXPECT_EQ(r->get(), squares(10));
        p.close();
        EXPECT_THROW(p.map_async(Task("sqr"), ints(10)), std::logic_error);
    }
    EXPECT_EQ(r->get(), squares(10));
}

// Python carries the remote traceback; C++ has none to carry. What the case asks for: the
// error arrives with the worker's message, the task's index (TaskError) and the pid of the
// worker that raised it (the observer's event). The input's own exception stays unwrapped.
TEST_F(PoolParity, Traceback) {
    std::mutex m;
    std::vector<TaskEvent> events;
    PoolOptions opt;
    opt.observer = [&](const TaskEvent& e) {
        std::lock_guard lock(m);
        events.push_back(e);
    };
    ProcessPool p(1, opt);
    try {
        p.apply(Task("raise_123"));
        ADD_FAILURE() << "expected a TaskError";
    } catch (const TaskError& e) {
        EXPECT_EQ(e.index(), 0U);
        EXPECT_STREQ(e.what(), "task 0 failed: 123");
    }
    const int pid = p.pids().at(0);
    p.close();
    p.join();
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].error, "123");
    EXPECT_EQ(events[0].pid, pid);
    ProcessPool q(1);
    EXPECT_THROW(q.map(Task("sqr"), throwing_generator(1, -1), 1), std::domain_error);
}

// map waits for every task before it raises: task 1 ends 0.5 s after task 0 failed.
TEST_F(PoolParity, MapNoFailfast) {
    const auto t0 = std::chrono::steady_clock::now();
    {
        ProcessPool p(2);
        EXPECT_THROW(p.map(Task("fail_first_then_wait"), ints(2)), TaskError);
        EXPECT_GE(seconds_since(t0), 0.45);
        p.close();
        p.join();
    }
}

// Python counts live objects with weak references; C++ values have no identity to count, so
// the heap is weighed instead: a finished map keeps no copy of its 32 MiB of inputs nor of
// its results (what stays is the collector's read buffers, a few frames per worker). The control
// (a map_async whose handle is kept) shows the scale can see them.
TEST_F(PoolParity, ReleaseTaskRefs) {
    auto inputs = [] {
        std::vector<Value> xs;
        xs.reserve(64);
        for (int i = 0; i < 64; ++i)
            xs.push_back(Value::bytes(std::string(std::size_t{512} << 10, static_cast<char>(i))));
        return xs;
    };
    constexpr std::int64_t kMiB = std::int64_t{1} << 20;
    const std::int64_t before = testing::heap_bytes();
    { EXPECT_EQ(pool_->map(Task("identity"), inputs(), 1).size(), 64U); }
    EXPECT_LT(testing::heap_bytes() - before, 16 * kMiB);  // half of the inputs alone
    const MapResult kept = pool_->map_async(Task("identity"), inputs(), 1);
    EXPECT_EQ(kept.get().size(), 64U);
    EXPECT_GT(testing::heap_bytes() - before, 60 * kMiB);  // its inputs and results, held
}

}  // namespace
}  // namespace plab
