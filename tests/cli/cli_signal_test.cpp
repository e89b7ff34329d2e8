// Signals sent to the real binary at the phase in question: a cancel while outputs are written
// (to a FIFO nobody reads, into a large CSV), a second signal, and a stray SIGUSR2 that must not
// take Ctrl+C away.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "../core/test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

namespace fs = std::filesystem;
using testing::Child;
using testing::TempDir;
using testing::temporaries;

double since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

/// The command printed its results: it is in the output phase now.
bool printed_results(const Child& c) {
    return c.out().find("Elapsed: ") != std::string::npos;
}

class CancelAFifoWithoutReader : public ::testing::TestWithParam<int> {};

TEST_P(CancelAFifoWithoutReader, StopsAtOnceAndExitsOne) {
    TempDir d;
    const auto fifo = d.path / "runs.csv";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
    Child c({"run", "--tasks", "2", "--workers", "2", "--delay", "0", "--csv", fifo.string()});
    ASSERT_TRUE(c.wait_for([&] { return printed_results(c); }, 20)) << c.err();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // now waiting for a reader
    const auto t = std::chrono::steady_clock::now();
    ::kill(c.pid(), GetParam());
    const auto r = c.wait(5);
    EXPECT_FALSE(r.timed_out);
    EXPECT_LT(since(t), 0.1 * testing::kSlowdown + 0.1);  // 100 ms, and slack for a busy machine
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("cancelled while waiting to write " + fifo.string()), std::string::npos)
        << r.err;
    EXPECT_EQ(temporaries(d.path), 0);
}

INSTANTIATE_TEST_SUITE_P(Signals, CancelAFifoWithoutReader, ::testing::Values(SIGINT, SIGTERM));

TEST(CliSignal, CancelWhileAReaderStopsReadingAFifo) {
    TempDir d;
    const auto fifo = d.path / "tasks.csv";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
    // O_RDWR keeps a reader on the FIFO that never reads: the pipe fills and the writer waits.
    const int reader = ::open(fifo.c_str(), O_RDWR | O_CLOEXEC);
    ASSERT_GE(reader, 0);
    Child c({"run", "--strategy", "serial", "--tasks", "20000", "--delay", "0", "--tasks-csv",
             fifo.string()});
    ASSERT_TRUE(c.wait_for([&] { return printed_results(c); }, 20)) << c.err();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the pipe is full by now
    const auto t = std::chrono::steady_clock::now();
    ::kill(c.pid(), SIGINT);
    const auto r = c.wait(5);
    ::close(reader);
    EXPECT_LT(since(t), 0.1 * testing::kSlowdown + 0.1);
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("cancelled while writing " + fifo.string()), std::string::npos) << r.err;
}

TEST(CliSignal, CancelWhileAStdoutReaderStopsReading) {
    // The test reads nothing from the child's stdout until it has sent the signal: the results
    // list (about 1.3 MB) fills the pipe. The event stream says when the run has ended.
    TempDir d;
    const auto events = d.path / "events.txt";
    Child c({"run", "--strategy", "serial", "--tasks", "200000", "--delay", "0", "--exponent", "1",
             "--events", events.string()});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (testing::read_file(events).find("\nend\t") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // stuck on a full pipe now
    const auto t = std::chrono::steady_clock::now();
    ::kill(c.pid(), SIGINT);
    const auto r = c.wait(10);
    EXPECT_LT(since(t), 0.1 * testing::kSlowdown + 0.1);
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("cancelled while writing standard output"), std::string::npos) << r.err;
    EXPECT_NE(testing::read_file(events).find("\ndone\t1\n"), std::string::npos);
}

/// Starts a run whose tasks CSV takes a while to write and waits until its temporary file
/// exists (after the results were printed: the check before the run makes one too, briefly).
bool start_writing_a_large_csv(Child& c, const fs::path& dir) {
    return c.wait_for([&] { return printed_results(c) && temporaries(dir) > 0; }, 60);
}

std::vector<std::string> large_csv_args(const fs::path& out) {
    return {"run", "--strategy", "serial", "--tasks",     "500000",    "--delay",
            "0",   "--exponent", "1",      "--tasks-csv", out.string()};
}

TEST(CliSignal, CancelWhileACsvIsWrittenLeavesNoTemporaryAndTheOldFile) {
    TempDir d;
    const auto out = d.path / "tasks.csv";
    { std::ofstream(out) << "old"; }
    Child c(large_csv_args(out));
    ASSERT_TRUE(start_writing_a_large_csv(c, d.path)) << c.err();
    const auto t = std::chrono::steady_clock::now();
    ::kill(c.pid(), SIGINT);
    const auto r = c.wait(10);
    EXPECT_LT(since(t), 0.1 * testing::kSlowdown + 0.1);
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("cancelled while writing " + out.string()), std::string::npos) << r.err;
    EXPECT_EQ(temporaries(d.path), 0);
    EXPECT_EQ(testing::read_file(out), "old");
}

TEST(CliSignal, ASecondSignalCleansUpToo) {
    TempDir d;
    const auto out = d.path / "tasks.csv";
    Child c(large_csv_args(out));
    ASSERT_TRUE(start_writing_a_large_csv(c, d.path)) << c.err();
    ::kill(c.pid(), SIGTERM);
    ::kill(c.pid(), SIGTERM);
    const auto r = c.wait(10);
    EXPECT_TRUE(r.code == 1 || r.code == 130) << r.code << ": " << r.err;
    EXPECT_EQ(temporaries(d.path), 0);
    EXPECT_FALSE(fs::exists(out));
}

TEST(CliSignal, AStraySigusr2LeavesCtrlCWorking) {
    Child c({"run", "--tasks", "10", "--workers", "5", "--delay", "1s"});
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ::kill(c.pid(), SIGUSR2);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto t = std::chrono::steady_clock::now();
    ::kill(c.pid(), SIGINT);
    const auto r = c.wait(10);
    EXPECT_LT(since(t), 1.0 * testing::kSlowdown);  // the run alone takes 2 s
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("cancelled"), std::string::npos) << r.err;
}

TEST(CliSignal, SigtermEndsATenMillionTaskRunAtOnceWithWholeLines) {
    // Issue 10: 10,000,000 tasks of 1 s on 4 workers, cancelled once they run. The queued
    // tasks end in bulk, without an event or an error line each: this took minutes when each
    // made a `task` line.
    TempDir d;
    const auto events = d.path / "events.txt";
    // Under a sanitizer (every step ten times slower) a tenth of the tasks: still a million
    // queued tasks that a per-task settlement would take minutes over.
    Child c({"run", "--tasks", std::to_string(10'000'000 / testing::kSlowdown), "--workers", "4",
             "--delay", "1s", "--events", events.string()});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (testing::read_file(events).find("\nstart\t") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto t = std::chrono::steady_clock::now();
    ::kill(c.pid(), SIGTERM);
    const auto r = c.wait(60);
    EXPECT_FALSE(r.timed_out);
    EXPECT_LT(since(t), 1.0 * testing::kSlowdown + 1.0);  // about 0.5 s here; coarse bound
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("map with 4 workers was cancelled"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.rfind("Cancelled: ", 0), 0u) << r.out.substr(0, 200);  // not 10M x None
    EXPECT_LT(r.out.size(), 200u);
    const std::string text = testing::read_file(events);
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.back(), '\n');
    EXPECT_NE(text.find("\ndone\t1\n"), std::string::npos);
    std::size_t tasks = 0;
    for (std::size_t at = 0; (at = text.find("\ntask\t", at)) != std::string::npos; ++at)
        ++tasks;
    // Only the tasks that were running get a line (under a sanitizer the cancel is slower, and
    // a few more tasks of 1 s may have started meanwhile): never the ten million queued ones.
    EXPECT_LE(tasks, 4u * testing::kSlowdown) << "only the tasks that were running get a line";
}

}  // namespace
}  // namespace plab
