#include "pool/worker.h"

#include <linux/close_range.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>

#include "pool/clock.h"
#include "pool/frame_reader.h"
#include "pool/wire.h"

namespace plab {

namespace {

bool g_in_worker = false;

using detail::kWorkerExitOrphan;
using detail::kWorkerExitOutOfMemory;
using detail::kWorkerExitProtocol;
using detail::kWorkerExitUnexpected;

// Closes every descriptor from 3 up but a and b. The ranges are computed in 64 bits, so that a
// descriptor below 3 (the parent keeps them above, see spawn) can never make one wrap around.
void close_all_but(int a, int b) {
    if (a > b) std::swap(a, b);
    // close_range(2) is one system call; ranges around the two descriptors we keep.
    auto range = [](long long lo, long long hi) {
        lo = std::max(lo, 3LL);
        hi = std::min(hi, static_cast<long long>(UINT_MAX));
        if (lo <= hi)
            ::syscall(SYS_close_range, static_cast<unsigned>(lo), static_cast<unsigned>(hi), 0U);
    };
    range(3, a - 1LL);
    range(a + 1LL, b - 1LL);
    range(b + 1LL, UINT_MAX);
}

// Handlers the parent installed do not run in a worker: each caught signal goes back to its
// default action, as a program started by exec would have it (and as reproc resets them).
// Signals the parent ignores stay ignored, as across exec (nohup keeps working), except SIGPIPE
// and SIGXFSZ, which the command line ignores only to see its own write failures as errors: a
// task gets their default actions. SIGINT is ignored: the terminal's Ctrl+C reaches the whole
// process group, and the parent decides whether to cancel. Runs with every signal blocked
// (spawn blocks them around fork).
void reset_signals() {
    for (int sig = 1; sig < NSIG; ++sig) {
        struct sigaction old {};
        if (sig == SIGKILL || sig == SIGSTOP || ::sigaction(sig, nullptr, &old) != 0) continue;
        const bool caught = (old.sa_flags & SA_SIGINFO) != 0 ||
                            (old.sa_handler != SIG_IGN && old.sa_handler != SIG_DFL);
        const bool private_ignore = sig == SIGPIPE || sig == SIGXFSZ;
        if (!caught && !private_ignore) continue;
        struct sigaction dfl {};
        dfl.sa_handler = SIG_DFL;
        sigemptyset(&dfl.sa_mask);
        ::sigaction(sig, &dfl, nullptr);
    }
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGINT, &ignore, nullptr);
    sigset_t none;
    sigemptyset(&none);
    ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
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
            ::_exit(0);  // the parent is gone (or the task closed the pipe): nobody reads
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
    /// Runs instead of every task when the initializer failed (it throws why); else null.
    const TaskBody* init_failure = nullptr;

    bool due() const { return now - last_flush >= kFlushNs || out.size() >= kFlushBytes; }
    void send() {
        wire::widen_pipe(s.out_fd, out.size());  // a big result: fewer hand-overs
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
        s.slot->start_ns.store(start, std::memory_order_relaxed);
        s.slot->task.store(id, std::memory_order_release);
        Value value;
        std::string error;
        const bool ok = run_task(body, batch, batch.items[i], args, value, error);
        box.now = monotonic_ns();
        // The slot names the task until its result is encoded: running out of memory there
        // ends the worker, and the parent must fail this task for it, not re-run it.
        results.add(id, start, box.now, ok, value, error);
        s.slot->task.store(0, std::memory_order_release);
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
        results.add(ok, value, error);  // still named in the slot: see serve_timed
        s.slot->task.store(0, std::memory_order_release);
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
    if (box.init_failure != nullptr) body = box.init_failure;
    if (box.out.empty()) box.last_flush = box.now;
    box.s.slot->ran.store(true, std::memory_order_relaxed);
    if (box.s.task_times) {
        serve_timed(box, body, batch);
    } else {
        serve_batched(box, body, batch);
    }
    if (!box.out.empty() && (!more_queued || box.due())) box.send();
}

// Runs the pool's initializer, if any (PoolOptions::initializer); returns "" or why it failed.
std::string run_initializer(const detail::WorkerSetup& s) {
    if (s.init == nullptr || s.init->body == nullptr) return {};
    const std::string failed = "initializer '" + s.init->name + "' failed: ";
    try {
        (*s.init->body)(s.init->args);
        return {};
    } catch (const std::exception& e) {
        return failed + e.what();
    } catch (...) {
        return failed + "unknown exception";
    }
}

}  // namespace

bool in_worker_process() {
    return g_in_worker;
}

namespace detail {

namespace {

// The worker's life after its set-up: serves Tasks frames until in_fd ends. May throw (out of
// memory in the codec, say): worker_main stops every exception.
[[noreturn]] void serve(const WorkerSetup& s) {
    // Reads take whatever the pipe holds (one system call for many small frames), straight
    // into a buffer kept across tasks; big bytes arguments are decoded in place.
    wire::FrameReader in;
    Outbox box(s);
    const std::string init_error = run_initializer(s);
    const TaskBody refuse = [&init_error](const std::vector<Value>&) -> Value {
        throw std::runtime_error(init_error);
    };
    if (!init_error.empty()) box.init_failure = &refuse;
    std::string_view frame;
    std::uint32_t bad_length = 0;
    const auto complete = [&] {
        const wire::FrameReader::Front f = in.front(frame, bad_length);
        if (f == wire::FrameReader::Front::Bad) ::_exit(kWorkerExitProtocol);
        return f == wire::FrameReader::Front::Complete;
    };
    for (;;) {
        if (!complete()) {
            if (!box.out.empty()) box.send();  // about to wait: nothing may stay unsent
            const ssize_t got = in.read_some(s.in_fd);
            if (got > 0) {
                box.now = monotonic_ns();  // it may have waited
            } else if (got == 0 || errno != EINTR) {
                ::_exit(in.empty() ? 0 : kWorkerExitProtocol);
            }
            continue;
        }
        wire::TaskBatch batch;
        try {
            ByteReader r = in.reader(frame);
            if (r.u8() != static_cast<std::uint8_t>(wire::FrameType::Tasks))
                ::_exit(kWorkerExitProtocol);
            batch = wire::read_tasks(r);
        } catch (const DecodeError&) {
            ::_exit(kWorkerExitProtocol);
        }
        in.pop();
        serve_frame(box, batch, complete());
    }
}

}  // namespace

void worker_main(const WorkerSetup& s) noexcept {
    g_in_worker = true;
    // Whatever goes wrong from here on ends this process with a status of its own; nothing
    // unwinds into the frames fork copied from the parent's collector thread.
    std::set_terminate([] { ::_exit(kWorkerExitUnexpected); });
    reset_signals();
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != s.parent) ::_exit(kWorkerExitOrphan);  // the parent died before the prctl
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);  // a crash demo must not write core files
    close_all_but(s.in_fd, s.out_fd);
    try {
        serve(s);
    } catch (const std::bad_alloc&) {
        ::_exit(kWorkerExitOutOfMemory);
    } catch (...) {
        ::_exit(kWorkerExitUnexpected);
    }
}

}  // namespace detail
}  // namespace plab
