// The numbers the two charts draw, derived from the runs so far. Plain C++ so tests can check
// the points without drawing anything.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sweep_data.h"

namespace plab::ui {

struct XY {
    double x = 0, y = 0;
    bool operator==(const XY&) const = default;
};

/// Which line a run belongs to: its strategy and, when the experiment compares chunk sizes,
/// the chunk size asked for (0 = auto), and the payload in bytes (0: none).
struct SeriesKey {
    Strategy strategy = Strategy::Map;
    int chunk_setting = 0;
    /// When the experiment compares start methods (--start): the run's.
    StartMethod start = StartMethod::Fork;
    std::int64_t payload = 0;
    bool operator==(const SeriesKey&) const = default;
};

/// One strategy's line: mean over repeats per worker count, ascending in x.
struct StrategySeries {
    SeriesKey key;
    std::string label;        ///< "Pool.map", or "Pool.map · chunksize 1" when chunk sizes differ
    bool refused = false;     ///< every run of it so far was refused
    int variant = 0;          ///< which chunk size of the experiment (0 = the first leg's)
    std::vector<XY> elapsed;  ///< seconds
    std::vector<XY> speedup;  ///< serial / elapsed
    std::vector<XY> efficiency;     ///< percent
    std::vector<std::string> tips;  ///< per point: strategy, workers, elapsed, speedup
};

/// One leg's serial baseline: each chunk size's sweep measures its own.
struct Baseline {
    int leg = 0;
    int chunk_setting = 0;
    double seconds = 0;
    bool measured = false;  ///< by a serial run of that leg, not tasks x delay or the engine's
    std::string label;      ///< "Serial (measured): 10.003 s", with the leg when there are several
};

/// One bar of the one-worker-count view: a strategy of a leg and how its runs went.
struct BarPoint {
    enum class State { Waiting, Running, Done, Refused, Cancelled };
    SeriesKey key;  ///< serial included (its chunk_setting is its leg's)
    int leg = 0;
    std::string label;
    State state = State::Waiting;
    double elapsed_s = 0;   ///< Done: mean over the ended runs
    double speedup = 0;     ///< Done: mean (serial: 1)
    double efficiency = 0;  ///< Done: percent, mean (serial: 100)
    double expected_s = 0;  ///< what it should take: tasks x delay for serial, else the ideal
    std::string note;       ///< Refused: "refused: ..."
};

/// The run going on now, for the bar that grows with it.
struct LiveRun {
    SeriesKey key;
    int leg = 0;
    double elapsed_s = 0;  ///< so far
    bool operator==(const LiveRun&) const = default;
};

/// What the elapsed and speedup charts show.
struct ChartPoints {
    std::vector<StrategySeries> series;  ///< every planned non-serial key, in strategy order
    std::vector<XY> ideal_elapsed;       ///< ideal time for each worker count 1..max
    std::vector<XY> ideal_speedup;       ///< workers (for cpu: at most this machine's cores)
    std::vector<XY> ideal_efficiency;    ///< percent
    std::vector<Baseline> baselines;     ///< one per leg, in leg order
    std::vector<BarPoint> bars;          ///< every planned strategy of every leg, serial included
    bool one_worker_count = false;       ///< every leg has the same single worker count: bars
    double ideal_s = 0;                  ///< the ideal at that worker count
    int min_workers = 1, max_workers = 1;
    bool before_runs = false;  ///< an experiment is set but no run began: all is expectation
};

/// points shifted sideways so that several strategies measured at the same worker counts stay
/// visible side by side instead of hiding one another: series index of count moves by
/// (index - (count - 1) / 2) x step, step = min(0.1, 0.6 / count), so all stay within +-0.3 of
/// their worker count. index >= count is taken as count - 1.
std::vector<XY> dodged(const std::vector<XY>& points, std::size_t index, std::size_t count);

/// Derives the charts' points from data; cores is this machine's (for the cpu ideal).
/// Cancelled and refused runs give no points. With no legs, everything is empty. Each leg
/// (chunk size) has its own serial baseline; speedups are the engine's, against that leg's.
ChartPoints chart_points(const SweepData& data, int cores);

/// The run that has begun and not ended (the latest), with its time so far: the later of its
/// latest event and now_s minus when it arrived. nullopt when every run ended.
std::optional<LiveRun> live_run(const SweepData& data, double now_s);

/// The text shown for a refusal: the article's words for the closure, else "refused: " and
/// the engine's reason.
std::string refusal_note(Strategy s, const std::string& reason);

}  // namespace plab::ui
