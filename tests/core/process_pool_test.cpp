#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>

#include "pool/process_pool.h"
#include "pool_inputs.h"
#include "test_support.h"

namespace plab {
namespace {

using testing::range;

using namespace std::chrono_literals;
using testing::seconds_of;

std::int64_t square_after(std::int64_t x, std::int64_t delay_ms) {
    ::usleep(static_cast<useconds_t>(delay_ms * 1000));
    return x * x;
}
std::int64_t pid_of(std::int64_t) {
    return ::getpid();
}
std::int64_t fails_on_three(std::int64_t x) {
    if (x == 3) throw std::runtime_error("three is not allowed");
    return x;
}
// Dies in the way `how` says when x == victim, else returns x.
std::int64_t dies_on(std::int64_t x, std::int64_t victim, std::int64_t how) {
    if (x != victim) return x;
    switch (how) {
        case 0:
            ::kill(::getpid(), SIGKILL);
            break;
        case 1:
            ::raise(SIGSEGV);
            break;
        case 2:
            std::abort();
        default:
            ::_exit(7);
    }
    return x;
}
std::int64_t nap_ms(std::int64_t ms) {
    ::usleep(static_cast<useconds_t>(ms * 1000));
    return ms;
}

PLAB_TASK(square_after);
PLAB_TASK(pid_of);
PLAB_TASK(fails_on_three);
PLAB_TASK(dies_on);
PLAB_TASK(nap_ms);

TEST(ProcessPool, TheArticlesExperimentRunsInParallel) {
    // 10 tasks of 100 ms: serially 1 s, with 5 workers about 0.2 s.
    std::vector<Value> results;
    const double elapsed = seconds_of([&] {
        ProcessPool pool(5);
        results = pool.map(Task("square_after").bind(100), range(10));
    });
    EXPECT_EQ(repr_list(results), "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]");
    EXPECT_GE(elapsed, 0.19);
    EXPECT_LT(elapsed, 0.6 * testing::kSlowdown);  // coarse: well under the serial second
}

TEST(ProcessPool, WorkersAreRealProcesses) {
    ProcessPool pool(3);
    const auto pids = pool.pids();
    ASSERT_EQ(pids.size(), 3u);
    std::set<int> seen;
    for (const Value& v : pool.map(Task("pid_of"), range(60), 1))
        seen.insert(static_cast<int>(v.as_int()));
    EXPECT_EQ(seen.count(::getpid()), 0u);
    for (int pid : seen)
        EXPECT_EQ(std::count(pids.begin(), pids.end(), pid), 1) << pid;
}

TEST(ProcessPool, StarmapUnpacksTuples) {
    ProcessPool pool(2);
    std::vector<Value> args;
    for (int x = 0; x < 6; ++x)
        args.push_back(Value::tuple(x, 0));
    EXPECT_EQ(repr_list(pool.starmap(Task("square_after"), args)), "[0, 1, 4, 9, 16, 25]");
}

TEST(ProcessPool, ApplyAsyncGetWaitReadySuccessful) {
    ProcessPool pool(2);
    std::atomic<int> callbacks{0};
    AsyncResult quick = pool.apply_async(Task("square_after"), {7, 0}, [&](const Outcome& o) {
        if (o.ok && o.value == Value(49)) ++callbacks;
    });
    EXPECT_EQ(quick.get(5s), Value(49));
    EXPECT_TRUE(quick.ready());
    EXPECT_TRUE(quick.successful());

    AsyncResult slow = pool.apply_async(Task("nap_ms"), {300});
    EXPECT_FALSE(slow.ready());
    EXPECT_THROW(slow.successful(), std::logic_error);
    EXPECT_THROW(slow.get(10ms), TimeoutError);
    EXPECT_TRUE(slow.wait(5s));
    EXPECT_EQ(slow.get(), Value(300));

    AsyncResult bad = pool.apply_async(Task("fails_on_three"), {3});
    EXPECT_THROW(bad.get(5s), TaskError);
    EXPECT_FALSE(bad.successful());
    for (int i = 0; i < 100 && callbacks.load() == 0; ++i)
        std::this_thread::sleep_for(10ms);
    EXPECT_EQ(callbacks.load(), 1);
}

TEST(ProcessPool, ImapUnorderedYieldsInCompletionOrder) {
    ProcessPool pool(3);
    // The longest nap first: it must come back last.
    UnorderedResults it = pool.imap_unordered(Task("nap_ms"), {300, 10, 20});
    std::vector<std::size_t> order;
    while (auto r = it.next(5s)) {
        ASSERT_TRUE(r->outcome.ok);
        order.push_back(r->index);
    }
    ASSERT_TRUE(it.exhausted());
    ASSERT_EQ(order.size(), 3u);
    EXPECT_EQ(order.back(), 0u);
}

TEST(ProcessPool, AThrowingTaskFailsAloneWithItsIndexAndMessage) {
    ProcessPool pool(2);
    const auto outcomes = pool.map_settled(Task("fails_on_three"), range(6));
    for (int i = 0; i < 6; ++i)
        EXPECT_EQ(outcomes[static_cast<std::size_t>(i)].ok, i != 3);
    EXPECT_EQ(outcomes[3].error, "three is not allowed");
    try {
        pool.map(Task("fails_on_three"), range(6));
        FAIL();
    } catch (const TaskError& e) {
        EXPECT_EQ(e.index(), 3u);
        EXPECT_STREQ(e.what(), "task 3 failed: three is not allowed");
    }
}

class WorkerDeath : public ::testing::TestWithParam<std::pair<int, const char*>> {};

TEST_P(WorkerDeath, FailsThatTaskOnlyAndReplacesTheWorker) {
    const auto [how, cause] = GetParam();
    ProcessPool pool(2);
    const auto before = pool.pids();
    const auto outcomes = pool.map_settled(Task("dies_on").bind(5, how), range(12), 1);
    for (int i = 0; i < 12; ++i) {
        const Outcome& o = outcomes[static_cast<std::size_t>(i)];
        if (i == 5) {
            EXPECT_FALSE(o.ok);
            EXPECT_NE(o.error.find("pid "), std::string::npos) << o.error;
            EXPECT_NE(o.error.find(cause), std::string::npos) << o.error;
            EXPECT_NE(o.error.find("while running it"), std::string::npos) << o.error;
        } else {
            EXPECT_TRUE(o.ok) << i << ": " << o.error;
            EXPECT_EQ(o.value, Value(i));
        }
    }
    const auto after = pool.pids();
    int replaced = 0;
    for (std::size_t i = 0; i < after.size(); ++i)
        replaced += after[i] != before[i];
    EXPECT_EQ(replaced, 1);
    EXPECT_EQ(pool.map(Task("pid_of"), range(4)).size(), 4u);  // still serving
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
// A sanitizer catches the segfault itself, reports it and ends the worker its own way.
constexpr const char* kSegfaultCause = "pid ";
#else
constexpr const char* kSegfaultCause = "signal 11 (SIGSEGV)";
#endif

std::string death_name(const ::testing::TestParamInfo<std::pair<int, const char*>>& param) {
    static const char* const names[] = {"kill", "segfault", "abort", "exit"};
    return names[param.param.first];
}

INSTANTIATE_TEST_SUITE_P(Causes, WorkerDeath,
                         ::testing::Values(std::make_pair(0, "signal 9 (SIGKILL)"),
                                           std::make_pair(1, kSegfaultCause),
                                           std::make_pair(2, "signal 6 (SIGABRT)"),
                                           std::make_pair(3, "exited with status 7")),
                         death_name);

TEST(ProcessPool, AWorkerKilledFromOutsideMidRun) {
    ProcessPool pool(3);
    std::thread killer([&] {
        std::this_thread::sleep_for(100ms);
        ::kill(pool.pids()[1], SIGKILL);
    });
    const auto outcomes = pool.map_settled(Task("nap_ms"), std::vector<Value>(12, Value(60)), 1);
    killer.join();
    int failed = 0;
    for (const Outcome& o : outcomes)
        failed += o.ok ? 0 : 1;
    EXPECT_LE(failed, 1);  // at most the task it was running; it may have been between tasks
    EXPECT_EQ(pool.map(Task("nap_ms"), {1, 1}).size(), 2u);
}

TEST(ProcessPool, CancelFromAnotherThreadStopsARunQuickly) {
    ProcessPool pool(2);
    std::vector<Outcome> outcomes;
    std::thread canceller([&] {
        std::this_thread::sleep_for(150ms);
        pool.cancel();
    });
    const double elapsed = seconds_of([&] {
        outcomes = pool.map_settled(Task("nap_ms"), std::vector<Value>(20, Value(1000)), 1);
    });
    canceller.join();
    EXPECT_LT(elapsed, 0.15 + 0.5 * testing::kSlowdown);  // 100 ms is the promise; coarse bound
    for (const Outcome& o : outcomes) {
        EXPECT_FALSE(o.ok);
        EXPECT_EQ(o.error, "cancelled");
    }
    EXPECT_EQ(repr_list(pool.map(Task("square_after").bind(0), range(3))), "[0, 1, 4]");
}

TEST(ProcessPool, ACancelReportsOnlyTheTasksThatRan) {
    // Issue 10: a cancel of 200,000 queued tasks settles them in bulk; the observer hears of
    // the tasks that were running, not of every task (which took minutes for 10,000,000).
    std::atomic<int> finished{0};
    PoolOptions options;
    options.observer = [&](const TaskEvent& ev) {
        if (ev.kind == TaskEvent::Kind::Finished) ++finished;
    };
    ProcessPool pool(2, options);
    SettledValues settled;
    std::thread canceller([&] {
        std::this_thread::sleep_for(300ms);
        pool.cancel();
    });
    const double elapsed = seconds_of([&] {
        settled = pool.map_values_settled(Task("nap_ms"), std::vector<Value>(200'000, Value(1000)));
    });
    canceller.join();
    EXPECT_LT(elapsed, 0.3 + 1.0 * testing::kSlowdown);
    EXPECT_LE(finished.load(), 2);  // the two that were running
    ASSERT_EQ(settled.values.size(), 200'000u);
    std::size_t never_ran = 0;
    for (std::size_t i = 0; i < settled.values.size(); ++i)
        never_ran += settled.never_ran(i) ? 1 : 0;
    EXPECT_GE(never_ran, 200'000u - 2);
    for (const auto& [i, error] : settled.errors)
        EXPECT_EQ(error, "cancelled") << i;
}

TEST(ProcessPool, ClosuresAreRefusedWithTheWaysOut) {
    ProcessPool pool(2);
    const int y = 2;
    auto power = [y](const Value& x) { return Value(x.as_int() * y); };
    try {
        pool.map(power, range(3));
        FAIL();
    } catch (const UnsendableTask& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("Can't pickle local object"), std::string::npos);
        EXPECT_NE(what.find("starmap or apply_async"), std::string::npos);
        EXPECT_NE(what.find("ClosurePool"), std::string::npos);
    }
    // A registered plain function pointer is sendable.
    EXPECT_EQ(pool.map(&pid_of, range(2)).size(), 2u);
}

TEST(ProcessPool, CloseJoinTerminate) {
    {
        ProcessPool pool(2);
        EXPECT_THROW(pool.join(), std::logic_error);
        AsyncResult r = pool.apply_async(Task("nap_ms"), {50});
        pool.close();
        EXPECT_THROW(pool.apply_async(Task("nap_ms"), {1}), std::logic_error);
        pool.join();  // waits for the submitted task
        EXPECT_EQ(r.get(0s), Value(50));
        for (int pid : pool.pids())
            EXPECT_EQ(pid, -1);
    }
    {
        ProcessPool pool(2);
        AsyncResult r = pool.apply_async(Task("nap_ms"), {5000});
        const double elapsed = seconds_of([&] { pool.terminate(); });
        EXPECT_LT(elapsed, 2.0 * testing::kSlowdown);
        EXPECT_THROW(r.get(1s), TaskError);
    }
}

TEST(ProcessPool, ObserverSeesEveryStartAndFinishOnTheSharedClock) {
    std::mutex m;
    std::vector<TaskEvent> events;
    PoolOptions options;
    options.report_starts = true;
    options.observer = [&](const TaskEvent& e) {
        std::lock_guard lock(m);
        events.push_back(e);
    };
    const auto t0 = std::chrono::steady_clock::now().time_since_epoch();
    {
        ProcessPool pool(2, options);
        // Starts are sampled every 10 ms: tasks of 300 ms are each seen running.
        pool.map(Task("nap_ms"), {300, 300, 300, 300}, 1);
    }
    const auto t1 = std::chrono::steady_clock::now().time_since_epoch();
    std::size_t starts = 0;
    std::size_t finishes = 0;
    for (const TaskEvent& e : events) {
        EXPECT_GE(e.start_ns, std::chrono::nanoseconds(t0).count());
        EXPECT_LE(e.start_ns, std::chrono::nanoseconds(t1).count());
        EXPECT_NE(e.pid, ::getpid());
        EXPECT_TRUE(e.worker == 0 || e.worker == 1);
        if (e.kind == TaskEvent::Kind::Started) {
            ++starts;
        } else {
            ++finishes;
            EXPECT_GE(e.end_ns - e.start_ns, 299'000'000);
            EXPECT_TRUE(e.ok);
        }
    }
    EXPECT_EQ(starts, 4u);
    EXPECT_EQ(finishes, 4u);
    // Each task's Started comes before its Finished and names the same start.
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (events[i].kind != TaskEvent::Kind::Finished) continue;
        const auto started = std::find_if(
            events.begin(), events.begin() + static_cast<long>(i), [&](const TaskEvent& e) {
                return e.kind == TaskEvent::Kind::Started && e.index == events[i].index;
            });
        ASSERT_NE(started, events.begin() + static_cast<long>(i)) << "task " << events[i].index;
        EXPECT_EQ(started->start_ns, events[i].start_ns);
    }
}

TEST(ProcessPool, TinyTasksCostWorkersNoStartMessages) {
    // Starts are looked up in the workers' slots, not sent: 20,000 tiny tasks report far fewer
    // starts than tasks (a few per 10 ms look), and every Started precedes its task's Finished.
    std::mutex m;
    std::vector<TaskEvent> events;
    PoolOptions options;
    options.report_starts = true;
    options.observer = [&](const TaskEvent& e) {
        std::lock_guard lock(m);
        events.push_back(e);
    };
    std::vector<Value> xs(20'000, Value(0));
    {
        ProcessPool pool(2, options);
        pool.map(Task("nap_ms"), xs, 1);
    }
    std::vector<char> started(xs.size(), 0);
    std::size_t starts = 0;
    std::size_t finishes = 0;
    for (const TaskEvent& e : events) {
        if (e.kind == TaskEvent::Kind::Started) {
            ++starts;
            EXPECT_EQ(started[e.index], 0) << "a Started after its task's Finished";
            started[e.index] = 1;
        } else {
            ++finishes;
            started[e.index] = 2;
        }
    }
    EXPECT_EQ(finishes, xs.size());
    EXPECT_LT(starts, xs.size() / 4);
    EXPECT_EQ(std::count(started.begin(), started.end(), 2), static_cast<long>(xs.size()));
}

TEST(ProcessPool, TwoHundredPoolsLeaveNoDescriptorOrProcess) {
    const int fds_before = testing::open_fds();
    for (int i = 0; i < 200 / testing::kSlowdown; ++i) {
        ProcessPool pool(2);
        if (i % 20 == 0) pool.map(Task("pid_of"), range(4));
    }
    EXPECT_EQ(testing::open_fds(), fds_before);
    EXPECT_TRUE(testing::children().empty());
}

TEST(ProcessPool, BadSizesAreRefused) {
    EXPECT_THROW(ProcessPool(0), std::invalid_argument);
    EXPECT_THROW(ProcessPool(kMaxPoolWorkers + 1), std::invalid_argument);
    EXPECT_EQ(ProcessPool::auto_chunksize(10, 5), 1u);
    EXPECT_EQ(ProcessPool::auto_chunksize(100, 4), 7u);
    EXPECT_EQ(ProcessPool::auto_chunksize(0, 4), 1u);
}

}  // namespace
}  // namespace plab

namespace plab {
namespace {

using testing::range;

std::int64_t huge_result(std::int64_t mib) {
    return static_cast<std::int64_t>(std::string(static_cast<std::size_t>(mib) << 20, 'x').size());
}
std::string huge_string(std::int64_t mib) {
    return std::string(static_cast<std::size_t>(mib) << 20, 'x');
}
PLAB_TASK(huge_result);
PLAB_TASK(huge_string);

TEST(ProcessPool, ATaskPastTheTimeoutIsStoppedAndItsWorkerReplaced) {
    PoolOptions options;
    options.task_timeout = std::chrono::milliseconds(200);
    ProcessPool pool(2, options);
    std::vector<Outcome> outcomes;
    const double elapsed = testing::seconds_of([&] {
        outcomes = pool.map_settled(Task("nap_ms"), {10, 5000, 10, 10, 10}, 1);
    });
    EXPECT_LT(elapsed, 2.0 * testing::kSlowdown);
    EXPECT_FALSE(outcomes[1].ok);
    EXPECT_NE(outcomes[1].error.find("timed out after 0.200 s"), std::string::npos)
        << outcomes[1].error;
    EXPECT_NE(outcomes[1].error.find("was killed and replaced"), std::string::npos)
        << outcomes[1].error;
    for (std::size_t i : {0u, 2u, 3u, 4u})
        EXPECT_TRUE(outcomes[i].ok) << outcomes[i].error;
    EXPECT_EQ(pool.map(Task("nap_ms"), {1, 1, 1}).size(), 3u);
}

TEST(ProcessPool, AResultAboveTheLimitBecomesAnErrorForThatTask) {
    ProcessPool pool(1);
    const auto outcomes = pool.map_settled(Task("huge_string"), {1, 65});
    EXPECT_TRUE(outcomes[0].ok);
    EXPECT_EQ(outcomes[0].value.as_str().size(), 1u << 20);
    EXPECT_FALSE(outcomes[1].ok);
    EXPECT_NE(outcomes[1].error.find("exceeds the limit"), std::string::npos) << outcomes[1].error;
    EXPECT_EQ(pool.map(Task("huge_result"), {1}).front(), Value(1 << 20));
}

}  // namespace
}  // namespace plab
