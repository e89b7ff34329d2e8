// mpi_map in ParallelLab's core: Open MPI ranks instead of forked workers,
// messages instead of pipes (core/mpi/rank/rank_map.cpp, shortened).
// Rank 0 is the master; ranks 1..{{workers}} each ask for the next chunk.
#include <mpi.h>

std::int64_t power(std::int64_t x) {
    std::this_thread::sleep_for(std::chrono::nanoseconds({{delay_ns}}));
    return plab::checked_pow(x, {{exponent}});
}

int rank = 0, size = 0;  // size = {{ranks}}: the master and {{workers}} workers
MPI_Comm_rank(MPI_COMM_WORLD, &rank);
MPI_Comm_size(MPI_COMM_WORLD, &size);
if (rank == 0) {
    // Pool.map's chunks of {{chunksize_n}} task(s), handed out as workers ask
    auto chunks = plab::mpi::map_chunks({{tasks}}, {{chunksize_n}});
    std::size_t next = 0;
    for (int w = 1; w < size; ++w) give(w, chunks, next);  // CHUNK {first, count} or STOP
    for (int busy = size - 1; busy > 0;) {
        MPI_Status st;  // Iprobe and a quiet wait: an idle master burns no core
        wait_quietly([&] { return probe(MPI_ANY_SOURCE, RESULT, &st); });
        receive_results(st.MPI_SOURCE, results);           // into results[first..]
        if (!give(st.MPI_SOURCE, chunks, next)) --busy;    // a result asks for more
    }
    std::cout << plab::repr_list(results) << "\n";
} else {
    for (std::int64_t chunk[2];;) {  // {first, count}, until STOP
        MPI_Status st;
        MPI_Recv(chunk, 2, MPI_INT64_T, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
        if (st.MPI_TAG == STOP) break;
        std::vector<std::int64_t> ys;
        for (std::int64_t x = chunk[0]; x < chunk[0] + chunk[1]; ++x) ys.push_back(power(x));
        send_results(0, chunk[0], ys);  // RESULT: one message per chunk
    }
}
MPI_Finalize();

// The engine starts it:  mpirun -np {{ranks}} parallel-lab --plab-mpi-rank 1 strategy=mpi_map ...
// If a rank dies, Open MPI ends the whole job; our pool replaces a dead worker.
