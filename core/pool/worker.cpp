#include "pool/worker.h"

#include <linux/close_range.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
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

// One received Tasks frame, run task by task. Results are sent in batches: at the end of the
// frame, or as soon as 1 ms passed since the last send, so that slow tasks report at once and
// tiny ones share a write.
void serve_batch(const detail::WorkerSetup& s, const wire::TaskBatch& batch, std::string& out,
                 std::int64_t& last_flush, bool more_queued) {
    const TaskEntry* entry = batch.task.empty() ? nullptr : find_task(batch.task);
    const TaskBody* body = batch.task.empty() ? s.inherited : (entry ? &entry->body : nullptr);
    constexpr std::int64_t kFlushNs = 1'000'000;
    constexpr std::size_t kFlushBytes = 64 * 1024;
    if (out.empty()) last_flush = monotonic_ns();
    std::vector<Value> args;
    wire::ResultsWriter results(out);
    for (std::size_t i = 0; i < batch.items.size(); ++i) {
        const std::uint64_t id = batch.first_id + i;
        const Value& item = batch.items[i];
        args.clear();
        if (batch.star && (item.kind() == Value::Kind::Tuple || item.kind() == Value::Kind::List)) {
            args = item.items();
        } else {
            args.push_back(item);
        }
        args.insert(args.end(), batch.bound.begin(), batch.bound.end());

        const std::int64_t start = monotonic_ns();
        if (s.report_starts) {
            results.finish();
            wire::append_started(out, id, start);
            write_all(s.out_fd, out);
            out.clear();
        }
        s.slot->start_ns.store(start, std::memory_order_relaxed);
        s.slot->task.store(id, std::memory_order_release);
        Value value;
        std::string error;
        bool ok = false;
        if (body == nullptr || !*body) {
            error = "no task named '" + batch.task + "' in the worker";
        } else {
            try {
                value = (*body)(args);
                ok = true;
            } catch (const std::exception& e) {
                error = e.what();
            } catch (...) {
                error = "unknown exception";
            }
        }
        const std::int64_t end = monotonic_ns();
        s.slot->task.store(0, std::memory_order_release);
        results.add(id, start, end, ok, value, error);
        if (end - last_flush >= kFlushNs || out.size() >= kFlushBytes) {
            results.finish();
            write_all(s.out_fd, out);
            out.clear();
            last_flush = end;
        }
    }
    results.finish();
    // More frames already read: keep these results to share the next write, within the limits.
    if (!out.empty() &&
        (!more_queued || monotonic_ns() - last_flush >= kFlushNs || out.size() >= kFlushBytes)) {
        write_all(s.out_fd, out);
        out.clear();
        last_flush = monotonic_ns();
    }
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
    std::string out;
    std::int64_t last_flush = 0;
    std::vector<char> buf(64 * 1024);
    for (;;) {
        const std::size_t len = complete_frame(in, at);
        if (len == 0) {
            if (!out.empty()) {  // about to wait: nothing may stay unsent
                write_all(s.out_fd, out);
                out.clear();
            }
            in.erase(0, at);
            at = 0;
            const ssize_t got = ::read(s.in_fd, buf.data(), buf.size());
            if (got > 0) {
                in.append(buf.data(), static_cast<std::size_t>(got));
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
        serve_batch(s, batch, out, last_flush, complete_frame(in, at) != 0);
    }
}

}  // namespace detail
}  // namespace plab
