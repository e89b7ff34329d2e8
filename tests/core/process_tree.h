// The processes below a process, from /proc (core/pool/proc_tree.h): for tests that check
// nothing is left running.
#pragma once

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "../../core/pool/proc_tree.h"

namespace plab::testing {

using plab::process_state;

/// pid exists and is not a zombie.
inline bool process_running(int pid) {
    const char s = process_state(pid);
    return s != 0 && s != 'Z' && s != 'X';
}

/// Every running process below pid (children, theirs, ...), from /proc/<pid>/task/*/children.
inline std::vector<int> descendants(int pid) {
    std::vector<int> out = process_descendants(pid);
    std::erase_if(out, [](int p) { return !process_running(p); });
    return out;
}

/// True once none of pids runs, checked every 5 ms up to bound.
inline bool all_gone(const std::vector<int>& pids, std::chrono::milliseconds bound) {
    const auto until = std::chrono::steady_clock::now() + bound;
    for (;;) {
        if (std::none_of(pids.begin(), pids.end(), process_running)) return true;
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

}  // namespace plab::testing
