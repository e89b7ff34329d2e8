// ThreadPool.map in ParallelLab's core: threads of this process, no workers forked.
// C++ has no GIL: computing tasks run on as many cores as there are threads.
#include "pool/local_pools.h"

auto power = [](const plab::Value& x) -> plab::Value {
    std::this_thread::sleep_for(std::chrono::nanoseconds({{delay_ns}}));
    return plab::checked_pow(x.as_int(), {{exponent}});
};

plab::ThreadPool pool({{workers}});
auto outcomes = pool.map_settled(power, xs, nullptr);

// Through the experiment API: spec.strategy = plab::Strategy::ThreadMap;
