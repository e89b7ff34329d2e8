// Running one task on a rank, as a pool worker runs it, and the record that carries its outcome
// to rank 0 (pool/codec).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "experiment/spec.h"
#include "pool/codec.h"
#include "pool/registry.h"
#include "pool/value.h"

namespace plab::mpi::rank {

struct Rank;

/// One task's outcome, times on rank 0's clock.
struct TaskRecord {
    std::int64_t task = 0;
    std::int64_t start_ns = 0;
    std::int64_t end_ns = 0;
    bool ok = false;
    Value value;        ///< when ok
    std::string error;  ///< when not ok
};

/// Runs the spec's tasks the way the pool's workers do: planned_task(spec), so durations,
/// seed, workload and exponent mean the same here. x == crash_task SIGKILLs this rank (the
/// pool's slow_pow does that only in its own workers), which makes Open MPI end the job.
class TaskRunner {
  public:
    /// Throws UnknownTask if the planned task is not registered (a build without it).
    explicit TaskRunner(const ExperimentSpec& spec);
    /// Runs task x, which started at start_ns (rank 0's clock); an exception becomes a failed
    /// record with its message. With a payload, data is the bytes that arrived for x (owner
    /// keeps them alive): they are checked first (payload_problem: a task whose bytes did not
    /// arrive intact fails with that line and does not run), and the value is then the tuple
    /// (pow, data), as the pool's slow_pow_payload returns it.
    TaskRecord run(std::int64_t x, std::int64_t start_ns, const Rank& self,
                   std::string_view data = {}, const std::shared_ptr<const void>& owner = {});

  private:
    const TaskEntry* entry_;
    std::vector<Value> args_;  ///< [x or (x, data), bound...]
    std::int64_t crash_task_;
    std::int64_t payload_bytes_;
};

/// Rank 0, with a payload: checks the bytes r's value (pow, data) brought back
/// (check_payload_result) and keeps pow alone in r.value; a task whose bytes did not come back
/// intact fails with that line, as the pool's settle_payloads does. Nothing for a failed
/// record or payload_bytes 0.
void settle_payload(TaskRecord& r, std::int64_t payload_bytes);

/// Appends r to out: task, start, end, ok, then the value (encode_value) or the error.
void write_record(const TaskRecord& r, std::string& out);
/// Reads one record that write_record wrote; throws DecodeError on bad bytes.
TaskRecord read_record(ByteReader& in);

}  // namespace plab::mpi::rank
