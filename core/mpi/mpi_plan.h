// How the MPI strategies split the tasks among ranks: mpi_map's chunks (as Pool.map chops its
// iterable) and mpi_scatter's blocks (the counts and displacements MPI_Scatterv takes).
// Pure: no MPI here, so the engine, the rank module and the tests share it.
#pragma once

#include <vector>

namespace plab::mpi {

/// A run of consecutive tasks: first, first+1, ..., first+count-1.
struct Chunk {
    int first = 0;
    int count = 0;

    bool operator==(const Chunk&) const = default;
};

/// The chunks Pool.map (and MPIPoolExecutor.map) makes of tasks 0..tasks-1: chunksize each
/// in order, the last one shorter. tasks <= 0 gives none; chunksize below 1 counts as 1.
std::vector<Chunk> map_chunks(int tasks, int chunksize);

/// MPI_Scatterv's layout over ranks 0..workers: counts[r] tasks start at displs[r].
struct Blocks {
    std::vector<int> counts;
    std::vector<int> displs;
};

/// The rank that is mpi_scatter's root (and mpi_map's master): it computes no block.
inline constexpr int kRootRank = 0;

/// mpi_scatter's blocks for tasks on worker ranks 1..workers: the root gets 0 tasks, the first
/// tasks % workers workers one more than the others (10 on 4: 0,3,3,2,2), in rank order.
/// workers below 1 count as 1; tasks below 0 as 0. Both vectors have workers + 1 entries.
Blocks scatter_blocks(int tasks, int workers);

}  // namespace plab::mpi
