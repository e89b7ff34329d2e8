// Issue 11, item 3: what moving data costs. For payloads of 1 KiB, 1 MiB and 16 MiB, one task at
// a time on Pool(1): apply_async(slow_pow_payload, ((x, bytes), ...)).get(), the bytes going to
// the worker and coming back; against the pipe's own round trip measured in the same run (two
// processes, the bytes written into one pipe, read, written back through another, read). Prints
// one JSON object per line: {"bytes": N, "ours_us": per task, "pipe_us": per round trip,
// "ratio": ours / pipe}, medians of the rounds. Target (written before measuring): 16 MiB
// within 1.5x of the pipe.
//
//   plab_payload_bench [ROUNDS [BYTES]]     (default 7 rounds; 1 KiB, 1 MiB and 16 MiB)
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "experiment/payload.h"
#include "pool/clock.h"
#include "pool/process_pool.h"

namespace {

using plab::Value;

bool write_all(int fd, const char* p, std::size_t n) {
    while (n > 0) {
        const ssize_t put = ::write(fd, p, n);
        if (put <= 0) return false;
        p += put;
        n -= static_cast<std::size_t>(put);
    }
    return true;
}

bool read_all(int fd, char* p, std::size_t n) {
    while (n > 0) {
        const ssize_t got = ::read(fd, p, n);
        if (got <= 0) return false;
        p += got;
        n -= static_cast<std::size_t>(got);
    }
    return true;
}

// Microseconds per round trip of n bytes between two processes over two pipes (default size).
double pipe_round_trip_us(std::size_t n, int trips) {
    int there[2];
    int back[2];
    if (::pipe(there) != 0 || ::pipe(back) != 0) std::exit(1);
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::string buf(n, '\0');
        for (int i = 0; i < trips + 1; ++i) {
            if (!read_all(there[0], buf.data(), n) || !write_all(back[1], buf.data(), n))
                ::_exit(1);
        }
        ::_exit(0);
    }
    std::string out(n, 'p');
    std::string in(n, '\0');
    // The first trip warms both sides' buffers (page faults), as the pool's first task does.
    if (!write_all(there[1], out.data(), n) || !read_all(back[0], in.data(), n)) std::exit(1);
    const std::int64_t t0 = plab::monotonic_ns();
    for (int i = 0; i < trips; ++i) {
        if (!write_all(there[1], out.data(), n) || !read_all(back[0], in.data(), n)) std::exit(1);
    }
    const std::int64_t t1 = plab::monotonic_ns();
    for (const int fd : {there[0], there[1], back[0], back[1]})
        ::close(fd);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return static_cast<double>(t1 - t0) / 1e3 / trips;
}

// Microseconds per task of one apply_async at a time on Pool(1) with n bytes each way.
double ours_us(plab::ProcessPool& pool, std::int64_t n, int tasks) {
    std::vector<Value> args;
    args.reserve(static_cast<std::size_t>(tasks) + 1);
    for (int i = 0; i <= tasks; ++i)
        args.push_back(plab::payload_argument(i, n));
    const plab::Task task("slow_pow_payload");
    auto one = [&](int i) {
        const Value back =
            pool.apply_async(task, {args[static_cast<std::size_t>(i)], 2, 0, 0, -1}).get();
        if (!plab::check_payload_result(back, i, n).empty()) std::exit(1);
    };
    one(tasks);  // warm-up
    const std::int64_t t0 = plab::monotonic_ns();
    for (int i = 0; i < tasks; ++i)
        one(i);
    return static_cast<double>(plab::monotonic_ns() - t0) / 1e3 / tasks;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 7;
    std::vector<std::int64_t> sizes = {std::int64_t{1} << 10, std::int64_t{1} << 20,
                                       std::int64_t{16} << 20};
    if (argc > 2) sizes = {std::max<std::int64_t>(1, std::atoll(argv[2]))};
    plab::ProcessPool pool(1);
    for (const std::int64_t n : sizes) {
        const int tasks = n <= 1024 ? 2000 : n <= (1 << 20) ? 200 : 20;
        std::vector<double> ours, pipe, ratio;
        for (int r = 0; r < rounds; ++r) {
            const double p = pipe_round_trip_us(static_cast<std::size_t>(n), tasks);
            const double o = ours_us(pool, n, tasks);
            ours.push_back(o);
            pipe.push_back(p);
            ratio.push_back(o / p);
        }
        std::printf("{\"bytes\": %lld, \"ours_us\": %.1f, \"pipe_us\": %.1f, \"ratio\": %.2f}\n",
                    static_cast<long long>(n), median(ours), median(pipe), median(ratio));
        std::fflush(stdout);
    }
    return 0;
}
