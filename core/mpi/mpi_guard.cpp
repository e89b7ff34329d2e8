#include "mpi/mpi_guard.h"

#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string_view>

namespace plab::mpi {

std::vector<std::string> guarded_argv(const std::string& exe,
                                      const std::vector<std::string>& argv) {
    std::vector<std::string> out = {exe, kGuardFlag, std::to_string(::getpid())};
    out.insert(out.end(), argv.begin(), argv.end());
    return out;
}

std::optional<int> run_guard_if_requested(int argc, char** argv) {
    if (argc < 2 || std::string_view(argv[1]) != kGuardFlag) return std::nullopt;
    const std::string_view parent_text = argc > 2 ? argv[2] : "";
    long parent = 0;
    const auto [p, ec] =
        std::from_chars(parent_text.data(), parent_text.data() + parent_text.size(), parent);
    if (argc < 4 || ec != std::errc() || p != parent_text.data() + parent_text.size() ||
        parent <= 1) {
        std::fputs("parallel-lab: usage: --plab-mpi-guard ENGINE_PID MPIRUN ARGS...\n", stderr);
        return 2;
    }
    ::prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
    // The engine may have died before the signal was armed: then nothing would send it.
    if (static_cast<long>(::getppid()) != parent) return 1;
    ::execv(argv[3], argv + 3);
    std::fprintf(stderr, "parallel-lab: cannot run %s: %s\n", argv[3], std::strerror(errno));
    return 127;
}

}  // namespace plab::mpi
