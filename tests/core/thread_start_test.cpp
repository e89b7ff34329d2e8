// thread_map when a thread cannot be created: a clear error in the RunResult, never
// std::terminate. Thread creation is made to fail for real in a forked child: as an
// unprivileged user (root ignores RLIMIT_NPROC) with RLIMIT_NPROC below what the run needs.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "experiment/runner.h"
#include "pool/local_pools.h"
#include "test_support.h"

namespace plab {
namespace {

constexpr uid_t kNobody = 65534;

/// Runs body in a child limited to `processes` processes (threads count) as user nobody;
/// returns what it wrote to its pipe, and its wait status in status.
template <class Body>
std::string in_limited_child(rlim_t processes, int& status, Body body) {
    int p[2];
    if (::pipe(p) != 0) return "pipe failed";
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(p[0]);
        const rlimit lim{processes, processes};
        if (::setrlimit(RLIMIT_NPROC, &lim) != 0 || ::setgid(kNobody) != 0 ||
            ::setuid(kNobody) != 0) {
            ::_exit(3);
        }
        const std::string said = body();
        [[maybe_unused]] const ssize_t w = ::write(p[1], said.data(), said.size());
        ::_exit(0);
    }
    ::close(p[1]);
    std::string out;
    char buf[512];
    for (ssize_t got; (got = ::read(p[0], buf, sizeof buf)) > 0;)
        out.append(buf, static_cast<std::size_t>(got));
    ::close(p[0]);
    ::waitpid(pid, &status, 0);
    return out;
}

TEST(ThreadStart, ThreadMapThatCannotStartItsThreadsFailsTheRunWithAMessage) {
    ExperimentSpec spec;
    spec.strategy = Strategy::ThreadMap;
    spec.workers = 8;
    spec.tasks = 100;
    spec.delay_ns = 0;
    int status = 0;
    // The child itself and two threads fit; the third thread of eight cannot be made.
    const std::string said = in_limited_child(3, status, [&] {
        const RunResult r = run_experiment(spec);
        return r.error + "|" + std::to_string(r.ok()) + "|" + std::to_string(r.failed()) + "|" +
               (r.all_ok() ? "ok" : "failed") + "|" + (r.errors.empty() ? "" : r.errors.front());
    });
    ASSERT_TRUE(WIFEXITED(status)) << "the child ended by signal " << WTERMSIG(status);
    ASSERT_EQ(WEXITSTATUS(status), 0);
    EXPECT_NE(said.find("thread_map could not start thread "), std::string::npos) << said;
    EXPECT_NE(said.find(" of 8: "), std::string::npos) << said;
    EXPECT_NE(said.find(std::strerror(EAGAIN)), std::string::npos) << said;
    EXPECT_NE(said.find("|0|100|failed|thread_map could not start"), std::string::npos) << said;
}

TEST(ThreadStart, ThreadPoolThrowsThreadStartErrorAndRunsNoTask) {
    int status = 0;
    const std::string said = in_limited_child(2, status, []() -> std::string {
        std::atomic<int> ran{0};
        try {
            ThreadPool(4).map_settled(
                [&ran](const Value& x) {
                    ++ran;
                    return x;
                },
                {Value(1), Value(2), Value(3)});
        } catch (const ThreadStartError& e) {
            return std::string(e.what()) + "|ran " + std::to_string(ran.load());
        }
        return "no error";
    });
    ASSERT_TRUE(WIFEXITED(status)) << "the child ended by signal " << WTERMSIG(status);
    // Thread 2 here (a sanitizer's own thread may take the place of thread 1).
    EXPECT_NE(said.find("thread_map could not start thread "), std::string::npos) << said;
    EXPECT_NE(said.find(" of 4: "), std::string::npos) << said;
    EXPECT_NE(said.find("|ran 0"), std::string::npos) << said;
}

}  // namespace
}  // namespace plab
