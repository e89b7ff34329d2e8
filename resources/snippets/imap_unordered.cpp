// Pool.imap_unordered in ParallelLab's core: outcomes in completion order.
#include "pool/process_pool.h"

std::int64_t power(std::int64_t x) {
    std::this_thread::sleep_for(std::chrono::nanoseconds({{delay_ns}}));
    return plab::checked_pow(x, {{exponent}});
}
PLAB_TASK(power);

std::vector<plab::Value> xs;
for (int x = 0; x < {{tasks}}; ++x) xs.push_back(x);
plab::ProcessPool pool({{workers}});
auto stream = pool.imap_unordered(plab::Task(&power), xs);
while (auto next = stream.next()) {
    // next->index says which input finished; next->outcome holds its value or error
}

// Through the experiment API: spec.strategy = plab::Strategy::ImapUnordered;
