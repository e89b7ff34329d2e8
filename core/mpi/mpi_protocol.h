// What the engine and the MPI ranks agree on (docs/plans/issue-13-mpi.md, sections 3 to 7): the
// rank mode's command line, the lines rank 0 writes for the engine, the MPI tags between ranks,
// and the environment hooks the tests use. Both sides include this file and nothing else of
// each other's; a change here is a change of protocol for both.
#pragma once

#include <cstddef>
#include <string_view>

namespace plab::mpi {

// ---- The rank mode: how mpirun starts this program -----------------------------------------
//
//   <exe> --plab-mpi-rank <version> key=value ...
//
// argv[1] is kRankFlag, argv[2] the protocol version (kProtocolVersion as decimal); then one
// key=value argument per key below, each exactly once, in any order. A rank given another
// version, a missing or repeated key, or a value out of range writes one line to stderr and
// exits with status 2 (mpirun then ends the job).

inline constexpr std::string_view kRankFlag = "--plab-mpi-rank";
inline constexpr int kProtocolVersion = 1;

inline constexpr std::string_view kKeyStrategy = "strategy";           ///< mpi_map | mpi_scatter
inline constexpr std::string_view kKeyWorkers = "workers";             ///< worker ranks, 1..64
inline constexpr std::string_view kKeyTasks = "tasks";                 ///< 1..kMaxTasks
inline constexpr std::string_view kKeyDelayNs = "delay_ns";            ///< 0..kMaxDelayNs
inline constexpr std::string_view kKeyWorkload = "workload";           ///< sleep | cpu
inline constexpr std::string_view kKeyExponent = "exponent";           ///< 0..kMaxExponent
inline constexpr std::string_view kKeyChunksize = "chunksize";         ///< 0 = auto, else 1..tasks
inline constexpr std::string_view kKeyCrashTask = "crash_task";        ///< -1 = none
inline constexpr std::string_view kKeyDurations = "durations";         ///< as --durations
inline constexpr std::string_view kKeySeed = "seed";                   ///< as --seed
inline constexpr std::string_view kKeyPayloadBytes = "payload_bytes";  ///< as --payload, 0: none
inline constexpr std::string_view kKeyStarts = "starts";               ///< 1: report task starts
inline constexpr std::string_view kKeySerialNs = "serial_ns";  ///< rank 0's serial part, 0: none

// ---- Rank 0's standard output: the engine reads these lines ---------------------------------
//
// Every line the engine reads starts with kLinePrefix, then a tab, then the kind, then its
// fields, each separated by one tab, ending with '\n' (a trailing '\r' is tolerated: a pty may
// add one). Times are integer nanoseconds of CLOCK_MONOTONIC on rank 0's clock (other hosts'
// times are already aligned, section 7). Text fields (host names, repr, error) are escaped as
// experiment/event_stream.h's escape() does, so they hold no tab or newline. In order:
//
//   hello   <np> <pid> <host>                      rank 0, first: the job's size
//   rank    <rank> <host> <pid>                    one per rank 0..np-1
//   clock   <host> <rep_rank> <offset_ns> <delay_ns> <samples>
//                                                  one per host other than rank 0's: its clock
//                                                  minus rank 0's, and the least round trip
//   begin   <t_ns>                                 the work starts: elapsed counts from here
//   serial_start <t_ns>                            (serial_ns > 0 only, right after begin) rank 0
//                                                  begins the serial part alone
//   serial_end <start_ns> <end_ns>                 and ends it; then the tasks are given
//   give    <rank> <first> <count>                 tasks first..first+count-1 went to rank
//   start   <task> <rank> <t_ns>                   (starts=1 only) a task began
//   end     <task> <rank> <start_ns> <end_ns> ok <repr>      a task ended with a value
//   end     <task> <rank> <start_ns> <end_ns> error <error>  a task ended with an exception
//   list    [0, 1, 4, ...]                         the results in input order, as Python
//                                                  prints them (None where a task failed)
//   elapsed <seconds>                              from begin to the last result, rank 0's
//                                                  clock, as "%.9f"
//   lost    <task> <why>                           (mpi_scatter with a payload, after its end
//                                                  and before list) the task's bytes did not
//                                                  come back intact: the task failed with why
//
// Any other line starting with kLinePrefix is a protocol error; lines without it (Open MPI's
// own chatter) are ignored by the engine but kept for the error message when the job fails.

inline constexpr std::string_view kLinePrefix = "@plab-mpi";
inline constexpr std::string_view kLineHello = "hello";
inline constexpr std::string_view kLineRank = "rank";
inline constexpr std::string_view kLineClock = "clock";
inline constexpr std::string_view kLineBegin = "begin";
inline constexpr std::string_view kLineGive = "give";
inline constexpr std::string_view kLineStart = "start";
inline constexpr std::string_view kLineEnd = "end";
inline constexpr std::string_view kLineList = "list";
inline constexpr std::string_view kLineElapsed = "elapsed";
inline constexpr std::string_view kLineLost = "lost";
inline constexpr std::string_view kLineSerialStart = "serial_start";
inline constexpr std::string_view kLineSerialEnd = "serial_end";
inline constexpr std::string_view kEndOk = "ok";
inline constexpr std::string_view kEndError = "error";

// ---- MPI tags on MPI_COMM_WORLD between rank 0 and the worker ranks -------------------------

enum Tag : int {
    kTagChunk = 1,    ///< 0 -> worker: two int64 {first, count} (mpi_map)
    kTagStop = 2,     ///< 0 -> worker: no more work (mpi_map); empty message
    kTagStart = 3,    ///< worker -> 0: two int64 {task, t_ns} (starts=1 only)
    kTagResult = 4,   ///< worker -> 0: MPI_BYTE, codec records of a chunk's tasks (mpi_map);
                      ///< with a payload each value is (pow, the bytes that arrived)
    kTagEnd = 5,      ///< worker -> 0: MPI_BYTE, one task's codec record (mpi_scatter)
    kTagPing = 6,     ///< 0 -> host representative: clock sync round, empty
    kTagPong = 7,     ///< representative -> 0: two int64 {t1, t2} on the representative's clock
    kTagPayload = 8,  ///< 0 -> worker, right after a CHUNK when payload_bytes > 0: MPI_BYTE, the
                      ///< chunk's payloads one after the other (mpi_map)
};

// ---- Environment ----------------------------------------------------------------------------

/// Where the engine looks for the rank module first (tests; a build tree), before the places
/// beside the program.
inline constexpr std::string_view kEnvModule = "PLAB_MPI_MODULE";
/// Test hook: nanoseconds added to this rank's monotonic clock, to simulate a host whose clock
/// differs (clock alignment must remove it).
inline constexpr std::string_view kEnvClockSkewNs = "PLAB_MPI_CLOCK_SKEW_NS";
/// Test hook (rank 0, --payload): the task whose payload rank 0 alters by one byte before it
/// sends it, so the worker's check must catch it (the bytes really travel and are checked).
inline constexpr std::string_view kEnvCorruptTask = "PLAB_MPI_CORRUPT_TASK";
/// Test hook: the host name this rank reports instead of gethostname().
inline constexpr std::string_view kEnvHostname = "PLAB_MPI_HOSTNAME";
/// Test hook (the engine): milliseconds mpirun has from its start until rank 0's begin line
/// before the engine ends the job and fails the run (default kLaunchTimeoutMs). Test-only.
inline constexpr std::string_view kEnvLaunchTimeoutMs = "PLAB_MPI_LAUNCH_TIMEOUT_MS";
/// Test hook (the engine): milliseconds mpirun has to exit after rank 0's elapsed line (the
/// job's end) before the engine ends it and fails the run (default kExitTimeoutMs). Test-only.
inline constexpr std::string_view kEnvExitTimeoutMs = "PLAB_MPI_EXIT_TIMEOUT_MS";
inline constexpr long kLaunchTimeoutMs = 60000;
inline constexpr long kExitTimeoutMs = 10000;
/// The longest line the engine takes from mpirun (as the pool caps a message): a longer one
/// fails the run.
inline constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;
/// The module's file name, and the C symbol the rank mode calls in it:
/// int plab_mpi_rank_main(int argc, char** argv), returning the rank's exit status.
inline constexpr std::string_view kModuleName = "parallel-lab-mpi.so";
inline constexpr std::string_view kRankMainSymbol = "plab_mpi_rank_main";

}  // namespace plab::mpi
