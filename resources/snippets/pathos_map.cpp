// pathos' ProcessPool.map in ParallelLab's core: ClosurePool forks its workers for each map,
// so every worker already holds the closure and what it captured; nothing is serialized.
#include "pool/closure_pool.h"

auto power_factory(std::int64_t y) {
    return [y](const plab::Value& x) -> plab::Value {
        std::this_thread::sleep_for(std::chrono::nanoseconds({{delay_ns}}));
        return plab::checked_pow(x.as_int(), y);
    };
}

plab::ClosurePool pool({{workers}});
auto results = pool.map(power_factory({{exponent}}), xs, {{cpp_chunksize}});

// Through the experiment API: spec.strategy = plab::Strategy::PathosMap;
