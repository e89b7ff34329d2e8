// mpirun's command line (core/mpi/mpi_launch.h): root, oversubscription, one machine or
// hosts, and the host syntax the command line accepts.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "../core/test_support.h"
#include "mpi/mpi_launch.h"

namespace plab::mpi {
namespace {

bool has(const std::vector<std::string>& argv, const std::string& a) {
    return std::find(argv.begin(), argv.end(), a) != argv.end();
}

/// The argument after `flag`, or "".
std::string after(const std::vector<std::string>& argv, const std::string& flag) {
    const auto it = std::find(argv.begin(), argv.end(), flag);
    return it == argv.end() || it + 1 == argv.end() ? "" : *(it + 1);
}

Facts facts(unsigned euid, int slots) {
    Facts f;
    f.euid = euid;
    f.slots = slots;
    f.mpirun = "/usr/bin/mpirun";
    f.exe = "/opt/plab/bin/parallel-lab";
    f.rank_args = {"--plab-mpi-rank", "1", "strategy=mpi_map"};
    return f;
}

TEST(MpiLaunch, AllowsRootOnlyForRoot) {
    ExperimentSpec spec;
    spec.strategy = Strategy::MpiMap;
    EXPECT_TRUE(has(mpirun_argv(spec, facts(0, 64)).argv, "--allow-run-as-root"));
    EXPECT_FALSE(has(mpirun_argv(spec, facts(1000, 64)).argv, "--allow-run-as-root"));
}

TEST(MpiLaunch, OversubscribesOnlyWhenRanksOutnumberSlotsAndSaysSo) {
    ExperimentSpec spec;
    spec.strategy = Strategy::MpiMap;
    spec.workers = 4;  // 5 ranks: rank 0 is the master
    Launch l = mpirun_argv(spec, facts(1000, 2));
    EXPECT_EQ(after(l.argv, "-np"), "5");
    EXPECT_TRUE(has(l.argv, "--oversubscribe"));
    EXPECT_EQ(l.note, "oversubscribed: 5 ranks on 2 slots");
    l = mpirun_argv(spec, facts(1000, 5));
    EXPECT_FALSE(has(l.argv, "--oversubscribe"));
    EXPECT_EQ(l.note, "");
}

TEST(MpiLaunch, OneMachineUsesSharedMemoryAndHostsPassThrough) {
    ExperimentSpec spec;
    spec.strategy = Strategy::MpiScatter;
    Launch l = mpirun_argv(spec, facts(0, 8));
    EXPECT_EQ(after(l.argv, "--bind-to"), "none");
    EXPECT_EQ(after(l.argv, "--stdin"), "none");
    EXPECT_EQ(after(l.argv, "orte_abort_on_non_zero_status"), "1");
    EXPECT_EQ(after(l.argv, "btl"), "self,vader");
    EXPECT_EQ(after(l.argv, "pml"), "ob1");
    EXPECT_FALSE(has(l.argv, "--host"));
    // The program and its rank arguments come last, after every mpirun option.
    const auto exe = std::find(l.argv.begin(), l.argv.end(), "/opt/plab/bin/parallel-lab");
    ASSERT_NE(exe, l.argv.end());
    EXPECT_EQ(std::vector<std::string>(exe + 1, l.argv.end()),
              (std::vector<std::string>{"--plab-mpi-rank", "1", "strategy=mpi_map"}));
    EXPECT_EQ(l.argv.front(), "/usr/bin/mpirun");

    spec.mpi_hosts = "h1:2,h2:4";
    l = mpirun_argv(spec, facts(0, 6));
    EXPECT_EQ(after(l.argv, "--host"), "h1:2,h2:4");
    EXPECT_FALSE(has(l.argv, "self,vader"));
    spec.mpi_hosts.clear();
    spec.mpi_hostfile = "/tmp/hosts";
    l = mpirun_argv(spec, facts(0, 6));
    EXPECT_EQ(after(l.argv, "--hostfile"), "/tmp/hosts");
}

TEST(MpiLaunch, ReadsHostsAndRefusesBadOnesInOneLine) {
    std::string why;
    EXPECT_EQ(parse_hosts("h1:2,h2:4", &why), 6);
    EXPECT_EQ(parse_hosts("10.77.0.2:1", &why), 1);
    for (const char* bad : {"a:0", "a:", ":3", "a:2,,b:1", "a", "a:2,", ",a:2", "a:x", "a:-1",
                            "a:99999", "a b:2", "a:2,a:3", "a:4096,b:1", ""}) {
        why.clear();
        EXPECT_FALSE(parse_hosts(bad, &why)) << bad;
        EXPECT_EQ(why.rfind("--hosts: ", 0), 0U) << why;
        EXPECT_EQ(why.find('\n'), std::string::npos) << why;
    }
}

TEST(MpiLaunch, ReadsAHostfile) {
    testing::TempDir dir;
    const std::string path = (dir.path / "hosts").string();
    std::ofstream(path)
        << "# two simulated hosts\nplab-h1 slots=2\n\nplab-h2 slots=3 max_slots=4  # x\n";
    std::string why;
    std::string note;
    EXPECT_EQ(hostfile_slots(path, &why, &note), 5) << why;
    EXPECT_EQ(note, "");
    std::ofstream(path) << "plab-h1\nplab-h2 slots=2\n";
    EXPECT_EQ(hostfile_slots(path, &why, &note), 3) << why;
    EXPECT_NE(note.find("plab-h1"), std::string::npos) << note;
    for (const char* bad :
         {"", "# nothing\n", "h1 slots=0\n", "h1 slots=x\n", "h1 cpus=2\n", "h!1 slots=1\n"}) {
        std::ofstream(path) << bad;
        why.clear();
        EXPECT_FALSE(hostfile_slots(path, &why, &note)) << bad;
        EXPECT_EQ(why.find('\n'), std::string::npos) << why;
    }
    EXPECT_FALSE(hostfile_slots((dir.path / "none").string(), &why, &note));
    EXPECT_FALSE(hostfile_slots(dir.path.string(), &why, &note));  // a folder
}

TEST(MpiLaunch, FindsProgramsOnPathAndCountsSlots) {
    EXPECT_EQ(find_on_path("sh").empty(), false);
    EXPECT_EQ(find_on_path("/bin/sh"), "/bin/sh");
    EXPECT_EQ(find_on_path("no-such-program-plab"), "");
    EXPECT_EQ(find_on_path("/etc/passwd"), "");  // not executable
    EXPECT_EQ(find_on_path(""), "");
    EXPECT_GE(local_slots(), 1);
}

TEST(MpiLaunch, OptionsProblemsAreOneLine) {
    ExperimentSpec spec;
    spec.strategy = Strategy::MpiMap;
    spec.mpi_hosts = "a:1";
    spec.mpi_hostfile = "/tmp/x";
    EXPECT_EQ(options_problem(spec), "give --hosts or --hostfile, not both");
    spec.mpi_hostfile.clear();
    spec.mpi_hosts = "a:0";
    EXPECT_EQ(options_problem(spec).rfind("--hosts: ", 0), 0U);
    spec.mpi_hosts.clear();
    spec.mpirun = "/nonexistent/mpirun";
    const std::string why = options_problem(spec);
    EXPECT_EQ(why.rfind("mpi_map needs Open MPI: ", 0), 0U) << why;
}

}  // namespace
}  // namespace plab::mpi
