// Ending an MPI job on this machine: Open MPI puts each local rank in a process group of its
// own (not mpirun's), so killing mpirun's group does not reach them. The engine notes mpirun's
// descendants (pool/proc_tree.h) before it ends mpirun, and afterwards kills and reaps those
// left to it.
#pragma once

#include <vector>

namespace plab::mpi {

/// For each of pids that is now this process's child (a rank whose mpirun died comes to this
/// process, the subreaper) or a child of one of pids: SIGKILL, then reap those that are this
/// process's children, waiting at most about 500 ms in all. A pid that is anyone else's is
/// left alone (its number may have been reused). Never throws.
void end_strays(const std::vector<int>& pids);

}  // namespace plab::mpi
