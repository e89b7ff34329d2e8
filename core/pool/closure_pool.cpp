#include "pool/closure_pool.h"

namespace plab {

ClosurePool::ClosurePool(int workers, PoolOptions options)
    : workers_(workers), options_(std::move(options)) {
    check_pool_size(workers);
}

std::vector<Outcome> ClosurePool::map_settled(std::function<Value(const Value&)> f,
                                              std::vector<Value> xs, std::size_t chunksize) {
    // spawn and forkserver workers hold none of this process's memory, where f lives.
    if (options_.start != StartMethod::Fork) throw UnsendableTask(closure_refusal(options_.start));
    PoolOptions options = options_;
    options.inherited = [f = std::move(f)](const std::vector<Value>& args) {
        if (args.size() != 1) throw std::invalid_argument("a closure takes one argument");
        return f(args.front());
    };
    ProcessPool pool(workers_, std::move(options));
    {
        std::lock_guard lock(m_);
        active_ = &pool;
        if (cancel_requested_) pool.cancel();
    }
    std::vector<Outcome> out = pool.map_settled(Task::inherited(), std::move(xs), chunksize);
    std::lock_guard lock(m_);
    active_ = nullptr;
    return out;
}

std::vector<Value> ClosurePool::map(std::function<Value(const Value&)> f, std::vector<Value> xs,
                                    std::size_t chunksize) {
    return values_or_throw(map_settled(std::move(f), std::move(xs), chunksize));
}

void ClosurePool::cancel() {
    std::lock_guard lock(m_);
    cancel_requested_ = true;
    if (active_ != nullptr) active_->cancel();
}

}  // namespace plab
