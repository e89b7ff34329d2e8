// parallel-lab: with `run` or `sweep` it works headless (Qt is never loaded); with no arguments
// it loads the window module beside it and opens the window. --version prints the version
// (CMake's project version); the hidden --man prints the man page the build installs.
#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "cli/display_check.h"
#include "cli/options.h"
#include "mpi/mpi_guard.h"
#include "mpi/mpi_mode.h"
#include "pool/start_method.h"

namespace {

std::string own_folder() {
    char buf[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return ".";
    std::string path(buf, static_cast<std::size_t>(n));
    return path.substr(0, path.rfind('/'));
}

int open_window(int argc, char** argv) {
    if (const std::string problem = plab::cli::display_problem(); !problem.empty()) {
        std::fprintf(stderr, "parallel-lab: %s\n", problem.c_str());
        return plab::cli::kExitUsage;
    }
    const std::string folder = own_folder();
    std::string tried;
    for (const std::string& path : {folder + "/parallel-lab-window.so",
                                    folder + "/" PLAB_MODULE_RELDIR "/parallel-lab-window.so"}) {
        void* module = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (module == nullptr) {
            tried += std::string(tried.empty() ? "" : "; ") + ::dlerror();
            continue;
        }
        using Entry = int (*)(int, char**);
        auto entry = reinterpret_cast<Entry>(::dlsym(module, "plab_window_main"));
        if (entry == nullptr) {
            std::fprintf(stderr, "parallel-lab: %s has no window in it\n", path.c_str());
            return plab::cli::kExitUsage;
        }
        return entry(argc, argv);
    }
    std::fprintf(stderr,
                 "parallel-lab: cannot load the window (%s); the headless commands run "
                 "and sweep still work\n",
                 tried.c_str());
    return plab::cli::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
    // A spawn worker or fork server of a pool (--start): nothing else may run before it.
    if (const auto worker = plab::run_worker_if_requested(argc, argv)) return *worker;
    if (const auto rank = plab::mpi::run_rank_if_requested(argc, argv))
        return *rank;  // under mpirun
    if (const auto guard = plab::mpi::run_guard_if_requested(argc, argv)) return *guard;
    plab::cli::guard_standard_fds();  // before anything opens a file
    if (argc == 2 && std::string(argv[1]) == "--version") {
        std::printf("parallel-lab %s\n", PLAB_VERSION);
        return std::fflush(stdout) == 0 ? 0 : plab::cli::kExitFailed;
    }
    if (argc == 2 && std::string(argv[1]) == "--man") {  // hidden: the build writes the man page
        std::fputs(plab::cli::man_page(PLAB_VERSION).c_str(), stdout);
        return std::fflush(stdout) == 0 ? 0 : plab::cli::kExitFailed;
    }
    if (argc >= 2) return plab::cli::main(argc, argv);
    return open_window(argc, argv);
}
