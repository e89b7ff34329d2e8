#include "mpi/mpi_mode.h"

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "mpi/mpi_protocol.h"

namespace plab::mpi {

std::vector<std::string> rank_module_candidates() {
    std::vector<std::string> out;
    if (const char* env = std::getenv(std::string(kEnvModule).c_str()); env != nullptr && *env)
        out.emplace_back(env);
    char buf[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    std::string folder = ".";
    if (n > 0) {
        folder.assign(buf, static_cast<std::size_t>(n));
        folder.resize(folder.rfind('/'));
    }
    out.push_back(folder + "/" + std::string(kModuleName));
    out.push_back(folder + "/" PLAB_MODULE_RELDIR "/" + std::string(kModuleName));
    return out;
}

std::optional<int> run_rank_if_requested(int argc, char** argv) {
    if (argc < 2 || std::string_view(argv[1]) != kRankFlag) return std::nullopt;
    std::string tried;
    for (const std::string& path : rank_module_candidates()) {
        // GLOBAL: Open MPI's own plugins resolve libmpi's symbols through the global scope
        // (harmless since Open MPI 3.0, which also works with RTLD_LOCAL).
        void* module = ::dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
        if (module == nullptr) {
            tried += std::string(tried.empty() ? "" : "; ") + ::dlerror();
            continue;
        }
        using Entry = int (*)(int, char**);
        auto entry = reinterpret_cast<Entry>(::dlsym(module, std::string(kRankMainSymbol).c_str()));
        if (entry == nullptr) {
            std::fprintf(stderr, "parallel-lab: %s has no %s in it\n", path.c_str(),
                         std::string(kRankMainSymbol).c_str());
            return 2;
        }
        return entry(argc, argv);
    }
    std::fprintf(stderr,
                 "parallel-lab: the MPI module is missing (%s); install libopenmpi-dev and "
                 "rebuild, or reinstall parallel-lab\n",
                 tried.c_str());
    return 2;
}

}  // namespace plab::mpi
