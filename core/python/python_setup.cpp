#include "python/python_setup.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <system_error>

#include "python/python_child.h"

namespace plab::python {

std::string scripts_folder() {
    if (const char* dir = std::getenv("PLAB_PYTHON_SCRIPTS"); dir != nullptr && *dir != '\0')
        return dir;
    char buf[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    std::string exe = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("./x");
    exe.resize(exe.rfind('/'));
    return exe + "/../share/parallel-lab/python";
}

std::string script_name(Strategy s, const ExperimentSpec& spec) {
    const bool moving = spec.payload_bytes > 0 && s != Strategy::PyMapClosure;
    return std::string(strategy_name(s)) + (moving ? "_payload.py" : ".py");
}

std::string script_path(Strategy s, const ExperimentSpec& spec) {
    return scripts_folder() + "/" + script_name(s, spec);
}

std::string interpreter_problem(const std::string& python, const CancelToken* cancel) {
    const std::string who = "the Python interpreter '" + python.substr(0, 200) + "'";
    const std::string choose = " (--python chooses the interpreter)";
    std::string out;
    try {
        PythonChild child({python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"},
                          {{"PYTHONPATH", ""}});
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        std::string ignored;
        while (child.out_fd() >= 0 || child.err_fd() >= 0) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                return std::string(who).append(" did not answer within 10 s").append(choose);
            if (cancel != nullptr && cancel->cancelled()) {
                child.kill_group();  // at once: reap() would first give it a second to exit
                return "the check of " + who + " was cancelled";
            }
            pollfd fds[2] = {{child.out_fd(), POLLIN, 0}, {child.err_fd(), POLLIN, 0}};
            const int tick_ms = static_cast<int>(std::min<std::int64_t>(left.count(), 50));
            if (::poll(fds, 2, tick_ms) <= 0) continue;
            if (fds[0].revents != 0) child.read_some(child.out_fd(), out);
            if (fds[1].revents != 0) child.read_some(child.err_fd(), ignored);
        }
        child.reap();
    } catch (const std::system_error& e) {
        return "cannot run " + who + ": " + e.code().message() + choose;
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
        out.pop_back();
    int major = 0;
    int minor = 0;
    const auto dot = out.find('.');
    const bool parsed = dot != std::string::npos && dot > 0 &&
                        out.find_first_not_of("0123456789.") == std::string::npos &&
                        (major = std::atoi(out.c_str())) > 0 &&
                        (minor = std::atoi(out.c_str() + dot + 1)) >= 0;
    if (!parsed) return who + " does not run as Python" + choose;
    if (major < 3 || (major == 3 && minor < kMinMinor)) {
        return who + " is Python " + out + "; the py_ strategies need Python 3." +
               std::to_string(kMinMinor) + " or newer" + choose;
    }
    return "";
}

}  // namespace plab::python
