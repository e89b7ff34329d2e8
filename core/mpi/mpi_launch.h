// How the engine starts an MPI job: where mpirun and the rank module are, how many slots the
// ranks have, and mpirun's command line (docs/plans/issue-13-mpi.md section 3). No MPI header.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "experiment/spec.h"

namespace plab::mpi {

/// The largest slot count one host of --hosts or a hostfile may give.
inline constexpr int kMaxHostSlots = 4096;

/// The slots a --hosts list gives in total ("h1:2,h2:4" -> 6), or nullopt with *error one line
/// saying what is wrong: every item must be NAME:SLOTS, NAME of letters, digits, '.', '-' and
/// '_' (not starting with '-', which ssh would read as an option), SLOTS 1..kMaxHostSlots; no empty
/// item ("a:2,,b:1"), no repeated name.
std::optional<int> parse_hosts(std::string_view hosts, std::string* error);

/// The slots a hostfile gives in total (Open MPI's syntax: "NAME [slots=N] [max_slots=N]", '#'
/// comments), or nullopt with *error one line (unreadable, no host, a bad line). A host
/// without slots= counts 1, as Open MPI counts it, and *note then says so.
std::optional<int> hostfile_slots(const std::string& path, std::string* error, std::string* note);

/// Where a program is: name itself when it has a '/', else the first executable file called
/// name in $PATH's folders; "" when there is none (or name is empty).
std::string find_on_path(const std::string& name);

/// This machine's slots as Open MPI counts them: the distinct cores (not hardware threads) this
/// process may run on, from /sys; the CPUs it may run on when /sys says nothing; at least 1.
int local_slots();

/// What the engine knows of its surroundings, given to mpirun_argv so that it stays pure.
struct Facts {
    unsigned euid = 0;                   ///< geteuid(): 0 needs --allow-run-as-root
    int slots = 1;                       ///< the slots where the ranks go (local or the hosts')
    std::string mpirun;                  ///< mpirun's path (argv[0])
    std::string exe;                     ///< this program's absolute path, as ranks start it
    std::vector<std::string> rank_args;  ///< after exe: the rank mode flag, version and keys
};

/// mpirun's command line for spec (spec.workers + 1 ranks: rank 0 is the master) and the note
/// the run carries ("" or "oversubscribed: 5 ranks on 2 slots").
struct Launch {
    std::vector<std::string> argv;
    std::string note;
};

/// --allow-run-as-root iff facts.euid is 0; -np workers+1; --oversubscribe iff that is more
/// than facts.slots (noted); --bind-to none --stdin none; orte_abort_on_non_zero_status 1; on
/// one machine (no hosts, no hostfile) pml ob1 and btl self,vader; else spec.mpi_hosts as
/// --host or spec.mpi_hostfile as --hostfile, as given. Pure.
Launch mpirun_argv(const ExperimentSpec& spec, const Facts& facts);

/// The slots for spec: local_slots(), or those its --hosts or hostfile give (a hostfile host
/// without slots= adds a line to *note). nullopt with *error when the hosts are bad.
std::optional<int> job_slots(const ExperimentSpec& spec, std::string* error, std::string* note);

/// The rank module: $PLAB_MPI_MODULE when set (whether or not it exists), else the first that
/// exists of parallel-lab-mpi.so beside this program (a build tree) and in its lib folder (an
/// install); "" when there is none.
std::string module_path();

/// Why spec.strategy cannot run on this machine, in one line naming what to install, or "":
/// this build has no Open MPI (libopenmpi-dev), the rank module is missing, or spec.mpirun is
/// not found (openmpi-bin, or --mpirun PATH).
std::string availability_problem(const ExperimentSpec& spec);

/// The command line's check of spec's MPI options (exit 2 with this one line), or "": --hosts
/// and --hostfile together, bad hosts or hostfile (as job_slots), then availability_problem.
std::string options_problem(const ExperimentSpec& spec);

}  // namespace plab::mpi
