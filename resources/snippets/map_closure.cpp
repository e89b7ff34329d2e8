// A closure given to the standard pool: refused, as Python's pickle refuses it.
#include "pool/process_pool.h"

auto power_factory(std::int64_t y) {
    // captures y: made at run time
    return [y](const plab::Value& x) -> plab::Value {
        return plab::checked_pow(x.as_int(), y);
    };
}

plab::ProcessPool pool({{workers}});
try {
    pool.map(power_factory({{exponent}}), xs);
} catch (const plab::UnsendableTask& e) {
    // "cannot send a function made at run time to a worker process: ..."; the Log tab
    // shows the engine's refusal, "cannot send power_factory({{exponent}}), a function made ..."
    std::cerr << e.what() << "\n";
}

// Through the experiment API: spec.strategy = plab::Strategy::MapClosure; the run's
// refusal field holds the message and no task runs.
