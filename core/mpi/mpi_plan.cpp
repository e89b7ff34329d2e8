#include "mpi/mpi_plan.h"

#include <algorithm>

namespace plab::mpi {

std::vector<Chunk> map_chunks(int tasks, int chunksize) {
    const int size = std::max(chunksize, 1);
    std::vector<Chunk> out;
    if (tasks <= 0) return out;
    const int count = (tasks - 1) / size + 1;
    out.reserve(static_cast<std::size_t>(count));
    for (int first = 0; first < tasks; first += std::min(size, tasks - first))
        out.push_back({first, std::min(size, tasks - first)});
    return out;
}

Blocks scatter_blocks(int tasks, int workers) {
    const int w = std::max(workers, 1);
    const int n = std::max(tasks, 0);
    Blocks b;
    b.counts.assign(static_cast<std::size_t>(w) + 1, 0);
    b.displs.assign(static_cast<std::size_t>(w) + 1, 0);
    int at = 0;
    for (int r = 1; r <= w; ++r) {
        const auto i = static_cast<std::size_t>(r);
        b.counts[i] = n / w + (r - 1 < n % w ? 1 : 0);
        b.displs[i] = at;
        at += b.counts[i];
    }
    return b;
}

}  // namespace plab::mpi
