// The processes below a process and a process's state and parent, read from Linux's /proc:
// what the engine notes to end an MPI job's local ranks (mpi/mpi_job.h), and what the tests
// check to prove nothing is left running (tests/core/process_tree.h). Header-only and free of
// Qt and MPI, so a test that links nothing of the lab's can use it too.
#pragma once

#include <dirent.h>

#include <algorithm>
#include <cstddef>
#include <exception>
#include <fstream>
#include <string>
#include <vector>

namespace plab {

/// The fields of /proc/<pid>/stat after the command's closing ')' (" S <ppid> ..."), or ""
/// when pid is gone or the line is not what Linux writes.
inline std::string proc_stat_tail(int pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(f, line)) return {};
    const auto close = line.rfind(')');
    return close == std::string::npos ? std::string() : line.substr(close + 1);
}

/// The process's state letter (R, S, Z ...), 0 when it is gone, '?' for a line Linux would
/// not write.
inline char process_state(int pid) {
    const std::string tail = proc_stat_tail(pid);
    if (tail.empty()) return 0;
    return tail.size() < 2 ? '?' : tail[1];
}

/// pid's parent, or 0 when it is gone (or /proc says something else).
inline int process_parent(int pid) {
    const std::string tail = proc_stat_tail(pid);
    if (tail.size() < 4) return 0;
    try {
        return std::stoi(tail.substr(3));  // " S <ppid> ..."
    } catch (const std::exception&) {
        return 0;
    }
}

/// Every process below pid (children, theirs, ...), zombies included, each once, from
/// /proc/<pid>/task/*/children, at most limit of them; empty when pid is gone or /proc says
/// nothing. A process that ends during the walk may or may not be in it.
inline std::vector<int> process_descendants(int pid, std::size_t limit = 4096) {
    std::vector<int> out;
    std::vector<int> todo{pid};
    while (!todo.empty() && out.size() < limit) {
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
                if (std::find(out.begin(), out.end(), child) != out.end()) continue;
                out.push_back(child);
                todo.push_back(child);
            }
        }
        ::closedir(d);
    }
    return out;
}

}  // namespace plab
