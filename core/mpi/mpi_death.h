// What mpirun says on its standard error when a rank ends the job: which rank, on which node,
// with which pid, and how (a signal, an exit status, no MPI_Finalize, MPI_Abort).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace plab::mpi {

/// A rank's death as mpirun told it. Fields mpirun did not say keep their defaults.
struct RankDeath {
    int rank = -1;            ///< MPI_COMM_WORLD rank; -1 when mpirun did not name one
    long pid = 0;             ///< 0 when not said (mpirun writes PID 0 when it never knew it)
    std::string host;         ///< the node, as Open MPI names it; "" when not said
    int signal = 0;           ///< the signal that killed it; 0 when no signal did
    std::string signal_name;  ///< "Killed", when mpirun gave the name
    int exit_code = -1;       ///< its non-zero exit status; -1 when not said
    bool improper = false;    ///< it exited without MPI_Finalize ("exiting improperly")
    bool aborted = false;     ///< it called MPI_Abort
    std::string text;         ///< when none of the above matched: the last meaningful stderr line
    /// Open MPI's own explanation beside a rank's death ("PMIX ERROR: OUT-OF-RESOURCE ...",
    /// "File size limit exceeded"): its last 3 such lines, " | " between, each cut to 200
    /// characters; "" when it gave none. Set only with a rank's death (rank, signal, status).
    std::string cause;
};

/// The death mpirun reported in err (its standard error, any amount, any line breaks), from
/// Open MPI 4.1's texts (help-orterun.txt: proc-aborted[-strsignal], proc-exit-no-sync,
/// proc-ordered-abort, non-zero-exit); else a RankDeath with only text set: the last line
/// outside mpirun's dashed boxes and the first line of its last box ("ssh: Could not resolve
/// hostname x: ...; ORTE was unable to reliably start one or more daemons."); nullopt when err
/// says nothing. Never throws on any input.
std::optional<RankDeath> parse_rank_death(std::string_view err);

/// "rank 2 on host h1 (pid 4242) was killed by signal 9 (SIGKILL)", "... exited with status 3",
/// "... ended without MPI_Finalize", "... called MPI_Abort"; what is unknown is left out
/// ("a rank" when the rank is); text alone is quoted: "mpirun said: <text>".
std::string describe(const RankDeath& death);

}  // namespace plab::mpi
