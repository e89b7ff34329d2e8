// apply_async at scale: consecutive calls without a callback share one Job (a group), so a
// pending call costs its arguments, a result slot and a queue entry (about 160 bytes), not a
// Job of its own with a mutex, a condition variable and queues (about 1.3 KB).
#include <algorithm>

#include "pool/pool_impl.h"

namespace plab {

namespace {

// A group's size: each new group while the previous one is still alive (its handles held)
// doubles, up to this; a call whose group is gone starts again at one (a loop of
// apply_async(...).get() allocates no more than before).
constexpr std::size_t kMaxGroup = 1024;

}  // namespace

bool ProcessPool::Impl::cancel_if_flagged() {
    const std::atomic<bool>* flag = opt.cancel_flag;
    if (flag == nullptr || !flag->load()) return false;
    cancel_below = next_task_id;
    return true;
}

void ProcessPool::Impl::hand_off(bool must_wake, bool may_dispatch) {
    // Straight to an idle worker when the pool allows it: no hand-off to the collector thread.
    if (direct && may_dispatch && try_dispatch()) return;
    if (must_wake) wake();
}

AsyncResult ProcessPool::apply_grouped(const Task& f, std::vector<Value> args) {
    Impl& p = *impl_;
    Value item(Tuple{std::move(args)});
    std::shared_ptr<detail::Job> job;
    std::size_t index = 0;
    bool must_wake = false;
    bool cancelling = false;
    {
        std::lock_guard lock(p.m);
        if (p.closed) throw std::logic_error("the pool is closed: it takes no more tasks");
        job = p.apply_group.lock();
        // A group takes this call only when no other call took ids since its last one (its
        // tasks' call and task ids are its first ones + index), and it has room.
        const bool joins = job && job->task == f.name() && job->group_used < job->items.size() &&
                           job->id + job->group_used == p.next_job_id &&
                           job->first_task_id + job->group_used == p.next_task_id;
        if (!joins) {
            const std::size_t size = job ? std::min(job->items.size() * 2, kMaxGroup) : 1;
            job = std::make_shared<detail::Job>();
            job->task = f.name();
            job->star = true;
            job->grouped = true;
            job->items.resize(size);
            job->values.reserve(size);
            job->settled.reserve(size);
            if (p.direct) job->helper = impl_;
            job->id = p.next_job_id;
            job->first_task_id = p.next_task_id;
            p.apply_group = job;
        }
        index = job->group_used++;
        job->items[index] = std::move(item);
        {
            std::lock_guard job_lock(job->m);
            job->values.emplace_back();
            job->settled.push_back(false);
            ++job->remaining;
        }
        ++p.next_job_id;
        ++p.next_task_id;
        // The collector drains all of submitted at once: only a submission into an empty
        // queue needs to wake it.
        must_wake = p.submitted.empty();
        p.submitted.push_back(Chunk{job, index, 1, 0});
        p.unsettled.fetch_add(1);
        cancelling = p.cancel_if_flagged();
    }
    p.hand_off(must_wake || cancelling, !cancelling);
    return AsyncResult(std::move(job), index);
}

}  // namespace plab
