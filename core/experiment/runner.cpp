#include "experiment/runner.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <stdexcept>

#include "experiment/durations.h"
#include "experiment/payload.h"
#include "experiment/serial_part.h"
#include "experiment/workload.h"
#include "mpi/mpi_runner.h"
#include "pool/clock.h"
#include "pool/closure_pool.h"
#include "pool/local_pools.h"
#include "pool/process_pool.h"
#include "python/python_runner.h"

namespace plab {

std::size_t RunResult::ok() const {
    std::size_t n = 0;
    for (const TaskRecord& t : tasks)
        n += t.ok ? 1 : 0;
    return n;
}

std::size_t RunResult::failed() const {
    const auto all = static_cast<std::size_t>(std::max(spec.tasks, 0));
    const std::size_t good = ok();
    return good < all ? all - good : 0;
}

bool RunResult::all_ok() const {
    return refusal.empty() && error.empty() && !cancelled && failed() == 0 &&
           tasks.size() == static_cast<std::size_t>(spec.tasks);
}

namespace {

/// Turns pool events into TaskRecords (seconds since t0) and forwards them to the observer.
/// Recording never throws into a pool: when it fails (out of memory, an observer that threw),
/// the first failure is kept for the RunResult, the run is stopped through `stop`, and later
/// events are dropped (so no task is counted from a partial record).
class Recorder {
  public:
    Recorder(RunId id, RunObserver* observer, bool by_call, CancelToken& stop, bool payload = false)
        : id_(id),
          observer_(observer),
          by_call_(by_call),
          stop_(stop),
          t0_(monotonic_ns()),
          payload_(payload) {}

    void on_event(const TaskEvent& ev) noexcept {
        if (failed_.load(std::memory_order_acquire)) return;
        try {
            record(ev);
        } catch (const std::exception& e) {
            fail(e.what());
        } catch (...) {
            fail("an unknown exception");
        }
    }

    /// Why recording failed, or "" when it did not.
    std::string failure() {
        std::lock_guard lock(m_);
        return failure_;
    }

    /// The serial part began (finished false) or ended: kept (ended) and told to the observer.
    void on_serial_part(const TaskRecord& part, bool finished) noexcept {
        if (failed_.load(std::memory_order_acquire)) return;
        try {
            if (observer_ == nullptr) return;
            if (finished) {
                observer_->serial_part_finished(id_, part);
            } else {
                observer_->serial_part_started(id_, part);
            }
        } catch (const std::exception& e) {
            fail(e.what());
        } catch (...) {
            fail("an unknown exception");
        }
    }

    /// The run's records, in completion order, after telling the observer those it was not
    /// told while it was not live. Call once, after the run's elapsed time was taken.
    std::vector<TaskRecord> take() {
        bool failed_now = false;
        std::vector<TaskRecord> tasks;
        {
            std::lock_guard lock(m_);
            if (observer_ != nullptr && !failed_.load(std::memory_order_relaxed)) {
                try {
                    tell_untold();
                } catch (const std::exception& e) {
                    failed_now = fail_locked(e.what());
                } catch (...) {
                    failed_now = fail_locked("an unknown exception");
                }
            }
            tasks = std::move(tasks_);
        }
        if (failed_now) stop_.cancel();
        return tasks;
    }
    std::int64_t t0() const { return t0_; }
    /// Room for n records before the run, so that keeping them never copies those kept.
    void reserve(std::size_t n) {
        std::lock_guard lock(m_);
        tasks_.reserve(n);
    }

  private:
    void record(const TaskEvent& ev) {
        TaskRecord r;
        // apply_async submits one call per task, in task order: call k (from 1) is task k-1.
        r.task = static_cast<int>(by_call_ ? ev.call - 1 : ev.index);
        r.worker = ev.worker;
        r.pid = ev.pid;
        r.start_s = seconds(ev.start_ns);
        if (ev.kind == TaskEvent::Kind::Started) {
            if (observer_ != nullptr) observer_->task_started(id_, r);
            return;
        }
        const bool live = observer_ != nullptr && observer_->live();
        r.end_s = seconds(ev.end_ns);
        r.ok = ev.ok;
        r.result = payload_ ? payload_result_value(ev.result) : ev.result;  // pow, not bytes
        r.error = ev.error;
        std::lock_guard lock(m_);
        if (failed_.load(std::memory_order_relaxed)) return;  // a concurrent event failed first
        if (live) {
            tell_untold();
            observer_->task_finished(id_, r);  // may throw: then r is not kept (on_event)
            ++told_;
        }
        tasks_.push_back(std::move(r));
    }

    /// Tells the observer the tasks it has not been told yet (see RunObserver::live). Under m_.
    void tell_untold() {
        for (; told_ < tasks_.size(); ++told_)
            observer_->task_finished(id_, tasks_[told_]);
    }

    void fail(const char* what) noexcept {
        bool failed_now = false;
        {
            std::lock_guard lock(m_);
            failed_now = fail_locked(what);
        }
        if (failed_now) stop_.cancel();  // not under m_: the pool's cancel may wait for events
    }

    /// Keeps the first failure's reason (m_ held); true when this was the first.
    bool fail_locked(const char* what) noexcept {
        if (failed_.load(std::memory_order_relaxed)) return false;
        failed_.store(true, std::memory_order_release);
        try {
            failure_ = std::string("recording the run's task events failed (") + what +
                       "): the run was stopped";
        } catch (...) {  // no memory even for the message: say it without one
            failure_.clear();
        }
        return true;
    }

    double seconds(std::int64_t ns) const { return static_cast<double>(ns - t0_) / 1e9; }

    RunId id_;
    RunObserver* observer_;
    bool by_call_;
    CancelToken& stop_;
    std::int64_t t0_;
    bool payload_;  ///< results are (pow, bytes): keep pow
    std::atomic<bool> failed_{false};
    std::mutex m_;  ///< guards tasks_ and failure_
    std::vector<TaskRecord> tasks_;
    std::size_t told_ = 0;  ///< tasks_[0, told_) were told to the observer; under m_
    std::string failure_;
};

/// Records reserved before a run: a run of up to this many tasks never copies its records as
/// they grow; a bigger one grows from there (a 10,000,000-task run reserves no gigabyte).
constexpr int kReservedRecords = 1 << 16;

/// Installs a cancel action for the lifetime of a pool; removes it before the pool goes.
class CancelScope {
  public:
    CancelScope(CancelToken* token, std::function<void()> action) : token_(token) {
        if (token_ != nullptr) token_->install(std::move(action));
    }
    ~CancelScope() {
        if (token_ != nullptr) token_->install({});
    }
    CancelScope(const CancelScope&) = delete;
    CancelScope& operator=(const CancelScope&) = delete;

  private:
    CancelToken* token_;
};

/// The article's power_factory(y): a function made at run time, capturing y (and our delay).
std::function<Value(const Value&)> power_factory(const ExperimentSpec& s,
                                                 const std::atomic<bool>* cancel) {
    if (s.payload_bytes > 0) {
        return [y = s.exponent, s, workload = s.workload, crash = s.crash_task,
                cancel](const Value& arg) -> Value {
            const int i = static_cast<int>(payload_task_index(arg));
            return slow_pow_payload_cancellable(arg, y, planned_delay_ns(s, i), workload, crash,
                                                cancel);
        };
    }
    return [y = s.exponent, s, workload = s.workload, crash = s.crash_task,
            cancel](const Value& x) -> Value {
        const std::int64_t delay = planned_delay_ns(s, static_cast<int>(x.as_int()));
        return slow_pow_cancellable(x.as_int(), y, delay, workload, crash, cancel);
    };
}

/// Runs the strategy. Map and starmap settle without an Outcome per task (SettledValues), so
/// that a cancelled 10,000,000-task run ends in a fraction of a second.
SettledValues run_strategy(const ExperimentSpec& s, std::vector<Value> xs,
                           const PoolOptions& options, CancelToken* cancel, std::string& refusal) {
    const auto chunk = static_cast<std::size_t>(effective_chunksize(s));
    const std::atomic<bool>* flag = cancel != nullptr ? &cancel->flag() : nullptr;
    const auto workload = static_cast<std::int64_t>(s.workload);
    const Task slow_pow_task(s.payload_bytes > 0 ? "slow_pow_payload" : "slow_pow");
    switch (s.strategy) {
        case Strategy::Serial:
            return SettledValues::from(
                SerialPool(options).map_settled(power_factory(s, flag), xs, flag));
        case Strategy::ThreadMap:
            return SettledValues::from(
                ThreadPool(s.workers, options).map_settled(power_factory(s, flag), xs, flag));
        case Strategy::PathosMap: {
            ClosurePool pool(s.workers, options);
            CancelScope scope(cancel, [&pool] { pool.cancel(); });
            try {
                return SettledValues::from(
                    pool.map_settled(power_factory(s, nullptr), std::move(xs), chunk));
            } catch (const UnsendableTask& e) {  // spawn, forkserver: no closure without fork
                refusal = closure_name(s.exponent) + ": " + e.what();
                return SettledValues{std::vector<Value>(static_cast<std::size_t>(s.tasks)), {}, {}};
            }
        }
        default:
            break;
    }
    ProcessPool pool(s.workers, options);
    CancelScope scope(cancel, [&pool] { pool.cancel(); });
    switch (s.strategy) {
        case Strategy::Map:
            return pool.map_values_settled(planned_task(s), std::move(xs), chunk);
        case Strategy::Starmap: {
            std::vector<Value> tuples;
            tuples.reserve(xs.size());
            for (std::size_t i = 0; i < xs.size(); ++i) {  // xs[i] is task i's argument
                tuples.push_back(Value::tuple(xs[i], s.exponent,
                                              planned_delay_ns(s, static_cast<int>(i)), workload,
                                              s.crash_task));
            }
            return pool.starmap_values_settled(slow_pow_task, std::move(tuples), chunk);
        }
        case Strategy::ApplyAsync: {
            std::vector<AsyncResult> pending;
            pending.reserve(xs.size());
            for (std::size_t i = 0; i < xs.size(); ++i) {
                pending.push_back(pool.apply_async(
                    slow_pow_task, {xs[i], s.exponent, planned_delay_ns(s, static_cast<int>(i)),
                                    workload, s.crash_task}));
            }
            std::vector<Outcome> out;
            out.reserve(xs.size());
            for (const AsyncResult& r : pending)
                out.push_back(r.outcome());
            return SettledValues::from(std::move(out));
        }
        case Strategy::ImapUnordered: {
            std::vector<Outcome> out(xs.size());
            UnorderedResults results = pool.imap_unordered(planned_task(s), std::move(xs), chunk);
            while (auto next = results.next())
                out[next->index] = std::move(next->outcome);
            return SettledValues::from(std::move(out));
        }
        case Strategy::MapClosure:
            try {
                pool.map(power_factory(s, nullptr), xs, chunk);
            } catch (const UnsendableTask& e) {
                // Names the closure as the experiment made it: "cannot send power_factory(3), a
                // function made at run time, to a worker process: ...".
                static constexpr std::string_view kWhat = "a function made at run time";
                refusal = e.what();
                const std::string name = closure_name(s.exponent);
                if (const auto at = refusal.find(kWhat); at != std::string::npos) {
                    refusal.replace(at, kWhat.size(), name + ", " + std::string(kWhat) + ",");
                } else {
                    refusal.insert(0, name + ": ");
                }
            }
            return SettledValues{std::vector<Value>(xs.size()), {}, {}};
        default:
            throw std::logic_error("unhandled strategy");
    }
}

}  // namespace

RunResult run_experiment(const ExperimentSpec& spec, RunId id, RunObserver* observer,
                         CancelToken* cancel) {
    if (std::string problem = validate(spec); !problem.empty())
        throw std::invalid_argument(problem);
    if (runs_python(spec.strategy))
        return python::run_python_experiment(spec, id, observer, cancel);
    if (runs_mpi(spec.strategy)) return mpi::run_mpi_experiment(spec, id, observer, cancel);
    RunResult result;
    result.spec = spec;
    result.id = id;
    result.chunksize = effective_chunksize(spec);
    std::vector<Value> xs;
    xs.reserve(static_cast<std::size_t>(spec.tasks));
    for (int x = 0; x < spec.tasks; ++x)
        xs.push_back(spec.payload_bytes > 0 ? payload_argument(x, spec.payload_bytes) : Value(x));

    if (observer != nullptr) observer->run_started(spec, id, result.chunksize);
    // The run stops when the caller cancels (linked here) or when the run itself fails.
    CancelToken stop;
    CancelScope link(cancel, [&stop] { stop.cancel(); });
    Recorder recorder(id, observer, spec.strategy == Strategy::ApplyAsync, stop,
                      spec.payload_bytes > 0);
    recorder.reserve(static_cast<std::size_t>(std::min(spec.tasks, kReservedRecords)));
    PoolOptions options;
    options.report_starts = observer != nullptr;
    options.task_timeout = std::chrono::nanoseconds(spec.task_timeout_ns);
    options.cancel_flag = &stop.flag();
    options.observer = [&recorder](const TaskEvent& ev) { recorder.on_event(ev); };
    options.start = spec.start_method;

    // Measured as the article does: from asking for the pool to having torn it down.
    const std::int64_t begin = monotonic_ns();
    SettledValues outcomes;
    try {
        if (serial_part_ns(spec) > 0) {  // the parent alone first, then the parallel part
            result.serial_part = run_serial_part(
                spec, recorder.t0(), &stop.flag(),
                [&recorder](const TaskRecord& part) { recorder.on_serial_part(part, false); });
            recorder.on_serial_part(*result.serial_part, true);
        }
        if (result.serial_part && stop.cancelled()) {  // cut short in the serial part: no task runs
            outcomes.values.resize(static_cast<std::size_t>(spec.tasks));
        } else {
            ExperimentSpec parallel = spec;
            parallel.delay_ns = parallel_delay_ns(spec);
            outcomes = run_strategy(parallel, std::move(xs), options, &stop, result.refusal);
        }
    } catch (const ThreadStartError& e) {
        result.error = e.what();
        outcomes.values.resize(static_cast<std::size_t>(spec.tasks));
    }
    result.elapsed_s = static_cast<double>(monotonic_ns() - begin) / 1e9;

    result.tasks = recorder.take();
    if (result.refusal.empty()) settle_payloads(outcomes, result.tasks, spec.payload_bytes);
    result.cancelled = cancel != nullptr && cancel->cancelled();
    if (result.error.empty()) result.error = recorder.failure();
    // Tasks that did not run because the run was stopped or cancelled get no line (a cancelled
    // 10,000,000-task run would otherwise make ten million).
    const bool stopped = !result.error.empty() || result.cancelled;
    if (!result.error.empty()) result.errors.push_back(result.error);
    result.results = std::move(outcomes.values);
    if (result.refusal.empty()) {
        // A task that a stopped run never ran, or stopped while it ran, gets no line.
        if (!stopped) {
            for (std::size_t i = 0; i < outcomes.unrun.size(); ++i) {
                if (outcomes.unrun[i]) outcomes.errors.emplace(i, "cancelled");
            }
        }
        for (const auto& [i, error] : outcomes.errors) {
            if (stopped && error == "cancelled") continue;
            result.errors.push_back("task " + std::to_string(i) + ": " + error);
        }
    }
    if (observer != nullptr) observer->run_finished(result);
    return result;
}

}  // namespace plab
