// CPython's initializer tests (TestInitializers.test_pool_initializer in
// Lib/test/_test_multiprocessing.py): Pool(initializer, initargs) runs the initializer once in
// each worker before its tasks; what cannot be an initializer is refused.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "parity_tasks.h"

namespace plab {
namespace {

// What the initializer leaves in a worker: its argument, and how often it ran there.
std::string g_marker;
std::int64_t g_initialized = 0;

std::int64_t set_marker(std::string marker) {
    g_marker = std::move(marker);
    return ++g_initialized;
}
std::int64_t failing_initializer(std::int64_t) {
    throw std::runtime_error("no database");
}
// The marker and the run count this worker's initializer left: "ready:1".
std::string read_marker(std::int64_t) {
    return g_marker + ":" + std::to_string(g_initialized);
}
PLAB_TASK(set_marker);
PLAB_TASK(failing_initializer);
PLAB_TASK(read_marker);

PoolOptions with_initializer(Task init, std::vector<Value> args) {
    PoolOptions opt;
    opt.initializer = std::move(init);
    opt.initargs = std::move(args);
    return opt;
}

// Python checks a namespace the initializer set in the parent; a C++ worker's memory is its
// own, so its tasks read what the initializer left there: every task sees it ran once.
TEST(InitializersParity, PoolInitializer) {
    ProcessPool p(2, with_initializer(Task("set_marker"), {"ready"}));
    for (const Value& v : p.map(Task("read_marker"), parity::ints(8)))
        EXPECT_EQ(v, Value("ready:1"));
    p.close();
    p.join();
    EXPECT_EQ(g_initialized, 0);  // the parent never ran it
}

// Python's Pool(initializer=1) raises TypeError: the C++ analogues of a non-callable are the
// inherited callable (no registered name) and a name never registered; spawn and forkserver
// refuse an initializer.
TEST(InitializersParity, PoolInitializerRefused) {
    EXPECT_THROW(ProcessPool(1, with_initializer(Task::inherited(), {})), std::invalid_argument);
    EXPECT_THROW(Task("no_such_initializer"), UnknownTask);
    PoolOptions spawned = with_initializer(Task("set_marker"), {"x"});
    spawned.start = StartMethod::Spawn;
    EXPECT_THROW(ProcessPool(1, spawned), std::invalid_argument);
}

// Not in CPython: a replaced worker (maxtasksperchild) runs the initializer too.
TEST(InitializersParity, ReplacementsRunTheInitializer) {
    PoolOptions opt = with_initializer(Task("set_marker"), {"again"});
    opt.maxtasksperchild = 2;
    ProcessPool p(2, opt);
    std::set<std::int64_t> pids;
    for (const Value& v : p.map(Task("pid_of"), parity::ints(12), 1))
        pids.insert(v.as_int());
    EXPECT_GE(pids.size(), 6U);
    for (const Value& v : p.map(Task("read_marker"), parity::ints(6), 1))
        EXPECT_EQ(v, Value("again:1"));
}

// Where Python's pool restarts a worker whose initializer raised, forever (its map hangs),
// each task sent to such a worker fails with the initializer's error, and the call ends.
TEST(InitializersParity, FailingInitializerFailsTasks) {
    ProcessPool p(2, with_initializer(Task("failing_initializer"), {1}));
    const std::vector<Outcome> outcomes = p.map_settled(Task("sqr"), parity::ints(4));
    for (const Outcome& o : outcomes) {
        EXPECT_FALSE(o.ok);
        EXPECT_EQ(o.error, "initializer 'failing_initializer' failed: no database");
    }
}

}  // namespace
}  // namespace plab
