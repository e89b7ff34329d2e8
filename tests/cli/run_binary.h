// Runs the built parallel-lab binary as a user would, with a deadline.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace plab::testing {

struct Ran {
    int code = -1;  ///< exit status, or 128 + signal
    std::string out;
    std::string err;
    double seconds = 0;
    bool timed_out = false;
};

/// The binary running, its stdout and stderr read into out and err as they come. The
/// destructor kills and reaps it if nobody waited for it.
class Child {
  public:
    /// Starts PLAB_BINARY with args and the extra environment entries; in_child runs in the
    /// child after its stdout and stderr are the pipes and before exec (set rlimits, close
    /// descriptors, open files onto 0-2 there).
    Child(const std::vector<std::string>& args, const std::vector<std::string>& env_extra = {},
          const std::function<void()>& in_child = {}) {
        int out[2];
        int err[2];
        if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) return;
        t0_ = std::chrono::steady_clock::now();
        pid_ = ::fork();
        if (pid_ == 0) {
            ::dup2(out[1], 1);
            ::dup2(err[1], 2);
            for (const std::string& e : env_extra)
                ::putenv(const_cast<char*>(e.c_str()));
            if (in_child) in_child();
            std::vector<char*> argv{const_cast<char*>(PLAB_BINARY)};
            for (const std::string& a : args)
                argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            ::execv(PLAB_BINARY, argv.data());
            ::_exit(127);
        }
        ::close(out[1]);
        ::close(err[1]);
        fds_[0] = {out[0], POLLIN, 0};
        fds_[1] = {err[0], POLLIN, 0};
    }
    ~Child() {
        if (pid_ > 0 && !reaped_) {
            ::kill(pid_, SIGKILL);
            wait(5);
        }
        for (pollfd& f : fds_) {
            if (f.fd >= 0) ::close(f.fd);
        }
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    pid_t pid() const { return pid_; }
    const std::string& out() const { return r_.out; }
    const std::string& err() const { return r_.err; }

    /// Reads what the child wrote for up to ms milliseconds (less once both pipes are closed).
    void pump(int ms) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  until - std::chrono::steady_clock::now())
                                  .count();
            if (left <= 0 || (fds_[0].fd < 0 && fds_[1].fd < 0)) return;
            if (::poll(fds_, 2, static_cast<int>(left)) <= 0) continue;
            for (int i = 0; i < 2; ++i) {
                if (fds_[i].fd < 0 || fds_[i].revents == 0) continue;
                char buf[65536];
                const ssize_t n = ::read(fds_[i].fd, buf, sizeof buf);
                if (n > 0) {
                    (i == 0 ? r_.out : r_.err).append(buf, static_cast<std::size_t>(n));
                } else {
                    ::close(fds_[i].fd);
                    fds_[i].fd = -1;
                }
            }
        }
    }

    /// Pumps until done() is true (checked every few ms) or timeout_s passes; returns done().
    bool wait_for(const std::function<bool()>& done, double timeout_s) {
        const auto until = std::chrono::steady_clock::now() +
                           std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                               std::chrono::duration<double>(timeout_s));
        while (!done()) {
            if (std::chrono::steady_clock::now() >= until) return false;
            pump(2);
        }
        return true;
    }

    /// Reads everything until the child exits (killing it after timeout_s) and reaps it.
    Ran wait(double timeout_s) {
        const auto until = std::chrono::steady_clock::now() +
                           std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                               std::chrono::duration<double>(timeout_s));
        int status = 0;
        for (;;) {
            pump(5);
            if (::waitpid(pid_, &status, WNOHANG) == pid_) break;
            if (std::chrono::steady_clock::now() >= until && !r_.timed_out) {
                r_.timed_out = true;
                ::kill(pid_, SIGKILL);
            }
        }
        reaped_ = true;
        // What it wrote last is still in the pipes; a process it left behind could hold them
        // open, so this is bounded.
        for (int i = 0; i < 400 && (fds_[0].fd >= 0 || fds_[1].fd >= 0); ++i)
            pump(5);
        r_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
        r_.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return r_;
    }

  private:
    pid_t pid_ = -1;
    bool reaped_ = false;
    pollfd fds_[2] = {{-1, 0, 0}, {-1, 0, 0}};
    std::chrono::steady_clock::time_point t0_;
    Ran r_;
};

/// Runs PLAB_BINARY with args and the extra environment entries; kills it after timeout_s.
/// in_child runs in the child before exec (see Child).
inline Ran run_binary(const std::vector<std::string>& args, double timeout_s = 30,
                      const std::vector<std::string>& env_extra = {},
                      const std::function<void()>& in_child = {}) {
    Child c(args, env_extra, in_child);
    return c.wait(timeout_s);
}

/// Lines in text (its newlines).
inline int count_lines(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

/// Temporary files of parallel-lab's atomic writes (.parallel-lab-*) in a folder.
inline int temporaries(const std::filesystem::path& dir) {
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        n += e.path().filename().string().rfind(".parallel-lab-", 0) == 0 ? 1 : 0;
    return n;
}

}  // namespace plab::testing
