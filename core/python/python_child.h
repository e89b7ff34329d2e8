// One python3 process the lab runs: its standard input, output and error are pipes to us, and it
// leads a process group of its own, so that the lab can end it with everything it started.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace plab::python {

/// A running python3 (or any program) in its own process group. The destructor kills the group
/// with SIGKILL and reaps the child, so nothing outlives the object. Not copyable.
class PythonChild {
  public:
    /// Starts argv[0] (looked up on PATH when it has no '/') with argv and the environment
    /// plus `env` (which overrides). Throws std::system_error when it cannot be started
    /// (a missing interpreter: ENOENT), after closing everything it opened.
    PythonChild(const std::vector<std::string>& argv,
                const std::map<std::string, std::string>& env);
    ~PythonChild();
    PythonChild(const PythonChild&) = delete;
    PythonChild& operator=(const PythonChild&) = delete;

    pid_t pid() const { return pid_; }
    int out_fd() const { return out_; }  ///< its standard output (read end), -1 once closed
    int err_fd() const { return err_; }  ///< its standard error (read end), -1 once closed

    /// Reads what is there on fd (out_fd or err_fd) into text; at end of file closes it and
    /// returns false. Never blocks for long: call it when poll() says fd is readable.
    bool read_some(int fd, std::string& text);

    /// SIGKILL to the whole process group (the interpreter and every pool worker it made).
    void kill_group() const;

    /// SIGTERM to the child alone (not its group: a launcher such as mpirun passes it on to
    /// what it started), then at most grace_ms for it to exit. True when it exited; its status
    /// is kept for reap(), which then does not wait for it again.
    bool terminate(int grace_ms);

    /// True once the interpreter itself has exited; never blocks. Its status is kept for
    /// reap(), which then does not wait for it again. What it started may live on in its group
    /// (and hold its pipes): kill_group() still reaches them.
    bool poll_exit();

    /// Waits for the interpreter to end (after both pipes reached end of file, or a kill) and
    /// returns its wait status; kills the rest of its group first. Idempotent.
    int reap();

  private:
    pid_t pid_ = -1;
    int in_ = -1;  ///< its standard input (write end): closing it tells the script to go
    int out_ = -1;
    int err_ = -1;
    bool exited_ = false;  ///< waited for (terminate), its group not yet reaped
    bool reaped_ = false;
    int status_ = 0;
};

/// The lines complete so far in buffer (without their '\n'), removed from it.
std::vector<std::string> take_lines(std::string& buffer);

}  // namespace plab::python
