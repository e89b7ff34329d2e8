#include "python/python_child.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <system_error>

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, for posix_spawn

namespace plab::python {

namespace {

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

/// The environment of this process with `extra` set over it.
std::vector<std::string> merged_env(const std::map<std::string, std::string>& extra) {
    std::vector<std::string> out;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        const std::string entry(*e);
        const auto eq = entry.find('=');
        if (eq != std::string::npos && extra.count(entry.substr(0, eq)) != 0) continue;
        out.push_back(entry);
    }
    for (const auto& [name, value] : extra) {
        if (!value.empty())
            out.push_back(std::string(name).append("=").append(value));  // "": removed
    }
    return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (std::string& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

}  // namespace

PythonChild::PythonChild(const std::vector<std::string>& argv,
                         const std::map<std::string, std::string>& env) {
    // Pool workers the interpreter leaves when it is killed come to this process, which reaps
    // them (reap()), instead of to init, which may not (in a container, for one).
    ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    std::array<int, 2> in{-1, -1};
    std::array<int, 2> out{-1, -1};
    std::array<int, 2> err{-1, -1};
    auto close_all = [&] {
        for (int* fd : {&in[0], &in[1], &out[0], &out[1], &err[0], &err[1]})
            close_fd(*fd);
    };
    if (::pipe2(in.data(), O_CLOEXEC) != 0 || ::pipe2(out.data(), O_CLOEXEC) != 0 ||
        ::pipe2(err.data(), O_CLOEXEC) != 0) {
        const int e = errno;
        close_all();
        throw std::system_error(e, std::generic_category(), "cannot make pipes for python");
    }
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawnattr_init(&attr);
    ::posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    ::posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    ::posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    sigset_t none;
    sigset_t defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (const int sig : {SIGINT, SIGTERM, SIGPIPE, SIGXFSZ, SIGCHLD})
        sigaddset(&defaults, sig);
    ::posix_spawnattr_setsigmask(&attr, &none);
    ::posix_spawnattr_setsigdefault(&attr, &defaults);
    ::posix_spawnattr_setpgroup(&attr, 0);
    ::posix_spawnattr_setflags(
        &attr,
        static_cast<short>(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF));
    std::vector<std::string> args = argv;
    std::vector<std::string> envs = merged_env(env);
    std::vector<char*> arg_ptrs = pointers(args);
    std::vector<char*> env_ptrs = pointers(envs);
    const int rc =
        ::posix_spawnp(&pid_, arg_ptrs[0], &actions, &attr, arg_ptrs.data(), env_ptrs.data());
    ::posix_spawn_file_actions_destroy(&actions);
    ::posix_spawnattr_destroy(&attr);
    close_fd(in[0]);
    close_fd(out[1]);
    close_fd(err[1]);
    if (rc != 0) {
        pid_ = -1;
        close_all();
        throw std::system_error(rc, std::generic_category(), "cannot run " + argv.front());
    }
    in_ = in[1];
    out_ = out[0];
    err_ = err[0];
}

PythonChild::~PythonChild() {
    reap();
    close_fd(out_);
    close_fd(err_);
}

bool PythonChild::read_some(int fd, std::string& text) {
    std::array<char, 65536> buf{};
    ssize_t n = 0;
    while ((n = ::read(fd, buf.data(), buf.size())) < 0 && errno == EINTR) {
    }
    if (n > 0) {
        text.append(buf.data(), static_cast<std::size_t>(n));
        return true;
    }
    if (n < 0 && errno == EAGAIN) return true;
    if (fd == out_) close_fd(out_);
    if (fd == err_) close_fd(err_);
    return false;
}

void PythonChild::kill_group() const {
    // The child's group exists until it is reaped (a zombie still leads it): safe to signal.
    if (pid_ > 0 && !reaped_) ::kill(-pid_, SIGKILL);
}

bool PythonChild::terminate(int grace_ms) {
    if (pid_ <= 0 || reaped_ || exited_) return exited_ || reaped_;
    ::kill(pid_, SIGTERM);
    for (int waited_ms = 0; waited_ms <= grace_ms; waited_ms += 5) {
        const pid_t r = ::waitpid(pid_, &status_, WNOHANG);
        if (r == pid_) {
            exited_ = true;
            return true;
        }
        if (r < 0 && errno != EINTR) return false;
        ::usleep(5000);
    }
    return false;
}

bool PythonChild::poll_exit() {
    if (pid_ <= 0 || reaped_ || exited_) return exited_ || reaped_;
    pid_t r = 0;
    while ((r = ::waitpid(pid_, &status_, WNOHANG)) < 0 && errno == EINTR) {
    }
    if (r == pid_) exited_ = true;
    return exited_;
}

int PythonChild::reap() {
    if (pid_ <= 0 || reaped_) return status_;
    close_fd(in_);  // the script's watcher ends its group when its standard input closes
    // An interpreter that closed its pipes is ending: a second to exit on its own, then killed.
    for (int waited_ms = 0; waited_ms < 1000 && !exited_; waited_ms += 5) {
        const pid_t r = ::waitpid(pid_, &status_, WNOHANG);
        if (r == pid_ || (r < 0 && errno != EINTR)) break;
        ::usleep(5000);
        if (waited_ms + 5 >= 1000) kill_group();
    }
    if (!exited_ && ::waitpid(pid_, &status_, WNOHANG) == 0) {
        kill_group();
        while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
        }
    }
    // Workers it left (none after `with Pool`): the group lives while they do, so its id is not
    // reused for another process yet. Killed, they come to this process (the subreaper): reaped
    // here, at most a second's wait.
    ::kill(-pid_, SIGKILL);
    for (int waited_ms = 0; waited_ms < 1000; waited_ms += 2) {
        const pid_t r = ::waitpid(-pid_, nullptr, WNOHANG);
        if (r < 0 && errno == ECHILD) break;
        if (r <= 0) ::usleep(2000);
    }
    reaped_ = true;
    return status_;
}

std::vector<std::string> take_lines(std::string& buffer) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    for (std::size_t nl = buffer.find('\n'); nl != std::string::npos; nl = buffer.find('\n', at)) {
        lines.emplace_back(buffer, at, nl - at);
        at = nl + 1;
    }
    buffer.erase(0, at);
    return lines;
}

}  // namespace plab::python
