// --mpirun, --hosts and --hostfile: bad values, a missing launcher or module, exit 2 with one
// line naming what to install, before anything runs. No MPI job is started here.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "../core/test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

using testing::run_binary;
using testing::TempDir;

/// Runs `run --strategy mpi_map` with extra arguments; expects exit 2 and one line on stderr.
std::string refused(std::vector<std::string> extra, const std::vector<std::string>& env = {}) {
    std::vector<std::string> a = {"run", "--strategy", "mpi_map", "--tasks", "2", "--delay", "0"};
    a.insert(a.end(), extra.begin(), extra.end());
    const auto r = run_binary(a, 30, env);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(testing::count_lines(r.err), 1) << r.err;
    return r.err;
}

TEST(CliMpiOptions, BadHostsAreRefusedInOneLine) {
    for (const char* bad : {"a:0", "a:", ":3", "a:2,,b:1", "node1", "a:2,a:1", ""}) {
        const std::string err = refused({"--hosts", bad});
        EXPECT_NE(err.find("--hosts"), std::string::npos) << bad << ": " << err;
    }
}

TEST(CliMpiOptions, BadHostfilesAreRefusedInOneLine) {
    TempDir dir;
    const std::string path = (dir.path / "hosts").string();
    EXPECT_NE(refused({"--hostfile", path}).find("not a readable file"), std::string::npos);
    std::ofstream(path) << "# no host\n";
    EXPECT_NE(refused({"--hostfile", path}).find("names no host"), std::string::npos);
    std::ofstream(path) << "h1 slots=0\n";
    EXPECT_NE(refused({"--hostfile", path}).find("line 1"), std::string::npos);
    std::ofstream(path) << "h1 slots=2\n";
    EXPECT_NE(refused({"--hostfile", path, "--hosts", "h1:2"}).find("not both"), std::string::npos);
    // Checked for sweeps too, and whatever the strategies.
    const auto r = run_binary({"sweep", "--strategies", "map", "--hosts", "x:0"}, 30);
    EXPECT_EQ(r.code, 2) << r.err;
}

// A host name starting with '-' would reach ssh as an option (session 8's attack: "-np:2"
// made ssh read -n -p): refused as bad usage, on --hosts and in a hostfile.
TEST(CliMpiOptions, HostNamesStartingWithADashAreRefused) {
    EXPECT_NE(refused({"--hosts", "-np:2"}).find("not starting with '-'"), std::string::npos);
    EXPECT_NE(refused({"--hosts", "h1:1,-oProxyCommand=x:1"}).find("--hosts"), std::string::npos);
    TempDir dir;
    const std::string path = (dir.path / "hosts").string();
    std::ofstream(path) << "h1 slots=1\n-np slots=2\n";
    EXPECT_NE(refused({"--hostfile", path}).find("line 2"), std::string::npos);
}

TEST(CliMpiOptions, AMissingLauncherNamesOpenmpiBin) {
    const std::string err = refused({}, {"PATH=/nonexistent-plab"});
    EXPECT_NE(err.find("mpi_map needs Open MPI"), std::string::npos) << err;
    // A build without Open MPI names libopenmpi-dev first; with it, mpirun's package is named.
    EXPECT_NE(err.find(PLAB_HAVE_MPI ? "install openmpi-bin" : "install libopenmpi-dev"),
              std::string::npos)
        << err;
    const std::string given = refused({"--mpirun", "/nonexistent/mpirun"},
                                      {std::string("PLAB_MPI_MODULE=") + PLAB_BINARY});
    EXPECT_NE(given.find("'/nonexistent/mpirun' is not an executable file"), std::string::npos)
        << given;
    EXPECT_NE(given.find("openmpi-bin"), std::string::npos) << given;
}

TEST(CliMpiOptions, AMissingModuleNamesLibopenmpiDev) {
    const std::string err = refused({}, {"PLAB_MPI_MODULE=/nonexistent/parallel-lab-mpi.so"});
    EXPECT_NE(err.find("libopenmpi-dev"), std::string::npos) << err;
    EXPECT_NE(err.find("/nonexistent/parallel-lab-mpi.so is missing"), std::string::npos) << err;
}

TEST(CliMpiOptions, BuiltWithMpiInCi) {
    const char* ci = std::getenv("CI");
    if (ci == nullptr || std::string(ci) != "true" || !PLAB_MPI_EXPECTED)
        GTEST_SKIP() << "only CI's non-TSan builds must have Open MPI";
    EXPECT_TRUE(PLAB_HAVE_MPI) << "install-deps installs libopenmpi-dev: this build must find it";
}

}  // namespace
}  // namespace plab
