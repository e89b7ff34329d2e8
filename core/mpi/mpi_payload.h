// Moving data on the MPI ranks (--payload on mpi_map and mpi_scatter): the payloads rank 0
// sends, and the check a worker rank makes on what arrived. Plain C++ (no MPI), so the engine's
// tests check it directly; experiment/payload.h makes and checks the bytes themselves.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace plab::mpi {

/// Appends the payloads of tasks first..first+count-1, each make_payload(task, bytes), one
/// after the other (count x bytes bytes): what rank 0 sends with a chunk or scatters in blocks.
/// Throws std::length_error for bytes < 0 or count < 0 (never for what validate() allows).
void append_payloads(std::string& out, std::int64_t first, std::int64_t count, std::int64_t bytes);

/// The test hook kEnvCorruptTask: flips one byte (the middle one) of the payload of task
/// corrupt_task in payloads, which hold tasks first..first+count-1 of `bytes` bytes each.
/// Nothing when corrupt_task is outside them or bytes is 0.
void corrupt_for_test(std::string& payloads, std::int64_t first, std::int64_t count,
                      std::int64_t bytes, std::int64_t corrupt_task);

/// The task kEnvCorruptTask names in this process's environment, or -1 (unset, not a number).
std::int64_t corrupt_task_from_env();

/// Where a payload is checked, for the line payload_problem writes.
enum class PayloadWay {
    Arrived,   ///< a worker rank, before it runs the task
    CameBack,  ///< rank 0, after mpi_scatter's gather
};

/// "" when data is exactly task `task`'s payload of payload_bytes bytes; else one line saying
/// what arrived (or came back) instead, which the task then fails with (a task whose bytes did
/// not arrive intact does not run). Reads data once, allocates only for the line.
std::string payload_problem(std::int64_t task, std::string_view data, std::int64_t payload_bytes,
                            PayloadWay way = PayloadWay::Arrived);

}  // namespace plab::mpi
