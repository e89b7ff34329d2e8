// What a worker process may do without harming its parent or its siblings: run out of memory
// outside its task's code, receive the terminal's Ctrl+C, close its own descriptors, or start
// in a host program that closed stdin, stdout and stderr.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "pool/process_pool.h"
#include "pool/worker.h"
#include "pool_inputs.h"
#include "test_support.h"

namespace plab {
namespace {

using testing::range;

using namespace std::chrono_literals;

std::int64_t same(std::int64_t x) {
    return x;
}

// For x == 1: a 32 MiB result, returned after capping this worker's address space a little above
// what it already uses, so that copying the result into the outgoing frame cannot get memory:
// std::bad_alloc is thrown by the worker's codec, after the task's own code returned.
std::string big_result_without_room(std::int64_t x) {
    if (x != 1) return std::to_string(x);
    std::string result(std::size_t{32} << 20, 'x');
    std::ifstream statm("/proc/self/statm");
    unsigned long pages = 0;
    statm >> pages;
    const rlim_t used = static_cast<rlim_t>(pages) * static_cast<rlim_t>(::sysconf(_SC_PAGESIZE));
    const rlimit cap{used + (std::size_t{4} << 20), used + (std::size_t{4} << 20)};
    ::setrlimit(RLIMIT_AS, &cap);
    return result;
}

// Closes every descriptor it has (its pipes too) and goes on running for `seconds`.
std::int64_t close_all_and_sleep(std::int64_t seconds) {
    ::syscall(SYS_close_range, 0U, ~0U, 0U);
    ::sleep(static_cast<unsigned>(seconds));
    return seconds;
}

std::int64_t nap_then_same(std::int64_t ms) {
    ::usleep(static_cast<useconds_t>(ms * 1000));
    return ms;
}

PLAB_TASK(same);
PLAB_TASK(big_result_without_room);
PLAB_TASK(close_all_and_sleep);
PLAB_TASK(nap_then_same);

// One hexadecimal signal set of /proc/PID/status ("SigCgt", "SigIgn", "SigBlk").
std::uint64_t signal_set(int pid, const std::string& field) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(f, line)) {
        if (line.rfind(field + ":", 0) == 0)
            return std::stoull(line.substr(field.size() + 1), nullptr, 16);
    }
    ADD_FAILURE() << "no " << field << " for pid " << pid;
    return 0;
}

constexpr std::uint64_t bit(int sig) {
    return std::uint64_t{1} << (sig - 1);
}

// Runs body in a forked child and returns its wait status; the child ends with body's return
// value as its exit status (alarm: a child that hangs dies of SIGALRM).
template <class F>
int in_child(F&& body) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::alarm(30 * testing::kSlowdown);
        int code = 100;
        try {
            code = body();
        } catch (...) {
            code = 101;
        }
        ::_exit(code);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

TEST(WorkerIsolation, OutOfMemoryWhileEncodingAResultFailsOnlyThatTask) {
#if defined(__SANITIZE_THREAD__)
    GTEST_SKIP() << "ThreadSanitizer's runtime hangs in a worker whose mmap fails (its CHECK "
                    "failure path waits on a lock); the normal and ASan builds run this test";
#endif
    ProcessPool pool(3);
    pool.map(Task("same"), range(6), 1);  // every worker is past its set-up
    const auto before = pool.pids();
    const auto outcomes = pool.map_settled(Task("big_result_without_room"), range(6), 1);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (i == 1) continue;
        EXPECT_TRUE(outcomes[i].ok) << i << ": " << outcomes[i].error;
    }
    ASSERT_FALSE(outcomes[1].ok);
    EXPECT_NE(outcomes[1].error.find("while running it"), std::string::npos) << outcomes[1].error;
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    // (A sanitizer's allocator reports running out of memory itself and ends the worker.)
    EXPECT_NE(outcomes[1].error.find("exited with status " +
                                     std::to_string(detail::kWorkerExitOutOfMemory)),
              std::string::npos)
        << outcomes[1].error;
    EXPECT_NE(outcomes[1].error.find("out of memory"), std::string::npos) << outcomes[1].error;
#endif
    // Its siblings live on: exactly one slot has a new pid, and the pool serves on.
    const auto after = pool.pids();
    int replaced = 0;
    for (std::size_t i = 0; i < after.size(); ++i) {
        replaced += after[i] != before[i];
        if (after[i] == before[i]) {
            EXPECT_TRUE(testing::process_exists(before[i]));
        }
    }
    EXPECT_EQ(replaced, 1);
    EXPECT_EQ(pool.map(Task("same"), range(30)).size(), 30u);
}

TEST(WorkerIsolation, WorkersStartWithDefaultHandlersNoMaskAndSigintIgnored) {
    // A host program with handlers, an ignored signal and a blocked one.
    struct sigaction handler {};
    handler.sa_handler = [](int) {};
    struct sigaction old_usr1 {
    }, old_term{};
    ::sigaction(SIGUSR1, &handler, &old_usr1);
    ::sigaction(SIGTERM, &handler, &old_term);
    ::signal(SIGHUP, SIG_IGN);
    ::signal(SIGPIPE, SIG_IGN);  // as the command line does, to see its write failures
    ::signal(SIGXFSZ, SIG_IGN);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR2);
    sigaddset(&block, SIGINT);
    sigset_t old_mask;
    ::pthread_sigmask(SIG_BLOCK, &block, &old_mask);
    {
        ProcessPool pool(2);
        pool.map(Task("same"), range(4), 1);  // both workers are past their set-up
        const std::uint64_t ignored_here = signal_set(::getpid(), "SigIgn");
        for (int pid : pool.pids()) {
            // (glibc's own signals 32 and 33 keep its handlers: no program can change them.)
            const std::uint64_t caught = signal_set(pid, "SigCgt") & ~(bit(32) | bit(33));
            EXPECT_EQ(caught, 0u) << "worker " << pid << " caught signals";
            EXPECT_EQ(signal_set(pid, "SigBlk"), 0u) << "worker " << pid << " blocked signals";
            // What the host ignores stays ignored (as across exec: nohup keeps working) but
            // SIGPIPE and SIGXFSZ, which a task gets with their default actions, and SIGINT is
            // ignored: the parent decides about cancelling.
            const std::uint64_t expected =
                (ignored_here & ~(bit(SIGPIPE) | bit(SIGXFSZ))) | bit(SIGINT);
            EXPECT_EQ(signal_set(pid, "SigIgn"), expected) << "worker " << pid;
        }
    }
    ::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
    ::sigaction(SIGUSR1, &old_usr1, nullptr);
    ::sigaction(SIGTERM, &old_term, nullptr);
    ::signal(SIGHUP, SIG_DFL);
    ::signal(SIGPIPE, SIG_DFL);
    ::signal(SIGXFSZ, SIG_DFL);
}

TEST(WorkerIsolation, SigintToAWorkerLetsItsTaskFinish) {
    // As the command line does: SIGINT blocked in every thread, taken by sigwait.
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigset_t old_mask;
    ::pthread_sigmask(SIG_BLOCK, &block, &old_mask);
    {
        ProcessPool pool(1);
        AsyncResult r = pool.apply_async(Task("nap_then_same"), {300});
        std::this_thread::sleep_for(100ms);
        ::kill(pool.pids()[0], SIGINT);
        const Outcome o = r.outcome();
        EXPECT_TRUE(o.ok) << o.error;
    }
    ::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
}

TEST(WorkerIsolation, CtrlCToTheWholeProcessGroupFailsNoTask) {
    // The terminal sends SIGINT to the whole foreground process group: workers included.
    const int status = in_child([] {
        ::setpgid(0, 0);
        sigset_t block;
        sigemptyset(&block);
        sigaddset(&block, SIGINT);
        ::pthread_sigmask(SIG_BLOCK, &block, nullptr);
        ProcessPool pool(2);
        auto job = pool.imap_unordered(Task("nap_then_same"), {300, 300, 300, 300}, 1);
        std::this_thread::sleep_for(100ms);
        ::kill(0, SIGINT);
        int failed = 0;
        while (auto next = job.next())
            failed += next->outcome.ok ? 0 : 1;
        const timespec none{0, 0};
        const int taken = ::sigtimedwait(&block, nullptr, &none);  // the parent's own Ctrl+C
        return failed == 0 && taken == SIGINT ? 0 : 10 + failed;
    });
    ASSERT_TRUE(WIFEXITED(status)) << "status " << status;
    EXPECT_EQ(WEXITSTATUS(status), 0) << "10 + the number of failed tasks, or 10: no SIGINT";
}

// One pool (callers lead the I/O when options has no observer, else the collector reads):
// a task closes its pipes and sleeps 30 s while another thread applies and gets.
void closed_pipes_fail_promptly(PoolOptions options) {
    ProcessPool pool(2, std::move(options));
    pool.map(Task("same"), range(4), 1);  // both workers are past their set-up
    const auto before = pool.pids();
    std::atomic<bool> other_done{false};
    std::thread other([&] {  // another thread's apply/get keeps going meanwhile
        for (int i = 0; i < 50; ++i)
            EXPECT_EQ(pool.apply_async(Task("nap_then_same"), {2}).get(), Value(2));
        other_done = true;
    });
    Outcome bad;
    const double elapsed = testing::seconds_of(
        [&] { bad = pool.apply_async(Task("close_all_and_sleep"), {30}).outcome(); });
    other.join();
    EXPECT_LT(elapsed, 3.0 * testing::kSlowdown);
    EXPECT_TRUE(other_done.load());
    ASSERT_FALSE(bad.ok);
    EXPECT_NE(bad.error.find("closed its result pipe"), std::string::npos) << bad.error;
    // The sleeper was killed and reaped, not left running.
    const auto after = pool.pids();
    for (std::size_t i = 0; i < after.size(); ++i) {
        if (after[i] != before[i]) {
            EXPECT_FALSE(testing::process_exists(before[i]));
        }
    }
    EXPECT_EQ(pool.map(Task("same"), range(10)).size(), 10u);
}

TEST(WorkerIsolation, ATaskThatClosesItsDescriptorsFailsPromptlyAndNothingWaitsOnIt) {
    closed_pipes_fail_promptly({});
    PoolOptions observed;
    observed.observer = [](const TaskEvent&) {};
    closed_pipes_fail_promptly(std::move(observed));
}

TEST(WorkerIsolation, APoolServesAHostThatClosedStdinStdoutAndStderr) {
    const int status = in_child([] {
        ::close(0);
        ::close(1);
        ::close(2);
        const int held = ::open("/dev/null", O_RDONLY);  // descriptor 0, until the pool runs
        ProcessPool pool(2);
        ::close(held);  // the host closes stdin while the pool runs: 0, 1 and 2 are all free
        const auto before = pool.pids();
        // The host (a library, a log line) writes to stdout and stderr: closed, so nothing.
        [[maybe_unused]] ssize_t r = ::write(1, "out\n", 4);
        r = ::write(2, "err\n", 4);
        for (int round = 0; round < 4; ++round) {
            const auto values = pool.map(Task("same"), range(20), 1);
            for (int i = 0; i < 20; ++i) {
                if (values[static_cast<std::size_t>(i)] != Value(i)) return 20 + round;
            }
            if (round == 0 && pool.pids() != before) return 30;  // the writes reached a worker
            // Its replacement is forked while descriptors 0-2 are free.
            const int victim = pool.pids()[0];
            ::kill(victim, SIGKILL);
            for (int i = 0; i < 5000 && pool.pids()[0] == victim; ++i)
                ::usleep(1000);
        }
        return 0;
    });
    ASSERT_TRUE(WIFEXITED(status)) << "status " << status;
    EXPECT_EQ(WEXITSTATUS(status), 0) << "20 + the round whose results were wrong; 30: a worker "
                                         "died of the host's writes; 101: threw";
}

}  // namespace
}  // namespace plab
