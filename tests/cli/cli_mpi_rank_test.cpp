// The MPI rank mode on its own, under a real mpirun (no engine): rank 0 prints the lines of
// core/mpi/mpi_protocol.h for both strategies, another "host"'s clock skew is measured and
// removed, and a crash task ends the whole job with nothing left. Skipped when this build has
// no rank module or the machine no mpirun.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "mpi_test_support.h"
#include "run_binary.h"

namespace {

struct Job {
    int status = -1;                              ///< the shell's exit status (mpirun's)
    std::vector<std::vector<std::string>> lines;  ///< rank 0's @plab-mpi lines, split at tabs
    std::string err;
};

std::string args(const std::string& strategy, int workers, int tasks, long delay_ns,
                 int crash_task = -1) {
    return " --plab-mpi-rank 1 strategy=" + strategy + " workers=" + std::to_string(workers) +
           " tasks=" + std::to_string(tasks) + " delay_ns=" + std::to_string(delay_ns) +
           " workload=sleep exponent=2 chunksize=0 crash_task=" + std::to_string(crash_task) +
           " durations=fixed seed=1 payload_bytes=0 starts=1 serial_ns=0";
}

// Runs mpirun with these application contexts (each "-np N [env ...] <binary> args"), bounded
// by timeout(1); env_extra is set for every rank (mpirun passes its environment on).
Job run(const std::vector<std::string>& contexts, const std::string& env_extra = "") {
    const std::string err_file =
        ::testing::TempDir() + "mpi_rank_err_" + std::to_string(::getpid());
    std::string command = "env " + env_extra + " timeout -s KILL 60 mpirun" +
                          (::geteuid() == 0 ? " --allow-run-as-root" : "") +
                          " --oversubscribe --bind-to none --stdin none --mca pml ob1"
                          " --mca btl self,vader";
    for (std::size_t i = 0; i < contexts.size(); ++i)
        command += (i == 0 ? " " : " : ") + contexts[i];
    command += " 2>" + err_file;
    Job job;
    FILE* out = ::popen(command.c_str(), "r");
    if (out == nullptr) return job;
    std::string text;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, out)) > 0;)
        text.append(buf, n);
    const int status = ::pclose(out);
    job.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        std::vector<std::string> fields;
        std::istringstream f(line);
        for (std::string field; std::getline(f, field, '\t');)
            fields.push_back(field);
        if (!fields.empty() && fields[0] == "@plab-mpi") {
            fields.erase(fields.begin());
            job.lines.push_back(fields);
        }
    }
    std::ifstream err(err_file);
    job.err.assign(std::istreambuf_iterator<char>(err), {});
    std::filesystem::remove(err_file);
    return job;
}

std::vector<std::vector<std::string>> of_kind(const Job& job, const std::string& kind) {
    std::vector<std::vector<std::string>> out;
    for (const auto& l : job.lines)
        if (l[0] == kind) out.push_back(l);
    return out;
}

TEST(MpiRank, BothStrategiesPrintTheProtocolLines) {
    REQUIRE_MPI();
    for (const std::string strategy : {"mpi_map", "mpi_scatter"}) {
        const Job job =
            run({"-np 5 " + std::string(PLAB_BINARY) + args(strategy, 4, 10, 100'000'000)});
        ASSERT_EQ(job.status, 0) << strategy << ": " << job.err;
        ASSERT_GE(job.lines.size(), 7U);
        EXPECT_EQ(job.lines[0][0], "hello");
        EXPECT_EQ(job.lines[0][1], "5");
        const auto ranks = of_kind(job, "rank");
        ASSERT_EQ(ranks.size(), 5U);
        for (std::size_t r = 0; r < 5; ++r)
            EXPECT_EQ(ranks[r][1], std::to_string(r));
        EXPECT_TRUE(of_kind(job, "clock").empty()) << "one host: no clock line";
        ASSERT_EQ(of_kind(job, "begin").size(), 1U);
        const std::int64_t begin = std::stoll(of_kind(job, "begin")[0][1]);
        const auto ends = of_kind(job, "end");
        ASSERT_EQ(ends.size(), 10U) << strategy;
        ASSERT_EQ(of_kind(job, "start").size(), 10U) << strategy;
        std::map<int, int> per_rank;
        for (const auto& e : ends) {
            ASSERT_EQ(e.size(), 7U);
            const int rank = std::stoi(e[2]);
            EXPECT_GE(rank, 1) << "rank 0 is the master and computes nothing";
            EXPECT_LE(rank, 4);
            ++per_rank[rank];
            EXPECT_GE(std::stoll(e[3]), begin);
            EXPECT_GE(std::stoll(e[4]) - std::stoll(e[3]), 100'000'000);
            EXPECT_EQ(e[5], "ok");
            EXPECT_EQ(e[6], std::to_string(std::stoi(e[1]) * std::stoi(e[1])));
        }
        if (strategy == "mpi_scatter") {  // the blocks of 10 on 4: 3, 3, 2, 2
            EXPECT_EQ(per_rank, (std::map<int, int>{{1, 3}, {2, 3}, {3, 2}, {4, 2}}));
            EXPECT_EQ(of_kind(job, "give").size(), 4U);
        } else {  // one give per chunk of 1
            EXPECT_EQ(of_kind(job, "give").size(), 10U);
        }
        ASSERT_EQ(of_kind(job, "list").size(), 1U);
        EXPECT_EQ(of_kind(job, "list")[0][1], "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]");
        ASSERT_EQ(job.lines.back()[0], "elapsed");
        const double elapsed = std::stod(job.lines.back()[1]);
        EXPECT_GE(elapsed, 0.29) << strategy;  // three waves of 0.1 s
        EXPECT_LE(elapsed, 1.5) << strategy;
    }
}

TEST(MpiRank, AnotherHostsClockSkewIsMeasuredAndRemoved) {
    REQUIRE_MPI();
    const std::string bin = PLAB_BINARY + args("mpi_map", 4, 8, 50'000'000);
    const Job job =
        run({"-np 3 env PLAB_MPI_HOSTNAME=plab-a " + bin,
             "-np 2 env PLAB_MPI_HOSTNAME=plab-b PLAB_MPI_CLOCK_SKEW_NS=3000000000 " + bin});
    ASSERT_EQ(job.status, 0) << job.err;
    const auto clocks = of_kind(job, "clock");
    ASSERT_EQ(clocks.size(), 1U);
    EXPECT_EQ(clocks[0][1], "plab-b");
    EXPECT_EQ(clocks[0][2], "3");  // the host's lowest rank represents it
    const std::int64_t offset = std::stoll(clocks[0][3]);
    const std::int64_t delay = std::stoll(clocks[0][4]);
    EXPECT_LE(std::llabs(offset - 3'000'000'000), delay / 2 + 1) << offset << " +- " << delay / 2;
    EXPECT_LT(delay, 20'000'000);
    EXPECT_EQ(clocks[0][5], "16");
    // Every time is on rank 0's clock: the skewed ranks' tasks lie inside the run.
    const std::int64_t begin = std::stoll(of_kind(job, "begin")[0][1]);
    const double elapsed = std::stod(job.lines.back()[1]);
    int skewed = 0;
    for (const auto& e : of_kind(job, "end")) {
        skewed += std::stoi(e[2]) >= 3;
        EXPECT_GE(std::stoll(e[3]), begin) << e[1];
        EXPECT_LE(std::stoll(e[4]), begin + static_cast<std::int64_t>(elapsed * 1e9) + 1) << e[1];
    }
    EXPECT_GE(skewed, 2);
}

TEST(MpiRank, ACrashTaskEndsTheWholeJobAndLeavesNothing) {
    REQUIRE_MPI();
    const std::string token = "PLAB_MPI_TEST_TOKEN=rank" + std::to_string(::getpid());
    const Job job =
        run({"-np 4 " + std::string(PLAB_BINARY) + args("mpi_map", 3, 6, 100'000'000, 3)}, token);
    EXPECT_NE(job.status, 0);
    EXPECT_NE(job.err.find("exited on signal 9"), std::string::npos) << job.err;
    EXPECT_TRUE(of_kind(job, "list").empty());
    bool ended3 = false;
    for (const auto& e : of_kind(job, "end"))
        ended3 = ended3 || e[1] == "3";
    EXPECT_FALSE(ended3);
    ::usleep(500'000);
    for (const auto& p : std::filesystem::directory_iterator("/proc")) {
        std::ifstream env(p.path() / "environ");
        const std::string text((std::istreambuf_iterator<char>(env)), {});
        EXPECT_EQ(text.find(token), std::string::npos) << "left running: " << p.path();
    }
}

TEST(MpiRank, WithoutTheModuleTheRankModeSaysSoInOneLine) {
    // No mpirun needed: the rank mode loads the module before anything else.
    plab::testing::Child child({"--plab-mpi-rank", "1", "strategy=mpi_map"},
                               {"PLAB_MPI_MODULE=/nonexistent/parallel-lab-mpi.so"});
    const plab::testing::Ran r = child.wait(30);
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find("the MPI module is missing (/nonexistent/parallel-lab-mpi.so"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("libopenmpi-dev"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace
