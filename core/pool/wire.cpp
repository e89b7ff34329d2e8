#include "pool/wire.h"

#include <fcntl.h>

#include <algorithm>
#include <cstring>
#include <exception>

namespace plab::wire {

namespace {

// Header sizes: the length, the type, then Results: u32 count; Batch: u64 first_id, u32
// count, i64 start_ns, i64 end_ns.
constexpr std::size_t kResultsHead = 4 + 1 + 4;
constexpr std::size_t kBatchHead = 4 + 1 + 8 + 4 + 8 + 8;

// The bytes of the frame that starts at `at` (after its length), were it to end here.
std::size_t frame_bytes(const std::string& out, std::size_t at) {
    return out.size() - at - 4;
}

// Ends the frame at `at` just before byte `cut` (its length patched) and opens a new frame at
// cut with a copy of the old one's head_bytes of header, for the caller to patch. Returns cut.
std::size_t split_frame(std::string& out, std::size_t at, std::size_t cut, std::size_t head_bytes) {
    const auto len = static_cast<std::uint32_t>(cut - at - 4);
    std::memcpy(out.data() + at, &len, sizeof len);
    const std::string head = out.substr(at, head_bytes);
    out.insert(cut, head);
    return cut;
}

std::string frame_limit_text() {
    return "the frame limit is " + std::to_string(kMaxFrameBytes) + " bytes";
}

// Reserves the u32 length, returns where it is.
std::size_t begin_frame(std::string& out, FrameType type) {
    const std::size_t at = out.size();
    out.append(4, '\0');
    out.push_back(static_cast<char>(type));
    return at;
}

void end_frame(std::string& out, std::size_t at) {
    const auto len = static_cast<std::uint32_t>(out.size() - at - 4);
    std::memcpy(out.data() + at, &len, sizeof len);
}

// One task's outcome: u8 ok, then the value or the error. A value too big to send becomes an
// error saying so (the bytes of the value are dropped again).
void append_outcome(ByteWriter& w, bool ok, const Value& value, const std::string& error) {
    std::string& out = w.buffer();
    const std::size_t at = out.size();
    w.u8(ok ? 1 : 0);
    if (!ok) {
        if (error.size() <= kMaxResultBytes) {
            w.str(error);
        } else {  // a message too long for any frame keeps its start
            w.str(error.substr(0, 4096) + "... (an error message of " +
                  std::to_string(error.size()) + " bytes, cut)");
        }
        return;
    }
    encode_value(value, w);
    const std::size_t size = out.size() - at - 1;
    if (size > kMaxResultBytes) {
        out.resize(at);
        w.u8(0);
        w.str("result of " + std::to_string(size) + " bytes exceeds the limit of " +
              std::to_string(kMaxResultBytes) + " bytes");
    }
}

// The u8 ok and the value or error that append_outcome wrote.
bool read_outcome(ByteReader& r, Value& value, std::string& error) {
    if (r.u8() != 0) {
        value = decode_value(r);
        return true;
    }
    error = r.str();
    return false;
}

}  // namespace

void widen_pipe(int fd, std::size_t pending) {
    if (pending <= kDefaultPipeBytes) return;
    const int want = static_cast<int>(std::min(pending, kWidePipeBytes));
    const int now = ::fcntl(fd, F_GETPIPE_SZ);
    if (now >= 0 && now < want) ::fcntl(fd, F_SETPIPE_SZ, want);
}

std::int64_t elapsed_ns(std::int64_t start_ns, std::int64_t end_ns) {
    if (end_ns <= start_ns) return 0;
    const std::uint64_t d =
        static_cast<std::uint64_t>(end_ns) - static_cast<std::uint64_t>(start_ns);
    return d > static_cast<std::uint64_t>(kMaxElapsedNs) ? kMaxElapsedNs
                                                         : static_cast<std::int64_t>(d);
}

TasksAppended append_tasks(std::string& out, std::uint64_t first_id, const std::string& task,
                           const std::vector<Value>& bound, bool star,
                           const std::vector<Value>& items, std::size_t first, std::size_t count) {
    TasksAppended r;
    const std::size_t at = begin_frame(out, FrameType::Tasks);
    ByteWriter w(out);
    try {
        w.u64(first_id);
        w.str(task);
        w.u32(static_cast<std::uint32_t>(bound.size()));
        for (const Value& b : bound)
            encode_value(b, w);
    } catch (const std::exception& e) {
        out.resize(at);
        r.refused = TasksAppended::Refused::Bound;
        r.why = std::string("the bound arguments could not be encoded: ") + e.what();
        return r;
    }
    w.u8(star ? 1 : 0);
    const std::size_t count_at = out.size();
    w.u32(0);  // the count, patched below
    if (frame_bytes(out, at) > kMaxFrameBytes) {
        r.refused = TasksAppended::Refused::Bound;
        r.why = "bound arguments of " + std::to_string(frame_bytes(out, at)) +
                " bytes do not fit in a frame to a worker (" + frame_limit_text() + ")";
        out.resize(at);
        return r;
    }
    std::size_t n = 0;
    for (; n < count; ++n) {
        const std::size_t item_at = out.size();
        std::string failure;
        try {
            encode_value(items[first + n], w);
        } catch (const std::exception& e) {
            failure = e.what();
        }
        if (failure.empty() && frame_bytes(out, at) <= kMaxFrameBytes) continue;
        const std::size_t item_bytes = out.size() - item_at;
        out.resize(item_at);
        if (n > 0) break;  // it goes first in the next frame
        out.resize(at);
        r.refused = TasksAppended::Refused::Item;
        r.why = failure.empty()
                    ? "arguments of " + std::to_string(item_bytes) +
                          " bytes do not fit in a frame to a worker (" + frame_limit_text() + ")"
                    : "the arguments could not be encoded: " + failure;
        return r;
    }
    const auto sent = static_cast<std::uint32_t>(n);
    std::memcpy(out.data() + count_at, &sent, sizeof sent);
    end_frame(out, at);
    r.sent = n;
    return r;
}

TaskBatch read_tasks(ByteReader& r) {
    TaskBatch b;
    b.first_id = r.u64();
    b.task = r.str();
    const std::uint32_t nbound = r.u32();
    if (nbound > r.remaining()) throw DecodeError("bound argument count exceeds the frame");
    for (std::uint32_t i = 0; i < nbound; ++i)
        b.bound.push_back(decode_value(r));
    b.star = r.u8() != 0;
    const std::uint32_t n = r.u32();
    if (n > r.remaining()) throw DecodeError("task count exceeds the frame");
    b.items.reserve(n);
    for (std::uint32_t i = 0; i < n; ++i)
        b.items.push_back(decode_value(r));
    if (!r.done()) throw DecodeError("bytes after the last task");
    return b;
}

void ResultsWriter::add(std::uint64_t id, std::int64_t start_ns, std::int64_t end_ns, bool ok,
                        const Value& value, const std::string& error) {
    if (count_ == 0) {
        header_at_ = begin_frame(out_, FrameType::Results);
        out_.append(4, '\0');  // the count, patched by finish()
    }
    const std::size_t record_at = out_.size();
    ByteWriter w(out_);
    w.u64(id);
    w.i64(start_ns);
    w.i64(end_ns);
    append_outcome(w, ok, value, error);
    if (count_ > 0 && frame_bytes(out_, header_at_) > kMaxFrameBytes) {
        // No room left for it: the frame ends before it, and it opens the next one.
        std::memcpy(out_.data() + header_at_ + 5, &count_, sizeof count_);
        header_at_ = split_frame(out_, header_at_, record_at, kResultsHead);
        count_ = 0;
    }
    ++count_;
}

void ResultsWriter::finish() {
    if (count_ == 0) return;
    std::memcpy(out_.data() + header_at_ + 5, &count_, sizeof count_);
    end_frame(out_, header_at_);
    count_ = 0;
}

std::vector<ResultRecord> read_results(ByteReader& r) {
    const std::uint32_t n = r.u32();
    if (n > r.remaining()) throw DecodeError("result count exceeds the frame");
    std::vector<ResultRecord> out;
    out.reserve(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        ResultRecord rec;
        rec.id = r.u64();
        rec.start_ns = r.i64();
        rec.end_ns = r.i64();
        rec.ok = read_outcome(r, rec.value, rec.error);
        out.push_back(std::move(rec));
    }
    if (!r.done()) throw DecodeError("bytes after the last result");
    return out;
}

void BatchWriter::begin(std::uint64_t first_id, std::int64_t start_ns) {
    header_at_ = begin_frame(out_, FrameType::Batch);
    ByteWriter w(out_);
    w.u64(first_id);
    w.u32(0);  // the count, patched by finish()
    w.i64(start_ns);
    w.i64(0);  // the end, patched by finish()
    count_ = 0;
    open_ = true;
}

void BatchWriter::add(bool ok, const Value& value, const std::string& error) {
    const std::size_t record_at = out_.size();
    ByteWriter w(out_);
    append_outcome(w, ok, value, error);
    if (count_ > 0 && frame_bytes(out_, header_at_) > kMaxFrameBytes) {
        // No room left for it: the frame ends before it (its last task's end is not known
        // here: the frame's start stands in) and it opens the next one, from the same start.
        char* head = out_.data() + header_at_ + 4 + 1;
        std::memcpy(head + 8, &count_, sizeof count_);
        std::memcpy(head + 8 + 4 + 8, head + 8 + 4, 8);
        header_at_ = split_frame(out_, header_at_, record_at, kBatchHead);
        std::uint64_t first_id = 0;
        head = out_.data() + header_at_ + 4 + 1;
        std::memcpy(&first_id, head, sizeof first_id);
        first_id += count_;
        std::memcpy(head, &first_id, sizeof first_id);
        count_ = 0;
    }
    ++count_;
}

void BatchWriter::finish(std::int64_t end_ns) {
    if (!open_) return;
    open_ = false;
    if (count_ == 0) {
        out_.resize(header_at_);
        return;
    }
    char* head = out_.data() + header_at_ + 4 + 1;  // after the length and the type
    std::memcpy(head + 8, &count_, sizeof count_);
    std::memcpy(head + 8 + 4 + 8, &end_ns, sizeof end_ns);
    end_frame(out_, header_at_);
    count_ = 0;
}

BatchRecord read_batch(ByteReader& r) {
    BatchRecord b;
    b.first_id = r.u64();
    const std::uint32_t n = r.u32();
    b.start_ns = r.i64();
    b.end_ns = r.i64();
    if (n == 0 || n > r.remaining()) throw DecodeError("batch count does not fit the frame");
    b.values.resize(n);
    std::string error;
    for (std::uint32_t i = 0; i < n; ++i) {
        if (!read_outcome(r, b.values[i], error)) b.errors.emplace_back(i, std::move(error));
    }
    if (!r.done()) throw DecodeError("bytes after the last result");
    return b;
}

}  // namespace plab::wire
