// mpi_map hands out Pool.map's chunks; mpi_scatter gives worker ranks blocks that differ by at
// most one task, the root none (core/mpi/mpi_plan.h).
#include <gtest/gtest.h>

#include <numeric>

#include "experiment/spec.h"
#include "mpi/mpi_plan.h"

namespace plab::mpi {
namespace {

TEST(MpiPlan, MapChunksArePoolMapsChunks) {
    // The article's 10 tasks on 4 workers: Pool.map's auto chunksize is 1, so 10 chunks of 1.
    const int auto10 = auto_chunksize(10, 4);
    EXPECT_EQ(auto10, 1);
    const auto ten = map_chunks(10, auto10);
    ASSERT_EQ(ten.size(), 10U);
    for (int i = 0; i < 10; ++i)
        EXPECT_EQ(ten[static_cast<std::size_t>(i)], (Chunk{i, 1}));
    // 100 on 5: divmod(100, 20) = (5, 0), so 20 chunks of 5.
    const int auto100 = auto_chunksize(100, 5);
    EXPECT_EQ(auto100, 5);
    const auto hundred = map_chunks(100, auto100);
    ASSERT_EQ(hundred.size(), 20U);
    EXPECT_EQ(hundred.front(), (Chunk{0, 5}));
    EXPECT_EQ(hundred.back(), (Chunk{95, 5}));
}

TEST(MpiPlan, MapChunksCoverEveryTaskOnceInOrder) {
    for (int tasks : {1, 2, 7, 10, 101}) {
        for (int size : {-3, 0, 1, 3, 7, 200}) {
            const auto chunks = map_chunks(tasks, size);
            int next = 0;
            for (const Chunk& c : chunks) {
                EXPECT_EQ(c.first, next) << tasks << " / " << size;
                EXPECT_GE(c.count, 1);
                EXPECT_LE(c.count, std::max(size, 1));
                next += c.count;
            }
            EXPECT_EQ(next, tasks) << tasks << " / " << size;
        }
    }
    // The last chunk is the short one: 7 in 3s is 3, 3, 1.
    EXPECT_EQ(map_chunks(7, 3), (std::vector<Chunk>{{0, 3}, {3, 3}, {6, 1}}));
    EXPECT_TRUE(map_chunks(0, 1).empty());
    EXPECT_TRUE(map_chunks(-5, 1).empty());
}

TEST(MpiPlan, ScatterGivesTheArticlesBlocks) {
    // 10 tasks on 4 workers: the root none, then 3, 3, 2, 2.
    const Blocks b = scatter_blocks(10, 4);
    EXPECT_EQ(b.counts, (std::vector<int>{0, 3, 3, 2, 2}));
    EXPECT_EQ(b.displs, (std::vector<int>{0, 0, 3, 6, 8}));
}

TEST(MpiPlan, ScatterBlocksSumToTheTasksAndDifferByAtMostOne) {
    for (int tasks : {0, 1, 3, 4, 5, 16, 1000}) {
        for (int workers : {1, 2, 4, 7, 64}) {
            const Blocks b = scatter_blocks(tasks, workers);
            ASSERT_EQ(b.counts.size(), static_cast<std::size_t>(workers) + 1);
            ASSERT_EQ(b.displs.size(), b.counts.size());
            EXPECT_EQ(b.counts[kRootRank], 0);
            EXPECT_EQ(std::accumulate(b.counts.begin(), b.counts.end(), 0), tasks);
            const auto [lo, hi] = std::minmax_element(b.counts.begin() + 1, b.counts.end());
            EXPECT_LE(*hi - *lo, 1) << tasks << " on " << workers;
            for (std::size_t r = 2; r < b.counts.size(); ++r) {
                EXPECT_EQ(b.displs[r], b.displs[r - 1] + b.counts[r - 1]);
                EXPECT_LE(b.counts[r], b.counts[r - 1]);  // the larger blocks come first
            }
        }
    }
    // Nonsense counts are clamped, never undefined: one worker rank, no tasks.
    const Blocks odd = scatter_blocks(-4, 0);
    EXPECT_EQ(odd.counts, (std::vector<int>{0, 0}));
}

}  // namespace
}  // namespace plab::mpi
