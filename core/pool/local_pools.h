// Pools that run tasks inside this process: SerialPool (the baseline, like pathos' SerialPool)
// and ThreadPool (threads share memory; C++ has no GIL, so they run truly in parallel).
// Both run any callable, closures included: nothing crosses a process boundary.
#pragma once

#include <atomic>
#include <functional>
#include <system_error>
#include <vector>

#include "pool/process_pool.h"

namespace plab {

/// A callable taking one input, as map gives it.
using MapFn = std::function<Value(const Value&)>;

/// Runs map one task after another in the calling thread. Events report worker 0 and this
/// process's pid. Only PoolOptions::observer is used.
class SerialPool {
  public:
    explicit SerialPool(PoolOptions options = {}) : options_(std::move(options)) {}
    /// Every outcome in input order; stops early when cancel becomes true (the rest fail as
    /// "cancelled"). A task that throws fails alone.
    std::vector<Outcome> map_settled(const MapFn& f, const std::vector<Value>& xs,
                                     const std::atomic<bool>* cancel = nullptr);

  private:
    PoolOptions options_;
};

/// Thrown by ThreadPool::map_settled when one of its threads cannot be created (the process or
/// user is out of threads, or of memory for a stack). No task has run when it is thrown.
class ThreadStartError : public std::system_error {
  public:
    using std::system_error::system_error;
};

/// Runs map on threads started by each call and joined before it returns; tasks are taken
/// one at a time from a shared counter. Events report the thread's slot as worker and this
/// process's pid. Throws std::invalid_argument unless 1 <= threads <= kMaxPoolWorkers.
class ThreadPool {
  public:
    explicit ThreadPool(int threads, PoolOptions options = {});
    /// As SerialPool::map_settled, on size() threads at once. Every thread is created before
    /// any task runs: when one cannot be, those made are joined and ThreadStartError says
    /// which thread failed and why (never std::terminate).
    std::vector<Outcome> map_settled(const MapFn& f, const std::vector<Value>& xs,
                                     const std::atomic<bool>* cancel = nullptr);
    int size() const { return threads_; }

  private:
    int threads_;
    PoolOptions options_;
};

}  // namespace plab
