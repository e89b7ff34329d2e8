// The MPI rank mode of parallel-lab: `parallel-lab --plab-mpi-rank <version> key=value...`,
// which mpirun starts on every rank. The MPI code lives in a module (parallel-lab-mpi.so) that
// only this mode loads, so the program, its pool workers and the window never load libmpi.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace plab::mpi {

/// Where the rank module may be, in the order tried: $PLAB_MPI_MODULE when set, beside the
/// running program (a build tree), then the installed library folder relative to it.
std::vector<std::string> rank_module_candidates();

/// When argv[1] is kRankFlag: loads the module (dlopen, RTLD_NOW | RTLD_GLOBAL) and returns
/// what its plab_mpi_rank_main returns; without a loadable module, writes one line to stderr
/// naming what is missing and returns 2. Otherwise nullopt (not the rank mode). Call it first
/// in main(), before anything else opens files or starts threads.
std::optional<int> run_rank_if_requested(int argc, char** argv);

}  // namespace plab::mpi
