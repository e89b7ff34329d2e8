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
    const auto chunks = plab::mpi::map_chunks({{tasks}}, {{chunksize_n}});
    std::size_t next = 0;
    int busy = 0;  // workers holding a chunk
    auto hand_out = [&](int worker) {  // CHUNK {first, count}, or STOP when none is left
        if (next == chunks.size()) return send_quietly(nullptr, 0, MPI_BYTE, worker, STOP);
        const std::int64_t m[2] = {chunks[next].first, chunks[next].count};
        ++next, ++busy;
        send_quietly(m, 2, MPI_INT64_T, worker, CHUNK);
    };
    for (int w = 1; w < size; ++w) hand_out(w);
    while (busy > 0) {
        // MPI_Iprobe and a quiet wait: an idle master burns no core
        const MPI_Status st = probe_quietly(MPI_ANY_SOURCE);
        receive_results(st, results);  // RESULT: the chunk's values
        --busy;
        hand_out(st.MPI_SOURCE);  // a result asks for more
    }
    std::cout << plab::repr_list(results) << "\n";
} else {
    for (;;) {  // {first, count}, until STOP
        std::int64_t m[2];
        MPI_Status st;
        MPI_Recv(m, 2, MPI_INT64_T, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
        if (st.MPI_TAG == STOP) break;
        std::vector<std::int64_t> ys;
        for (std::int64_t x = m[0]; x < m[0] + m[1]; ++x) ys.push_back(power(x));
        send_results(ys);  // one RESULT message per chunk
    }
}
MPI_Finalize();

// The engine starts it:  mpirun -np {{ranks}} parallel-lab --plab-mpi-rank 1 strategy=mpi_map ...
// If a rank dies, Open MPI ends the whole job; our pool replaces a dead worker.
