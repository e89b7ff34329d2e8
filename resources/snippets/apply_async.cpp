// Pool.apply_async in ParallelLab's core: one submission per task, then get() each.
#include "pool/process_pool.h"

std::int64_t slow_pow(std::int64_t x, std::int64_t y) {
    std::this_thread::sleep_for(std::chrono::nanoseconds({{delay_ns}}));
    return plab::checked_pow(x, y);
}
PLAB_TASK(slow_pow);

plab::ProcessPool pool({{workers}});
std::vector<plab::AsyncResult> handles;
for (int x = 0; x < {{tasks}}; ++x) {
    handles.push_back(pool.apply_async(plab::Task(&slow_pow), {x, {{exponent}}}));
}
std::vector<plab::Value> results;
// waits, in submission order
for (auto& h : handles) results.push_back(h.get());

// Through the experiment API: spec.strategy = plab::Strategy::ApplyAsync;
