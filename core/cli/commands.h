// The headless commands: `parallel-lab run` and `parallel-lab sweep`. No Qt anywhere here.
#pragma once

#include <string>

namespace plab::cli {

/// Exit codes of the commands.
inline constexpr int kExitOk = 0;      ///< every task produced a value
inline constexpr int kExitFailed = 1;  ///< a task failed, a strategy refused, a run was
                                       ///< cancelled, or an output could not be written
inline constexpr int kExitUsage = 2;   ///< bad usage: one line on stderr, nothing run or written

/// The usage text for both commands (parallel-lab --help).
std::string usage();

/// Opens /dev/null (read-only) on each of descriptors 0, 1 and 2 that is closed, so that no file
/// the program opens later lands there and receives what is meant for standard output or error;
/// a write to a standard output that was closed still fails and is reported. Call it first,
/// before anything opens a file. main() calls it too.
void guard_standard_fds();

/// Runs argv[1] ("run" or "sweep") with the options after it. Prints results on stdout (unless an
/// output is "-": that output alone goes there) and one line per problem on stderr; returns an
/// exit code above. Ignores SIGPIPE and SIGXFSZ for the rest of the process, so that every
/// write failure is reported. Never throws.
int main(int argc, char** argv);

}  // namespace plab::cli
