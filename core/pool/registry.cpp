#include "pool/registry.h"

#include <algorithm>
#include <atomic>
#include <deque>

namespace plab {

namespace {

// Filled during static initialization, read-only once sealed: lookups take no lock, which is
// what a worker forked from a multi-threaded parent needs (a lock held by another thread at
// the fork would stay locked in the child forever).
struct Registry {
    std::deque<TaskEntry> entries;
    std::atomic<bool> sealed{false};
};

Registry& registry() {
    static Registry r;
    return r;
}

}  // namespace

namespace detail {

void add_task(TaskEntry entry) {
    Registry& r = registry();
    if (r.sealed.load()) {
        throw std::logic_error("task '" + entry.name +
                               "' registered after a pool started: register tasks at namespace "
                               "scope (PLAB_TASK) so that every worker has them");
    }
    if (find_task(entry.name) != nullptr) {
        throw std::logic_error("task '" + entry.name + "' is registered twice");
    }
    r.entries.push_back(std::move(entry));
}

void wrong_arity(const std::string& name, std::size_t want, std::size_t got) {
    throw std::invalid_argument(name + "() takes " + std::to_string(want) + " argument" +
                                (want == 1 ? "" : "s") + " but " + std::to_string(got) +
                                (got == 1 ? " was" : " were") + " given");
}

}  // namespace detail

const TaskEntry* find_task(std::string_view name) {
    for (const TaskEntry& e : registry().entries) {
        if (e.name == name) return &e;
    }
    return nullptr;
}

const TaskEntry* find_task_by_address(const void* address) {
    for (const TaskEntry& e : registry().entries) {
        if (e.address == address) return &e;
    }
    return nullptr;
}

std::vector<std::string> task_names() {
    std::vector<std::string> names;
    for (const TaskEntry& e : registry().entries)
        names.push_back(e.name);
    std::sort(names.begin(), names.end());
    return names;
}

void seal_registry() {
    registry().sealed.store(true);
}

Task::Task(std::string name) : name_(std::move(name)) {
    if (find_task(name_) == nullptr) {
        std::string known;
        for (const std::string& n : task_names())
            known += (known.empty() ? "" : ", ") + n;
        throw UnknownTask("no task is registered as '" + name_ +
                          "' (registered: " + (known.empty() ? "none" : known) + ")");
    }
}

std::string Task::name_of(const void* address) {
    const TaskEntry* e = find_task_by_address(address);
    if (e == nullptr) {
        throw UnsendableTask(
            "this function is not registered as a task, so a worker process cannot find it: "
            "register it at namespace scope with PLAB_TASK");
    }
    return e->name;
}

}  // namespace plab
