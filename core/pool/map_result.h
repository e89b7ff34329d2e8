// Handles on a whole call submitted without waiting: MapResult (map_async, starmap_async) and
// OrderedResults (imap). Like AsyncResult they stay valid after the pool is gone.
#pragma once

#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "pool/async_result.h"

namespace plab {

/// An input sequence produced one item at a time, the analog of a Python generator given to
/// map/imap: next() returns the next item, nullopt at the end; what it throws is the iterable's
/// exception (see ProcessPool::imap for where it surfaces). Explicit, so that `map(f, {})`
/// still means an empty vector.
class InputGenerator {
  public:
    explicit InputGenerator(std::function<std::optional<Value>()> next) : next_(std::move(next)) {}
    /// The next item; an empty generator (no function) yields none.
    std::optional<Value> next() const { return next_ ? next_() : std::nullopt; }

  private:
    std::function<std::optional<Value>()> next_;
};

/// map_async's callback: every result, in input order (Python's callback(list)).
using ValuesCallback = std::function<void(const std::vector<Value>&)>;
/// error_callback: the call's failure (Python's error_callback(exc)).
using ErrorCallback = std::function<void(const TaskError&)>;

/// The result of map_async or starmap_async: Python's MapResult. Ready once every task ended
/// and the callback or error_callback returned (Python's map_async does not fail fast either).
class MapResult {
  public:
    MapResult(std::shared_ptr<detail::Job> job, std::shared_ptr<detail::CallbackGate> gate)
        : job_(std::move(job)), gate_(std::move(gate)) {}

    /// Every value in input order (a copy: get() may be called again); throws TaskError for the
    /// lowest-index failed task, TimeoutError when timeout passes first.
    std::vector<Value> get(std::optional<std::chrono::nanoseconds> timeout = std::nullopt) const;
    /// Waits until ready or timeout; returns ready().
    bool wait(std::optional<std::chrono::nanoseconds> timeout = std::nullopt) const;
    bool ready() const;
    /// Whether every task succeeded; throws std::logic_error when not ready yet (Python:
    /// ValueError).
    bool successful() const;

  private:
    std::shared_ptr<detail::Job> job_;
    std::shared_ptr<detail::CallbackGate> gate_;
};

/// The results of imap, in input order, each as soon as it and those before it ended.
class OrderedResults : public detail::ResultStream {
  public:
    OrderedResults(std::shared_ptr<detail::Job> job, std::exception_ptr input_error)
        : ResultStream(std::move(job), std::move(input_error)) {}

    /// The next value in input order; nullopt after the last. Throws TaskError when that task
    /// failed (the following ones can still be taken), TimeoutError when timeout passes first
    /// (call again to keep waiting), and, once, the input generator's exception after the
    /// results of the tasks submitted before it (as Python's IMapIterator.next raises them).
    std::optional<Value> next(std::optional<std::chrono::nanoseconds> timeout = std::nullopt);
    /// Every result was returned (and the input's exception, if any, was thrown).
    bool exhausted() const;
};

}  // namespace plab
