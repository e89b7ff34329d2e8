// Pool.map in ParallelLab's core: a pool of forked worker processes.
#include "pool/process_pool.h"

// at namespace scope, like a top-level def
std::int64_t power(std::int64_t x) {
    std::this_thread::sleep_for(std::chrono::nanoseconds({{delay_ns}}));
    return plab::checked_pow(x, {{exponent}});
}
// registered by name: "picklable"
PLAB_TASK(power);

std::vector<plab::Value> xs;
for (int x = 0; x < {{tasks}}; ++x) xs.push_back(x);
{
    // with Pool(n) as pool:
    plab::ProcessPool pool({{workers}});
    // 0 = auto chunk size
    auto results = pool.map(&power, xs, {{cpp_chunksize}});
    std::cout << plab::repr_list(results) << "\n";
// workers stopped and reaped here
}

// The window ran the same through the experiment API:
//   spec.strategy = plab::Strategy::Map; plab::run_experiment(spec);
