// ClosurePool: runs any callable, capturing lambdas included, in worker processes: the analog
// of pathos' ProcessPool, which serializes closures with dill.
//
// How: C++ cannot serialize code, but a forked child is a copy of its parent, closure and
// captures included. So each map forks a fresh ProcessPool whose workers inherit the callable
// (PoolOptions::inherited) and then receive only the inputs over their pipes. The cost is a
// fork and a reap per worker per call (about 0.1 ms a worker here), which a standard pool pays
// once for its life; and the captures are the ones the callable held at the call.
#pragma once

#include <functional>
#include <mutex>
#include <vector>

#include "pool/process_pool.h"

namespace plab {

class ClosurePool {
  public:
    /// Throws std::invalid_argument unless 1 <= workers <= kMaxPoolWorkers. Starts nothing:
    /// workers are forked by each map, holding its callable.
    explicit ClosurePool(int workers, PoolOptions options = {});

    /// f(x) for each x in worker processes, results in input order; throws TaskError for the
    /// lowest-index failure. chunksize 0 = Python's auto.
    std::vector<Value> map(std::function<Value(const Value&)> f, std::vector<Value> xs,
                           std::size_t chunksize = 0);
    /// Like map, returning every outcome instead of throwing. Both throw UnsendableTask
    /// (closure_refusal) when PoolOptions::start is not fork: only a fork inherits f.
    std::vector<Outcome> map_settled(std::function<Value(const Value&)> f, std::vector<Value> xs,
                                     std::size_t chunksize = 0);
    /// Cancels the map running now, if any, and every later one (see ProcessPool::cancel).
    /// Thread-safe.
    void cancel();

    int size() const { return workers_; }

  private:
    int workers_;
    PoolOptions options_;
    std::mutex m_;
    ProcessPool* active_ = nullptr;
    bool cancel_requested_ = false;
};

}  // namespace plab
