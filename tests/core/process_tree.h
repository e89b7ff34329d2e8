// The processes below a process, from /proc: for tests that check nothing is left running.
#pragma once

#include <dirent.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace plab::testing {

/// The process's state letter from /proc (R, S, Z ...), or 0 when it is gone.
inline char process_state(int pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(f, line)) return 0;
    const auto close = line.rfind(')');
    return close == std::string::npos || close + 2 >= line.size() ? '?' : line[close + 2];
}

/// pid exists and is not a zombie.
inline bool process_running(int pid) {
    const char s = process_state(pid);
    return s != 0 && s != 'Z' && s != 'X';
}

/// Every running process below pid (children, theirs, ...), from /proc/<pid>/task/*/children.
inline std::vector<int> descendants(int pid) {
    std::vector<int> out;
    std::vector<int> todo{pid};
    while (!todo.empty()) {
        const int p = todo.back();
        todo.pop_back();
        const std::string tasks = "/proc/" + std::to_string(p) + "/task";
        DIR* d = ::opendir(tasks.c_str());
        if (d == nullptr) continue;
        while (const dirent* e = ::readdir(d)) {
            if (e->d_name[0] == '.') continue;
            std::ifstream f(tasks + "/" + e->d_name + "/children");
            int child = 0;
            while (f >> child) {
                if (process_running(child)) out.push_back(child);
                todo.push_back(child);
            }
        }
        ::closedir(d);
    }
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
