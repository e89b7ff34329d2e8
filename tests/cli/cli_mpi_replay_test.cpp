// The engine side of the mpi_ strategies without Open MPI: a fake mpirun
// (fixtures/fake_mpirun.sh) replays rank 0's lines, or mpirun's words about a dead rank, and
// the real binary reads them into its list, events and CSVs; a cancel or a task timeout ends
// the fake job and the process standing for its rank. Runs everywhere (TSan too): no MPI.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../core/process_tree.h"
#include "../core/test_support.h"
#include "experiment/event_stream.h"
#include "mpi_test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

using testing::Child;
using testing::host_name;
using testing::read_file;
using testing::run_binary;
using testing::TempDir;

/// The fake's environment: which scenario, and a module file that exists (the fixture itself)
/// so that the engine's availability check passes without Open MPI.
std::vector<std::string> fake(const std::string& scenario) {
    return {"FAKE_MPIRUN=" + scenario, std::string("PLAB_MPI_MODULE=") + PLAB_FAKE_MPIRUN};
}

std::vector<std::string> args(std::vector<std::string> extra) {
    std::vector<std::string> a = {"run", "--strategy", "mpi_map", "--mpirun", PLAB_FAKE_MPIRUN};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
}

TEST(CliMpiReplay, RanksLinesBecomeTheListEventsAndCsvs) {
    TempDir dir;
    const auto events = dir.path / "events.tsv";
    const auto tasks_csv = dir.path / "tasks.csv";
    const auto runs_csv = dir.path / "runs.csv";
    const auto argv_file = dir.path / "argv";
    std::vector<std::string> env = fake("ok");
    env.push_back("FAKE_MPIRUN_ARGV=" + argv_file.string());
    const auto r = run_binary(args({"--workers", "3", "--tasks", "6", "--events", events.string(),
                                    "--tasks-csv", tasks_csv.string(), "--csv", runs_csv.string()}),
                              30, env);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "[0, 1, 4, 9, 16, 25]\nElapsed: 0.123457\n");  // rank 0's elapsed

    // mpirun was given the job: 4 ranks (rank 0 the master), then this program's rank mode.
    const std::string given = read_file(argv_file);
    EXPECT_NE(given.find("-np\n4\n"), std::string::npos) << given;
    EXPECT_NE(given.find("--plab-mpi-rank\n1\n"), std::string::npos) << given;
    EXPECT_EQ(given.find("--allow-run-as-root") != std::string::npos, ::geteuid() == 0) << given;

    int hosts = 0;
    int tasks = 0;
    std::string text = read_file(events);
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t nl = text.find('\n', at);
        const std::string line = text.substr(at, nl - at);
        at = nl + 1;
        std::string why;
        const auto e = events::parse(line, &why);
        ASSERT_TRUE(e) << why;
        if (e->kind == events::Event::Kind::Host) {
            ++hosts;
            EXPECT_EQ(e->text, host_name());
            EXPECT_EQ(e->host, 0);
        }
        if (e->kind == events::Event::Kind::Task) {
            ++tasks;
            EXPECT_EQ(e->task.host, 0) << line;
            EXPECT_EQ(e->task.worker, 1 + e->task.task % 3) << line;  // the rank that ran it
        }
    }
    EXPECT_EQ(hosts, 1);
    EXPECT_EQ(tasks, 6);
    const std::string csv = read_file(tasks_csv);
    EXPECT_NE(csv.find(",planned_duration_s,host,rank\r\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",parallel,1.000000," + host_name() + ",2\r\n"), std::string::npos) << csv;
    const std::string runs = read_file(runs_csv);
    EXPECT_NE(runs.find("," + host_name() + ",0.000000\r\n"), std::string::npos) << runs;
}

TEST(CliMpiReplay, ADeadRankIsNamedWithItsHostPidAndSignal) {
    const auto r = run_binary(args({"--workers", "3", "--tasks", "6"}), 30, fake("crash"));
    EXPECT_EQ(r.code, 1) << r.err;
    // Open MPI said "PID 0": the pid comes from rank 2's own line (the fake's pid).
    EXPECT_NE(r.err.find("rank 2 on host " + host_name() + " (pid "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("was killed by signal 9 (SIGKILL) while running task 1; Open MPI ended "
                         "the whole job"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("5 tasks did not finish"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("task 1: rank 2 on host"), std::string::npos) << r.err;
}

/// The pid of the process standing for rank 1 in the hang scenario, from the events so far.
int rank_pid(const std::string& events_text) {
    for (std::size_t at = 0; at < events_text.size();) {
        const std::size_t nl = events_text.find('\n', at);
        if (nl == std::string::npos) break;
        const auto e = events::parse(events_text.substr(at, nl - at));
        at = nl + 1;
        if (e && e->kind == events::Event::Kind::Start) return e->task.pid;
    }
    return 0;
}

TEST(CliMpiReplay, CancelEndsTheJobAndTheRanksItLeft) {
    Child c(args({"--workers", "2", "--tasks", "2", "--events", "-"}), fake("hang"));
    ASSERT_TRUE(c.wait_for([&] { return rank_pid(c.out()) > 0; }, 20)) << c.err();
    const int rank = rank_pid(c.out());
    ASSERT_TRUE(testing::process_running(rank));
    ::kill(c.pid(), SIGINT);
    const auto r = c.wait(10);
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_LT(r.seconds, 10.0);
    EXPECT_TRUE(testing::all_gone({rank}, std::chrono::milliseconds(1000)))
        << "the rank's stand-in (its own process group) is still running";
    EXPECT_NE(r.err.find("was cancelled"), std::string::npos) << r.err;
}

TEST(CliMpiReplay, ATaskPastTheTimeoutEndsTheWholeJob) {
    Child c(args({"--workers", "2", "--tasks", "2", "--task-timeout", "0.3", "--events", "-"}),
            fake("hang"));
    ASSERT_TRUE(c.wait_for([&] { return rank_pid(c.out()) > 0; }, 20)) << c.err();
    const int rank = rank_pid(c.out());
    const auto r = c.wait(20);
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_LT(r.seconds, 10.0);
    EXPECT_NE(r.err.find("task 0 (rank 1 on " + host_name() +
                         ") ran longer than the task timeout; MPI cannot stop one rank's task"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(testing::all_gone({rank}, std::chrono::milliseconds(1000)));
}

TEST(CliMpiReplay, ALineOutsideTheProtocolStopsTheRun) {
    const auto r = run_binary(args({"--workers", "2", "--tasks", "2"}), 30, fake("garbage"));
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("rank 0 wrote a line the lab cannot read (an unknown kind of line)"),
              std::string::npos)
        << r.err;
}

TEST(CliMpiReplay, RankZerosSerialPartIsReportedAsThePoolsParentsIs) {
    TempDir dir;
    const auto events = dir.path / "events.tsv";
    const auto tasks_csv = dir.path / "tasks.csv";
    const auto argv_file = dir.path / "argv";
    std::vector<std::string> env = fake("serial");
    env.push_back("FAKE_MPIRUN_ARGV=" + argv_file.string());
    const auto r =
        run_binary(args({"--workers", "2", "--tasks", "4", "--delay", "0.1", "--serial-fraction",
                         "0.5", "--events", events.string(), "--tasks-csv", tasks_csv.string()}),
                   30, env);
    ASSERT_EQ(r.code, 0) << r.err;
    // The ranks are told the serial part (F x tasks x delay) and the parallel part's delay.
    const std::string given = read_file(argv_file);
    EXPECT_NE(given.find("\nserial_ns=200000000\n"), std::string::npos) << given;
    EXPECT_NE(given.find("\ndelay_ns=50000000\n"), std::string::npos) << given;
    // As the pool's runner reports its parent's part: serial-start, then serial with its times.
    bool start = false;
    bool part = false;
    std::istringstream lines(read_file(events));
    for (std::string line; std::getline(lines, line);) {
        std::string why;
        const auto e = events::parse(line, &why);
        ASSERT_TRUE(e) << why << ": " << line;
        if (e->kind == events::Event::Kind::SerialStart) start = true;
        if (e->kind != events::Event::Kind::Serial) continue;
        part = true;
        EXPECT_TRUE(start);
        EXPECT_NEAR(e->task.start_s, 0.0, 1e-9);
        EXPECT_NEAR(e->task.end_s, 0.2, 1e-9);
        EXPECT_TRUE(e->task.ok);
    }
    EXPECT_TRUE(start && part) << read_file(events);
    EXPECT_NE(read_file(tasks_csv).find(",0.000000,0.200000,0.200000,1,,,serial,"),
              std::string::npos)
        << read_file(tasks_csv);
}

TEST(CliMpiReplay, ATaskWhoseBytesDidNotComeBackFails) {
    TempDir dir;
    const auto tasks_csv = dir.path / "tasks.csv";
    const auto r = run_binary(args({"--workers", "1", "--tasks", "2", "--payload", "1KiB",
                                    "--tasks-csv", tasks_csv.string()}),
                              30, fake("lost"));
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_EQ(r.out.rfind("[0, None]\n", 0), 0U) << r.out;
    EXPECT_NE(r.err.find("task 1: the payload came back altered (1 KiB"), std::string::npos)
        << r.err;
    const std::string csv = read_file(tasks_csv);
    EXPECT_NE(csv.find("the payload came back altered"), std::string::npos) << csv;
}

}  // namespace
}  // namespace plab
