// mpirun dies with the engine: the engine starts mpirun through this program's hidden guard
// mode, which arms PR_SET_PDEATHSIG (SIGTERM) and then execs mpirun in the same process. When
// the engine ends in any way (SIGKILL, SIGHUP, a second SIGTERM, a crash), mpirun gets SIGTERM,
// which it passes on to its daemons and ranks, so nothing of the job outlives the engine.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace plab::mpi {

/// The guard mode's flag: `<exe> --plab-mpi-guard <engine pid> <mpirun path> <mpirun args...>`.
inline constexpr const char* kGuardFlag = "--plab-mpi-guard";

/// argv (argv[0] an absolute path, as mpirun_argv gives) run under the guard of this process:
/// {exe, kGuardFlag, getpid(), argv...}. The parent-death signal is tied to the THREAD that
/// starts the child: call it, and start the child, on a thread that outlives the job (the run's
/// thread, which reaps mpirun before it returns).
std::vector<std::string> guarded_argv(const std::string& exe, const std::vector<std::string>& argv);

/// When argv[1] is kGuardFlag: arms SIGTERM on the parent's death, exits 1 at once when the
/// engine (argv[2]) is already gone, else execs argv[3] with argv[3..]; returns 127 with one
/// line on stderr when it cannot (a bad command line: 2). Otherwise nullopt. Call it first in
/// main(), before anything opens files or starts threads.
std::optional<int> run_guard_if_requested(int argc, char** argv);

}  // namespace plab::mpi
