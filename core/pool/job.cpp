#include "pool/job.h"

#include <algorithm>
#include <utility>

#include "pool/async_result.h"
#include "pool/callback_gate.h"

namespace plab {
namespace detail {

bool Job::settle_locked(std::size_t index, bool ok, Value& value, std::string& error) {
    if (index >= settled.size() || settled[index]) return false;
    settled[index] = true;
    if (ok) {
        values[index] = std::move(value);
    } else {
        errors[index] = std::move(error);
    }
    --remaining;
    if (track_order) order.push_back(index);
    return true;
}

void Job::run_callbacks(const std::vector<std::pair<std::size_t, Outcome>>& settled_now) {
    for (const auto& [index, outcome] : settled_now) {
        try {
            on_settled(index, outcome);
        } catch (...) {  // a user callback must not take the collector down
        }
    }
}

bool Job::settle(std::size_t index, Outcome outcome) {
    std::vector<std::pair<std::size_t, Outcome>> for_callbacks;
    bool now = false;
    bool wake = false;
    {
        std::lock_guard lock(m);
        now = settle_locked(index, outcome.ok, outcome.value, outcome.error);
        if (now && on_settled) for_callbacks.emplace_back(index, outcome_at(index));
        // Waiters wait for remaining == 0 (wait_all), a non-empty order (next) or, in a group,
        // their own task: wake them only when that may have become true.
        wake = now && (remaining == 0 || track_order || grouped);
    }
    if (wake) cv.notify_all();
    if (!for_callbacks.empty()) run_callbacks(for_callbacks);
    return now;
}

std::size_t Job::settle_range(std::size_t first, std::vector<Value>& results,
                              std::vector<std::pair<std::uint32_t, std::string>>& failures) {
    std::size_t now = 0;
    std::vector<std::pair<std::size_t, Outcome>> for_callbacks;
    bool wake = false;
    {
        std::lock_guard lock(m);
        auto failure = failures.begin();
        std::string no_error;
        for (std::size_t i = 0; i < results.size(); ++i) {
            const bool failed = failure != failures.end() && failure->first == i;
            std::string& error = failed ? failure->second : no_error;
            if (failed) ++failure;
            if (!settle_locked(first + i, !failed, results[i], error)) continue;
            ++now;
            if (on_settled) for_callbacks.emplace_back(first + i, outcome_at(first + i));
        }
        wake = now > 0 && (remaining == 0 || track_order || grouped);
    }
    if (wake) cv.notify_all();
    if (!for_callbacks.empty()) run_callbacks(for_callbacks);
    return now;
}

std::size_t Job::cancel_range(std::size_t first, std::size_t count) {
    std::size_t now = 0;
    std::vector<std::pair<std::size_t, Outcome>> for_callbacks;
    bool wake = false;
    {
        std::lock_guard lock(m);
        const std::size_t end = std::min(first + count, settled.size());
        for (std::size_t i = first; i < end; ++i) {
            if (settled[i]) continue;
            if (cancelled.empty()) cancelled.assign(settled.size(), false);
            settled[i] = true;
            cancelled[i] = true;
            first_cancelled = std::min(first_cancelled, i);
            --remaining;
            ++now;
            if (track_order) order.push_back(i);
            if (on_settled) for_callbacks.emplace_back(i, outcome_at(i));
        }
        wake = now > 0 && (remaining == 0 || track_order || grouped);
    }
    if (wake) cv.notify_all();
    if (!for_callbacks.empty()) run_callbacks(for_callbacks);
    return now;
}

Outcome Job::outcome_at(std::size_t index) const {
    Outcome o;
    if (!cancelled.empty() && cancelled[index]) {
        o.error = "cancelled";
        return o;
    }
    const auto e = errors.find(index);
    o.ok = e == errors.end();
    if (o.ok) {
        o.value = values[index];
    } else {
        o.error = e->second;
    }
    return o;
}

std::vector<Outcome> Job::take_outcomes() {
    std::vector<Outcome> out(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        out[i].ok = true;
        out[i].value = std::move(values[i]);
    }
    for (auto& [i, e] : errors) {
        out[i].ok = false;
        out[i].error = std::move(e);
    }
    for (std::size_t i = first_cancelled; i < cancelled.size(); ++i) {
        if (!cancelled[i]) continue;
        out[i].ok = false;
        out[i].error = "cancelled";
    }
    return out;
}

SettledValues Job::take_settled() {
    SettledValues out;
    out.values = std::move(values);
    out.errors = std::move(errors);
    out.unrun = std::move(cancelled);
    return out;
}

void Job::throw_first_failure() const {
    if (!cancelled.empty() && (errors.empty() || first_cancelled < errors.begin()->first))
        throw TaskError(first_cancelled, "cancelled");
    if (!errors.empty()) throw TaskError(errors.begin()->first, errors.begin()->second);
}

std::vector<Value> Job::take_values() {
    throw_first_failure();
    return std::move(values);
}

bool Job::wait_for(std::size_t index, std::optional<std::chrono::nanoseconds> timeout) {
    if (const std::shared_ptr<WaitHelper> h = helper.lock())
        return h->wait_leading(*this, index, timeout);
    return wait_settled(index, timeout);
}

bool Job::done(std::size_t index) {
    std::lock_guard lock(m);
    return done_locked(index);
}

bool Job::wait_settled(std::size_t index, std::optional<std::chrono::nanoseconds> timeout) {
    std::unique_lock lock(m);
    if (!timeout) {
        cv.wait(lock, [&] { return done_locked(index); });
        return true;
    }
    return cv.wait_for(lock, *timeout, [&] { return done_locked(index); });
}

}  // namespace detail

std::vector<Value> values_or_throw(std::vector<Outcome> outcomes) {
    std::vector<Value> values;
    values.reserve(outcomes.size());
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (!outcomes[i].ok) throw TaskError(i, outcomes[i].error);
        values.push_back(std::move(outcomes[i].value));
    }
    return values;
}

Value AsyncResult::get(std::optional<std::chrono::nanoseconds> timeout) const {
    if (!wait(timeout)) throw TimeoutError("result not ready within the timeout");
    std::lock_guard lock(job_->m);
    const Outcome o = job_->outcome_at(index_);
    if (!o.ok) throw TaskError(0, o.error);
    return o.value;
}

Outcome AsyncResult::outcome() const {
    wait(std::nullopt);
    std::lock_guard lock(job_->m);
    return job_->outcome_at(index_);
}

bool AsyncResult::wait(std::optional<std::chrono::nanoseconds> timeout) const {
    return detail::wait_then_gate(
        [this](std::optional<std::chrono::nanoseconds> t) { return job_->wait_for(index_, t); },
        gate_.get(), timeout);
}

bool AsyncResult::ready() const {
    return job_->done(index_) && (!gate_ || gate_->is_open());
}

bool AsyncResult::successful() const {
    if (!ready()) throw std::logic_error("AsyncResult is not ready");
    std::lock_guard lock(job_->m);
    return job_->errors.find(index_) == job_->errors.end();
}

std::uint64_t AsyncResult::task_id() const {
    return job_->first_task_id + index_;
}

std::optional<IndexedOutcome> UnorderedResults::next(
    std::optional<std::chrono::nanoseconds> timeout) {
    if (finished()) return std::nullopt;
    std::unique_lock lock(job_->m);
    auto has_one = [&] { return !job_->order.empty(); };
    if (!timeout) {
        job_->cv.wait(lock, has_one);
    } else if (!job_->cv.wait_for(lock, *timeout, has_one)) {
        return std::nullopt;
    }
    const std::size_t index = job_->order.front();
    job_->order.pop_front();
    ++taken_;
    return IndexedOutcome{index, job_->outcome_at(index)};
}

std::size_t detail::ResultStream::total() const {
    return job_->values.size();
}

bool detail::ResultStream::finished() {
    if (taken_ < total()) return false;
    if (input_error_) std::rethrow_exception(std::exchange(input_error_, nullptr));
    return true;
}

}  // namespace plab

namespace plab {

SettledValues SettledValues::from(std::vector<Outcome> outcomes) {
    SettledValues out;
    out.values.resize(outcomes.size());
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        Outcome& o = outcomes[i];
        if (o.ok) {
            out.values[i] = std::move(o.value);
        } else if (o.error.empty()) {
            if (out.unrun.empty()) out.unrun.assign(outcomes.size(), false);
            out.unrun[i] = true;
        } else {
            out.errors.emplace_hint(out.errors.end(), i, std::move(o.error));
        }
    }
    return out;
}

}  // namespace plab
