// mpi_scatter in ParallelLab's core: the inputs scattered in fixed blocks,
// each rank runs its own, the results gathered (core/mpi/rank/rank_scatter.cpp,
// shortened). Nobody asks for more: the rank with the long tasks straggles.
#include <mpi.h>

std::int64_t power(std::int64_t x) {
    std::this_thread::sleep_for(std::chrono::nanoseconds({{delay_ns}}));
    return plab::checked_pow(x, {{exponent}});
}

int rank = 0, size = 0;  // size = {{ranks}}: the root and {{workers}} workers
MPI_Comm_rank(MPI_COMM_WORLD, &rank);
MPI_Comm_size(MPI_COMM_WORLD, &size);
// counts[0] = 0 (the root keeps an empty block); the first tasks % workers
// ranks get one task more: 10 tasks on 4 workers -> 0, 3, 3, 2, 2
const auto [counts, displs] = plab::mpi::scatter_blocks({{tasks}}, size - 1);
std::vector<std::int64_t> xs(rank == 0 ? {{tasks}} : 0);
std::iota(xs.begin(), xs.end(), 0);
std::vector<std::int64_t> mine(counts[rank]);
MPI_Request req;  // nonblocking, then a quiet wait: blocking MPI calls spin
MPI_Iscatterv(xs.data(), counts.data(), displs.data(), MPI_INT64_T,
              mine.data(), counts[rank], MPI_INT64_T, 0, MPI_COMM_WORLD, &req);
wait_quietly(req);
std::vector<std::int64_t> ys;
for (std::int64_t x : mine) ys.push_back(power(x));
std::vector<std::int64_t> results(rank == 0 ? {{tasks}} : 0);
MPI_Igatherv(ys.data(), counts[rank], MPI_INT64_T, results.data(), counts.data(),
             displs.data(), MPI_INT64_T, 0, MPI_COMM_WORLD, &req);
wait_quietly(req);
if (rank == 0) std::cout << plab::repr_list(results) << "\n";
MPI_Finalize();

// The engine starts it:  mpirun -np {{ranks}} parallel-lab --plab-mpi-rank 1 strategy=mpi_scatter ...
// If a rank dies, Open MPI ends the whole job; our pool replaces a dead worker.
