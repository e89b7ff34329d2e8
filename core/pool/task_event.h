// What a pool reports about each task while it runs: the observer API (plain C++, no Qt).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "pool/value.h"

namespace plab {

/// How one task ended: its value, or a clear error (the task threw, its worker died, it was
/// cancelled). Exactly one of the two is meaningful, chosen by ok.
struct Outcome {
    bool ok = false;
    Value value;
    std::string error;
};

/// Every task's outcome of a map without an Outcome per task, for runs of millions of tasks:
/// the values by input (None where a task failed), the errors of the failed tasks by index, and
/// which tasks never ran (cancelled before they started, or never sent): a cancelled
/// 10,000,000-task map costs its values and a bit per task, not ten million Outcomes.
struct SettledValues {
    std::vector<Value> values;
    std::map<std::size_t, std::string> errors;
    std::vector<bool> unrun;  ///< empty, or one per task: true where it never ran

    bool never_ran(std::size_t i) const { return i < unrun.size() && unrun[i]; }

    /// The same from one Outcome per task: a failure without an error counts as never run.
    static SettledValues from(std::vector<Outcome> outcomes);
};

/// One task started or finished. start_ns and end_ns are CLOCK_MONOTONIC read in the process
/// that ran the task (see monotonic_ns); end_ns is 0 in a Started event.
struct TaskEvent {
    enum class Kind : std::uint8_t { Started, Finished };
    Kind kind = Kind::Finished;
    std::uint64_t call = 0;  ///< which map/starmap/apply_async call, counted from 1 per pool
    std::size_t index = 0;   ///< the task's position in that call's inputs
    int worker = 0;          ///< the worker slot, 0 .. workers-1 (a replacement keeps the slot)
    int pid = 0;             ///< the process that ran it
    std::int64_t start_ns = 0;
    std::int64_t end_ns = 0;
    bool ok = false;
    Value result;
    std::string error;
};

/// Receives events in the parent as they happen, on the pool's own collector thread. It must
/// return quickly and must not call back into the pool (that would wait on the thread that is
/// calling it); copying the event into a queue for another thread is the intended use.
/// An exception thrown from it is caught and dropped by the pool, which cannot know what the
/// observer was for: an observer whose failure matters reports it itself and stops its run (the
/// runner's does: RunResult::error, never a silent partial record).
using TaskObserver = std::function<void(const TaskEvent&)>;

}  // namespace plab
