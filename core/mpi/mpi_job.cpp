#include "mpi/mpi_job.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>

#include "pool/proc_tree.h"

namespace plab::mpi {

void end_strays(const std::vector<int>& pids) {
    const int self = static_cast<int>(::getpid());
    std::vector<int> mine;
    for (const int pid : pids) {
        const int parent = process_parent(pid);
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
