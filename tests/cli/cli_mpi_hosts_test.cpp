// mpi_map across two simulated hosts: each "host" is a network + UTS namespace of its own
// (tests/cli/mpi_hosts.sh), Open MPI reaches it through a launch agent of ours
// (tests/cli/mpi_agent.sh as plm_rsh_agent), so the multi-host path really runs: remote launch
// of one daemon per host, ranks on both, and the clock alignment, tested with one host's clock
// set 3 s ahead (PLAB_MPI_CLOCK_SKEW_NS). The engine runs in the head namespace, on the bridge
// that joins the hosts; nothing of the machine's own network, host name or /etc is touched.
// Skips without root, mpirun or the MPI module; under CI=true, as root with mpirun on PATH, a
// missing module or namespaces that cannot be made fail instead.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../core/process_tree.h"
#include "../core/test_support.h"
#include "mpi_test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

using testing::host_name;
using testing::mpi_module_path;
using testing::on_path;
using testing::processes_with;
using testing::read_file;
using testing::run_binary;
using testing::TempDir;

namespace fs = std::filesystem;

constexpr const char* kSkewedHost = "plab-h2";
constexpr double kSkewS = 3.0;

/// What this machine lacks for the test, or "" when it has it all.
std::string missing_requirement() {
    if (::geteuid() != 0) return "needs root, for network namespaces";
    if (!on_path("mpirun")) return "mpirun is not on PATH (install openmpi-bin)";
    if (!fs::exists(mpi_module_path())) return "no MPI module at " + mpi_module_path().string();
    return "";
}

/// Under CI=true, as root with mpirun on PATH, the test must run: what is missing fails it.
bool must_run() {
    const char* ci = std::getenv("CI");
    return ::geteuid() == 0 && on_path("mpirun") && ci != nullptr && std::string(ci) == "true";
}

/// Split on one character, empty fields kept.
std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> out;
    std::string field;
    std::stringstream in(text);
    while (std::getline(in, field, sep))
        out.push_back(field);
    if (!text.empty() && text.back() == sep) out.emplace_back();
    return out;
}

/// The simulated hosts, up for the test's life (mpi_hosts.sh up; down in the destructor).
class Hosts {
  public:
    Hosts(const fs::path& dir, const std::vector<std::string>& names) : dir_(dir) {
        fs::create_directories(dir);
        std::string cmd = std::string(PLAB_MPI_HOSTS_SCRIPT) + " up " + dir.string();
        for (const std::string& n : names)
            cmd += " " + n;
        ok_ = std::system((cmd + " 2>" + (dir / "up.err").string()).c_str()) == 0;
    }
    ~Hosts() { down(); }
    Hosts(const Hosts&) = delete;
    Hosts& operator=(const Hosts&) = delete;

    bool ok() const { return ok_; }
    std::string error() const { return read_file(dir_ / "up.err"); }
    int pid(const std::string& name) const { return std::stoi(read_file(dir_ / (name + ".pid"))); }
    void down() {
        const std::string cmd = std::string(PLAB_MPI_HOSTS_SCRIPT) + " down " + dir_.string();
        EXPECT_EQ(std::system(cmd.c_str()), 0);
    }

  private:
    fs::path dir_;
    bool ok_ = false;
};

TEST(CliMpiHosts, TwoHostsOneTimeline) {
    if (const std::string missing = missing_requirement(); !missing.empty()) {
        if (must_run()) FAIL() << missing << " (CI=true, root, mpirun on PATH)";
        GTEST_SKIP() << missing;
    }

    TempDir dir;
    const std::string own_name = host_name();
    const std::string own_net = fs::read_symlink("/proc/self/ns/net").string();
    std::vector<int> holders;
    {
        Hosts hosts(dir.path / "hosts", {"plab-h1", kSkewedHost});
        if (!hosts.ok()) {
            if (must_run()) FAIL() << "simulated hosts: " << hosts.error();
            GTEST_SKIP() << "simulated hosts: " << hosts.error();
        }
        for (const char* h : {"head", "plab-h1", kSkewedHost})
            holders.push_back(hosts.pid(h));
        std::ofstream(dir.path / "hosts" / (std::string(kSkewedHost) + ".env"))
            << "PLAB_MPI_CLOCK_SKEW_NS=" << static_cast<long long>(kSkewS * 1e9) << "\n";
        std::ofstream(dir.path / "hostfile") << "plab-h1 slots=2\n" << kSkewedHost << " slots=2\n";

        const std::string token = "PLAB_MPI_TEST_TOKEN=hosts-" + std::to_string(::getpid());
        const int head = hosts.pid("head");
        const auto events = dir.path / "events.tsv";
        const auto tasks_csv = dir.path / "tasks.csv";
        // 3 workers: rank 0 (the master) and rank 1 on plab-h1, ranks 2 and 3 on plab-h2.
        const auto r = run_binary(
            {"run", "--strategy", "mpi_map", "--hostfile", (dir.path / "hostfile").string(),
             "--workers", "3", "--tasks", "6", "--delay", "0.2", "--events", events.string(),
             "--tasks-csv", tasks_csv.string()},
            60,
            {token, "PLAB_MPI_HOSTS_DIR=" + (dir.path / "hosts").string(),
             std::string("OMPI_MCA_plm_rsh_agent=") + PLAB_MPI_AGENT,
             "OMPI_MCA_plm_rsh_no_tree_spawn=1", "OMPI_MCA_oob_tcp_if_include=10.77.0.0/24",
             "OMPI_MCA_btl_tcp_if_include=10.77.0.0/24"},
            [head] {  // the engine and its mpirun live in the head namespace, on the bridge
                const int fd =
                    ::open(("/proc/" + std::to_string(head) + "/ns/net").c_str(), O_RDONLY);
                if (fd < 0 || ::setns(fd, CLONE_NEWNET) != 0) ::_exit(126);
                ::close(fd);
            });
        ASSERT_EQ(r.code, 0) << r.out << r.err;
        EXPECT_EQ(r.out.rfind("[0, 1, 4, 9, 16, 25]\nElapsed: ", 0), 0U) << r.out;
        const double elapsed = std::stod(r.out.substr(r.out.find("Elapsed: ") + 9));
        EXPECT_GE(elapsed, 2 * 0.2 * 0.95) << r.out;  // ceil(6 tasks / 3 workers) rounds
        EXPECT_LT(elapsed, 2 * 0.2 + 1.5) << r.out;

        // The hosts' clocks, as the event stream reports them: host <run> <index> <name>
        // <offset_s> <uncertainty_s>. The master's host is 0 +- 0; plab-h2 reads 3 s ahead.
        std::map<int, std::string> host_names;
        std::map<std::string, std::pair<double, double>> clocks;
        std::vector<std::vector<std::string>> task_lines;
        for (const std::string& line : split(read_file(events), '\n')) {
            const auto f = split(line, '\t');
            if (f.size() >= 6 && f[0] == "host") {
                host_names[std::stoi(f[2])] = f[3];
                clocks[f[3]] = {std::stod(f[4]), std::stod(f[5])};
            }
            if (!f.empty() && f[0] == "task") task_lines.push_back(f);
        }
        ASSERT_EQ(clocks.count("plab-h1"), 1U) << read_file(events);
        ASSERT_EQ(clocks.count(kSkewedHost), 1U) << read_file(events);
        EXPECT_EQ(clocks["plab-h1"].first, 0.0);
        const auto [offset, uncertainty] = clocks[kSkewedHost];
        EXPECT_LT(uncertainty, 0.020);
        EXPECT_GE(uncertainty, 0.0);
        EXPECT_LE(std::abs(offset - kSkewS), uncertainty + 0.005)
            << "offset " << offset << " +- " << uncertainty;

        // Every task on one time scale: its start within the run, and each host's first task
        // near the beginning (an unaligned plab-h2 would be 3 s off).
        ASSERT_EQ(task_lines.size(), 6U) << read_file(events);
        std::map<std::string, double> first_start;
        for (const auto& f : task_lines) {
            const double start = std::stod(f[5]);
            std::string host;
            for (const std::string& field : f) {
                if (field.rfind("host=", 0) == 0) host = host_names[std::stoi(field.substr(5))];
            }
            EXPECT_FALSE(host.empty()) << "a task line without its host";
            EXPECT_GE(start, 0.0);
            EXPECT_LE(start, elapsed);
            if (first_start.count(host) == 0 || start < first_start[host])
                first_start[host] = start;
        }
        EXPECT_EQ(first_start.size(), 2U) << "tasks ran on both hosts";
        for (const auto& [host, start] : first_start)
            EXPECT_LT(start, 0.25) << host;  // coarse: two cores shared by the test and 5 ranks

        // The tasks CSV names the host and rank of every task: ranks 1 on plab-h1, 2-3 on h2.
        std::set<std::string> csv_hosts;
        std::vector<std::string> rows;  // CSV lines end with \r\n
        for (std::string row : split(read_file(tasks_csv), '\n')) {
            if (!row.empty() && row.back() == '\r') row.pop_back();
            if (!row.empty()) rows.push_back(row);
        }
        ASSERT_EQ(rows.size(), 7U) << read_file(tasks_csv);
        EXPECT_NE(rows[0].find(",host,rank"), std::string::npos) << rows[0];
        for (std::size_t i = 1; i < rows.size(); ++i) {
            const auto f = split(rows[i], ',');
            ASSERT_GE(f.size(), 2U);
            const std::string& host = f[f.size() - 2];
            const int rank = std::stoi(f.back());
            csv_hosts.insert(host);
            EXPECT_EQ(host, rank == 1 ? "plab-h1" : kSkewedHost) << rows[i];
            EXPECT_GE(rank, 1);
            EXPECT_LE(rank, 3);
        }
        EXPECT_EQ(csv_hosts.size(), 2U);

        // Nothing of the job is left on any host: no process has the run's token, 1 s on.
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
        while (!processes_with(token).empty() && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        EXPECT_TRUE(processes_with(token).empty());
    }
    // The hosts are gone with their namespaces; this machine's name and network are its own.
    EXPECT_TRUE(testing::all_gone(holders, std::chrono::milliseconds(2000)));
    EXPECT_EQ(host_name(), own_name);
    EXPECT_EQ(fs::read_symlink("/proc/self/ns/net").string(), own_net);
    EXPECT_FALSE(fs::exists("/sys/class/net/plab-br"));
}

}  // namespace
}  // namespace plab
