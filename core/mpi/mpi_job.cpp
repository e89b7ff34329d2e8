#include "mpi/mpi_job.h"

#include <dirent.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fstream>
#include <string>

namespace plab::mpi {

namespace {

/// pid's parent from /proc, or 0 when it is gone.
int parent_of(int pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(f, line)) return 0;
    const auto close = line.rfind(')');
    if (close == std::string::npos || close + 4 >= line.size()) return 0;
    try {
        return std::stoi(line.substr(close + 4));  // ") S <ppid> ..."
    } catch (const std::exception&) {
        return 0;
    }
}

}  // namespace

std::vector<int> descendants(int pid) {
    std::vector<int> out;
    std::vector<int> todo{pid};
    while (!todo.empty() && out.size() < 4096) {
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

void end_strays(const std::vector<int>& pids) {
    const int self = static_cast<int>(::getpid());
    std::vector<int> mine;
    for (const int pid : pids) {
        const int parent = parent_of(pid);
        if (parent == 0) continue;
        if (parent == self) {
            mine.push_back(pid);
        } else if (std::find(pids.begin(), pids.end(), parent) == pids.end()) {
            continue;  // someone else's: a reused number, or a process our job does not own
        }
        ::kill(pid, SIGKILL);
    }
    for (int waited_ms = 0; !mine.empty() && waited_ms < 500; waited_ms += 2) {
        std::erase_if(mine, [](int pid) {
            const pid_t r = ::waitpid(pid, nullptr, WNOHANG);
            return r == pid || (r < 0 && errno != EINTR);
        });
        if (!mine.empty()) ::usleep(2000);
    }
}

}  // namespace plab::mpi
