// The fork server: a small single-threaded process, spawned (spawn.h) when a forkserver pool
// starts, that forks the pool's workers on request and hands their pipes back over a Unix
// socket (SCM_RIGHTS). Its workers are copies of the server, not of the threaded parent.
//
// Protocol (SOCK_SEQPACKET, one Message a packet): the pool sends Fork{slot}; the server
// answers Forked{slot, pid} with the worker's task-pipe write end and result-pipe read end
// attached, or Forked{slot, pid -1, errno}. Whenever one of its workers ends, the server reaps
// it and sends Exited{pid, wait status}. At end of file on the socket (the pool closed it, or
// the pool's process died) the server kills and reaps every worker it still has and exits; it
// also dies with the thread that spawned it (PR_SET_PDEATHSIG), and its workers die with it.
#pragma once

#include <sys/types.h>

#include <map>

namespace plab::detail {

/// The pool's side of its fork server. Used only under the pool's io_m (by one thread at a
/// time); the thread that constructs it must live as long as it (the server dies with it).
class ForkServer {
  public:
    /// Spawns the server, which maps the pool's slots from slots_fd (a memfd); workers it
    /// forks get task_times as a forked worker would. Throws
    /// std::system_error when it cannot start.
    ForkServer(int slots_fd, bool task_times);
    /// Closes the socket and reaps the server, which kills and reaps its workers first
    /// (bounded: after 2 s it is killed).
    ~ForkServer();
    ForkServer(const ForkServer&) = delete;
    ForkServer& operator=(const ForkServer&) = delete;

    /// Asks for a worker for slot; returns its pid and puts its pipes' parent ends (close-on-
    /// exec, above 2) in to_fd and from_fd. Throws std::system_error when the server cannot
    /// fork, is gone, or does not answer within 5 s.
    pid_t fork_worker(int slot, int& to_fd, int& from_fd);
    /// The wait status of worker pid, which ended or is ending (its pipe hung up). When the
    /// server has not reported it within grace_ms, kills it (killed_here) and waits up to 2 s
    /// more; if the server is gone by then, the status says killed by SIGKILL.
    int wait_exit(pid_t pid, int grace_ms, bool& killed_here);
    pid_t pid() const { return pid_; }

  private:
    struct Reply;
    /// Reads one message within timeout_ms; exits are kept in exits_. False on timeout or
    /// when the server is gone.
    bool read_one(int timeout_ms, Reply& reply);

    int sock_ = -1;
    pid_t pid_ = -1;
    bool gone_ = false;
    std::map<pid_t, int> exits_;  ///< reported exits not yet asked for
};

/// The server's main (run_worker_if_requested calls it for kServerModeFlag).
int forkserver_main(int argc, char** argv);

}  // namespace plab::detail
