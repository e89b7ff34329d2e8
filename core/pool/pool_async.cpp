// Python's Pool calls that return before their tasks end and report through callbacks: apply,
// apply_async with callback and error_callback, map_async and starmap_async, and MapResult.
#include <atomic>

#include "pool/callback_gate.h"
#include "pool/pool_impl.h"

namespace plab {

namespace {

// Counts a gated call's settles down to the moment its callbacks run. Starts at the task count
// plus one, the submitter's share, given up only once `job` is set: so whoever brings it to
// zero (the settle of the last task, or the submitter when all settled before it returned)
// sees the job. Held by the job's per-task callback; points at the job without owning it.
struct Countdown {
    std::atomic<std::size_t> left{1};
    detail::Job* job = nullptr;
    std::function<void(detail::Job&)> when_done;
    std::shared_ptr<detail::CallbackGate> gate;

    void one_more_settled() {
        if (left.fetch_sub(1) != 1) return;
        try {
            when_done(*job);
        } catch (...) {  // a user callback must not take the collector down
        }
        gate->open_now();
    }
};

}  // namespace

std::pair<std::shared_ptr<detail::Job>, std::shared_ptr<detail::CallbackGate>>
ProcessPool::submit_gated(const Task& f, bool star, std::vector<Value> items, std::size_t chunksize,
                          std::function<void(detail::Job&)> when_done) {
    auto countdown = std::make_shared<Countdown>();
    countdown->left = items.size() + 1;
    countdown->when_done = std::move(when_done);
    countdown->gate = std::make_shared<detail::CallbackGate>();
    auto job = submit(f, star, std::move(items), chunksize, false,
                      [countdown](std::size_t, const Outcome&) { countdown->one_more_settled(); });
    countdown->job = job.get();
    countdown->one_more_settled();
    return {std::move(job), countdown->gate};
}

Value ProcessPool::apply(const Task& f, std::vector<Value> args) {
    return apply_async(f, std::move(args)).get();
}

AsyncResult ProcessPool::apply_async(const Task& f, std::vector<Value> args,
                                     std::function<void(const Value&)> callback,
                                     ErrorCallback error_callback) {
    if (!callback && !error_callback) return apply_async(f, std::move(args));
    std::vector<Value> one;
    one.emplace_back(Tuple{std::move(args)});
    auto done = [callback = std::move(callback),
                 error_callback = std::move(error_callback)](detail::Job& job) {
        Outcome o;
        {
            std::lock_guard lock(job.m);
            o = job.outcome_at(0);
        }
        if (o.ok && callback) callback(o.value);
        if (!o.ok && error_callback) error_callback(TaskError(0, o.error));
    };
    auto [job, gate] = submit_gated(f, true, std::move(one), 1, std::move(done));
    return AsyncResult(std::move(job), 0, std::move(gate));
}

namespace {

// map_async's callbacks: once every task ended, the values or the lowest-index failure.
std::function<void(detail::Job&)> map_callbacks(ValuesCallback callback,
                                                ErrorCallback error_callback) {
    return [callback = std::move(callback),
            error_callback = std::move(error_callback)](detail::Job& job) {
        std::vector<Value> values;
        try {
            std::lock_guard lock(job.m);
            job.throw_first_failure();
            if (callback) values = job.values;
        } catch (const TaskError& e) {
            if (error_callback) error_callback(e);
            return;
        }
        if (callback) callback(values);
    };
}

}  // namespace

MapResult ProcessPool::map_async(const Task& f, std::vector<Value> xs, std::size_t chunksize,
                                 ValuesCallback callback, ErrorCallback error_callback) {
    if (!callback && !error_callback)
        return MapResult(submit(f, false, std::move(xs), chunksize, false, {}), nullptr);
    auto [job, gate] = submit_gated(f, false, std::move(xs), chunksize,
                                    map_callbacks(std::move(callback), std::move(error_callback)));
    return MapResult(std::move(job), std::move(gate));
}

MapResult ProcessPool::starmap_async(const Task& f, std::vector<Value> arg_tuples,
                                     std::size_t chunksize, ValuesCallback callback,
                                     ErrorCallback error_callback) {
    if (!callback && !error_callback)
        return MapResult(submit(f, true, std::move(arg_tuples), chunksize, false, {}), nullptr);
    auto [job, gate] = submit_gated(f, true, std::move(arg_tuples), chunksize,
                                    map_callbacks(std::move(callback), std::move(error_callback)));
    return MapResult(std::move(job), std::move(gate));
}

std::vector<Value> MapResult::get(std::optional<std::chrono::nanoseconds> timeout) const {
    if (!wait(timeout)) throw TimeoutError("result not ready within the timeout");
    std::lock_guard lock(job_->m);
    job_->throw_first_failure();
    return job_->values;
}

bool MapResult::wait(std::optional<std::chrono::nanoseconds> timeout) const {
    return detail::wait_then_gate(
        [this](std::optional<std::chrono::nanoseconds> t) { return job_->wait_all(t); },
        gate_.get(), timeout);
}

bool MapResult::ready() const {
    return job_->done() && (!gate_ || gate_->is_open());
}

bool MapResult::successful() const {
    if (!ready()) throw std::logic_error("MapResult is not ready");
    std::lock_guard lock(job_->m);
    try {
        job_->throw_first_failure();
    } catch (const TaskError&) {
        return false;
    }
    return true;
}

}  // namespace plab
