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

/// Which tasks of a job a waiter waits for: kAllTasks, or one task's index.
inline constexpr std::size_t kAllTasks = static_cast<std::size_t>(-1);

/// What a waiter may do instead of sleeping until a job settles: read the workers' pipes itself
/// (ProcessPool's leader/follower I/O). Returns as Job::wait_for does.
class WaitHelper {
  public:
    virtual ~WaitHelper() = default;
    virtual bool wait_leading(Job& job, std::size_t index,
                              std::optional<std::chrono::nanoseconds> timeout) = 0;
};

/// Inputs are immutable after submission; outcomes are written by the pool's collector thread
/// (or a leading waiter) and read by the caller under the mutex.
///
/// A group (`grouped`) is the exception: consecutive apply_async calls share one Job, task i
/// being call id + i, so that a pending call costs its arguments and a result slot, not a Job.
/// Its items are made at full size (capacity) when the group starts and item i is assigned
/// once, under the pool's submission lock, before task i is queued: a dispatcher reading item
/// i (after taking that lock to see the task) never meets a write to it, nor a reallocation.
/// values, settled and remaining grow with the group, under m.
struct Job {
    std::uint64_t id = 0;
    std::uint64_t first_task_id = 0;  ///< task i has id first_task_id + i on the wire
    std::string task;                 ///< registered name ("" = the inherited callable)
    std::vector<Value> bound;
    bool star = false;
    bool grouped = false;  ///< each task is its own apply_async call (see above)
    std::vector<Value> items;
    std::size_t group_used = 0;  ///< a group's tasks so far (<= items.size()); pool's lock
    bool track_order = false;    ///< keep completion order (imap_unordered)
    /// Called on the collector thread after each settle, outside the job's lock.
    std::function<void(std::size_t index, const Outcome&)> on_settled;
    /// The pool whose pipes a waiter may read itself; empty: waiters sleep on cv.
    std::weak_ptr<WaitHelper> helper;

    std::mutex m;
    std::condition_variable cv;
    std::vector<Value> values;                  ///< by index; None until settled or failed
    std::map<std::size_t, std::string> errors;  ///< failed tasks only (usually none)
    /// Tasks settled as "cancelled" by cancel_range, by index; empty until the first such
    /// cancel (then one bit per task: a cancelled 10,000,000-task map costs 1.25 MB, not a map
    /// node and a string per task).
    std::vector<bool> cancelled;
    std::size_t first_cancelled = static_cast<std::size_t>(-1);  ///< lowest index in cancelled
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
    /// Settles every unsettled task of first .. first + count - 1 as "cancelled" under one lock,
    /// in O(count) bit operations: for tasks that never started, which have no event to
    /// report. Returns how many settled now. Indexes past the job's end are ignored.
    std::size_t cancel_range(std::size_t first, std::size_t count);

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
    /// Values, errors and cancelled tasks, moved out; call with m held, once, after every task
    /// settled.
    SettledValues take_settled();
    /// The values, moved out, or throws TaskError for the lowest failed index; with m held.
    std::vector<Value> take_values();
    /// Throws TaskError for the lowest failed (or cancelled) index, if any; with m held.
    void throw_first_failure() const;

    /// Waits until task index (every task: kAllTasks) settled or the timeout passed; true when
    /// settled. Leads the pool's I/O while it waits when the pool allows it (helper).
    bool wait_for(std::size_t index, std::optional<std::chrono::nanoseconds> timeout);
    bool wait_all(std::optional<std::chrono::nanoseconds> timeout) {
        return wait_for(kAllTasks, timeout);
    }
    /// The same, sleeping on cv only.
    bool wait_settled(std::size_t index, std::optional<std::chrono::nanoseconds> timeout);
    /// Task index (kAllTasks: every task) settled (takes m).
    bool done(std::size_t index = kAllTasks);
    /// The same with m held.
    bool done_locked(std::size_t index) const {
        return index == kAllTasks ? remaining == 0 : index < settled.size() && settled[index];
    }
    /// The apply_async/map call that task index belongs to, and its index within that call
    /// (TaskEvent's call and index).
    std::uint64_t call_of(std::size_t index) const { return grouped ? id + index : id; }
    std::size_t index_in_call(std::size_t index) const { return grouped ? 0 : index; }
};

}  // namespace plab::detail
