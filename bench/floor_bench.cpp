// The machine's raw floors, measured with bare system calls and nothing of ours, so the pool's
// figures can be compared with what the kernel itself costs in the same run:
//   floor_pipe_rtt: a 64-byte message to a child process over one pipe and back over another
//     (two processes, blocking reads): median microseconds per round trip.
//   floor_thread_rtt: the same ping-pong between two threads of one process over two eventfds:
//     median microseconds per round trip (a thread hand-off, as between a caller and a collector).
//   floor_pipe_msg: a child writes 100,000 16-byte messages, one write(2) each, and the parent
//     reads them one read(2) each: microseconds per message, pipelined.
//   floor_pipe_bw: 64 MiB through a pipe in 64 KiB writes and reads: GB/s.
//   floor_fork8: fork 8 children that _exit(0) at once, then reap them: median ms.
//   floor_syscall: one trivial system call (getppid): median nanoseconds of a batch of 1,000.
//   floor_page_fault: first touch of fresh anonymous memory (64 MiB, mmap'd and unmapped each
//     time): microseconds per 4 KiB page. Every byte a task's input and output take in fresh
//     memory costs this much per 4 KiB (malloc serves big vectors with fresh mmap'd pages).
#include <benchmark/benchmark.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

namespace {

double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

bool read_full(int fd, void* buf, std::size_t n) {
    auto* p = static_cast<char*>(buf);
    while (n > 0) {
        const ssize_t got = ::read(fd, p, n);
        if (got <= 0) return false;
        p += got;
        n -= static_cast<std::size_t>(got);
    }
    return true;
}

bool write_full(int fd, const void* buf, std::size_t n) {
    const auto* p = static_cast<const char*>(buf);
    while (n > 0) {
        const ssize_t put = ::write(fd, p, n);
        if (put <= 0) return false;
        p += put;
        n -= static_cast<std::size_t>(put);
    }
    return true;
}

/// A child process joined to the parent by two pipes: `to` (parent writes) and `from`.
/// body(in, out) runs in the child, which then _exits. The destructor closes and reaps.
struct Child {
    pid_t pid = -1;
    int to = -1;
    int from = -1;
    template <class Body>
    explicit Child(Body body) {
        int a[2];
        int b[2];
        if (::pipe(a) != 0 || ::pipe(b) != 0) return;
        pid = ::fork();
        if (pid == 0) {
            ::close(a[1]);
            ::close(b[0]);
            body(a[0], b[1]);
            ::_exit(0);
        }
        ::close(a[0]);
        ::close(b[1]);
        to = a[1];
        from = b[0];
    }
    ~Child() {
        ::close(to);
        ::close(from);
        if (pid > 0) ::waitpid(pid, nullptr, 0);
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
};

void floor_pipe_rtt(benchmark::State& state) {
    constexpr std::size_t kBytes = 64;
    Child echo([](int in, int out) {
        char m[kBytes];
        while (read_full(in, m, kBytes) && write_full(out, m, kBytes)) {
        }
    });
    char msg[kBytes] = {};
    std::vector<double> us;
    for (auto _ : state) {
        const double t0 = now_s();
        if (!write_full(echo.to, msg, kBytes) || !read_full(echo.from, msg, kBytes)) {
            state.SkipWithError("echo child failed");
            break;
        }
        us.push_back((now_s() - t0) * 1e6);
    }
    state.counters["us"] = median(us);
}
BENCHMARK(floor_pipe_rtt)->Unit(benchmark::kMicrosecond)->UseRealTime();

void floor_thread_rtt(benchmark::State& state) {
    const int ping = ::eventfd(0, EFD_CLOEXEC);
    const int pong = ::eventfd(0, EFD_CLOEXEC);
    std::thread echo([&] {
        std::uint64_t v = 0;
        while (::read(ping, &v, sizeof v) == sizeof v && v != 2) {
            v = 1;
            if (::write(pong, &v, sizeof v) != sizeof v) break;
        }
    });
    std::vector<double> us;
    std::uint64_t v = 1;
    for (auto _ : state) {
        const double t0 = now_s();
        v = 1;
        if (::write(ping, &v, sizeof v) != sizeof v || ::read(pong, &v, sizeof v) != sizeof v) {
            state.SkipWithError("eventfd failed");
            break;
        }
        us.push_back((now_s() - t0) * 1e6);
    }
    v = 2;
    [[maybe_unused]] const ssize_t r = ::write(ping, &v, sizeof v);
    echo.join();
    ::close(ping);
    ::close(pong);
    state.counters["us"] = median(us);
}
BENCHMARK(floor_thread_rtt)->Unit(benchmark::kMicrosecond)->UseRealTime();

void floor_pipe_msg(benchmark::State& state) {
    constexpr std::size_t kBytes = 16;
    constexpr std::uint32_t kMessages = 100'000;
    Child writer([](int in, int out) {
        char go = 0;
        char m[kBytes] = {};
        while (read_full(in, &go, 1)) {
            for (std::uint32_t i = 0; i < kMessages; ++i) {
                if (!write_full(out, m, kBytes)) return;
            }
        }
    });
    char m[kBytes];
    std::vector<double> us;
    for (auto _ : state) {
        const double t0 = now_s();
        const char go = 1;
        bool ok = write_full(writer.to, &go, 1);
        for (std::uint32_t i = 0; ok && i < kMessages; ++i)
            ok = read_full(writer.from, m, kBytes);
        if (!ok) {
            state.SkipWithError("writer child failed");
            break;
        }
        us.push_back((now_s() - t0) * 1e6 / kMessages);
    }
    state.counters["us_per_msg"] = median(us);
}
BENCHMARK(floor_pipe_msg)->Unit(benchmark::kMillisecond)->UseRealTime();

void floor_pipe_bw(benchmark::State& state) {
    constexpr std::size_t kChunk = 64 * 1024;
    constexpr std::size_t kTotal = 64u << 20;
    Child writer([](int in, int out) {
        char go = 0;
        std::vector<char> buf(kChunk, 'x');
        while (read_full(in, &go, 1)) {
            for (std::size_t sent = 0; sent < kTotal; sent += kChunk) {
                if (!write_full(out, buf.data(), kChunk)) return;
            }
        }
    });
    std::vector<char> buf(kChunk);
    std::vector<double> gbps;
    for (auto _ : state) {
        const double t0 = now_s();
        const char go = 1;
        bool ok = write_full(writer.to, &go, 1);
        for (std::size_t got = 0; ok && got < kTotal;) {
            const ssize_t n = ::read(writer.from, buf.data(), kChunk);
            ok = n > 0;
            got += ok ? static_cast<std::size_t>(n) : 0;
        }
        if (!ok) {
            state.SkipWithError("writer child failed");
            break;
        }
        gbps.push_back(static_cast<double>(kTotal) / (now_s() - t0) / 1e9);
    }
    state.counters["gb_per_s"] = median(gbps);
}
BENCHMARK(floor_pipe_bw)->Unit(benchmark::kMillisecond)->UseRealTime();

void floor_fork8(benchmark::State& state) {
    std::vector<double> ms;
    for (auto _ : state) {
        const double t0 = now_s();
        pid_t kids[8];
        for (pid_t& k : kids) {
            k = ::fork();
            if (k == 0) ::_exit(0);
        }
        for (const pid_t k : kids) {
            if (k > 0) ::waitpid(k, nullptr, 0);
        }
        ms.push_back((now_s() - t0) * 1e3);
    }
    state.counters["ms"] = median(ms);
}
BENCHMARK(floor_fork8)->Unit(benchmark::kMillisecond)->UseRealTime();

void floor_syscall(benchmark::State& state) {
    constexpr int kBatch = 1000;
    std::vector<double> ns;
    for (auto _ : state) {
        const double t0 = now_s();
        for (int i = 0; i < kBatch; ++i)
            benchmark::DoNotOptimize(::getppid());
        ns.push_back((now_s() - t0) * 1e9 / kBatch);
    }
    state.counters["ns"] = median(ns);
}
BENCHMARK(floor_syscall)->Unit(benchmark::kMicrosecond)->UseRealTime();

void floor_page_fault(benchmark::State& state) {
    constexpr std::size_t kBytes = 64u << 20;
    constexpr std::size_t kPage = 4096;
    std::vector<double> us;
    for (auto _ : state) {
        void* mem =
            ::mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mem == MAP_FAILED) {
            state.SkipWithError("mmap failed");
            break;
        }
        auto* p = static_cast<volatile char*>(mem);
        const double t0 = now_s();
        for (std::size_t i = 0; i < kBytes; i += kPage)
            p[i] = 1;
        us.push_back((now_s() - t0) * 1e6 / (kBytes / kPage));
        ::munmap(mem, kBytes);
    }
    state.counters["us_per_page"] = median(us);
}
BENCHMARK(floor_page_fault)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
