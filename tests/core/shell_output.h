// Running a shell command from a test and reading what it printed.
#pragma once

#include <cstdio>
#include <string>

namespace plab::testing {

/// What command printed (stdout; add 2>&1 for stderr too) and its wait status (pclose's), or
/// -1 when it could not be started.
struct ShellOutput {
    int status = -1;
    std::string out;
};

inline ShellOutput shell_output(const std::string& command) {
    ShellOutput r;
    std::FILE* p = ::popen(command.c_str(), "r");
    if (p == nullptr) return r;
    char buf[4096];
    while (const std::size_t n = std::fread(buf, 1, sizeof buf, p))
        r.out.append(buf, n);
    r.status = ::pclose(p);
    return r;
}

}  // namespace plab::testing
