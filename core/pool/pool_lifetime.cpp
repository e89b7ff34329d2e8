// Python's initializer and maxtasksperchild: what a worker runs as it starts, and a worker
// replaced after so many tasks (the parent sends it no more, then closes its task pipe).
#include "pool/pool_impl.h"

namespace plab {

void detail::check_pool_options(const PoolOptions& options) {
    if (options.maxtasksperchild && *options.maxtasksperchild < 1) {
        throw std::invalid_argument("maxtasksperchild must be at least 1 (or unset), got " +
                                    std::to_string(*options.maxtasksperchild));
    }
    if (!options.initializer) return;
    if (find_task(options.initializer->name()) == nullptr)
        throw std::invalid_argument("the initializer must be a registered task");
    if (options.start != StartMethod::Fork) {
        throw std::invalid_argument("an initializer needs start method fork, not " +
                                    std::string(start_method_name(options.start)));
    }
}

void ProcessPool::Impl::prepare_initializer() {
    if (!opt.initializer) return;
    const TaskEntry* entry = find_task(opt.initializer->name());
    if (entry == nullptr) return;  // check_pool_options refused it first
    init.name = entry->name;
    init.body = &entry->body;
    init.args = opt.initargs;
    const std::vector<Value>& bound = opt.initializer->bound();
    init.args.insert(init.args.end(), bound.begin(), bound.end());
}

bool ProcessPool::Impl::spent(const Worker& w) const {
    return opt.maxtasksperchild && w.sent >= static_cast<std::size_t>(*opt.maxtasksperchild);
}

void ProcessPool::Impl::fit_lifetime(const Worker& w, Chunk& c) {
    if (!opt.maxtasksperchild) return;
    const std::size_t left = static_cast<std::size_t>(*opt.maxtasksperchild) - w.sent;
    if (c.count <= left) return;
    pending.push_front(Chunk{c.job, c.first + left, c.count - left, 0});
    c.count = left;
}

void ProcessPool::Impl::retire_spent(Worker& w) {
    if (w.pid < 0 || w.hung_up || !spent(w) || !w.inflight.empty() || w.out_at < w.out.size())
        return;
    detail::close_fd(w.to_fd);  // the worker reads end of file and exits 0; reaped as usual
}

}  // namespace plab
