// Reads rank 0's lines into the RunResult our pool makes: TaskRecords with worker = rank, the
// rank's host and pid, the hosts and their clocks, what each rank was given, and which tasks
// run now (for a dead rank's message and the task timeout, on the engine's clock).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "experiment/run_result.h"
#include "mpi/mpi_death.h"
#include "mpi/mpi_line.h"

namespace plab::mpi {

/// One MPI run's reading of rank 0's standard output. Not thread-safe: one reader thread.
class MpiReader {
  public:
    /// observer (may be null) hears hosts_ready (with note) when rank 0 begins, then each
    /// task's start and end as their lines come. spec must outlive the reader.
    MpiReader(const ExperimentSpec& spec, RunId id, RunObserver* observer, std::string note);

    /// Takes one line of standard output, read at engine time now_ns (monotonic_ns). Lines
    /// without the protocol's prefix are Open MPI's (kept: chatter()); a prefixed line that
    /// does not parse, or breaks the order (a task before begin, an end twice), stops the run:
    /// failure().
    void line(const std::string& text, std::int64_t now_ns);

    /// When a task has run longer than spec.task_timeout_ns on the engine's clock at now_ns:
    /// the run fails saying which task and rank (MPI cannot stop one rank's task). True then.
    bool check_timeout(std::int64_t now_ns);

    /// The job ended early because rank `rank` died (death: mpirun's words, completed from the
    /// rank table): its unended tasks are recorded as failed with that reason (told to the
    /// observer), and the run fails with a message naming rank, host, pid, how it died, the
    /// tasks it held, that Open MPI ended the whole job, and Open MPI's explanation when it
    /// gave one (death.cause). end_s is taken at now_ns.
    void rank_died(const RankDeath& death, std::int64_t now_ns);

    void fail(std::string why);
    const std::string& failure() const { return failure_; }
    bool begun() const { return begin_ns_ >= 0; }
    /// Engine seconds from spawned_ns (monotonic_ns when mpirun was spawned) to reading
    /// `begin`; 0 before begin.
    double launch_s(std::int64_t spawned_ns) const;
    double elapsed_s() const { return elapsed_s_; }
    std::int64_t begin_engine_ns() const { return begin_engine_ns_; }
    const std::string& printed_list() const { return printed_list_; }
    const std::vector<std::string>& chatter() const { return chatter_; }
    std::vector<TaskRecord>& tasks() { return tasks_; }
    std::vector<Value>& results() { return results_; }
    const std::map<int, std::string>& errors() const { return errors_; }
    std::vector<HostClock>& hosts() { return hosts_; }
    /// Rank 0's serial part (task -1, worker -1, rank 0's pid and host), once serial_start
    /// was read: ok once serial_end was, else not ok with error "" (the job ended inside it).
    std::optional<TaskRecord>& serial_part() { return serial_part_; }
    /// The tasks given to rank and not ended, in task order.
    std::vector<int> unended_of(int rank) const;
    /// The ranks 0..np-1 that have said their pid, with it (for cleanup on this machine).
    const std::map<int, int>& rank_pids() const { return pids_; }

  private:
    struct RankInfo {
        int pid = 0;
        int host = -1;
    };
    double seconds(std::int64_t rank0_ns) const;
    /// A record of task on rank, with the rank's pid and host when known.
    TaskRecord record(int task, int rank) const;
    int host_index(const std::string& name);
    void begin(const MpiLine& l, std::int64_t now_ns);
    void started(const MpiLine& l, std::int64_t now_ns);
    void ended(const MpiLine& l);
    /// A task that ended well whose bytes did not come back intact (mpi_scatter's gather).
    void lost(const MpiLine& l);
    void serial(const MpiLine& l);
    std::string where(int rank) const;  ///< "rank 2 on vm"

    const ExperimentSpec& spec_;
    RunId id_;
    RunObserver* observer_;
    int np_;
    std::string note_;
    std::int64_t begin_ns_ = -1;         ///< rank 0's clock
    std::int64_t begin_engine_ns_ = -1;  ///< the engine's clock, when begin was read
    double elapsed_s_ = -1;
    std::string printed_list_;
    std::string failure_;
    std::vector<std::string> chatter_;  ///< the last lines without the prefix
    std::map<int, RankInfo> ranks_;
    std::map<int, int> pids_;
    std::vector<HostClock> hosts_;
    /// Tasks given to a rank in one `give`, while some of them have not ended.
    struct Chunk {
        int first = 0;
        int count = 0;
        int left = 0;  ///< not ended yet
    };
    std::map<int, std::vector<Chunk>> held_;      ///< rank -> its chunks not wholly ended
    std::map<int, TaskRecord> running_;           ///< started, not ended
    std::map<int, std::int64_t> started_engine_;  ///< engine time each running task started
    std::vector<bool> ended_;                     ///< one per task
    std::vector<TaskRecord> tasks_;
    std::vector<Value> results_;
    std::map<int, std::string> errors_;
    std::optional<TaskRecord> serial_part_;
};

}  // namespace plab::mpi
