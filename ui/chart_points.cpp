#include "chart_points.h"

#include <algorithm>
#include <map>

#include "experiment/metrics.h"

namespace plab::ui {

namespace {

struct Sums {
    double elapsed = 0, speedup = 0, efficiency = 0;
    int count = 0;
};

std::string series_label(const SeriesKey& key, bool show_chunks) {
    std::string label(strategy_label(key.strategy));
    if (show_chunks) {
        label += key.chunk_setting == 0 ? " · chunksize auto"
                                        : " · chunksize " + std::to_string(key.chunk_setting);
    }
    return label;
}

int strategy_rank(Strategy s) {
    const auto& all = all_strategies();
    return static_cast<int>(std::find(all.begin(), all.end(), s) - all.begin());
}

}  // namespace

ChartPoints chart_points(const SweepData& data, int cores) {
    ChartPoints out;
    if (data.legs().empty()) return out;
    out.before_runs = data.runs().empty();
    const SweepSpec& first = data.legs().front();

    std::vector<SeriesKey> keys;
    int lo = kMaxWorkers, hi = 1;
    for (const auto& leg : data.legs()) {
        for (Strategy s : leg.strategies) {
            const SeriesKey key{s, leg.base.chunksize};
            if (s != Strategy::Serial && std::find(keys.begin(), keys.end(), key) == keys.end()) {
                keys.push_back(key);
            }
        }
        for (int w : leg.workers) {
            lo = std::min(lo, w);
            hi = std::max(hi, w);
        }
    }
    out.min_workers = std::min(lo, hi);
    out.max_workers = hi;
    std::stable_sort(keys.begin(), keys.end(), [](const SeriesKey& a, const SeriesKey& b) {
        return strategy_rank(a.strategy) < strategy_rank(b.strategy);
    });
    const bool show_chunks = data.legs().size() > 1;

    for (int w = 1; w <= hi; ++w) {
        ExperimentSpec spec = first.base;
        spec.workers = w;
        const double ideal = ideal_seconds(spec, cores);
        const int useful = spec.workload == Workload::Cpu ? std::min(w, cores) : w;
        out.ideal_elapsed.push_back({double(w), ideal});
        out.ideal_speedup.push_back({double(w), double(useful)});
        out.ideal_efficiency.push_back({double(w), 100.0 * useful / w});
    }

    std::vector<std::map<int, Sums>> sums(keys.size());
    std::vector<int> refusals(keys.size(), 0), ended(keys.size(), 0);
    double serial_sum = 0, baseline_sum = 0;
    int serial_count = 0, baseline_count = 0;
    for (const auto& run : data.runs()) {
        if (!run.ended() || run.end->cancelled) continue;
        if (run.spec.strategy == Strategy::Serial) {
            serial_sum += run.end->elapsed_s;
            ++serial_count;
            continue;
        }
        const SeriesKey key{run.spec.strategy, run.chunk_setting};
        const auto k =
            static_cast<std::size_t>(std::find(keys.begin(), keys.end(), key) - keys.begin());
        if (k == keys.size()) continue;
        ++ended[k];
        if (run.refused()) {
            ++refusals[k];
            continue;
        }
        baseline_sum += run.end->serial_s;
        ++baseline_count;
        auto& s = sums[k][run.spec.workers];
        s.elapsed += run.end->elapsed_s;
        s.speedup += run.end->speedup;
        s.efficiency += run.end->efficiency * 100.0;
        ++s.count;
    }
    if (serial_count > 0) {
        out.serial_s = serial_sum / serial_count;
        out.serial_measured = true;
    } else if (baseline_count > 0) {
        out.serial_s = baseline_sum / baseline_count;
    } else if (!out.ideal_elapsed.empty()) {
        out.serial_s = out.ideal_elapsed.front().y;  // before any run: tasks x delay, expected
    }

    for (std::size_t k = 0; k < keys.size(); ++k) {
        StrategySeries series;
        series.key = keys[k];
        series.label = series_label(keys[k], show_chunks);
        series.refused = ended[k] > 0 && refusals[k] == ended[k];
        const auto& legs = data.legs();
        for (std::size_t l = 0; l < legs.size(); ++l) {
            if (legs[l].base.chunksize == keys[k].chunk_setting) {
                series.variant = static_cast<int>(l);
                break;
            }
        }
        for (const auto& [w, s] : sums[k]) {  // std::map: ascending workers
            series.elapsed.push_back({double(w), s.elapsed / s.count});
            series.speedup.push_back({double(w), s.speedup / s.count});
            series.efficiency.push_back({double(w), s.efficiency / s.count});
        }
        out.series.push_back(std::move(series));
    }
    return out;
}

std::vector<XY> dodged(const std::vector<XY>& points, std::size_t index, std::size_t count) {
    if (count <= 1) return points;
    index = std::min(index, count - 1);
    const double step = std::min(0.1, 0.6 / static_cast<double>(count));
    const double shift = (static_cast<double>(index) - (static_cast<double>(count) - 1) / 2) * step;
    std::vector<XY> out = points;
    for (XY& p : out)
        p.x += shift;
    return out;
}

}  // namespace plab::ui
