#include "pool/forkserver.h"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstring>
#include <set>
#include <string>
#include <system_error>

#include "pool/clock.h"
#include "pool/pool_impl.h"
#include "pool/spawn.h"
#include "pool/worker.h"

namespace plab::detail {

namespace {

enum Op : std::int32_t { kFork = 1, kForked = 2, kExited = 3 };

struct Message {
    std::int32_t op = 0;
    std::int32_t slot = -1;
    std::int32_t pid = -1;
    std::int32_t value = 0;  ///< errno for a failed Forked, the wait status for Exited
};

constexpr int kMaxFds = 2;

bool send_message(int sock, const Message& m, const int* fds, int nfds) {
    iovec iov{const_cast<Message*>(&m), sizeof m};
    msghdr h{};
    h.msg_iov = &iov;
    h.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxFds)] = {};
    if (nfds > 0) {
        h.msg_control = control;
        h.msg_controllen = CMSG_SPACE(sizeof(int) * static_cast<std::size_t>(nfds));
        cmsghdr* c = CMSG_FIRSTHDR(&h);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int) * static_cast<std::size_t>(nfds));
        std::memcpy(CMSG_DATA(c), fds, sizeof(int) * static_cast<std::size_t>(nfds));
    }
    for (;;) {
        const ssize_t put = ::sendmsg(sock, &h, MSG_NOSIGNAL);
        if (put == static_cast<ssize_t>(sizeof m)) return true;
        if (put < 0 && errno == EINTR) continue;
        return false;
    }
}

/// One packet: > 0 with m filled (descriptors it carried in fds, close-on-exec, nfds of
/// them; any beyond kMaxFds closed), 0 at end of file, < 0 on error (EINTR retried).
ssize_t receive_message(int sock, Message& m, int* fds, int& nfds) {
    nfds = 0;
    iovec iov{&m, sizeof m};
    msghdr h{};
    h.msg_iov = &iov;
    h.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 8)] = {};
    h.msg_control = control;
    h.msg_controllen = sizeof control;
    ssize_t got = 0;
    while ((got = ::recvmsg(sock, &h, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR) {
    }
    for (cmsghdr* c = CMSG_FIRSTHDR(&h); got >= 0 && c != nullptr; c = CMSG_NXTHDR(&h, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
        const std::size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (std::size_t i = 0; i < n; ++i) {
            int fd = -1;
            std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
            if (nfds < kMaxFds) {
                fds[nfds++] = fd;
            } else {
                ::close(fd);
            }
        }
    }
    if (got > 0 && got != static_cast<ssize_t>(sizeof m)) got = -1;  // not our packet
    return got;
}

// --- the server ---

// Forks the worker for slot and sends its pipes' parent ends back (or the errno).
bool serve_fork(int sock, WorkerSlot* slots, std::size_t count, const WorkerSetup& base,
                std::int32_t slot, std::set<pid_t>& live) {
    Message reply;
    reply.op = kForked;
    reply.slot = slot;
    if (slot < 0 || static_cast<std::size_t>(slot) >= count) {
        reply.value = EINVAL;
        return send_message(sock, reply, nullptr, 0);
    }
    int to[2] = {-1, -1};
    int from[2] = {-1, -1};
    try {
        pipe_above_stdio(to);
        pipe_above_stdio(from);
    } catch (const std::system_error& e) {
        close_fd(to[0]);
        close_fd(to[1]);
        reply.value = e.code().value();
        return send_message(sock, reply, nullptr, 0);
    }
    WorkerSetup setup = base;
    setup.in_fd = to[0];
    setup.out_fd = from[1];
    setup.slot = &slots[slot];
    sigset_t all;
    sigset_t old;
    sigfillset(&all);
    ::sigprocmask(SIG_SETMASK, &all, &old);
    const pid_t pid = ::fork();
    if (pid == 0) worker_main(setup);  // never returns
    const int fork_errno = errno;
    ::sigprocmask(SIG_SETMASK, &old, nullptr);
    ::close(to[0]);
    ::close(from[1]);
    if (pid < 0) {
        ::close(to[1]);
        ::close(from[0]);
        reply.value = fork_errno;
        return send_message(sock, reply, nullptr, 0);
    }
    live.insert(pid);
    reply.pid = pid;
    const int pass[2] = {to[1], from[0]};
    const bool sent = send_message(sock, reply, pass, 2);
    ::close(to[1]);
    ::close(from[0]);
    return sent;
}

// Reaps every ended worker and reports each; false when the pool no longer listens.
bool reap_and_report(int sock, std::set<pid_t>& live) {
    int status = 0;
    pid_t pid = 0;
    bool ok = true;
    while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
        live.erase(pid);
        Message m;
        m.op = kExited;
        m.pid = pid;
        m.value = status;
        ok = send_message(sock, m, nullptr, 0) && ok;
    }
    return ok;
}

}  // namespace

int forkserver_main(int argc, char** argv) {
    if (argc != 4) return kWorkerExitProtocol;
    const long times = parse_mode_number(argv[2], 0, 1);
    const long parent = parse_mode_number(argv[3], 1, INT_MAX);
    if (times < 0 || parent < 1) return kWorkerExitProtocol;
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != static_cast<pid_t>(parent)) return kWorkerExitOrphan;
    // Ctrl+C reaches the whole process group: the pool decides, as for its workers.
    ::signal(SIGINT, SIG_IGN);
    std::size_t bytes = 0;
    void* mem = map_shared_slots(kServerSlotsFd, bytes);
    if (mem == nullptr) return kWorkerExitProtocol;
    const int sock = kServerSocketFd;
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    ::sigprocmask(SIG_BLOCK, &chld, nullptr);
    const int sfd = above_stdio(::signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK));
    if (sfd < 0) return kWorkerExitUnexpected;
    WorkerSetup base;
    base.task_times = times == 1;
    base.parent = ::getpid();
    std::set<pid_t> live;
    for (bool serving = true; serving;) {
        pollfd fds[2] = {{sock, POLLIN, 0}, {sfd, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) continue;  // EINTR
        if (fds[1].revents != 0) {
            signalfd_siginfo info{};
            while (::read(sfd, &info, sizeof info) > 0) {
            }
            serving = reap_and_report(sock, live);
        }
        if (serving && fds[0].revents != 0) {
            Message m;
            int got_fds[kMaxFds];
            int nfds = 0;
            const ssize_t got = receive_message(sock, m, got_fds, nfds);
            for (int i = 0; i < nfds; ++i)
                ::close(got_fds[i]);
            if (got <= 0) {
                serving = got < 0 && errno == EAGAIN;
            } else if (m.op == kFork) {
                serving = serve_fork(sock, static_cast<WorkerSlot*>(mem),
                                     bytes / sizeof(WorkerSlot), base, m.slot, live);
            }
        }
    }
    // The pool is gone: nothing of it may stay running.
    for (const pid_t pid : live)
        ::kill(pid, SIGKILL);
    for (const pid_t pid : live) {
        while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
        }
    }
    return 0;
}

// --- the pool's side ---

struct ForkServer::Reply {
    Message m;
    int fds[kMaxFds] = {-1, -1};
    int nfds = 0;
};

ForkServer::ForkServer(int slots_fd, bool task_times) {
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) throw_errno("socketpair");
    try {
        pid_ = spawn_self({kServerModeFlag, task_times ? "1" : "0", std::to_string(::getpid())},
                          {{sv[1], kServerSocketFd}, {slots_fd, kServerSlotsFd}});
    } catch (...) {
        ::close(sv[0]);
        ::close(sv[1]);
        throw;
    }
    ::close(sv[1]);
    sock_ = above_stdio(sv[0]);
}

ForkServer::~ForkServer() {
    close_fd(sock_);
    // End of file tells it to kill and reap its workers, then exit: give it 2 s.
    const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0U));
    if (pidfd >= 0) {
        pollfd exited{pidfd, POLLIN, 0};
        while (::poll(&exited, 1, 2000) < 0 && errno == EINTR) {
        }
        if (exited.revents == 0) ::kill(pid_, SIGKILL);
        ::close(pidfd);
    } else {
        ::kill(pid_, SIGKILL);
    }
    while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
}

bool ForkServer::read_one(int timeout_ms, Reply& reply) {
    if (gone_) return false;
    pollfd p{sock_, POLLIN, 0};
    const int ready = ::poll(&p, 1, timeout_ms);
    if (ready <= 0) return false;
    const ssize_t got = receive_message(sock_, reply.m, reply.fds, reply.nfds);
    if (got <= 0) {
        for (int i = 0; i < reply.nfds; ++i)
            ::close(reply.fds[i]);
        reply.nfds = 0;
        if (got == 0 || (errno != EAGAIN && errno != EINTR)) gone_ = true;
        return false;
    }
    if (reply.m.op == kExited) exits_[reply.m.pid] = reply.m.value;
    return true;
}

namespace {

int left_ms(std::int64_t deadline) {
    const std::int64_t left = deadline - monotonic_ns();
    return left <= 0 ? 0 : static_cast<int>((left + 999'999) / 1'000'000);
}

}  // namespace

pid_t ForkServer::fork_worker(int slot, int& to_fd, int& from_fd) {
    Message ask;
    ask.op = kFork;
    ask.slot = slot;
    if (gone_ || !send_message(sock_, ask, nullptr, 0)) {
        gone_ = true;
        throw std::system_error(ECHILD, std::generic_category(), "the fork server is gone");
    }
    const std::int64_t deadline = monotonic_ns() + 5'000'000'000;
    for (;;) {
        Reply r;
        if (!read_one(left_ms(deadline), r)) {
            throw std::system_error(gone_ ? ECHILD : ETIMEDOUT, std::generic_category(),
                                    "the fork server did not fork a worker");
        }
        if (r.m.op != kForked || r.m.slot != slot || (r.m.pid > 0 && r.nfds != 2)) {
            for (int i = 0; i < r.nfds; ++i)
                ::close(r.fds[i]);
            continue;
        }
        if (r.m.pid <= 0) {
            throw std::system_error(r.m.value, std::generic_category(),
                                    "fork (in the fork server)");
        }
        to_fd = r.fds[0];
        from_fd = r.fds[1];
        return r.m.pid;
    }
}

int ForkServer::wait_exit(pid_t pid, int grace_ms, bool& killed_here) {
    killed_here = false;
    auto wait_for = [&](int ms) {
        const std::int64_t deadline = monotonic_ns() + std::int64_t{ms} * 1'000'000;
        while (exits_.count(pid) == 0) {
            Reply r;
            if (!read_one(left_ms(deadline), r)) {
                if (gone_ || monotonic_ns() >= deadline) break;
                continue;
            }
            for (int i = 0; i < r.nfds; ++i)
                ::close(r.fds[i]);
        }
        return exits_.count(pid) != 0;
    };
    if (!wait_for(grace_ms)) {
        killed_here = ::kill(pid, SIGKILL) == 0;
        wait_for(2000);
    }
    const auto it = exits_.find(pid);
    if (it == exits_.end()) return SIGKILL;  // the server is gone: its workers died with it
    const int status = it->second;
    exits_.erase(it);
    return status;
}

}  // namespace plab::detail
