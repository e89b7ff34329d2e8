#include "pool/worker.h"

#include <linux/close_range.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <memory>
#include <string>

#include "pool/clock.h"
#include "pool/wire.h"

namespace plab {

namespace {

bool g_in_worker = false;

// Exit codes of a worker that gives up; the parent reports them as "exited with status N".
constexpr int kExitProtocol = 120;
constexpr int kExitOrphan = 121;

void close_all_but(int a, int b) {
    if (a > b) std::swap(a, b);
    // close_range(2) is one system call; ranges around the two descriptors we keep.
    auto range = [](unsigned lo, unsigned hi) {
        if (lo <= hi) ::syscall(SYS_close_range, lo, hi, 0U);
    };
    range(3, static_cast<unsigned>(a) - 1);
    range(static_cast<unsigned>(a) + 1, static_cast<unsigned>(b) - 1);
    range(static_cast<unsigned>(b) + 1, ~0U);
}

void write_all(int fd, const std::string& s) {
    const char* p = s.data();
    std::size_t n = s.size();
    while (n > 0) {
        const ssize_t put = ::write(fd, p, n);
        if (put > 0) {
            p += put;
            n -= static_cast<std::size_t>(put);
        } else if (errno != EINTR) {
            ::_exit(0);  // the parent is gone: nobody wants the result
        }
    }
}

// Runs one task: its arguments are item (unpacked when star) and then the bound ones.
bool run_task(const TaskBody* body, const wire::TaskBatch& batch, const Value& item,
              std::vector<Value>& args, Value& value, std::string& error) {
    args.clear();
    if (batch.star && (item.kind() == Value::Kind::Tuple || item.kind() == Value::Kind::List)) {
        args = item.items();
    } else {
        args.push_back(item);
    }
    args.insert(args.end(), batch.bound.begin(), batch.bound.end());
    if (body == nullptr || !*body) {
        error = "no task named '" + batch.task + "' in the worker";
        return false;
    }
    try {
        value = (*body)(args);
        return true;
    } catch (const std::exception& e) {
        error = e.what();
    } catch (...) {
        error = "unknown exception";
    }
    return false;
}

// Results are sent in batches: at the end of a frame, or as soon as 1 ms passed since the last
// send, so that slow tasks report at once and tiny ones share a write.
constexpr std::int64_t kFlushNs = 1'000'000;
constexpr std::size_t kFlushBytes = std::size_t{64} * 1024;

// What the worker sends and when: the unsent bytes, the last clock reading, the last send.
struct Outbox {
    explicit Outbox(const detail::WorkerSetup& setup) : s(setup) {}
    const detail::WorkerSetup& s;
    std::string out;
    std::int64_t now = 0;         ///< the latest clock reading
    std::int64_t last_flush = 0;  ///< when out was last empty or sent
    std::size_t every = 1;        ///< tiny tasks between clock reads (batched mode)

    bool due() const { return now - last_flush >= kFlushNs || out.size() >= kFlushBytes; }
    void send() {
        write_all(s.out_fd, out);
        out.clear();
        last_flush = now;
    }
};

// One Tasks frame with each task's own start and end (Results frames, Started if asked).
void serve_timed(Outbox& box, const TaskBody* body, const wire::TaskBatch& batch) {
    const detail::WorkerSetup& s = box.s;
    std::vector<Value> args;
    wire::ResultsWriter results(box.out);
    for (std::size_t i = 0; i < batch.items.size(); ++i) {
        const std::uint64_t id = batch.first_id + i;
        const std::int64_t start = monotonic_ns();
        if (s.report_starts) {
            results.finish();
            wire::append_started(box.out, id, start);
            write_all(s.out_fd, box.out);
            box.out.clear();
        }
        s.slot->start_ns.store(start, std::memory_order_relaxed);
        s.slot->task.store(id, std::memory_order_release);
        Value value;
        std::string error;
        const bool ok = run_task(body, batch, batch.items[i], args, value, error);
        box.now = monotonic_ns();
        s.slot->task.store(0, std::memory_order_release);
        results.add(id, start, box.now, ok, value, error);
        if (box.due()) {
            results.finish();
            box.send();
        }
    }
    results.finish();
}

// One Tasks frame as Batch frames. The clock is read after every task while tasks are slow;
// while they are tiny, every `every` tasks (up to 1024: about one reading per 100 us), and
// always after the frame's last task.
void serve_batched(Outbox& box, const TaskBody* body, const wire::TaskBatch& batch) {
    constexpr std::int64_t kCheckNs = 100'000;
    const detail::WorkerSetup& s = box.s;
    std::vector<Value> args;
    wire::BatchWriter results(box.out);
    const std::size_t n = batch.items.size();
    std::int64_t checked = box.now;
    std::size_t since = 0;
    results.begin(batch.first_id, box.now);
    for (std::size_t i = 0; i < n; ++i) {
        s.slot->task.store(batch.first_id + i, std::memory_order_release);
        Value value;
        std::string error;
        const bool ok = run_task(body, batch, batch.items[i], args, value, error);
        s.slot->task.store(0, std::memory_order_release);
        results.add(ok, value, error);
        if (++since < box.every && box.out.size() < kFlushBytes && i + 1 < n) continue;
        box.now = monotonic_ns();
        const auto per_task = (box.now - checked) / static_cast<std::int64_t>(since);
        box.every = per_task <= 0 ? 1024 : std::clamp<std::size_t>(kCheckNs / per_task, 1, 1024);
        since = 0;
        checked = box.now;
        if (box.due() && i + 1 < n) {
            results.finish(box.now);
            box.send();
            results.begin(batch.first_id + i + 1, box.now);
        }
    }
    results.finish(box.now);
}

// One received Tasks frame. More frames already read (more_queued): the results may wait to
// share the next write, within the limits.
void serve_frame(Outbox& box, const wire::TaskBatch& batch, bool more_queued) {
    const TaskEntry* entry = batch.task.empty() ? nullptr : find_task(batch.task);
    const TaskBody* body = batch.task.empty() ? box.s.inherited : (entry ? &entry->body : nullptr);
    if (box.out.empty()) box.last_flush = box.now;
    if (box.s.task_times) {
        serve_timed(box, body, batch);
    } else {
        serve_batched(box, body, batch);
    }
    if (!box.out.empty() && (!more_queued || box.due())) box.send();
}

/// The length of the complete frame at in[at..], or 0 when it is not all there yet.
std::size_t complete_frame(const std::string& in, std::size_t at) {
    if (in.size() - at < 4) return 0;
    std::uint32_t len = 0;
    std::memcpy(&len, in.data() + at, sizeof len);
    if (len == 0 || len > wire::kMaxFrameBytes) ::_exit(kExitProtocol);
    return in.size() - at - 4 >= len ? len : 0;
}

}  // namespace

bool in_worker_process() {
    return g_in_worker;
}

namespace detail {

void worker_main(const WorkerSetup& s) {
    g_in_worker = true;
    sigset_t none;
    sigemptyset(&none);
    ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != s.parent) ::_exit(kExitOrphan);  // the parent died before the prctl
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);  // a crash demo must not write core files
    close_all_but(s.in_fd, s.out_fd);

    // Reads take whatever the pipe holds (one system call for many small frames).
    std::string in;
    std::size_t at = 0;
    Outbox box(s);
    // Not zero-filled: a fresh page costs a fault, and only what read() writes gets touched.
    constexpr std::size_t kReadBytes = std::size_t{64} * 1024;
    const std::unique_ptr<char[]> buf(new char[kReadBytes]);
    for (;;) {
        const std::size_t len = complete_frame(in, at);
        if (len == 0) {
            if (!box.out.empty()) box.send();  // about to wait: nothing may stay unsent
            in.erase(0, at);
            at = 0;
            const ssize_t got = ::read(s.in_fd, buf.get(), kReadBytes);
            if (got > 0) {
                in.append(buf.get(), static_cast<std::size_t>(got));
                box.now = monotonic_ns();  // it may have waited
            } else if (got == 0 || errno != EINTR) {
                ::_exit(in.empty() ? 0 : kExitProtocol);
            }
            continue;
        }
        wire::TaskBatch batch;
        try {
            ByteReader r(std::string_view(in).substr(at + 4, len));
            if (r.u8() != static_cast<std::uint8_t>(wire::FrameType::Tasks)) ::_exit(kExitProtocol);
            batch = wire::read_tasks(r);
        } catch (const DecodeError&) {
            ::_exit(kExitProtocol);
        }
        at += 4 + len;
        serve_frame(box, batch, complete_frame(in, at) != 0);
    }
}

}  // namespace detail
}  // namespace plab
