// Issue 11, the row "uneven tasks": a straggler run's elapsed against the model, the largest
// per-worker sum of planned durations under the chunking used (plab::model_elapsed_ns: chunks
// handed in order to whichever worker is free first, as Python's Pool does). Runs each case
// `rounds` times through run_experiment (the CLI's path) and prints JSON: per case the model,
// the median elapsed and the median ratio elapsed/model. Target: within 5% of the model.
//
//   plab_uneven_bench [--rounds N]
//
// Exit status 0 when every run succeeded, 1 when one failed, 2 on bad usage.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "experiment/durations.h"
#include "experiment/runner.h"

namespace {

struct Case {
    const char* name;
    const char* shape;
    plab::Strategy strategy;
    int tasks, workers, chunksize;
    std::int64_t delay_ns;
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n == 0 ? 0 : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
    int rounds = 5;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
            rounds = std::max(1, std::atoi(argv[++i]));
        } else {
            std::fprintf(stderr, "usage: plab_uneven_bench [--rounds N]\n");
            return 2;
        }
    }
    const std::vector<Case> cases = {
        {"straggler:10 map auto", "straggler:10", plab::Strategy::Map, 40, 4, 0, 100'000'000},
        {"straggler:10 map chunk 1", "straggler:10", plab::Strategy::Map, 40, 4, 1, 100'000'000},
        {"rising map auto", "rising", plab::Strategy::Map, 60, 4, 0, 100'000'000},
    };
    std::string out = "{\"rounds\": " + std::to_string(rounds) + ", \"cases\": [";
    for (std::size_t c = 0; c < cases.size(); ++c) {
        const Case& k = cases[c];
        plab::ExperimentSpec spec;
        spec.strategy = k.strategy;
        spec.tasks = k.tasks;
        spec.workers = k.workers;
        spec.chunksize = k.chunksize;
        spec.delay_ns = k.delay_ns;
        spec.durations = *plab::parse_durations(k.shape);
        const double model = static_cast<double>(plab::model_elapsed_ns(spec)) / 1e9;
        std::vector<double> elapsed;
        std::vector<double> ratio;
        for (int r = 0; r < rounds; ++r) {
            const plab::RunResult run = plab::run_experiment(spec);
            if (!run.all_ok()) {
                std::fprintf(stderr, "plab_uneven_bench: %s failed\n", k.name);
                return 1;
            }
            elapsed.push_back(run.elapsed_s);
            ratio.push_back(run.elapsed_s / model);
        }
        char buf[400];
        std::snprintf(buf, sizeof buf,
                      "%s{\"name\": \"%s\", \"chunksize\": %d, \"model_s\": %.6f, "
                      "\"elapsed_s\": %.6f, \"ratio\": %.4f}",
                      c == 0 ? "" : ", ", k.name, plab::effective_chunksize(spec), model,
                      median(elapsed), median(ratio));
        out += buf;
    }
    out += "]}\n";
    std::fputs(out.c_str(), stdout);
    return 0;
}
