// The three ways to start a worker (--start): fork, spawn and forkserver each run the article's
// experiment, survive a worker's death and its task's timeout, and leave nothing running; a
// spawn or forkserver worker holds nothing of the parent (no memory, no descriptor); the fork
// server dies with its pool and with its parent. This program hosts spawn workers: its own main
// calls run_worker_if_requested first.
#include <dirent.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "experiment/runner.h"
#include "pool/closure_pool.h"
#include "pool/process_pool.h"
#include "pool/start_method.h"
#include "process_tree.h"
#include "test_support.h"

namespace plab {
namespace {

using namespace std::chrono_literals;

// Set by the test before a pool starts: a fork worker sees it, a fresh program does not.
std::int64_t g_mark = 0;

std::int64_t read_mark(std::int64_t) {
    return g_mark;
}

// The worker's open descriptors, from /proc/self/fd (without the one that lists them).
std::string open_descriptors(std::int64_t) {
    std::vector<int> fds;
    DIR* d = ::opendir("/proc/self/fd");
    if (d == nullptr) return "?";
    while (const dirent* e = ::readdir(d)) {
        if (e->d_name[0] == '.') continue;
        const int fd = std::atoi(e->d_name);
        if (fd != ::dirfd(d)) fds.push_back(fd);
    }
    ::closedir(d);
    std::sort(fds.begin(), fds.end());
    std::string out;
    for (const int fd : fds)
        out += (out.empty() ? "" : ",") + std::to_string(fd);
    return out;
}

std::int64_t nap_ms(std::int64_t ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    return ms;
}

PLAB_TASK(read_mark);
PLAB_TASK(open_descriptors);
PLAB_TASK(nap_ms);

using testing::all_gone;
using testing::descendants;

bool running(int pid) {
    return testing::process_running(pid);
}

PoolOptions with(StartMethod m) {
    PoolOptions o;
    o.start = m;
    return o;
}

class StartMethodTest : public ::testing::TestWithParam<StartMethod> {};

INSTANTIATE_TEST_SUITE_P(Each, StartMethodTest,
                         ::testing::Values(StartMethod::Fork, StartMethod::Spawn,
                                           StartMethod::Forkserver),
                         [](const auto& p) { return std::string(start_method_name(p.param)); });

// The article's experiment scaled down: Pool(5).map over 10 tasks of 100 ms, in about 0.2 s.
TEST_P(StartMethodTest, RunsTheArticlesExperiment) {
    ExperimentSpec spec;
    spec.delay_ns = 100'000'000;
    spec.start_method = GetParam();
    const RunResult r = run_experiment(spec);
    ASSERT_TRUE(r.all_ok()) << (r.errors.empty() ? r.refusal : r.errors.front());
    ASSERT_EQ(r.results.size(), 10U);
    for (std::int64_t x = 0; x < 10; ++x)
        EXPECT_EQ(r.results[static_cast<std::size_t>(x)].as_int(), x * x);
    EXPECT_GE(r.elapsed_s, 0.19);
    EXPECT_LT(r.elapsed_s, 0.19 + 1.5 * testing::kSlowdown);
    EXPECT_TRUE(descendants(::getpid()).empty());
}

// A task kills its own worker: that task fails naming the signal, the others run, the worker
// is replaced, and the pool serves on.
TEST_P(StartMethodTest, SurvivesAWorkerCrash) {
    ExperimentSpec spec;
    spec.delay_ns = 10'000'000;
    spec.crash_task = 3;
    spec.start_method = GetParam();
    const RunResult r = run_experiment(spec);
    ASSERT_EQ(r.errors.size(), 1U);
    EXPECT_NE(r.errors.front().find("task 3: worker"), std::string::npos) << r.errors.front();
    EXPECT_NE(r.errors.front().find("SIGKILL"), std::string::npos) << r.errors.front();
    EXPECT_EQ(r.ok(), 9U);

    ProcessPool pool(2, with(GetParam()));
    const std::vector<int> before = pool.pids();
    ::kill(before[0], SIGKILL);
    const std::vector<Value> out = pool.map(Task("nap_ms"), {Value(1), Value(2), Value(3)});
    EXPECT_EQ(out.size(), 3U);
    const auto until = std::chrono::steady_clock::now() + 5s;
    while (pool.pids()[0] == before[0] && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(5ms);
    EXPECT_NE(pool.pids()[0], before[0]);
    EXPECT_TRUE(running(pool.pids()[0]));
}

// A task past the timeout: its worker is killed and replaced, the next task runs.
TEST_P(StartMethodTest, ReplacesATimedOutWorker) {
    PoolOptions o = with(GetParam());
    o.task_timeout = 200ms;
    ProcessPool pool(1, o);
    const Outcome slow = pool.apply_async(Task("nap_ms"), {Value(10'000)}).outcome();
    EXPECT_FALSE(slow.ok);
    EXPECT_NE(slow.error.find("timed out"), std::string::npos) << slow.error;
    const Outcome next = pool.apply_async(Task("nap_ms"), {Value(1)}).outcome();
    EXPECT_TRUE(next.ok) << next.error;
}

// While the pool lives its processes are ours (the server's workers below the server); after
// it, none is left, and no descriptor either.
TEST_P(StartMethodTest, LeavesNoProcessBehind) {
    const int fds_before = testing::open_fds();
    std::vector<int> during;
    {
        ProcessPool pool(4, with(GetParam()));
        pool.map(Task("nap_ms"), {Value(1), Value(1), Value(1), Value(1)});
        during = descendants(::getpid());
        EXPECT_EQ(during.size(), GetParam() == StartMethod::Forkserver ? 5U : 4U);
        for (const int pid : pool.pids())
            EXPECT_NE(std::find(during.begin(), during.end(), pid), during.end());
    }
    EXPECT_TRUE(descendants(::getpid()).empty());
    EXPECT_TRUE(all_gone(during, 0ms));
    EXPECT_EQ(testing::open_fds(), fds_before);
}

// The same with tasks still running: terminate kills and reaps them all, the server too.
TEST_P(StartMethodTest, TerminateLeavesNoProcessBehind) {
    std::vector<int> during;
    {
        ProcessPool pool(3, with(GetParam()));
        AsyncResult r = pool.apply_async(Task("nap_ms"), {Value(30'000)});
        std::this_thread::sleep_for(50ms);
        during = descendants(::getpid());
        pool.terminate();
        EXPECT_FALSE(r.outcome().ok);
    }
    EXPECT_FALSE(during.empty());
    EXPECT_TRUE(all_gone(during, 2s));
    EXPECT_TRUE(descendants(::getpid()).empty());
}

// A global the parent changed before the pool: a fork worker is a copy and sees it; a spawn
// worker is a fresh program, a forkserver worker a copy of a fresh server: neither does.
TEST_P(StartMethodTest, WorkersSeeTheParentsMemoryOnlyUnderFork) {
    g_mark = 42;
    ProcessPool pool(1, with(GetParam()));
    const std::int64_t seen = pool.apply_async(Task("read_mark"), {Value(0)}).get().as_int();
    g_mark = 0;
    EXPECT_EQ(seen, GetParam() == StartMethod::Fork ? 42 : 0);
}

// No worker holds a descriptor of the parent beyond stdio and its two pipes, not even one the
// parent left inheritable.
TEST_P(StartMethodTest, WorkersHoldOnlyTheirPipes) {
    int leak[2];
    ASSERT_EQ(::pipe(leak), 0);  // no O_CLOEXEC: an exec would pass these on
    const int file = ::open("/dev/null", O_RDONLY);
    ASSERT_GE(file, 0);
    ProcessPool pool(2, with(GetParam()));
    const std::vector<int> pids = pool.pids();
    const std::string fds = pool.apply_async(Task("open_descriptors"), {Value(0)}).get().as_str();
    ::close(leak[0]);
    ::close(leak[1]);
    ::close(file);
    if (GetParam() == StartMethod::Spawn) {
        EXPECT_EQ(fds, "0,1,2,3,4");  // the pipes on their known numbers
    } else {
        ASSERT_FALSE(fds.empty());
        EXPECT_EQ(std::count(fds.begin(), fds.end(), ','), 4) << fds;
    }
    // And each is a pipe, seen from outside.
    for (const int pid : pids) {
        for (const int fd : {3, 4}) {
            if (GetParam() != StartMethod::Spawn) break;
            char target[256] = {};
            const std::string link = "/proc/" + std::to_string(pid) + "/fd/" + std::to_string(fd);
            ASSERT_GT(::readlink(link.c_str(), target, sizeof target - 1), 0) << link;
            EXPECT_EQ(std::string(target).rfind("pipe:", 0), 0U) << target;
        }
    }
}

// pathos_map needs the parent's memory: under spawn and forkserver it is refused with the
// reason, as Python refuses to pickle a local function; thread_map ignores the start method.
TEST_P(StartMethodTest, ClosuresRunOnlyUnderFork) {
    ExperimentSpec spec;
    spec.delay_ns = 0;
    spec.strategy = Strategy::PathosMap;
    spec.start_method = GetParam();
    const RunResult r = run_experiment(spec);
    if (GetParam() == StartMethod::Fork) {
        EXPECT_TRUE(r.all_ok());
    } else {
        EXPECT_NE(r.refusal.find("power_factory(2)"), std::string::npos) << r.refusal;
        EXPECT_NE(r.refusal.find(std::string(start_method_name(GetParam()))), std::string::npos);
        EXPECT_NE(r.refusal.find("none of the parent's memory"), std::string::npos);
    }
    spec.strategy = Strategy::ThreadMap;
    EXPECT_TRUE(run_experiment(spec).all_ok());
}

// The fork server is ours; its workers are its children, not ours.
TEST(StartMethodForkserver, WorkersAreChildrenOfTheServer) {
    ProcessPool pool(3, with(StartMethod::Forkserver));
    const std::vector<int> kids = testing::children();
    ASSERT_EQ(kids.size(), 1U);
    for (const int pid : pool.pids()) {
        std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
        std::string line;
        std::getline(f, line);
        const std::string after = line.substr(line.rfind(')') + 4);
        EXPECT_EQ(std::stoi(after), kids.front()) << line;
    }
}

// The server dies with its parent: a child process starts a forkserver pool and is killed
// with SIGKILL; the server and its workers follow it.
TEST(StartMethodForkserver, DiesWithItsParent) {
    int report[2];
    ASSERT_EQ(::pipe(report), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(report[0]);
        ProcessPool pool(3, with(StartMethod::Forkserver));
        std::vector<int> all = descendants(::getpid());
        const auto n = static_cast<int>(all.size());
        [[maybe_unused]] ssize_t w = ::write(report[1], &n, sizeof n);
        w = ::write(report[1], all.data(), all.size() * sizeof(int));
        ::pause();
        ::_exit(0);
    }
    ::close(report[1]);
    int n = 0;
    ASSERT_EQ(::read(report[0], &n, sizeof n), static_cast<ssize_t>(sizeof n));
    ASSERT_EQ(n, 4);  // the server and its three workers
    std::vector<int> pids(static_cast<std::size_t>(n));
    ASSERT_EQ(::read(report[0], pids.data(), pids.size() * sizeof(int)),
              static_cast<ssize_t>(pids.size() * sizeof(int)));
    ::close(report[0]);
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    EXPECT_TRUE(all_gone(pids, 3s));
}

}  // namespace
}  // namespace plab

int main(int argc, char** argv) {
    if (const auto worker = plab::run_worker_if_requested(argc, argv)) return *worker;
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
