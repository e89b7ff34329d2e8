#include "pool/wire.h"

#include <cstring>

namespace plab::wire {

namespace {

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
        w.str(error);
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

void append_tasks(std::string& out, std::uint64_t first_id, const std::string& task,
                  const std::vector<Value>& bound, bool star, const std::vector<Value>& items,
                  std::size_t first, std::size_t count) {
    const std::size_t at = begin_frame(out, FrameType::Tasks);
    ByteWriter w(out);
    w.u64(first_id);
    w.str(task);
    w.u32(static_cast<std::uint32_t>(bound.size()));
    for (const Value& b : bound)
        encode_value(b, w);
    w.u8(star ? 1 : 0);
    w.u32(static_cast<std::uint32_t>(count));
    for (std::size_t i = first; i < first + count; ++i)
        encode_value(items[i], w);
    end_frame(out, at);
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

void append_started(std::string& out, std::uint64_t id, std::int64_t start_ns) {
    const std::size_t at = begin_frame(out, FrameType::Started);
    ByteWriter w(out);
    w.u64(id);
    w.i64(start_ns);
    end_frame(out, at);
}

void ResultsWriter::add(std::uint64_t id, std::int64_t start_ns, std::int64_t end_ns, bool ok,
                        const Value& value, const std::string& error) {
    if (count_ == 0) {
        header_at_ = begin_frame(out_, FrameType::Results);
        out_.append(4, '\0');  // the count, patched by finish()
    }
    ByteWriter w(out_);
    w.u64(id);
    w.i64(start_ns);
    w.i64(end_ns);
    append_outcome(w, ok, value, error);
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
    ByteWriter w(out_);
    append_outcome(w, ok, value, error);
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
