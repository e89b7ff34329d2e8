#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "pool/process_pool.h"

namespace plab {
namespace {

std::int64_t long_nap(std::int64_t s) {
    ::sleep(static_cast<unsigned>(s));
    return s;
}
PLAB_TASK(long_nap);

TEST(ParentDeath, WorkersEndWithinASecondOfTheirParent) {
    // Orphans come to us rather than to init, so that we can see them die and reap them.
    ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t owner = ::fork();
    if (owner == 0) {
        ::close(fds[0]);
        ProcessPool pool(3);
        int pids[3];
        for (int i = 0; i < 3; ++i)
            pids[i] = pool.pids()[static_cast<std::size_t>(i)];
        [[maybe_unused]] auto n = ::write(fds[1], pids, sizeof pids);
        pool.map(Task("long_nap"), {30, 30, 30}, 1);  // busy when it is killed
        ::_exit(0);
    }
    ::close(fds[1]);
    int pids[3] = {0, 0, 0};
    ASSERT_EQ(::read(fds[0], pids, sizeof pids), static_cast<ssize_t>(sizeof pids));
    ::close(fds[0]);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_EQ(::kill(owner, SIGKILL), 0);
    ASSERT_EQ(::waitpid(owner, nullptr, 0), owner);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    int gone = 0;
    while (gone < 3 && std::chrono::steady_clock::now() < deadline) {
        for (int& pid : pids) {
            if (pid > 0 && ::waitpid(pid, nullptr, WNOHANG) == pid) {
                pid = 0;
                ++gone;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    for (int pid : pids) {
        if (pid > 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
    }
    ::prctl(PR_SET_CHILD_SUBREAPER, 0);
    EXPECT_EQ(gone, 3) << "workers outlived their parent by more than a second";
}

}  // namespace
}  // namespace plab
