// Fault injection: thousands of tasks while workers die in every way a process can, from inside
// (signals, abort, _exit, a task that never returns) and from outside (kill -9 at random).
// Every task must end exactly once, with its value or a clear error, and the pool must go on.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <random>
#include <thread>

#include "pool/process_pool.h"
#include "test_support.h"

namespace plab {
namespace {

using namespace std::chrono_literals;

enum class Fate { Value, Kill, Segfault, Abort, Exit, Hang };

Fate fate_of(std::int64_t x) {
    std::uint64_t h = static_cast<std::uint64_t>(x) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
    switch (h % 400) {
        case 0:
            return Fate::Kill;
        case 1:
            return Fate::Segfault;
        case 2:
            return Fate::Abort;
        case 3:
            return Fate::Exit;
        case 4:
            return Fate::Hang;
        default:
            return Fate::Value;
    }
}

std::int64_t chaos(std::int64_t x) {
    switch (fate_of(x)) {
        case Fate::Kill:
            ::kill(::getpid(), SIGKILL);
            break;
        case Fate::Segfault:
            ::raise(SIGSEGV);
            break;
        case Fate::Abort:
            std::abort();
        case Fate::Exit:
            ::_exit(3);
        case Fate::Hang:
            ::pause();
            break;
        case Fate::Value:
            break;
    }
    return x;
}
PLAB_TASK(chaos);

// Kills one of pool's workers at random every 25 ms, from outside, until stop().
class RandomKiller {
  public:
    RandomKiller(ProcessPool& pool, unsigned seed)
        : thread_([this, &pool, seed] {
              std::mt19937 rng(seed);
              while (!done_.load()) {
                  std::this_thread::sleep_for(25ms);
                  const auto pids = pool.pids();
                  const int pid = pids[rng() % pids.size()];
                  if (pid > 0 && ::kill(pid, SIGKILL) == 0) ++kills_;
              }
          }) {}
    ~RandomKiller() { stop(); }
    RandomKiller(const RandomKiller&) = delete;
    RandomKiller& operator=(const RandomKiller&) = delete;
    /// Stops killing; returns how many workers it killed.
    int stop() {
        done_ = true;
        if (thread_.joinable()) thread_.join();
        return kills_.load();
    }

  private:
    std::atomic<bool> done_{false};
    std::atomic<int> kills_{0};
    std::thread thread_;
};

TEST(FaultInjection, EveryTaskEndsExactlyOnceWhileWorkersDie) {
    constexpr int kTasks = 10'000 / testing::kSlowdown;
    std::vector<std::atomic<int>> finished(kTasks);
    PoolOptions options;
    options.task_timeout = 100ms;
    options.observer = [&](const TaskEvent& e) {
        if (e.kind == TaskEvent::Kind::Finished) finished[e.index].fetch_add(1);
    };
    const int fds_before = testing::open_fds();
    {
        ProcessPool pool(4, options);
        RandomKiller killer(pool, 42);
        std::vector<Value> xs;
        for (int i = 0; i < kTasks; ++i)
            xs.emplace_back(i);
        const auto outcomes = pool.map_settled(Task("chaos"), xs, 3);
        const int outside_kills = killer.stop();

        int failed = 0;
        for (int i = 0; i < kTasks; ++i) {
            const Outcome& o = outcomes[static_cast<std::size_t>(i)];
            ASSERT_EQ(finished[static_cast<std::size_t>(i)].load(), 1) << "task " << i;
            const Fate f = fate_of(i);
            if (f != Fate::Value) {
                EXPECT_FALSE(o.ok) << "task " << i << " should have died";
                if (f == Fate::Hang) {
                    const bool timed_out =
                        o.error.find("timed out after 0.100 s") != std::string::npos;
                    const bool killed = o.error.find("SIGKILL") != std::string::npos;
                    EXPECT_TRUE(timed_out || killed) << o.error;
                }
            }
            if (o.ok) {
                EXPECT_EQ(o.value, Value(i));
            } else {
                ++failed;
                EXPECT_NE(o.error.find("worker "), std::string::npos) << o.error;
            }
        }
        EXPECT_GT(outside_kills, 0);
        EXPECT_LT(failed, kTasks / 10) << "far more failures than faults injected";
        EXPECT_EQ(pool.map(Task("chaos"), {5, 6, 7}).size(), 3u);  // still serving
    }
    EXPECT_EQ(testing::open_fds(), fds_before);
    EXPECT_TRUE(testing::children().empty());
}

// The same chaos on a pool with neither observer nor task timeout, where callers dispatch and
// waiting threads lead the I/O: a map and a loop of apply().get() from two threads at once,
// while workers die. (No hanging tasks here: without a timeout nothing would stop them.)
TEST(FaultInjection, LeadersAndTheCollectorShareThePipesWhileWorkersDie) {
    std::vector<Value> xs;
    for (int i = 0; static_cast<int>(xs.size()) < 6'000 / testing::kSlowdown; ++i) {
        if (fate_of(i) != Fate::Hang) xs.emplace_back(i);
    }
    const int fds_before = testing::open_fds();
    {
        ProcessPool pool(3);
        RandomKiller killer(pool, 7);
        std::atomic<int> apply_wrong{0};
        std::atomic<int> apply_failed{0};
        std::thread applier([&] {
            for (int i = 0; i < 1'500 / testing::kSlowdown; ++i) {
                const Outcome o =
                    pool.apply_async(Task("chaos"), {xs[static_cast<std::size_t>(i)]}).outcome();
                if (o.ok && o.value != xs[static_cast<std::size_t>(i)]) ++apply_wrong;
                if (!o.ok) ++apply_failed;
            }
        });
        const auto outcomes = pool.map_settled(Task("chaos"), xs, 3);
        applier.join();
        const int outside_kills = killer.stop();

        int failed = 0;
        for (std::size_t i = 0; i < xs.size(); ++i) {
            const Outcome& o = outcomes[i];
            if (fate_of(xs[i].as_int()) != Fate::Value) {
                EXPECT_FALSE(o.ok) << "task " << i << " should have died";
            }
            if (o.ok) {
                EXPECT_EQ(o.value, xs[i]);
            } else {
                ++failed;
                EXPECT_NE(o.error.find("worker "), std::string::npos) << o.error;
            }
        }
        EXPECT_EQ(apply_wrong.load(), 0);
        EXPECT_GT(outside_kills, 0);
        EXPECT_LT(failed, static_cast<int>(xs.size()) / 10) << "far more failures than faults";
        EXPECT_LT(apply_failed.load(), 1'500 / testing::kSlowdown / 10);
        EXPECT_EQ(pool.map(Task("chaos"), {5, 6, 7}).size(), 3u);  // still serving
    }
    EXPECT_EQ(testing::open_fds(), fds_before);
    EXPECT_TRUE(testing::children().empty());
}

std::int64_t echo(std::int64_t x) {
    return x;
}
PLAB_TASK(echo);

TEST(FaultInjection, AThousandPoolsLeaveNoDescriptorOrProcess) {
    const int fds_before = testing::open_fds();
    for (int i = 0; i < 1000 / testing::kSlowdown; ++i) {
        ProcessPool pool(1 + i % 3);
        if (i % 50 == 0) {
            EXPECT_EQ(pool.map(Task("echo"), {1, 2}).size(), 2u);
        }
    }
    EXPECT_EQ(testing::open_fds(), fds_before);
    EXPECT_TRUE(testing::children().empty());
}

TEST(FaultInjection, WorkersInheritOnlyTheirOwnDescriptors) {
    ProcessPool pool(2);
    pool.map(Task("echo"), {1, 2, 3, 4}, 1);  // both workers are past their set-up
    for (int pid : pool.pids()) {
        // stdin, stdout, stderr and its two pipe ends: nothing of the parent's, nothing of a
        // sibling's.
        int n = 0;
        for (const auto& e :
             std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) {
            (void)e;
            ++n;
        }
        EXPECT_LE(n, 5) << "worker " << pid;
    }
}

}  // namespace
}  // namespace plab
