#include "chart_points.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "axis_ticks.h"
#include "experiment/metrics.h"
#include "experiment/payload.h"

namespace plab::ui {

namespace {

struct Sums {
    double elapsed = 0, speedup = 0, efficiency = 0;
    int count = 0;
};

/// ideal_seconds, remembered for this thread: the charts are drawn again for every form edit
/// and every run's start and end, and with uneven durations each figure walks every task's
/// planned duration (up to kMaxPlannedIdealTasks per worker count). Holds the last few dozen
/// figures; per thread, so no lock and no sharing.
double remembered_ideal_seconds(const ExperimentSpec& spec, int cores) {
    if (spec.durations.shape == DurationShape::Fixed) return ideal_seconds(spec, cores);
    struct Figure {
        ExperimentSpec spec;
        int cores = 0;
        double seconds = 0;
    };
    constexpr std::size_t kRemembered = 64;  // worker counts of a sweep, with room to spare
    thread_local std::vector<Figure> figures;
    for (const Figure& f : figures) {
        if (f.cores == cores && f.spec == spec) return f.seconds;
    }
    if (figures.size() >= kRemembered) figures.erase(figures.begin());
    figures.push_back({spec, cores, ideal_seconds(spec, cores)});
    return figures.back().seconds;
}

std::string chunk_text(int chunk_setting) {
    return chunk_setting == 0 ? "chunksize auto" : "chunksize " + std::to_string(chunk_setting);
}

// What tells the experiment's legs apart: chunk sizes, start methods, payloads, or several.
struct LegsDiffer {
    bool chunks = false;
    bool starts = false;
    bool payloads = false;
};

LegsDiffer legs_differ(const std::vector<SweepSpec>& legs) {
    LegsDiffer d;
    for (const SweepSpec& leg : legs) {
        d.chunks = d.chunks || leg.base.chunksize != legs.front().base.chunksize;
        d.starts = d.starts || leg.base.start_method != legs.front().base.start_method;
        d.payloads = d.payloads || leg.base.payload_bytes != legs.front().base.payload_bytes;
    }
    return d;
}

/// What names a leg among the others: its chunk size (also when nothing else differs), its
/// start method, its payload, joined by " · ".
std::string variant_text(int chunk_setting, StartMethod start, std::int64_t payload, LegsDiffer d) {
    std::string out = d.chunks || (!d.starts && !d.payloads) ? chunk_text(chunk_setting) : "";
    auto add = [&out](const std::string& part) { out += (out.empty() ? "" : " · ") + part; };
    if (d.starts) add(std::string(start_method_name(start)));
    if (d.payloads) add(format_size(payload));
    return out;
}

std::string series_label(const SeriesKey& key, bool show_chunks, LegsDiffer d = {}) {
    std::string label(strategy_label(key.strategy));
    if (show_chunks) label += " · " + variant_text(key.chunk_setting, key.start, key.payload, d);
    return label;
}

int strategy_rank(Strategy s) {
    const auto& all = all_strategies();
    if (runs_mpi(s)) {  // Open MPI's after every pool strategy and its Python twin
        const auto& mpi = mpi_strategies();
        return 2 * static_cast<int>(all.size()) +
               static_cast<int>(std::find(mpi.begin(), mpi.end(), s) - mpi.begin());
    }
    const auto ours = std::find(all.begin(), all.end(), own_counterpart(s)) - all.begin();
    return 2 * static_cast<int>(ours) + (runs_python(s) ? 1 : 0);  // Python's right after ours
}

// value with decimals digits after the point.
std::string fixed(double value, int decimals) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    return buf;
}

std::string point_tip(const std::string& label, int workers, double elapsed, double speedup,
                      double efficiency) {
    return label + " · " + std::to_string(workers) + (workers == 1 ? " worker" : " workers") +
           "\nelapsed " + format_duration(elapsed) + "\nspeedup " + fixed(speedup, 2) + "×" +
           " · efficiency " + fixed(efficiency, 0) + "%";
}

// Each leg's serial baseline: the mean of its serial runs; else the engine's baseline from its
// other runs; else tasks x delay, expected.
std::vector<Baseline> baselines(const SweepData& data) {
    const auto& legs = data.legs();
    std::vector<Baseline> out(legs.size());
    std::vector<double> serial(legs.size(), 0), engine(legs.size(), 0);
    std::vector<int> serial_n(legs.size(), 0), engine_n(legs.size(), 0);
    for (const auto& run : data.runs()) {
        if (!run.ended() || run.end->cancelled || run.refused()) continue;
        const auto l = static_cast<std::size_t>(run.leg);
        if (l >= legs.size()) continue;
        if (run.spec.strategy == Strategy::Serial) {
            serial[l] += run.end->elapsed_s;
            ++serial_n[l];
        } else {
            engine[l] += run.end->serial_s;
            ++engine_n[l];
        }
    }
    const LegsDiffer differ = legs_differ(legs);
    for (std::size_t l = 0; l < legs.size(); ++l) {
        Baseline& b = out[l];
        b.leg = static_cast<int>(l);
        b.chunk_setting = legs[l].base.chunksize;
        ExperimentSpec spec = legs[l].base;
        spec.strategy = Strategy::Serial;
        spec.workers = 1;
        b.seconds = serial_n[l]   ? serial[l] / serial_n[l]
                    : engine_n[l] ? engine[l] / engine_n[l]
                                  : remembered_ideal_seconds(spec, 1);
        b.measured = serial_n[l] > 0;
        b.label = b.measured ? "Serial (measured)" : "Serial (tasks × delay)";
        if (legs.size() > 1) {
            b.label += ", " +
                       variant_text(b.chunk_setting, legs[l].base.start_method,
                                    legs[l].base.payload_bytes, differ) +
                       " sweep";
        }
        b.label += ": " + format_duration(b.seconds);
    }
    return out;
}

// One bar per strategy of each leg, in the form's order, with what its ended runs gave.
std::vector<BarPoint> bars(const SweepData& data, const ChartPoints& points, bool show_chunks) {
    std::vector<BarPoint> out;
    const auto& legs = data.legs();
    const LegsDiffer differ = legs_differ(legs);
    for (std::size_t l = 0; l < legs.size(); ++l) {
        for (Strategy s : legs[l].strategies) {
            BarPoint bar;
            bar.key = {s, legs[l].base.chunksize, legs[l].base.start_method,
                       legs[l].base.payload_bytes};
            bar.leg = static_cast<int>(l);
            bar.label = series_label(bar.key, show_chunks, differ);
            bar.expected_s = s == Strategy::Serial ? points.baselines[l].seconds : points.ideal_s;
            out.push_back(bar);
        }
    }
    std::vector<Sums> sums(out.size());
    for (const auto& run : data.runs()) {
        const SeriesKey key{run.spec.strategy, run.chunk_setting, run.spec.start_method,
                            run.spec.payload_bytes};
        const auto it = std::find_if(out.begin(), out.end(), [&](const BarPoint& b) {
            return b.key == key && b.leg == run.leg;
        });
        if (it == out.end()) continue;
        BarPoint& bar = *it;
        if (!run.ended()) {
            bar.state = BarPoint::State::Running;
        } else if (run.refused()) {
            if (bar.state != BarPoint::State::Done) bar.state = BarPoint::State::Refused;
            bar.note = refusal_note(run.spec.strategy, run.end->refusal);
        } else if (run.end->cancelled) {
            if (bar.state != BarPoint::State::Done) bar.state = BarPoint::State::Cancelled;
        } else {
            Sums& sum = sums[static_cast<std::size_t>(it - out.begin())];
            sum.elapsed += run.end->elapsed_s;
            sum.speedup += run.spec.strategy == Strategy::Serial ? 1.0 : run.end->speedup;
            sum.efficiency +=
                run.spec.strategy == Strategy::Serial ? 100.0 : run.end->efficiency * 100.0;
            ++sum.count;
            bar.state = BarPoint::State::Done;
        }
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (sums[i].count == 0) continue;
        out[i].elapsed_s = sums[i].elapsed / sums[i].count;
        out[i].speedup = sums[i].speedup / sums[i].count;
        out[i].efficiency = sums[i].efficiency / sums[i].count;
    }
    return out;
}

}  // namespace

std::string refusal_note(Strategy s, const std::string& reason) {
    if (s == Strategy::MapClosure) return "refused: a closure cannot be sent (as in Python)";
    return "refused: " + reason;
}

ChartPoints chart_points(const SweepData& data, int cores) {
    ChartPoints out;
    if (data.legs().empty()) return out;
    out.before_runs = data.runs().empty();
    const SweepSpec& first = data.legs().front();

    std::vector<SeriesKey> keys;
    int lo = kMaxWorkers, hi = 1;
    for (const auto& leg : data.legs()) {
        for (Strategy s : leg.strategies) {
            const SeriesKey key{s, leg.base.chunksize, leg.base.start_method,
                                leg.base.payload_bytes};
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
    out.one_worker_count = lo == hi;
    std::stable_sort(keys.begin(), keys.end(), [](const SeriesKey& a, const SeriesKey& b) {
        return strategy_rank(a.strategy) < strategy_rank(b.strategy);
    });
    const bool show_chunks = data.legs().size() > 1;  // what differs: legs_differ

    for (int w = 1; w <= hi; ++w) {
        ExperimentSpec spec = first.base;
        spec.workers = w;
        const double ideal = remembered_ideal_seconds(grown_for_workers(spec), cores);
        const int useful = spec.workload == Workload::Cpu ? std::min(w, cores) : w;
        out.ideal_elapsed.push_back({double(w), ideal});
        out.ideal_speedup.push_back({double(w), double(useful)});
        out.ideal_efficiency.push_back({double(w), 100.0 * useful / w});
    }
    out.ideal_s = out.ideal_elapsed.back().y;
    out.baselines = baselines(data);
    out.bars = bars(data, out, show_chunks);

    std::vector<std::map<int, Sums>> sums(keys.size());
    std::vector<int> refusals(keys.size(), 0), ended(keys.size(), 0);
    for (const auto& run : data.runs()) {
        if (!run.ended() || run.end->cancelled || run.spec.strategy == Strategy::Serial) continue;
        const SeriesKey key{run.spec.strategy, run.chunk_setting, run.spec.start_method,
                            run.spec.payload_bytes};
        const auto k =
            static_cast<std::size_t>(std::find(keys.begin(), keys.end(), key) - keys.begin());
        if (k == keys.size()) continue;
        ++ended[k];
        if (run.refused()) {
            ++refusals[k];
            continue;
        }
        auto& s = sums[k][run.spec.workers];
        s.elapsed += run.end->elapsed_s;
        s.speedup += run.end->speedup;
        s.efficiency += run.end->efficiency * 100.0;
        ++s.count;
    }

    const LegsDiffer differ = legs_differ(data.legs());
    for (std::size_t k = 0; k < keys.size(); ++k) {
        StrategySeries series;
        series.key = keys[k];
        series.label = series_label(keys[k], show_chunks, differ);
        series.refused = ended[k] > 0 && refusals[k] == ended[k];
        const auto& legs = data.legs();
        for (std::size_t l = 0; l < legs.size(); ++l) {
            if (legs[l].base.chunksize == keys[k].chunk_setting &&
                legs[l].base.start_method == keys[k].start &&
                legs[l].base.payload_bytes == keys[k].payload) {
                series.variant = static_cast<int>(l);
                break;
            }
        }
        for (const auto& [w, s] : sums[k]) {  // std::map: ascending workers
            const double elapsed = s.elapsed / s.count, speedup = s.speedup / s.count;
            const double efficiency = s.efficiency / s.count;
            series.elapsed.push_back({double(w), elapsed});
            series.speedup.push_back({double(w), speedup});
            series.efficiency.push_back({double(w), efficiency});
            series.tips.push_back(point_tip(series.label, w, elapsed, speedup, efficiency));
        }
        out.series.push_back(std::move(series));
    }
    return out;
}

std::optional<LiveRun> live_run(const SweepData& data, double now_s) {
    if (data.runs().empty() || data.runs().back().ended()) return std::nullopt;
    const RunRecord& run = data.runs().back();
    return LiveRun{
        {run.spec.strategy, run.chunk_setting, run.spec.start_method, run.spec.payload_bytes},
        run.leg,
        std::max(run.latest_s, now_s - run.received_at_s)};
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
