// `sweep --events - --pace MS`, as the window runs its engine: a run's task lines are held for
// its first MS milliseconds, and after each run the engine waits for a line on its standard
// input before the next; without an answer it never hangs for good.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <string>

#include "../core/test_support.h"
#include "run_binary.h"

using plab::testing::Child;

namespace {

/// How many lines of out start with kind and a tab ("run", "task", "end").
int count_lines(const std::string& out, const std::string& kind) {
    int n = 0;
    const std::string head = kind + "\t";
    for (std::size_t at = 0; at < out.size();) {
        const std::size_t end = out.find('\n', at);
        if (out.compare(at, head.size(), head) == 0) ++n;
        if (end == std::string::npos) break;
        at = end + 1;
    }
    return n;
}

/// A pipe whose read end becomes the child's standard input; the test writes the answers.
struct AnswerPipe {
    int fds[2] = {-1, -1};
    AnswerPipe() { EXPECT_EQ(::pipe2(fds, O_CLOEXEC), 0); }
    ~AnswerPipe() {
        for (int fd : fds)
            if (fd >= 0) ::close(fd);
    }
    void answer() const { ASSERT_EQ(::write(fds[1], "\n", 1), 1); }
    std::function<void()> as_stdin() const {
        return [fd = fds[0]] { ::dup2(fd, 0); };
    }
};

const std::vector<std::string> kTwoRuns = {
    "sweep",   "--strategies", "serial,map", "--workers", "2",      "--tasks", "4",
    "--delay", "300ms",        "--events",   "-",         "--pace", "60000"};

}  // namespace

TEST(CliPace, TaskLinesWaitForTheRunsEndAndTheNextRunForTheAnswer) {
    AnswerPipe stdin_pipe;
    Child engine(kTwoRuns, {}, stdin_pipe.as_stdin());
    // Serial: 4 x 300 ms. Its `run` line comes at once; its task lines only with its end.
    ASSERT_TRUE(engine.wait_for([&] { return count_lines(engine.out(), "run") == 1; },
                                10.0 * plab::testing::kSlowdown));
    engine.pump(700);
    EXPECT_EQ(count_lines(engine.out(), "task") + count_lines(engine.out(), "start"), 0)
        << engine.out();
    ASSERT_TRUE(engine.wait_for([&] { return count_lines(engine.out(), "end") == 1; },
                                10.0 * plab::testing::kSlowdown));
    EXPECT_EQ(count_lines(engine.out(), "task"), 4);
    // No answer yet: the second run does not start.
    engine.pump(800);
    EXPECT_EQ(count_lines(engine.out(), "run"), 1) << engine.out();
    stdin_pipe.answer();
    ASSERT_TRUE(engine.wait_for([&] { return count_lines(engine.out(), "end") == 2; },
                                10.0 * plab::testing::kSlowdown));
    EXPECT_EQ(count_lines(engine.out(), "run"), 2);
    stdin_pipe.answer();
    const plab::testing::Ran r = engine.wait(20.0 * plab::testing::kSlowdown);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(count_lines(r.out, "task"), 8);
    EXPECT_NE(r.out.find("done\t0"), std::string::npos);
}

TEST(CliPace, ARunLongerThanThePaceStreamsItsTasksBeforeItsEnd) {
    // Serial, 6 x 300 ms, paced 200 ms: its first tasks' lines come while it runs, each once.
    AnswerPipe stdin_pipe;
    Child engine({"sweep", "--strategies", "serial", "--tasks", "6", "--delay", "300ms", "--events",
                  "-", "--pace", "200"},
                 {}, stdin_pipe.as_stdin());
    ASSERT_TRUE(engine.wait_for([&] { return count_lines(engine.out(), "task") >= 2; },
                                10.0 * plab::testing::kSlowdown));
    EXPECT_EQ(count_lines(engine.out(), "end"), 0) << engine.out();
    stdin_pipe.answer();
    const plab::testing::Ran r = engine.wait(20.0 * plab::testing::kSlowdown);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(count_lines(r.out, "task"), 6) << r.out;
}

TEST(CliPace, WithoutAReaderOnStandardInputItDoesNotWait) {
    // Standard input at its end (run by hand, or the window gone): no waiting at all.
    Child engine(kTwoRuns, {}, [] {
        const int null = ::open("/dev/null", O_RDONLY);
        ::dup2(null, 0);
    });
    const plab::testing::Ran r = engine.wait(30.0 * plab::testing::kSlowdown);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(count_lines(r.out, "end"), 2);
    EXPECT_LT(r.seconds, 8.0 * plab::testing::kSlowdown);  // 1.2 s + 0.6 s of work, no 10 s waits
}

TEST(CliPace, SigtermWhileWaitingForTheAnswerEndsAtOnce) {
    AnswerPipe stdin_pipe;
    Child engine(kTwoRuns, {}, stdin_pipe.as_stdin());
    ASSERT_TRUE(engine.wait_for([&] { return count_lines(engine.out(), "end") == 1; },
                                10.0 * plab::testing::kSlowdown));
    engine.pump(200);
    ASSERT_EQ(::kill(engine.pid(), SIGTERM), 0);
    const plab::testing::Ran r = engine.wait(10.0 * plab::testing::kSlowdown);
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_LT(r.seconds, 5.0 * plab::testing::kSlowdown);
    EXPECT_NE(r.out.find("done\t1"), std::string::npos) << r.out;
}

TEST(CliPace, PaceIsCheckedLikeEveryOption) {
    Child engine({"sweep", "--pace", "-1", "--events", "-"});
    const plab::testing::Ran r = engine.wait(10.0);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("pace"), std::string::npos) << r.err;
}
