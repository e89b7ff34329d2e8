// Pool.starmap in ParallelLab's core: every input is a tuple of arguments.
#include "pool/process_pool.h"

std::int64_t slow_pow(std::int64_t x, std::int64_t y) {
    std::this_thread::sleep_for(std::chrono::nanoseconds({{delay_ns}}));
    return plab::checked_pow(x, y);
}
PLAB_TASK(slow_pow);

std::vector<plab::Value> pairs;
for (int x = 0; x < {{tasks}}; ++x) pairs.push_back(plab::Value::tuple(x, {{exponent}}));
plab::ProcessPool pool({{workers}});
auto results = pool.starmap(plab::Task(&slow_pow), pairs, {{cpp_chunksize}});

// Through the experiment API: spec.strategy = plab::Strategy::Starmap;
