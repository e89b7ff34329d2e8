// Everything the window knows about the experiment it is running or ran: runs, their tasks as
// timeline bars, their results and figures. Filled from parsed event lines; plain C++, so the
// models are tested by feeding them lines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "experiment/event_stream.h"
#include "experiment/sweep.h"

namespace plab::ui {

/// How a task stands: still running, or how it ended. Crashed means its worker process died
/// (killed by a signal, exited, timed out) while running it; Cancelled that the run was
/// cancelled before it ended; Failed that the task itself raised an error.
enum class TaskState : std::uint8_t { Running, Ok, Failed, Crashed, Cancelled };

/// How a finished task ended, from its ok flag and its text (the engine's error wording:
/// "cancelled", "worker 1 (pid 42) was killed by signal 9 (SIGKILL) while running it",
/// "timed out after ... was killed and replaced"). Never returns Running.
TaskState finished_state(bool ok, std::string_view text);

/// What a crashed task's worker died of, short, for the timeline: "killed by SIGKILL",
/// "exited with status 3", "timed out", else "worker died". Meant for Crashed tasks' texts.
std::string crash_cause(std::string_view error);

/// One task on the timeline, from its start to its end (end only once finished).
struct TaskBar {
    int task = 0;  ///< -1: the run's serial part, done in the parent (its lane has worker -1)
    int lane = 0;  ///< index into RunRecord::lanes
    double start_s = 0;
    double end_s = 0;
    bool finished = false;
    bool ok = false;
    TaskState state = TaskState::Running;
};

/// One worker process (or thread, or the serial loop) of a run: its slot and the pid that
/// filled it. A worker that died and was replaced gets a new lane.
struct Lane {
    int worker = 0;
    int pid = 0;
    std::vector<int> bars;  ///< indices into RunRecord::bars, ascending start time
    int host = -1;          ///< MPI runs: index into RunRecord::hosts (worker is the rank)
};

/// A host of an MPI run (its `host` line): name and how its clock was aligned to rank 0's.
struct RunHost {
    std::string name;
    double offset_s = 0;
    double uncertainty_s = 0;
};

/// What the engine said when a run ended (its `end` line).
struct RunEnd {
    double elapsed_s = 0, serial_s = 0, ideal_s = 0, speedup = 0, efficiency = 0, karp_flatt = 0;
    int failed = 0;
    bool cancelled = false;
    std::string refusal;  ///< non-empty when the strategy refused to run (map_closure)
};

/// One run of the experiment as it happens.
struct RunRecord {
    int number = 0;         ///< 1.. across the whole experiment, all legs included
    int leg = 0;            ///< which sweep of the experiment (one per chunk size asked for)
    int planned_index = 0;  ///< index into SweepData::planned()
    RunId id;               ///< as the engine numbered it within its sweep
    ExperimentSpec spec;
    int chunksize = 0;      ///< the chunk size the run used (auto resolved)
    int chunk_setting = 0;  ///< what was asked for: 0 = auto
    std::vector<TaskBar> bars;
    std::vector<std::string> texts;  ///< per bar: result repr when ok, else the error
    std::vector<Lane> lanes;
    std::vector<int> lane_order;  ///< lanes by worker slot, then by arrival
    std::vector<int> completion;  ///< bars in the order their tasks finished
    int finished_tasks = 0;
    int failed_tasks = 0;          ///< ended in error, crashes included, cancelled tasks not
    int crashed_tasks = 0;         ///< of failed_tasks: their worker died running them
    int cancelled_tasks = 0;       ///< ended because the run was cancelled (not failed)
    double latest_s = 0;           ///< the latest run time any of its events mentioned
    double received_at_s = 0;      ///< window clock when its `run` line arrived
    bool details_dropped = false;  ///< bars were not kept (memory bound); counts still are
    std::optional<RunEnd> end;
    std::unordered_map<int, int> open;  ///< started, unfinished task -> bar
    std::vector<RunHost> hosts;         ///< MPI runs: by index (Lane::host)
    std::string note;                   ///< what the engine adjusted (its `note` line)

    bool ended() const { return end.has_value(); }
    bool refused() const { return end && !end->refusal.empty(); }
};

/// The runs of one experiment: one or more sweeps ("legs") run one after the other, numbered
/// as one sequence. Not thread-safe: use it from one thread.
class SweepData {
  public:
    /// Bars kept across all runs; beyond it the oldest ended runs lose their bars first.
    static constexpr std::size_t kMaxStoredBars = 2'000'000;

    void clear();

    /// Announces the next sweep; its events follow. Calling it twice without events in
    /// between makes an empty leg.
    void begin_leg(const SweepSpec& leg);
    const std::vector<SweepSpec>& legs() const { return legs_; }

    /// The runs every leg will make, in order (plab::plan_runs of each leg, concatenated).
    const std::vector<ExperimentSpec>& planned() const { return planned_; }

    /// Applies one parsed event. now_s is the window's clock in seconds. Returns false with
    /// *error set when the event does not fit (a task of a run never announced, a run line
    /// before begin_leg); the data is then left unchanged.
    bool apply(const events::Event& event, double now_s, std::string* error = nullptr);

    const std::vector<RunRecord>& runs() const { return runs_; }
    /// The run with that number (from 1), or null.
    const RunRecord* run(int number) const;

    /// Bumped by every change; views compare it to know whether to redraw.
    std::uint64_t revision() const { return revision_; }
    /// Bumped when a run starts or ends (what the charts depend on).
    std::uint64_t runs_revision() const { return runs_revision_; }

    /// The exit code each leg's `done` line gave, in leg order.
    const std::vector<int>& exit_codes() const { return exit_codes_; }

  private:
    RunRecord* find_run(int engine_run, std::string* error);
    void add_bar(RunRecord& run, const TaskRecord& task, std::size_t* bar_index);
    void make_room(const RunRecord& keep);

    std::vector<SweepSpec> legs_;
    std::vector<ExperimentSpec> planned_;
    std::vector<RunRecord> runs_;
    std::vector<int> exit_codes_;
    std::size_t leg_offset_ = 0;          ///< runs before the current leg
    std::size_t leg_planned_offset_ = 0;  ///< planned runs before the current leg
    std::size_t stored_bars_ = 0;
    std::uint64_t revision_ = 0;
    std::uint64_t runs_revision_ = 0;
};

/// The results of a run as Python prints a list: "[0, 1, 4, 9]", ordered by task, "None"
/// where a task failed or has not finished. At most max_items are written, then ", ...]";
/// *count (if given) receives the number of tasks. Empty when the run's bars were dropped.
std::string ordered_results(const RunRecord& run, std::size_t max_items,
                            std::size_t* count = nullptr);

}  // namespace plab::ui
