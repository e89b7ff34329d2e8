// Moving data: the byte string each task's argument carries and its result brings back
// (--payload SIZE), how a size is written and shown, and the task that moves it.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <vector>

#include "experiment/run_result.h"
#include "experiment/spec.h"
#include "pool/task_event.h"
#include "pool/value.h"

namespace plab {

/// The largest payload of one task, each way: 64 MiB (a frame holds it with its headers).
inline constexpr std::int64_t kMaxPayloadBytes = std::int64_t{64} << 20;
/// The most payload one run may hold, tasks x payload: 1 GiB. The parent holds every argument
/// before the run (as Python's list of bytes does) and every result after it.
inline constexpr std::int64_t kMaxPayloadTotalBytes = std::int64_t{1} << 30;

/// A size as people write it: a whole or decimal number, then no unit (bytes) or one of B, KB,
/// MB (1000, 1000000: SI) or KiB, MiB (1024, 1048576: IEC), spelled exactly so ("1.5MiB",
/// "4KiB", "1000"). The result must be a whole number of bytes in 0..kMaxPayloadBytes. Returns
/// nullopt with one line in *error otherwise (negative, garbage, "1.5.MiB", "0.5B", too big).
std::optional<std::int64_t> parse_size(std::string_view text, std::string* error);

/// Sizes separated by commas, each as parse_size, no duplicates, at most 32 ("0,1MiB,16MiB").
std::optional<std::vector<std::int64_t>> parse_size_list(std::string_view text, std::string* error);

/// A size for people: "0 B", "512 B", "1 KiB", "16 MiB", "1 KB", "1 MB", or to one decimal
/// ("1.5 KiB", "976.6 KiB") when neither unit divides it. Negative sizes print with a minus.
std::string format_size(std::int64_t bytes);

/// A size as parse_size reads it back exactly: "0", "512", "4KiB", "16MiB", "1KB", "1MB", or
/// the bytes when no unit divides it ("1536"); sizes joined by commas for a list.
std::string size_token(std::int64_t bytes);
std::string size_tokens(const std::vector<std::int64_t>& sizes);

/// Empty when payload_bytes (per task, each way) and tasks x payload_bytes are within the limits;
/// else one line saying what is wrong and what is allowed.
std::string validate_payload(std::int64_t payload_bytes, int tasks);

/// Task `task`'s payload: `bytes` bytes derived from the task index alone (the same in every
/// run, every strategy), different for every task. Throws std::length_error for bytes < 0.
std::string make_payload(std::int64_t task, std::int64_t bytes);

/// Whether data is exactly make_payload(task, data.size()); reads data once, allocates nothing.
bool payload_matches(std::int64_t task, std::string_view data);

/// Task `task`'s argument when a run carries payloads: the tuple (task, bytes).
Value payload_argument(std::int64_t task, std::int64_t bytes);

/// The registered task "slow_pow_payload": arg is (x, data); waits delay_ns the workload's way
/// and returns the tuple (pow(x, y), data). Crashes for x == crash_task as slow_pow does.
/// Throws std::invalid_argument when arg is not an (int, bytes) tuple.
Value slow_pow_payload(const Value& arg, std::int64_t y, std::int64_t delay_ns,
                       std::int64_t workload, std::int64_t crash_task);

/// The task index x of a payload argument (x, bytes), as payload_argument makes it. Throws
/// std::invalid_argument when arg is not an (int, bytes) tuple.
std::int64_t payload_task_index(const Value& arg);

/// slow_pow_payload for in-process strategies, with their cancel flag (see workload.h).
Value slow_pow_payload_cancellable(const Value& arg, std::int64_t y, std::int64_t delay_ns,
                                   Workload workload, std::int64_t crash_task,
                                   const std::atomic<bool>* cancel);

/// What the parent keeps of a payload task's result: pow(x, y), the first item of the tuple
/// (None when result is not a tuple). What people see (results list, tasks CSV, window) is that
/// value alone, never megabytes of bytes.
Value payload_result_value(const Value& result);

/// Checks task `task`'s result (pow, data): "" when data is the task's payload of
/// payload_bytes bytes returned intact; else one line saying what came back instead.
std::string check_payload_result(const Value& result, std::int64_t task,
                                 std::int64_t payload_bytes);

/// After a payload run: checks every succeeded task's result with check_payload_result and
/// keeps pow(x, y) in its place; a task whose bytes did not come back intact fails with that
/// line, in outcomes.errors and in its record among tasks. Does nothing for payload_bytes 0.
void settle_payloads(SettledValues& outcomes, std::vector<TaskRecord>& tasks,
                     std::int64_t payload_bytes);

}  // namespace plab
