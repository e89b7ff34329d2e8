// The frames that travel on the pipes between the parent and one worker.
//
// Every frame: u32 length of what follows, u8 type, payload (little-endian, see codec.h).
//   Tasks   (parent -> worker): u64 first_id, str task ("" = the pool's inherited callable),
//            value bound args (tuple), u8 star, u32 count, count values (one per task).
//   Results (worker -> parent): u32 count, then per task: u64 id, i64 start_ns, i64 end_ns,
//            u8 ok, then the result value (ok) or the error string.
//   Batch   (worker -> parent): u64 first_id, u32 count, i64 start_ns of the first task,
//            i64 end_ns of the last, then per task: u8 ok, the value or the error string.
//            Consecutive tasks of one Tasks frame; sent instead of Results when the pool
//            needs no per-task times (no observer, no task timeout): no clock read per task.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pool/codec.h"
#include "pool/value.h"

namespace plab::wire {

/// Type 10 was Started (a worker's word that a task began); the parent now reads that from the
/// worker's slot, so 10 is no longer sent and is refused as unknown.
enum class FrameType : std::uint8_t { Tasks = 1, Results = 11, Batch = 12 };

/// The largest frame either side accepts (its bytes after the u32 length). Both writers keep
/// to it: the parent splits a chunk of tasks over several frames and fails a task whose
/// arguments cannot fit in one; a worker starts a new frame for a result the current one has
/// no room left for, and turns a result above kMaxResultBytes into an error for that task. A
/// reader treats a header claiming more as a broken peer, never allocating it. 64 MiB and 64 KiB:
/// a task's 64 MiB of bytes (the largest --payload) and its frame's headers fit in one frame.
inline constexpr std::uint32_t kMaxFrameBytes = (64u << 20) + (64u << 10);
/// The largest encoded result of one task: what fits in a frame with nothing else in it (the
/// rest is room for the frame's and the record's headers).
inline constexpr std::size_t kMaxResultBytes = kMaxFrameBytes - 4096;

/// What a pipe holds by default (Linux: 64 KiB), and what widen_pipe grows it to at most: 1 MiB,
/// the default /proc/sys/fs/pipe-max-size an unprivileged process may ask for.
inline constexpr std::size_t kDefaultPipeBytes = std::size_t{64} << 10;
inline constexpr std::size_t kWidePipeBytes = std::size_t{1} << 20;

/// Before writing `pending` bytes to the pipe fd: above kDefaultPipeBytes, grows the pipe (both
/// ends share it) to hold min(pending, kWidePipeBytes), so that a 16 MiB frame crosses in 16
/// hand-overs between the processes instead of 256. Costs one fcntl when it is wide already;
/// a refusal (a limit, not a pipe) is ignored: the bytes still cross, in smaller steps.
void widen_pipe(int fd, std::size_t pending);

/// end_ns - start_ns of times read from a frame, which a worker may have garbled: clamped to
/// 0 .. kMaxElapsedNs, never overflowing.
std::int64_t elapsed_ns(std::int64_t start_ns, std::int64_t end_ns);
/// The longest time elapsed_ns returns (about 11.6 days): eight of them fit in an int64.
inline constexpr std::int64_t kMaxElapsedNs = std::int64_t{1'000'000'000'000'000};

/// A batch of tasks as the worker reads it.
struct TaskBatch {
    std::uint64_t first_id = 0;
    std::string task;
    std::vector<Value> bound;
    bool star = false;
    std::vector<Value> items;
};

/// What append_tasks could put in one frame.
struct TasksAppended {
    /// Tasks items[first, first + sent) are in the frame; the rest need another frame.
    std::size_t sent = 0;
    /// When sent is 0: Item when items[first] cannot fit in any frame, Bound when the bound
    /// arguments alone cannot (so no task of the call can); why says so, with the sizes.
    enum class Refused { None, Item, Bound } refused = Refused::None;
    std::string why;
};

/// Appends one Tasks frame for the longest run items[first, first + n), n <= count, that fits
/// in kMaxFrameBytes, and returns n. When not even items[first] fits (or the bound arguments
/// alone do not, or encoding them throws, e.g. a string above 4 GiB), appends nothing and
/// says why. count must be at least 1.
TasksAppended append_tasks(std::string& out, std::uint64_t first_id, const std::string& task,
                           const std::vector<Value>& bound, bool star,
                           const std::vector<Value>& items, std::size_t first, std::size_t count);
/// Reads a Tasks payload (after the type byte); throws DecodeError on malformed input.
TaskBatch read_tasks(ByteReader& r);

/// One finished task inside a Results frame.
struct ResultRecord {
    std::uint64_t id = 0;
    std::int64_t start_ns = 0;
    std::int64_t end_ns = 0;
    bool ok = false;
    Value value;
    std::string error;
};

/// Builds a Results frame record by record: begin(), add() any number of times, finish().
class ResultsWriter {
  public:
    explicit ResultsWriter(std::string& out) : out_(out) {}
    /// Appends one record; a value whose encoding exceeds kMaxResultBytes is replaced by an
    /// error saying so. A record that would take the frame past kMaxFrameBytes closes the
    /// frame before it and opens a new one.
    void add(std::uint64_t id, std::int64_t start_ns, std::int64_t end_ns, bool ok,
             const Value& value, const std::string& error);
    std::uint32_t count() const { return count_; }
    /// Patches the header; the frame is complete after this. No-op when nothing was added.
    void finish();

  private:
    std::string& out_;
    std::size_t header_at_ = 0;
    std::uint32_t count_ = 0;
};

/// Reads a Results payload (after the type byte); throws DecodeError on malformed input.
std::vector<ResultRecord> read_results(ByteReader& r);

/// Builds Batch frames: begin() with the first task's id and start, add() each task's outcome
/// in order, finish() with the last one's end. A value whose encoding exceeds kMaxResultBytes
/// is replaced by an error saying so. An outcome that would take the frame past
/// kMaxFrameBytes closes the frame before it (its end time: its start) and opens a new one.
class BatchWriter {
  public:
    explicit BatchWriter(std::string& out) : out_(out) {}
    void begin(std::uint64_t first_id, std::int64_t start_ns);
    void add(bool ok, const Value& value, const std::string& error);
    std::uint32_t count() const { return count_; }
    /// Patches the header and closes the frame; a frame with nothing added is taken back out.
    /// No-op when no frame is open.
    void finish(std::int64_t end_ns);

  private:
    std::string& out_;
    std::size_t header_at_ = 0;
    std::uint32_t count_ = 0;
    bool open_ = false;
};

/// A Batch frame as the parent reads it: values[i] is task first_id + i's result when it
/// succeeded; the failed ones are in errors, by position, in order.
struct BatchRecord {
    std::uint64_t first_id = 0;
    std::int64_t start_ns = 0;
    std::int64_t end_ns = 0;
    std::vector<Value> values;
    std::vector<std::pair<std::uint32_t, std::string>> errors;
};

/// Reads a Batch payload (after the type byte); throws DecodeError on malformed input.
BatchRecord read_batch(ByteReader& r);

}  // namespace plab::wire
