// The event stream: one line per event, written by `parallel-lab run|sweep --events FILE` and
// read by the window, which runs its experiments in that Qt-free engine process.
//
// Lines are tab-separated; the first field names the event. Times are seconds with 6 decimals
// ('.' whatever the locale); text fields are last and escape \t, \n, \r and \\ as \\t, \\n,
// \\r, \\\\.
//
// clang-format off
//   plab-events 1
//   run    <run> <repeat> <strategy> <workers> <tasks> <delay_s> <workload> <exponent>
//          <chunksize> <crash_task> [key=value ...]
//   start  <run> <task> <worker> <pid> <start_s>
//   task   <run> <task> <worker> <pid> <start_s> <end_s> <ok 0|1> <result repr | error>
//   end    <run> <elapsed_s> <serial_s> <ideal_s> <speedup> <efficiency> <karp_flatt|nan>
//          <failed> <cancelled 0|1> <refusal>
//   done   <exit code the command will return>
//   serial-start <run> <pid> <start_s>
//   serial <run> <pid> <start_s> <end_s> <ok 0|1> <error>
//   host   <run> <index> <name> <offset_s> <uncertainty_s>
//   note   <run> <text>
// clang-format on
//
// A run line ends with the lessons' settings that differ from the article's experiment, each
// as key=value, each at most once, in this order: payload=<bytes> (above 0),
// durations=<shape> and seed=<n> (when not fixed), serial_fraction=<F> (above 0),
// scaling=weak, start=spawn|forkserver. A reader rejects an unknown key.
//
// `host` names a host of an MPI run (RunResult::hosts[index]) and how its clock was aligned to
// rank 0's; `note` is what the engine adjusted for a run (RunResult::note). Both come before the
// run's tasks. The `start` and `task` lines of an MPI run end with one more field, host=<index>
// (a host line's index; worker is then the MPI rank); other runs' lines have no such field.
//
// `serial-start` and `serial` are the run's serial part, done in the parent before its tasks
// (only when the run has one: --serial-fraction above 0; experiment/serial_part.h).
//
// A task's `start` line is optional: the writer leaves it out when the task's `task` line
// follows within one flush (cli::EventSink::kFlushMs), so tiny tasks cost one line, not two. A
// task that never started (cancelled while queued) has no line at all; `end` counts it in
// <failed>. Every line ends with '\n': a last line without one was cut off (the engine was
// killed while writing) and is not an event.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "experiment/sweep.h"

namespace plab::events {

inline constexpr std::string_view kHeader = "plab-events 1";

std::string run_line(const ExperimentSpec& spec, RunId id, int chunksize);
std::string start_line(RunId id, const TaskRecord& task);
std::string task_line(RunId id, const TaskRecord& task);
std::string end_line(const SweepRow& row);
std::string done_line(int exit_code);
/// The serial part (RunResult::serial_part) began / ended.
std::string serial_start_line(RunId id, const TaskRecord& part);
std::string serial_line(RunId id, const TaskRecord& part);
/// Host index of an MPI run (RunResult::hosts) and its clock; the engine's note for a run.
std::string host_line(RunId id, int index, const HostClock& host);
std::string note_line(RunId id, std::string_view note);

/// One parsed line. Which fields mean something depends on kind (see the grammar above);
/// for Task, task.result is left None and its repr (or the error) is in text.
struct Event {
    enum class Kind { Header, Run, Start, Task, End, Done, SerialStart, Serial, Host, Note };
    Kind kind = Kind::Header;
    RunId id;
    ExperimentSpec spec;  // Run
    int chunksize = 0;    // Run
    TaskRecord task;      // Start, Task; SerialStart, Serial (task -1, worker -1)
    std::string text;     // Task: result repr or error; End: refusal; Serial: error; Host: name;
                          // Note: the note
    double elapsed_s = 0, serial_s = 0, ideal_s = 0, speedup = 0, efficiency = 0, karp_flatt = 0;
    int failed = 0;  // End
    bool cancelled = false;
    int exit_code = 0;                       // Done
    int host = -1;                           // Host: its index
    double offset_s = 0, uncertainty_s = 0;  // Host
};

/// Parses one line (without its newline). nullopt with *error set to one clear sentence when
/// the line is not of the grammar; never throws.
std::optional<Event> parse(std::string_view line, std::string* error = nullptr);

/// When c is a tab, line feed, carriage return or backslash, appends its two-character escape
/// (backslash and t, n, r or backslash) to out and returns true; else returns false and leaves
/// out as it was. JSON escapes these four the same way.
bool append_escaped(char c, std::string& out);
/// Escapes a text field; unescape reverses it.
std::string escape(std::string_view text);
std::string unescape(std::string_view text);

}  // namespace plab::events
