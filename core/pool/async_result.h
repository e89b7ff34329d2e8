// Handles on work submitted to a pool: AsyncResult (apply_async) and UnorderedResults
// (imap_unordered). Both stay valid after the pool is gone: its tasks then ended as errors.
#pragma once

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "pool/task_event.h"

namespace plab {

namespace detail {
struct Job;
struct CallbackGate;
}  // namespace detail

/// Thrown by get()/map() when a task failed: names the task's index and what happened.
class TaskError : public std::runtime_error {
  public:
    TaskError(std::size_t index, const std::string& message)
        : std::runtime_error("task " + std::to_string(index) + " failed: " + message),
          index_(index) {}
    std::size_t index() const { return index_; }

  private:
    std::size_t index_;
};

/// The values of outcomes in order; throws TaskError for the first one that failed.
std::vector<Value> values_or_throw(std::vector<Outcome> outcomes);

/// Thrown by get() with a timeout that passed first (Python's multiprocessing.TimeoutError).
class TimeoutError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The result of one apply_async: Python's AsyncResult. Task index of its job (consecutive
/// apply_async calls may share one job: see detail::Job).
class AsyncResult {
  public:
    /// gate, when given, is opened once the call's callback or error_callback returned: until
    /// then the result is not ready (as in Python, whose callbacks run before get() returns).
    explicit AsyncResult(std::shared_ptr<detail::Job> job, std::size_t index = 0,
                         std::shared_ptr<detail::CallbackGate> gate = nullptr)
        : job_(std::move(job)), index_(index), gate_(std::move(gate)) {}

    /// The value; rethrows the task's failure as TaskError; TimeoutError when timeout passes.
    Value get(std::optional<std::chrono::nanoseconds> timeout = std::nullopt) const;
    /// Waits for the task and returns how it ended, never throwing.
    Outcome outcome() const;
    /// Waits until ready or timeout; returns ready().
    bool wait(std::optional<std::chrono::nanoseconds> timeout = std::nullopt) const;
    bool ready() const;
    /// Whether the task succeeded; throws std::logic_error when it is not ready yet (as Python
    /// raises ValueError).
    bool successful() const;
    /// The task's id on the wire (consecutive apply_async calls get consecutive ids).
    std::uint64_t task_id() const;

  private:
    std::shared_ptr<detail::Job> job_;
    std::size_t index_;
    std::shared_ptr<detail::CallbackGate> gate_;
};

/// One settled task of an imap_unordered call.
struct IndexedOutcome {
    std::size_t index = 0;
    Outcome outcome;
};

namespace detail {
/// What the imap and imap_unordered handles share: the job, how many results were taken, and
/// the input generator's exception (see ProcessPool::imap), rethrown once after the last result.
class ResultStream {
  public:
    std::size_t total() const;

  protected:
    ResultStream(std::shared_ptr<Job> job, std::exception_ptr input_error)
        : job_(std::move(job)), input_error_(std::move(input_error)) {}
    /// True when every result was taken; rethrows the input's exception first, once.
    bool finished();

    std::shared_ptr<Job> job_;
    std::size_t taken_ = 0;
    std::exception_ptr input_error_;
};
}  // namespace detail

/// The results of imap_unordered, in the order tasks finish.
class UnorderedResults : public detail::ResultStream {
  public:
    /// input_error: what the input generator threw part-way (see ProcessPool::imap_unordered),
    /// rethrown by next() once every task that was submitted before it was returned.
    explicit UnorderedResults(std::shared_ptr<detail::Job> job,
                              std::exception_ptr input_error = nullptr)
        : ResultStream(std::move(job), std::move(input_error)) {}
    /// The next task to finish; nullopt once every task was returned, or when timeout passed
    /// first (check exhausted() to tell which). Rethrows the input generator's exception, once,
    /// after the last task's outcome.
    std::optional<IndexedOutcome> next(
        std::optional<std::chrono::nanoseconds> timeout = std::nullopt);
    bool exhausted() const { return taken_ == total(); }
};

}  // namespace plab
