// The headless commands: `parallel-lab run` and `parallel-lab sweep`. No Qt anywhere here.
#pragma once

#include <string>

namespace plab::cli {

/// Exit codes of the commands.
inline constexpr int kExitOk = 0;      ///< every task produced a value
inline constexpr int kExitFailed = 1;  ///< a task failed, a strategy refused, a run was
                                       ///< cancelled, or an output could not be written
inline constexpr int kExitUsage = 2;   ///< bad usage: one line on stderr, nothing run or written

/// The usage text for both commands.
std::string usage();

/// Runs argv[1] ("run" or "sweep") with the options after it. Prints results on stdout and one
/// line per problem on stderr; returns an exit code above. Never throws.
int main(int argc, char** argv);

}  // namespace plab::cli
