// What the tests of the mpi_ strategies under a real Open MPI share (tests/cli/cli_mpi_*):
// whether this machine and build can run them, and reading what the runs printed.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "../../core/pool/proc_tree.h"

namespace plab::testing {

/// Whether an executable name is in one of PATH's directories.
inline bool on_path(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path == nullptr ? "" : path);
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0) return true;
    }
    return false;
}

/// Where the engine looks for the rank module: $PLAB_MPI_MODULE, else beside the binary
/// (PLAB_BINARY, which run_binary.h's tests define).
inline std::filesystem::path mpi_module_path() {
    const char* env = std::getenv("PLAB_MPI_MODULE");
    if (env != nullptr && *env != '\0') return env;
    return std::filesystem::path(PLAB_BINARY).parent_path() / "parallel-lab-mpi.so";
}

/// This machine's host name, as a rank reports it.
inline std::string host_name() {
    char buf[256] = {};
    ::gethostname(buf, sizeof buf - 1);
    return buf;
}

/// The living processes (not zombies, not this one) whose environment holds entry
/// (NAME=value) exactly, from /proc/*/environ: mpirun passes its environment on to every
/// process of the job, on every host of this machine's namespaces.
inline std::vector<int> processes_with(const std::string& entry) {
    std::vector<int> out;
    for (const auto& e : std::filesystem::directory_iterator("/proc")) {
        const std::string name = e.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        const int pid = std::stoi(name);
        if (pid == ::getpid()) continue;
        std::ifstream f(e.path() / "environ", std::ios::binary);
        const std::string env((std::istreambuf_iterator<char>(f)), {});
        std::stringstream vars(env);
        for (std::string var; std::getline(vars, var, '\0');) {
            if (var != entry) continue;
            const char state = process_state(pid);
            if (state != 0 && state != 'Z' && state != 'X') out.push_back(pid);
            break;
        }
    }
    return out;
}

/// The seconds after "Elapsed: " in a run's output, or -1 when there is none.
inline double elapsed_of(const std::string& out) {
    const auto at = out.find("Elapsed: ");
    return at == std::string::npos ? -1 : std::stod(out.substr(at + 9));
}

}  // namespace plab::testing

/// Skips without Open MPI (no rank module in this build, as without libopenmpi-dev or under
/// TSan; no mpirun on PATH), except in CI, which installs it (scripts/install-deps.sh): there a
/// missing one fails.
#define REQUIRE_MPI()                                                                        \
    do {                                                                                     \
        const char* ci = std::getenv("CI");                                                  \
        const bool in_ci = ci != nullptr && std::string(ci) == "true";                       \
        const bool have = std::filesystem::exists(plab::testing::mpi_module_path()) &&       \
                          plab::testing::on_path("mpirun");                                  \
        if (!have && in_ci) FAIL() << "CI must have Open MPI (libopenmpi-dev, openmpi-bin)"; \
        if (!have) GTEST_SKIP() << "no Open MPI here (no rank module, or no mpirun)";        \
    } while (false)
