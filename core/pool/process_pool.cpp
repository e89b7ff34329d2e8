#include "pool/process_pool.h"

#include <algorithm>

#include "pool/pool_impl.h"

namespace plab {

const char* const kUnsendableMessage =
    "cannot send a function made at run time to a worker process: ProcessPool sends tasks by "
    "their registered name, as Python's Pool pickles functions by reference, and a closure has "
    "none (Python: Can't pickle local object "
    "'power_factory.<locals>.f'). Either pass explicit arguments to a registered task with "
    "starmap or apply_async, or run the closure with ClosurePool, the pathos analog";

ProcessPool::ProcessPool(int workers, PoolOptions options) {
    check_pool_size(workers);
    detail::check_pool_options(options);
    seal_registry();
    impl_ = std::make_shared<Impl>(workers, std::move(options));
    std::promise<void> ready;
    std::future<void> started = ready.get_future();
    // Every fork happens on this thread, which lives exactly as long as the pool: a worker's
    // PR_SET_PDEATHSIG fires when the thread that forked it ends.
    impl_->thread = std::thread([this, &ready] { impl_->collect(ready); });
    try {
        started.get();
    } catch (...) {
        impl_->stop_thread();
        throw;
    }
}

ProcessPool::~ProcessPool() {
    {
        std::lock_guard lock(impl_->m);
        impl_->closed = true;
        if (impl_->unsettled.load() > 0) {
            impl_->terminate_requested = true;
        } else {
            impl_->join_requested = true;
        }
    }
    impl_->wake();
    impl_->stop_thread();
}

int ProcessPool::size() const {
    return impl_->n;
}

std::vector<int> ProcessPool::pids() const {
    std::lock_guard lock(impl_->m);
    return impl_->pid_snapshot;
}

std::size_t ProcessPool::auto_chunksize(std::size_t n, int workers) {
    const std::size_t per = 4 * static_cast<std::size_t>(std::max(workers, 1));
    return std::max<std::size_t>(1, (n + per - 1) / per);
}

void check_pool_size(int workers) {
    if (workers < 1 || workers > kMaxPoolWorkers) {
        throw std::invalid_argument("a pool needs 1.." + std::to_string(kMaxPoolWorkers) +
                                    " workers, got " + std::to_string(workers));
    }
}

void ProcessPool::refuse_unsendable() {
    throw UnsendableTask(kUnsendableMessage);
}

std::shared_ptr<detail::Job> ProcessPool::submit(
    const Task& f, bool star, std::vector<Value> items, std::size_t chunksize, bool track_order,
    std::function<void(std::size_t, const Outcome&)> cb) {
    auto job = std::make_shared<detail::Job>();
    job->task = f.name();
    job->bound = f.bound();
    job->star = star;
    job->items = std::move(items);
    job->track_order = track_order;
    job->on_settled = std::move(cb);
    if (impl_->direct) job->helper = impl_;
    const std::size_t count = job->items.size();
    job->values.resize(count);
    job->settled.assign(count, false);
    job->remaining = count;
    if (chunksize == 0) chunksize = auto_chunksize(count, impl_->n);
    bool must_wake = false;
    bool cancelling = false;
    {
        std::lock_guard lock(impl_->m);
        if (impl_->closed) throw std::logic_error("the pool is closed: it takes no more tasks");
        job->id = impl_->next_job_id++;
        job->first_task_id = impl_->next_task_id;
        impl_->next_task_id += count;
        // The collector drains all of submitted at once: only a submission into an empty queue
        // needs to wake it (one eventfd write per burst, not one per apply_async).
        must_wake = impl_->submitted.empty();
        for (std::size_t first = 0; first < count; first += chunksize) {
            impl_->submitted.push_back(Chunk{job, first, std::min(chunksize, count - first), 0});
        }
        impl_->unsettled.fetch_add(count);
        cancelling = impl_->cancel_if_flagged();
    }
    // Not for callbacks: the collector must read those results even when nobody waits.
    impl_->hand_off(must_wake || cancelling, !cancelling && !job->on_settled);
    return job;
}

std::vector<Outcome> ProcessPool::map_settled(const Task& f, std::vector<Value> xs,
                                              std::size_t chunksize) {
    auto job = submit(f, false, std::move(xs), chunksize, false, {});
    job->wait_all(std::nullopt);
    std::lock_guard lock(job->m);
    return job->take_outcomes();
}

std::vector<Outcome> ProcessPool::starmap_settled(const Task& f, std::vector<Value> arg_tuples,
                                                  std::size_t chunksize) {
    auto job = submit(f, true, std::move(arg_tuples), chunksize, false, {});
    job->wait_all(std::nullopt);
    std::lock_guard lock(job->m);
    return job->take_outcomes();
}

SettledValues ProcessPool::map_values_settled(const Task& f, std::vector<Value> xs,
                                              std::size_t chunksize) {
    auto job = submit(f, false, std::move(xs), chunksize, false, {});
    job->wait_all(std::nullopt);
    std::lock_guard lock(job->m);
    return job->take_settled();
}

SettledValues ProcessPool::starmap_values_settled(const Task& f, std::vector<Value> arg_tuples,
                                                  std::size_t chunksize) {
    auto job = submit(f, true, std::move(arg_tuples), chunksize, false, {});
    job->wait_all(std::nullopt);
    std::lock_guard lock(job->m);
    return job->take_settled();
}

std::vector<Value> ProcessPool::map(const Task& f, std::vector<Value> xs, std::size_t chunksize) {
    auto job = submit(f, false, std::move(xs), chunksize, false, {});
    job->wait_all(std::nullopt);
    std::lock_guard lock(job->m);
    return job->take_values();
}

std::vector<Value> ProcessPool::starmap(const Task& f, std::vector<Value> arg_tuples,
                                        std::size_t chunksize) {
    auto job = submit(f, true, std::move(arg_tuples), chunksize, false, {});
    job->wait_all(std::nullopt);
    std::lock_guard lock(job->m);
    return job->take_values();
}

AsyncResult ProcessPool::apply_async(const Task& f, std::vector<Value> args,
                                     std::function<void(const Outcome&)> callback) {
    if (!callback && f.bound().empty()) return apply_grouped(f, std::move(args));
    std::function<void(std::size_t, const Outcome&)> cb;
    if (callback)
        cb = [callback = std::move(callback)](std::size_t, const Outcome& o) { callback(o); };
    std::vector<Value> one;
    one.emplace_back(Tuple{std::move(args)});
    return AsyncResult(submit(f, true, std::move(one), 1, false, std::move(cb)));
}

UnorderedResults ProcessPool::imap_unordered(const Task& f, std::vector<Value> xs,
                                             std::size_t chunksize) {
    return UnorderedResults(
        submit(f, false, std::move(xs), chunksize == 0 ? 1 : chunksize, true, {}));
}

void ProcessPool::cancel() {
    {
        std::lock_guard lock(impl_->m);
        impl_->cancel_below = impl_->next_task_id;
    }
    impl_->wake();
}

void ProcessPool::close() {
    std::lock_guard lock(impl_->m);
    impl_->closed = true;
}

void ProcessPool::join() {
    {
        std::lock_guard lock(impl_->m);
        if (!impl_->closed) throw std::logic_error("join() needs close() or terminate() first");
        impl_->join_requested = true;
    }
    impl_->wake();
    impl_->stop_thread();
}

void ProcessPool::terminate() {
    {
        std::lock_guard lock(impl_->m);
        impl_->closed = true;
        impl_->terminate_requested = true;
    }
    impl_->wake();
    impl_->stop_thread();
}

}  // namespace plab
