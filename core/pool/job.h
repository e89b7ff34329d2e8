// The shared state of one pool call (map, starmap, apply_async, imap_unordered): its inputs,
// and each task's outcome as it settles. Internal to the pool and its result handles.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pool/task_event.h"
#include "pool/value.h"

namespace plab::detail {

/// Inputs are immutable after submission; outcomes are written by the pool's collector thread
/// and read by the caller under the mutex.
struct Job {
    std::uint64_t id = 0;
    std::uint64_t first_task_id = 0;  ///< task i has id first_task_id + i on the wire
    std::string task;                 ///< registered name ("" = the inherited callable)
    std::vector<Value> bound;
    bool star = false;
    std::vector<Value> items;
    bool track_order = false;  ///< keep completion order (imap_unordered)
    /// Called on the collector thread after each settle, outside the job's lock.
    std::function<void(std::size_t index, const Outcome&)> on_settled;

    std::mutex m;
    std::condition_variable cv;
    std::vector<Value> values;                  ///< by index; None until settled or failed
    std::map<std::size_t, std::string> errors;  ///< failed tasks only (usually none)
    std::vector<bool> settled;
    std::size_t remaining = 0;
    std::deque<std::size_t> order;  ///< settled indexes not yet taken, when track_order

    /// Records task index's outcome once; a second settle of the same task is ignored and
    /// returns false.
    bool settle(std::size_t index, Outcome outcome);
    /// Settles tasks first .. first + values.size() - 1 under one lock: values[i] is task
    /// first + i's result unless errors names i. Already settled ones are skipped; returns how
    /// many settled now.
    std::size_t settle_range(std::size_t first, std::vector<Value>& values,
                             std::vector<std::pair<std::uint32_t, std::string>>& errors);

  private:
    /// One task's settle with m held; false if it had settled already.
    bool settle_locked(std::size_t index, bool ok, Value& value, std::string& error);
    /// Runs on_settled for each of these outcomes, copied under m (m not held: a waiter may
    /// take the outcomes meanwhile).
    void run_callbacks(const std::vector<std::pair<std::size_t, Outcome>>& settled_now);

  public:
    /// Task index's outcome; call with m held.
    Outcome outcome_at(std::size_t index) const;
    /// Every outcome, moved out; call with m held, once, after every task settled.
    std::vector<Outcome> take_outcomes();
    /// The values, moved out, or throws TaskError for the lowest failed index; with m held.
    std::vector<Value> take_values();

    /// Waits until every task settled or the timeout passed; true when all settled.
    bool wait_all(std::optional<std::chrono::nanoseconds> timeout);
};

}  // namespace plab::detail
