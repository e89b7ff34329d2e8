// How much memory apply_async keeps per pending task: N apply_async of a tiny task, all
// submitted before any result is gathered, then every get(). Run it under /usr/bin/time -v and
// read "Maximum resident set size", or read what it prints itself (from /proc/self/status):
//   apply_async_rss [N=1000000] [workers=2]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "bench_tasks.h"
#include "pool/process_pool.h"

namespace {

/// A "VmRSS:" / "VmHWM:" line of /proc/self/status, in kB.
long status_kb(const std::string& key) {
    std::ifstream f("/proc/self/status");
    for (std::string line; std::getline(f, line);) {
        if (line.rfind(key + ":", 0) == 0) return std::atol(line.c_str() + key.size() + 1);
    }
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    const long n = argc > 1 ? std::atol(argv[1]) : 1'000'000;
    const int workers = argc > 2 ? std::atoi(argv[2]) : 2;
    plab::ProcessPool pool(workers);
    const plab::Task square("bench_square");
    pool.apply_async(square, {1}).get();  // every worker is up
    std::vector<plab::AsyncResult> pending;
    pending.reserve(static_cast<std::size_t>(n));
    const long base_kb = status_kb("VmRSS");
    for (long i = 0; i < n; ++i)
        pending.push_back(pool.apply_async(square, {static_cast<std::int64_t>(i)}));
    const long submitted_kb = status_kb("VmRSS");
    std::int64_t sum = 0;
    for (const plab::AsyncResult& r : pending)
        sum += r.get().as_int();
    const long peak_kb = status_kb("VmHWM");
    std::printf(
        "tasks %ld  rss before %ld kB  after submitting %ld kB  peak %ld kB  "
        "bytes/task (peak - before) %.0f  sum %lld\n",
        n, base_kb, submitted_kb, peak_kb,
        static_cast<double>(peak_kb - base_kb) * 1024.0 / static_cast<double>(n),
        static_cast<long long>(sum));
    return 0;
}
