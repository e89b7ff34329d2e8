// Python's imap (ordered results as they come), and map, imap and imap_unordered over an input
// generator that may throw part-way (Python's *_handle_iterable_exception cases).
#include "pool/pool_impl.h"

namespace plab {

namespace {

// The generator's items, read at once; when it throws, only the whole chunks before the chunk
// it was filling, and its exception (Python's task handler submits a chunk once it is full).
std::pair<std::vector<Value>, std::exception_ptr> read_chunks(const InputGenerator& xs,
                                                              std::size_t chunksize) {
    std::vector<Value> items;
    try {
        while (std::optional<Value> x = xs.next())
            items.push_back(std::move(*x));
    } catch (...) {
        items.resize(items.size() - items.size() % chunksize);
        return {std::move(items), std::current_exception()};
    }
    return {std::move(items), nullptr};
}

}  // namespace

OrderedResults ProcessPool::imap(const Task& f, std::vector<Value> xs, std::size_t chunksize) {
    if (chunksize == 0) chunksize = 1;
    return OrderedResults(submit(f, false, std::move(xs), chunksize, true, {}), nullptr);
}

OrderedResults ProcessPool::imap(const Task& f, const InputGenerator& xs, std::size_t chunksize) {
    if (chunksize == 0) chunksize = 1;
    auto [items, error] = read_chunks(xs, chunksize);
    return OrderedResults(submit(f, false, std::move(items), chunksize, true, {}), error);
}

UnorderedResults ProcessPool::imap_unordered(const Task& f, const InputGenerator& xs,
                                             std::size_t chunksize) {
    if (chunksize == 0) chunksize = 1;
    auto [items, error] = read_chunks(xs, chunksize);
    return UnorderedResults(submit(f, false, std::move(items), chunksize, true, {}), error);
}

std::vector<Value> ProcessPool::map(const Task& f, const InputGenerator& xs,
                                    std::size_t chunksize) {
    std::vector<Value> items;
    while (std::optional<Value> x = xs.next())
        items.push_back(std::move(*x));
    return map(f, std::move(items), chunksize);
}

std::optional<Value> OrderedResults::next(std::optional<std::chrono::nanoseconds> timeout) {
    if (finished()) return std::nullopt;
    if (!job_->wait_for(taken_, timeout)) throw TimeoutError("result not ready within the timeout");
    std::lock_guard lock(job_->m);
    job_->order.clear();  // completion order is imap_unordered's; here it would only pile up
    const std::size_t index = taken_++;
    Outcome o = job_->outcome_at(index);
    job_->values[index] = Value();  // handed over: a long imap keeps no result it returned
    if (!o.ok) throw TaskError(index, o.error);
    return std::move(o.value);
}

bool OrderedResults::exhausted() const {
    return taken_ == total() && !input_error_;
}

}  // namespace plab
