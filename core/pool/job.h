// The shared state of one pool call (map, starmap, apply_async, imap_unordered): its inputs,
// and each task's outcome as it settles. Internal to the pool and its result handles.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pool/task_event.h"
#include "pool/value.h"

namespace plab::detail {

struct Job;

/// What a waiter may do instead of sleeping until a job settles: read the workers' pipes itself
/// (ProcessPool's leader/follower I/O). Returns as Job::wait_all does.
class WaitHelper {
  public:
    virtual ~WaitHelper() = default;
    virtual bool wait_leading(Job& job, std::optional<std::chrono::nanoseconds> timeout) = 0;
};

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
    /// The pool whose pipes a waiter may read itself; empty: waiters sleep on cv.
    std::weak_ptr<WaitHelper> helper;

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

    /// Waits until every task settled or the timeout passed; true when all settled. Leads the
    /// pool's I/O while it waits when the pool allows it (helper).
    bool wait_all(std::optional<std::chrono::nanoseconds> timeout);
    /// The same, sleeping on cv only.
    bool wait_settled(std::optional<std::chrono::nanoseconds> timeout);
    /// Every task settled (takes m).
    bool done();
};

}  // namespace plab::detail
