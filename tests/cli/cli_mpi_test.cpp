// The mpi_ strategies for real, on this machine: mpirun starts parallel-lab's rank mode
// (oversubscribed on a small machine), and the article's experiment prints the article's list in
// about ceil(tasks/workers) x delay; with rising durations mpi_scatter straggles and mpi_map
// does not; a dead rank ends the job with a message naming it and leaves nothing running; a
// cancel or a task timeout ends every rank; events and CSVs carry host and rank. LABEL mpi:
// these tests never run at once (RESOURCE_LOCK) and not under TSan. Each mpirun start costs
// about 0.5-1.5 s on a busy 2-core machine: the bounds are coarse.
#include <dirent.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../core/test_support.h"
#include "experiment/event_stream.h"
#include "mpi_test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

using testing::Child;
using testing::elapsed_of;
using testing::processes_with;
using testing::read_file;
using testing::run_binary;
using testing::TempDir;

/// A token in every process the run starts (mpirun passes the environment on to its ranks).
std::string token() {
    return "PLAB_MPI_TEST_TOKEN=" + std::to_string(::getpid()) + "-" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
}

std::vector<events::Event> parsed(const std::string& text) {
    std::vector<events::Event> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        std::string why;
        auto e = events::parse(line, &why);
        EXPECT_TRUE(e) << why;
        if (e) out.push_back(std::move(*e));
    }
    return out;
}

class CliMpi : public ::testing::TestWithParam<std::string> {};

TEST_P(CliMpi, ArticlesExperiment) {
    REQUIRE_MPI();
    const auto r = run_binary(
        {"run", "--strategy", GetParam(), "--workers", "4", "--tasks", "10", "--delay", "0.2"}, 60);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]\nElapsed: ", 0), 0U) << r.out;
    const double elapsed = elapsed_of(r.out);
    EXPECT_GE(elapsed, 0.55) << r.out;  // ceil(10/4) x 0.2 s = 0.6 s; launch is not in it
    EXPECT_LE(elapsed, 1.2) << r.out;
    if (std::thread::hardware_concurrency() < 5) {
        EXPECT_NE(r.err.find("oversubscribed: 5 ranks on"), std::string::npos) << r.err;
    }
}

INSTANTIATE_TEST_SUITE_P(Strategies, CliMpi, ::testing::Values("mpi_map", "mpi_scatter"));

TEST(CliMpiRun, ScatterStragglesWhereMapDoesNot) {
    REQUIRE_MPI();
    TempDir dir;
    const auto tasks_csv = dir.path / "tasks.csv";
    const auto r = run_binary(
        {"sweep", "--strategies", "mpi_map,mpi_scatter", "--workers", "4", "--tasks", "16",
         "--delay", "50ms", "--durations", "rising", "--tasks-csv", tasks_csv.string()},
        90);
    ASSERT_EQ(r.code, 0) << r.err;
    // Per run: elapsed (the largest end), and per rank its busy time.
    std::map<std::string, double> last_end;
    std::map<std::string, std::map<int, double>> busy;
    std::istringstream in(read_file(tasks_csv));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream cells(line);
        for (std::string c; std::getline(cells, c, ',');)
            f.push_back(c);
        ASSERT_GE(f.size(), 17U) << line;
        const double start = std::stod(f[7]);
        const double end = std::stod(f[8]);
        last_end[f[2]] = std::max(last_end[f[2]], end);
        busy[f[2]][std::stoi(f[16])] += end - start;
    }
    // Rising durations: scatter's last block holds the longest tasks (modelled 0.34 vs 0.24 s).
    EXPECT_GT(last_end["mpi_scatter"], 1.25 * last_end["mpi_map"])
        << last_end["mpi_scatter"] << " vs " << last_end["mpi_map"];
    EXPECT_LT(busy["mpi_scatter"][1], busy["mpi_scatter"][4] / 3) << "rank 1's block is light";
}

TEST(CliMpiRun, ACrashedRankEndsTheJobAndNothingIsLeft) {
    REQUIRE_MPI();
    const std::string tok = token();
    const auto r = run_binary({"run", "--strategy", "mpi_map", "--crash-task", "3", "--workers",
                               "3", "--tasks", "6", "--delay", "0.1"},
                              60, {tok});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("was killed by signal 9 (SIGKILL) while running task 3; Open MPI ended "
                         "the whole job"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(" on host "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("task 3: rank "), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("None"), std::string::npos) << r.out;  // task 3 has no value
    std::this_thread::sleep_for(std::chrono::seconds(1));
    EXPECT_EQ(processes_with(tok).size(), 0U) << "a process of the job is still running";
}

/// True once a `start` event is in the stream so far.
bool started(const std::string& events_text) {
    return events_text.find("\nstart\t") != std::string::npos;
}

TEST(CliMpiRun, CancelEndsEveryRank) {
    REQUIRE_MPI();
    const std::string tok = token();
    Child c({"run", "--strategy", "mpi_map", "--workers", "2", "--tasks", "4", "--delay", "5",
             "--events", "-"},
            {tok});
    ASSERT_TRUE(c.wait_for([&] { return started(c.out()); }, 30)) << c.err();
    const auto sent = std::chrono::steady_clock::now();
    ::kill(c.pid(), SIGINT);
    const auto r = c.wait(20);
    EXPECT_EQ(r.code, 1) << r.err;
    // The engine ends the ranks it leaves before it exits: within a second of the cancel.
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
    EXPECT_LT(took, 1.0);
    std::cout << "[ measured ] SIGINT to exit, every rank ended: " << took << " s\n";
    EXPECT_EQ(processes_with(tok).size(), 0U) << "a rank outlived the cancel";
}

TEST(CliMpiRun, TaskTimeoutEndsTheJob) {
    REQUIRE_MPI();
    const std::string tok = token();
    // Tasks of 30 s: a job the timeout did not end would take 30 s more than its launch. The
    // bound leaves room for a slow launch (about 5 s per mpirun in a fresh debootstrap root,
    // whose /etc/hosts does not name the machine).
    const auto r = run_binary({"run", "--strategy", "mpi_map", "--workers", "2", "--tasks", "2",
                               "--delay", "30", "--task-timeout", "0.3"},
                              60, {tok});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_LT(r.seconds, 20.0) << "launch + 0.3 s + the job's end";
    EXPECT_NE(r.err.find("ran longer than the task timeout; MPI cannot stop one rank's task, so "
                         "the lab ended the whole job"),
              std::string::npos)
        << r.err;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_EQ(processes_with(tok).size(), 0U);
}

TEST(CliMpiRun, EventsAndCsvsCarryHostAndRank) {
    REQUIRE_MPI();
    TempDir dir;
    const auto events_path = dir.path / "events.tsv";
    const auto tasks_csv = dir.path / "tasks.csv";
    const auto r =
        run_binary({"run", "--strategy", "mpi_scatter", "--workers", "2", "--tasks", "4", "--delay",
                    "10ms", "--events", events_path.string(), "--tasks-csv", tasks_csv.string()},
                   60);
    ASSERT_EQ(r.code, 0) << r.err;
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    int hosts = 0;
    int tasks = 0;
    for (const events::Event& e : parsed(read_file(events_path))) {
        if (e.kind == events::Event::Kind::Host) {
            ++hosts;
            EXPECT_EQ(e.text, host);
            EXPECT_EQ(e.offset_s, 0.0);  // rank 0's own host
        }
        if (e.kind != events::Event::Kind::Task) continue;
        ++tasks;
        EXPECT_EQ(e.task.host, 0);
        EXPECT_GE(e.task.worker, 1);  // worker = rank; rank 0 is the master
        EXPECT_LE(e.task.worker, 2);
    }
    EXPECT_EQ(hosts, 1);
    EXPECT_EQ(tasks, 4);
    const std::string csv = read_file(tasks_csv);
    EXPECT_NE(csv.find(std::string(",") + host + ",1\r\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find(std::string(",") + host + ",2\r\n"), std::string::npos) << csv;
}

}  // namespace
}  // namespace plab
