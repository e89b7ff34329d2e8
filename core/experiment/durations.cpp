#include "experiment/durations.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <queue>
#include <utility>

#include "experiment/spec.h"
#include "experiment/workload.h"
#include "pool/registry.h"

namespace plab {

namespace {

struct ShapeName {
    DurationShape shape;
    std::string_view name;
    bool has_param;
};

constexpr ShapeName kShapes[] = {
    {DurationShape::Fixed, "fixed", false},   {DurationShape::Uniform, "uniform", true},
    {DurationShape::Exp, "exp", false},       {DurationShape::Straggler, "straggler", true},
    {DurationShape::Rising, "rising", false},
};

std::string quoted(std::string_view text) {
    return "'" + std::string(text.substr(0, 60)) + "'";
}

std::string number_text(double v) {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

bool param_ok(DurationShape shape, double p) {
    if (!std::isfinite(p)) return false;
    switch (shape) {
        case DurationShape::Uniform:
            return p >= 0 && p <= 1;
        case DurationShape::Straggler:
            return p > 0 && p <= kMaxStragglerFactor;
        default:
            return p == 0;
    }
}

/// SplitMix64's output function (Steele, Lea, Flood 2014): a bijective 64-bit mix.
std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ull;

/// Element index of the SplitMix64 stream seeded by seed, as a double in (0, 1).
double unit_draw(std::int64_t seed, int index) {
    const std::uint64_t state = mix64(static_cast<std::uint64_t>(seed) + kGolden);
    const std::uint64_t bits = mix64(state + (static_cast<std::uint64_t>(index) + 1) * kGolden);
    return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
}

std::int64_t clamp_ns(double ns) {
    if (!(ns > 0)) return 0;  // also NaN
    if (ns >= static_cast<double>(kMaxDelayNs)) return kMaxDelayNs;
    return std::llround(ns);
}

/// The longest task a shape can plan, or nullopt when unbounded (exp, clamped per draw).
std::optional<double> longest_ns(const Durations& d, std::int64_t delay_ns, int tasks) {
    const auto delay = static_cast<double>(delay_ns);
    switch (d.shape) {
        case DurationShape::Fixed:
            return delay;
        case DurationShape::Uniform:
            return delay * (1 + d.param);
        case DurationShape::Straggler:
            return delay * std::max(d.param, 1.0);
        case DurationShape::Rising:
            return delay * 2.0 * tasks / (tasks + 1.0);
        case DurationShape::Exp:
            break;
    }
    return std::nullopt;
}

/// The body the process strategies run when the shape is not fixed, registered as task
/// "shaped_pow": slow_pow whose delay is this task's planned duration. x is the task's index.
std::int64_t shaped_pow(std::int64_t x, std::int64_t y, std::int64_t delay_ns,
                        std::int64_t workload, std::int64_t crash_task, std::int64_t shape,
                        double param, std::int64_t seed, std::int64_t tasks) {
    const Durations d{static_cast<DurationShape>(std::clamp<std::int64_t>(shape, 0, 4)), param};
    const auto n = static_cast<int>(std::clamp<std::int64_t>(tasks, 1, kMaxTasks));
    const auto i = static_cast<int>(std::clamp<std::int64_t>(x, 0, n - 1));
    return slow_pow(x, y, planned_delay_ns(d, seed, delay_ns, n, i), workload, crash_task);
}

PLAB_TASK(shaped_pow);

}  // namespace

std::string durations_allowed() {
    return "fixed, uniform:S (0 <= S <= 1), exp, straggler:F (0 < F <= " +
           number_text(kMaxStragglerFactor) + ") or rising";
}

std::optional<Durations> parse_durations(std::string_view text, std::string* error) {
    auto fail = [&](const std::string& why) -> std::optional<Durations> {
        if (error != nullptr) *error = why + ": durations are " + durations_allowed();
        return std::nullopt;
    };
    const auto colon = text.find(':');
    const std::string_view name = text.substr(0, colon);
    for (const ShapeName& s : kShapes) {
        if (s.name != name) continue;
        if (!s.has_param) {
            if (colon != std::string_view::npos) {
                return fail("durations " + quoted(text) + ": " + std::string(name) +
                            " takes no number");
            }
            return Durations{s.shape, 0};
        }
        const std::string_view number =
            colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
        double v = 0;
        const auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
        if (number.empty() || ec != std::errc() || p != number.data() + number.size() ||
            !param_ok(s.shape, v)) {
            return fail("bad durations " + quoted(text));
        }
        return Durations{s.shape, v};
    }
    return fail("unknown durations " + quoted(text));
}

std::string format_durations(const Durations& d) {
    for (const ShapeName& s : kShapes) {
        if (s.shape == d.shape)
            return std::string(s.name) + (s.has_param ? ":" + number_text(d.param) : "");
    }
    return "fixed";
}

std::string validate_durations(const Durations& d, std::int64_t delay_ns, int tasks) {
    if (!param_ok(d.shape, d.param)) {
        return "durations " + format_durations(d) + " is out of range: durations are " +
               durations_allowed();
    }
    const auto longest = longest_ns(d, delay_ns, std::max(tasks, 1));
    if (longest && *longest > static_cast<double>(kMaxDelayNs)) {
        return "durations " + format_durations(d) + " with a delay of " +
               number_text(static_cast<double>(delay_ns) / 1e9) + " s plans a task of " +
               number_text(*longest / 1e9) + " s: the longest task must be at most 3600 s";
    }
    return {};
}

std::int64_t planned_delay_ns(const Durations& d, std::int64_t seed, std::int64_t delay_ns,
                              int tasks, int index) {
    const auto delay = static_cast<double>(delay_ns);
    switch (d.shape) {
        case DurationShape::Fixed:
            return clamp_ns(delay);
        case DurationShape::Uniform:
            return clamp_ns(delay * (1 - d.param + 2 * d.param * unit_draw(seed, index)));
        case DurationShape::Exp:
            return clamp_ns(-delay * std::log(unit_draw(seed, index)));
        case DurationShape::Straggler:
            return clamp_ns(index == tasks - 1 ? delay * d.param : delay);
        case DurationShape::Rising: {
            if (tasks < 1 || delay_ns <= 0) return 0;
            // Exact in 64-bit integers: delay x 2(i+1) / (n+1), rounded to the nearest ns, as
            // 2(i+1) x q + (2(i+1) x r + (n+1)/2) / (n+1) where delay = q (n+1) + r.
            const std::int64_t n1 = std::int64_t{tasks} + 1;
            const std::int64_t twice = 2 * (std::int64_t{std::clamp(index, 0, tasks - 1)} + 1);
            const std::int64_t capped = std::min(delay_ns, kMaxDelayNs);
            const std::int64_t ns = twice * (capped / n1) + (twice * (capped % n1) + n1 / 2) / n1;
            return std::min(ns, kMaxDelayNs);
        }
    }
    return clamp_ns(delay);
}

std::int64_t planned_delay_ns(const ExperimentSpec& spec, int index) {
    return planned_delay_ns(spec.durations, spec.seed, spec.delay_ns, spec.tasks, index);
}

Task planned_task(const ExperimentSpec& spec) {
    const auto workload = static_cast<std::int64_t>(spec.workload);
    const std::string payload = spec.payload_bytes > 0 ? "_payload" : "";
    if (spec.durations.shape == DurationShape::Fixed) {
        return Task("slow_pow" + payload)
            .bind(spec.exponent, spec.delay_ns, workload, spec.crash_task);
    }
    return Task("shaped_pow" + payload)
        .bind(spec.exponent, spec.delay_ns, workload, spec.crash_task,
              static_cast<std::int64_t>(spec.durations.shape), spec.durations.param, spec.seed,
              spec.tasks);
}

std::int64_t makespan_ns(const std::vector<std::int64_t>& durations, int workers, int chunksize) {
    const auto chunk = static_cast<std::size_t>(std::max(chunksize, 1));
    // (free at, worker number): the smallest is the worker that takes the next chunk.
    using Slot = std::pair<std::int64_t, int>;
    std::priority_queue<Slot, std::vector<Slot>, std::greater<>> free;
    for (int w = 0; w < std::max(workers, 1); ++w)
        free.emplace(0, w);
    std::int64_t end = 0;
    for (std::size_t at = 0; at < durations.size(); at += chunk) {
        auto [t, w] = free.top();
        free.pop();
        for (std::size_t i = at; i < std::min(at + chunk, durations.size()); ++i)
            t += durations[i];
        end = std::max(end, t);
        free.emplace(t, w);
    }
    return end;
}

std::int64_t model_elapsed_ns(const ExperimentSpec& spec) {
    if (spec.strategy == Strategy::MapClosure || spec.strategy == Strategy::PyMapClosure) return 0;
    std::vector<std::int64_t> plan(static_cast<std::size_t>(std::max(spec.tasks, 0)));
    for (std::size_t i = 0; i < plan.size(); ++i)
        plan[i] = planned_delay_ns(spec, static_cast<int>(i));
    switch (spec.strategy) {
        case Strategy::Serial:
        case Strategy::PySerial:
            return makespan_ns(plan, 1, 1);
        case Strategy::ApplyAsync:
        case Strategy::ThreadMap:
        case Strategy::PyApplyAsync:
            return makespan_ns(plan, spec.workers, 1);
        default:
            return makespan_ns(plan, spec.workers, effective_chunksize(spec));
    }
}

}  // namespace plab
