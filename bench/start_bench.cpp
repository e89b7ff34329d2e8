// Issue 11, item 4: what starting workers costs under each start method, ours against Python's
// same method, in one run. For 1, 4 and 8 workers: a pool started and torn down with nothing
// run (ProcessPool(n, {.start = m}); Python: get_context(m).Pool(n), close(), join()), median
// of the repetitions. And the raw floor for spawn: posix_spawn of this very program, which
// exits at once, n at a time, waited for.
// Targets (written before measuring): each of ours at least 5x cheaper than Python's same
// method; our spawn within 2x of the raw posix_spawn+exit of our binary.
// Usage: plab_start_bench [python3]   (prints a table; exit 0 when every target holds)
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "pool/process_pool.h"
#include "pool/start_method.h"

namespace {

double now_ms() {
    return std::chrono::duration<double, std::milli>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// n copies of this program that exit at once: started together, then waited for.
double raw_spawn_ms(int n, int reps) {
    std::vector<double> ms;
    char self[] = "plab_start_bench";
    char flag[] = "--exit-now";
    char* argv[] = {self, flag, nullptr};
    for (int r = 0; r < reps; ++r) {
        const double t0 = now_ms();
        std::vector<pid_t> pids;
        for (int i = 0; i < n; ++i) {
            pid_t pid = -1;
            if (::posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr, argv, environ) == 0)
                pids.push_back(pid);
        }
        for (const pid_t pid : pids)
            ::waitpid(pid, nullptr, 0);
        ms.push_back(now_ms() - t0);
    }
    return median(ms);
}

double ours_ms(plab::StartMethod m, int n, int reps) {
    std::vector<double> ms;
    plab::PoolOptions o;
    o.start = m;
    for (int r = 0; r < reps; ++r) {
        const double t0 = now_ms();
        { plab::ProcessPool pool(n, o); }
        ms.push_back(now_ms() - t0);
    }
    return median(ms);
}

// Python's figure for method m and n workers, from a child interpreter (median ms), or -1.
double python_ms(const std::string& python, const char* m, int n, int reps) {
    const std::string script =
        "import multiprocessing as mp, time, statistics\n"
        "if __name__ == '__main__':\n"
        "    ctx = mp.get_context('" +
        std::string(m) +
        "')\n"
        "    t = []\n"
        "    for _ in range(" +
        std::to_string(reps) +
        "):\n"
        "        t0 = time.perf_counter()\n"
        "        p = ctx.Pool(" +
        std::to_string(n) +
        ")\n"
        "        p.close(); p.join()\n"
        "        t.append((time.perf_counter() - t0) * 1e3)\n"
        "    print(statistics.median(t))\n";
    const std::string path = "/tmp/plab_start_bench_" + std::to_string(::getpid()) + ".py";
    if (std::FILE* f = std::fopen(path.c_str(), "w")) {
        std::fputs(script.c_str(), f);
        std::fclose(f);
    }
    const std::string cmd = python + " " + path;
    double v = -1;
    if (std::FILE* p = ::popen(cmd.c_str(), "r")) {
        if (std::fscanf(p, "%lf", &v) != 1) v = -1;
        ::pclose(p);
    }
    std::remove(path.c_str());
    return v;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::strcmp(argv[1], "--exit-now") == 0) return 0;  // the raw floor
    if (const auto worker = plab::run_worker_if_requested(argc, argv)) return *worker;
    const std::string python = argc > 1 ? argv[1] : "python3";
    constexpr int kReps = 15;
    constexpr int kPyReps = 5;
    bool all_ok = true;
    std::printf("%-11s %3s %10s %10s %8s %10s %9s  %s\n", "method", "n", "ours_ms", "python_ms",
                "py/ours", "raw_ms", "ours/raw", "targets");
    for (const plab::StartMethod m :
         {plab::StartMethod::Fork, plab::StartMethod::Spawn, plab::StartMethod::Forkserver}) {
        const std::string name(plab::start_method_name(m));
        for (const int n : {1, 4, 8}) {
            const double ours = ours_ms(m, n, kReps);
            const double py = python_ms(python, name.c_str(), n, kPyReps);
            const bool spawn = m == plab::StartMethod::Spawn;
            const double raw = spawn ? raw_spawn_ms(n, kReps) : 0;
            const bool vs_python = py > 0 && py / ours >= 5;
            const bool vs_raw = !spawn || ours / raw <= 2;
            all_ok = all_ok && vs_python && vs_raw;
            std::printf("%-11s %3d %10.2f %10.2f %7.1fx %10s %9s  %s%s\n", name.c_str(), n, ours,
                        py, py > 0 ? py / ours : 0.0,
                        spawn ? std::to_string(raw).substr(0, 6).c_str() : "-",
                        spawn ? (std::to_string(ours / raw).substr(0, 4) + "x").c_str() : "-",
                        vs_python ? ">=5x vs Python: PASS" : ">=5x vs Python: FAIL",
                        spawn ? (vs_raw ? "; <=2x raw: PASS" : "; <=2x raw: FAIL") : "");
        }
    }
    return all_ok ? 0 : 1;
}
