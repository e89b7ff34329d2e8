// The frames that travel on the pipes between the parent and one worker.
//
// Every frame: u32 length of what follows, u8 type, payload (little-endian, see codec.h).
//   Tasks   (parent -> worker): u64 first_id, str task ("" = the pool's inherited callable),
//            value bound args (tuple), u8 star, u32 count, count values (one per task).
//   Started (worker -> parent): u64 id, i64 start_ns.
//   Results (worker -> parent): u32 count, then per task: u64 id, i64 start_ns, i64 end_ns,
//            u8 ok, then the result value (ok) or the error string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pool/codec.h"
#include "pool/value.h"

namespace plab::wire {

enum class FrameType : std::uint8_t { Tasks = 1, Started = 10, Results = 11 };

/// The largest frame either side accepts. A worker turns a bigger result into an error for
/// that task; the parent treats a header claiming more as a broken worker, never allocating it.
inline constexpr std::uint32_t kMaxFrameBytes = 64u << 20;
/// The largest encoded result of one task (leaves room for the frame around it).
inline constexpr std::size_t kMaxResultBytes = kMaxFrameBytes - 4096;

/// A batch of tasks as the worker reads it.
struct TaskBatch {
    std::uint64_t first_id = 0;
    std::string task;
    std::vector<Value> bound;
    bool star = false;
    std::vector<Value> items;
};

/// Appends a whole Tasks frame for items[first, first+count).
void append_tasks(std::string& out, std::uint64_t first_id, const std::string& task,
                  const std::vector<Value>& bound, bool star, const std::vector<Value>& items,
                  std::size_t first, std::size_t count);
/// Reads a Tasks payload (after the type byte); throws DecodeError on malformed input.
TaskBatch read_tasks(ByteReader& r);

/// Appends a whole Started frame.
void append_started(std::string& out, std::uint64_t id, std::int64_t start_ns);

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
    /// error saying so.
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

}  // namespace plab::wire
