// "Killed repeatedly before running a task" is a worker slot's own streak: deaths of idle
// workers and deaths of other slots do not count, a death while running a task ends the streak
// and fails that one task, and kills from outside fail about one task each.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <thread>

#include "pool/process_pool.h"
#include "pool_inputs.h"
#include "test_support.h"

namespace plab {
namespace {

using testing::range;

using namespace std::chrono_literals;

std::int64_t ident(std::int64_t x) {
    return x;
}
// Kills its own worker when x == victim.
std::int64_t killed_at(std::int64_t x, std::int64_t victim) {
    if (x == victim) ::kill(::getpid(), SIGKILL);
    return x;
}
PLAB_TASK(ident);
PLAB_TASK(killed_at);

// Kills slot's worker and waits until its replacement is published.
void kill_and_wait_for_replacement(ProcessPool& pool, std::size_t slot) {
    const int pid = pool.pids()[slot];
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    for (int i = 0; i < 5000 && pool.pids()[slot] == pid; ++i)
        std::this_thread::sleep_for(1ms);
    ASSERT_NE(pool.pids()[slot], pid);
}

TEST(DeathCount, IdleDeathsThenABusyDeathFailOnlyTheRunningTask) {
    ProcessPool pool(1);
    for (int i = 0; i < 4; ++i)
        kill_and_wait_for_replacement(pool, 0);
    const auto outcomes = pool.map_settled(Task("killed_at").bind(3), range(10), 10);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (i == 3) {
            EXPECT_FALSE(outcomes[i].ok);
            EXPECT_NE(outcomes[i].error.find("while running it"), std::string::npos)
                << outcomes[i].error;
        } else {
            EXPECT_TRUE(outcomes[i].ok) << i << ": " << outcomes[i].error;
        }
    }
}

TEST(DeathCount, KillsEvery2msFailAboutOneTaskEach) {
    // (A million tiny tasks take too long on a loaded 2-core machine; under a sanitizer each
    // fork is ten times slower still.)
    const int tasks = 200'000 / (testing::kSlowdown * testing::kSlowdown);
    ProcessPool pool(4);
    std::atomic<bool> done{false};
    std::atomic<int> kills{0};
    std::thread killer([&] {
        std::mt19937 rng(7);
        while (!done.load()) {
            std::this_thread::sleep_for(2ms);
            const auto pids = pool.pids();
            const int pid = pids[rng() % pids.size()];
            if (pid > 0 && ::kill(pid, SIGKILL) == 0) ++kills;
        }
    });
    std::vector<Outcome> outcomes;
    const double elapsed =
        testing::seconds_of([&] { outcomes = pool.map_settled(Task("ident"), range(tasks)); });
    done = true;
    killer.join();
    int failed = 0;
    std::map<std::string, int> causes;  // error text without its pid
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (!outcomes[i].ok) {
            ++failed;
            const std::string& e = outcomes[i].error;
            ++causes[e.substr(0, e.find("(pid")) + e.substr(std::min(e.size(), e.find(')') + 1))];
        } else {
            EXPECT_EQ(outcomes[i].value, Value(static_cast<std::int64_t>(i)));
        }
    }
    std::printf("%d tasks, %d kills, %d failed, %.2f s\n", tasks, kills.load(), failed, elapsed);
    for (const auto& [cause, n] : causes)
        std::printf("  %6d %s\n", n, cause.c_str());
    EXPECT_LE(failed, kills.load() + 5);
    EXPECT_LT(elapsed, 60.0 * testing::kSlowdown);  // coarse: it ends
}

}  // namespace
}  // namespace plab
