// Tasks registered by name: the analog of Python's top-level functions, which Pool pickles by
// reference. A worker process finds a task by the name the parent sends, never by an address.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "pool/value.h"

namespace plab {

/// A task's type-erased body: takes the argument tuple's items, returns the result.
/// Throwing (any std::exception) makes that one task fail with the exception's message.
using TaskBody = std::function<Value(const std::vector<Value>& args)>;

/// Thrown when a name or a function pointer is not in the registry.
class UnknownTask : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

/// Thrown when a callable cannot be sent to a worker process because no registered name
/// reaches it (a capturing lambda, a std::function, a function made at run time): the analog
/// of Python's "Can't pickle local object 'power_factory.<locals>.f'".
class UnsendableTask : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

/// One registered task.
struct TaskEntry {
    std::string name;
    TaskBody body;
    std::size_t arity = 0;
    const void* address = nullptr;  ///< the registered function pointer, for lookups by address
};

/// Converts between Value and the parameter and return types a typed task may use:
/// std::int64_t, int, double, std::string, Value. A mismatched Value throws
/// std::invalid_argument, which fails the task with that message.
template <class T>
struct ValueTraits;
template <>
struct ValueTraits<std::int64_t> {
    static std::int64_t from(const Value& v) { return v.as_int(); }
};
template <>
struct ValueTraits<int> {
    static int from(const Value& v) { return static_cast<int>(v.as_int()); }
};
template <>
struct ValueTraits<double> {
    static double from(const Value& v) { return v.as_double(); }
};
template <>
struct ValueTraits<std::string> {
    static std::string from(const Value& v) { return v.as_str(); }
};
template <>
struct ValueTraits<Value> {
    static Value from(const Value& v) { return v; }
};

namespace detail {
void add_task(TaskEntry entry);
[[noreturn]] void wrong_arity(const std::string& name, std::size_t want, std::size_t got);

template <class R, class... A, std::size_t... I>
Value call_typed(R (*fn)(A...), const std::vector<Value>& args, std::index_sequence<I...>) {
    return Value(fn(ValueTraits<std::remove_cvref_t<A>>::from(args[I])...));
}
}  // namespace detail

/// Registers fn under name. Call it at namespace scope (PLAB_TASK does), before any pool
/// starts: after the first ProcessPool is built the registry is sealed and a new registration
/// throws std::logic_error, as does a name registered twice. Returns true, for static init.
template <class R, class... A>
bool register_task(std::string name, R (*fn)(A...)) {
    TaskEntry e;
    e.arity = sizeof...(A);
    e.address = reinterpret_cast<const void*>(fn);
    e.body = [fn, name](const std::vector<Value>& args) -> Value {
        if (args.size() != sizeof...(A)) detail::wrong_arity(name, sizeof...(A), args.size());
        return detail::call_typed(fn, args, std::index_sequence_for<A...>{});
    };
    e.name = std::move(name);
    detail::add_task(std::move(e));
    return true;
}

/// The entry registered under name, or nullptr. Lock-free: safe in a forked worker.
const TaskEntry* find_task(std::string_view name);
/// The entry whose function pointer is address, or nullptr.
const TaskEntry* find_task_by_address(const void* address);
/// Every registered name, sorted.
std::vector<std::string> task_names();
/// Forbids further registrations (ProcessPool calls it: workers are forked copies, so a task
/// registered later would exist in the parent and not in its workers).
void seal_registry();

/// A reference to a registered task, with optional bound trailing arguments: the analog of a
/// top-level function or of functools.partial(f, ...) over one. Sent to workers by name.
class Task {
  public:
    /// Throws UnknownTask naming the registered tasks when name is not among them.
    explicit Task(std::string name);
    /// The task registered for fn; throws UnsendableTask when fn was never registered.
    template <class R, class... A>
    explicit Task(R (*fn)(A...)) : Task(name_of(reinterpret_cast<const void*>(fn))) {}

    /// A copy whose calls get these arguments after their own: f(x) becomes f(x, a...).
    template <class... A>
    Task bind(A&&... a) const {
        Task t = *this;
        (t.bound_.emplace_back(std::forward<A>(a)), ...);
        return t;
    }

    /// The task a ProcessPool runs with its PoolOptions::inherited callable (name "").
    static Task inherited() { return Task(); }

    const std::string& name() const { return name_; }
    const std::vector<Value>& bound() const { return bound_; }

  private:
    Task() = default;
    static std::string name_of(const void* address);
    std::string name_;
    std::vector<Value> bound_;
};

}  // namespace plab

/// Registers a function at namespace scope under its own name: PLAB_TASK(slow_pow);
/// The registration lives in the object file that says it: a static library drops an object
/// file nothing else references, so put it beside code that the program uses.
#define PLAB_TASK(fn) \
    [[maybe_unused]] static const bool plab_task_registered_##fn = ::plab::register_task(#fn, &(fn))
