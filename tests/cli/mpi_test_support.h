// What the tests of the mpi_ strategies under a real Open MPI share (tests/cli/cli_mpi_*):
// whether this machine and build can run them, and reading what the runs printed.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

/// Skips without Open MPI (no rank module in this build, no mpirun), except in CI, which
/// installs it (scripts/install-deps.sh): there a missing one fails. Needs PLAB_HAVE_MPI (0 or
/// 1, from CMake) defined for the test.
#define REQUIRE_MPI()                                                                        \
    do {                                                                                     \
        const char* ci = std::getenv("CI");                                                  \
        const bool in_ci = ci != nullptr && std::string(ci) == "true";                       \
        const bool have = PLAB_HAVE_MPI && ::access("/usr/bin/mpirun", X_OK) == 0;           \
        if (!have && in_ci) FAIL() << "CI must have Open MPI (libopenmpi-dev, openmpi-bin)"; \
        if (!have) GTEST_SKIP() << "no Open MPI here";                                       \
    } while (false)

namespace plab::testing {

/// The seconds after "Elapsed: " in a run's output, or -1 when there is none.
inline double elapsed_of(const std::string& out) {
    const auto at = out.find("Elapsed: ");
    return at == std::string::npos ? -1 : std::stod(out.substr(at + 9));
}

}  // namespace plab::testing
