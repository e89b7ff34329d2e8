// core/pool/proc_tree.h: a child and its child are found below this process with their parents,
// a zombie is still listed (the engine must reap it) with state Z, and a gone pid reads as gone.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "pool/proc_tree.h"

namespace plab {
namespace {

bool has(const std::vector<int>& v, int x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

TEST(ProcTree, ChildrenTheirChildrenParentsAndZombies) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {  // a child with a sleeping child of its own, whose pid it writes
        const pid_t grandchild = ::fork();
        if (grandchild == 0) {
            ::sleep(30);
            ::_exit(0);
        }
        (void)!::write(fds[1], &grandchild, sizeof grandchild);
        ::pause();
        ::_exit(0);
    }
    pid_t grandchild = 0;
    ASSERT_EQ(::read(fds[0], &grandchild, sizeof grandchild),
              static_cast<ssize_t>(sizeof grandchild));
    ::close(fds[0]);
    ::close(fds[1]);

    const std::vector<int> below = process_descendants(::getpid());
    EXPECT_TRUE(has(below, child));
    EXPECT_TRUE(has(below, grandchild));
    EXPECT_EQ(process_parent(child), ::getpid());
    EXPECT_EQ(process_parent(grandchild), child);
    EXPECT_NE(process_state(child), 0);
    EXPECT_EQ(process_descendants(::getpid(), 1).size(), 1U);  // the limit holds

    ::kill(grandchild, SIGKILL);
    ::kill(child, SIGKILL);
    for (int i = 0; i < 400 && process_state(child) != 'Z'; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(process_state(child), 'Z');  // killed, not reaped yet: still below us
    EXPECT_TRUE(has(process_descendants(::getpid()), child));
    ASSERT_EQ(::waitpid(child, nullptr, 0), child);
    EXPECT_EQ(process_state(child), 0);
    EXPECT_EQ(process_parent(child), 0);
    EXPECT_FALSE(has(process_descendants(::getpid()), child));
    EXPECT_TRUE(process_descendants(-1).empty());
}

}  // namespace
}  // namespace plab
