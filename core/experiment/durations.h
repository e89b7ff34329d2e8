// Uneven tasks: how long each task of an experiment takes (--durations SHAPE, --seed N).
//
// A task's planned duration is a pure function of (shape, seed, delay, tasks, task index): a
// counter-based generator (SplitMix64 at position index of the stream seeded by seed) draws it,
// so every strategy, every worker count and every order of execution gives task i the same
// duration, in the parent and in any worker process alike.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pool/registry.h"

namespace plab {

struct ExperimentSpec;

/// The shapes --durations accepts.
enum class DurationShape {
    Fixed,      ///< every task takes delay (the article; the default)
    Uniform,    ///< delay x a uniform factor in [1-S, 1+S], 0 <= S <= 1
    Exp,        ///< exponential with mean delay (each draw at most kMaxDelayNs)
    Straggler,  ///< the last task takes F x delay, the others delay; 0 < F <= kMaxStragglerFactor
    Rising,     ///< task i of n takes delay x 2(i+1)/(n+1): the mean is delay, the last the longest
};

/// The largest F of straggler:F.
inline constexpr double kMaxStragglerFactor = 1000;

/// A shape and its number (S for uniform, F for straggler, 0 for the others).
struct Durations {
    DurationShape shape = DurationShape::Fixed;
    double param = 0;

    bool operator==(const Durations&) const = default;
};

/// What --durations accepts, for messages: "fixed, uniform:S (0 <= S <= 1), exp, ...".
std::string durations_allowed();

/// Parses SHAPE text ("fixed", "uniform:0.5", "exp", "straggler:10", "rising"); names are
/// case-sensitive. nullopt with one line in *error (what is wrong and what is allowed) for
/// anything else, a number out of its range, NaN or infinity included. Never throws.
std::optional<Durations> parse_durations(std::string_view text, std::string* error = nullptr);

/// The text parse_durations reads back to the same value: "uniform:0.25", "rising".
std::string format_durations(const Durations& d);

/// Empty when d is a valid shape for this delay and task count; else one line saying what is
/// allowed: S or F out of range, or a longest task (straggler, uniform, rising) beyond
/// kMaxDelayNs.
std::string validate_durations(const Durations& d, std::int64_t delay_ns, int tasks);

/// Task index's planned duration in ns. Pure: same arguments, same answer, in any process.
/// Arguments that validate_durations refuses, or an index outside 0..tasks-1, give a value
/// clamped to 0..kMaxDelayNs (never undefined behaviour); rising takes such an index as the
/// nearest of 0..tasks-1.
std::int64_t planned_delay_ns(const Durations& d, std::int64_t seed, std::int64_t delay_ns,
                              int tasks, int index);

/// planned_delay_ns for spec's shape, seed, delay and tasks.
std::int64_t planned_delay_ns(const ExperimentSpec& spec, int index);

/// The registered task, with its bound arguments, that a process pool maps over the task
/// indexes so that task x waits its planned duration: slow_pow(x, y, delay, workload, crash)
/// for fixed (as before durations existed), else shaped_pow, which plans x's duration in the
/// worker from the bound shape, seed, delay and task count. With a payload, the same tasks'
/// _payload twins (slow_pow_payload, shaped_pow_payload), which map the payload arguments.
Task planned_task(const ExperimentSpec& spec);

/// How long workers take to run these durations when chunks of chunksize tasks are handed out
/// in order, each to whichever worker is free first (the earliest-numbered on a tie), as
/// Python's Pool does: the largest per-worker sum. workers and chunksize below 1 count as 1.
std::int64_t makespan_ns(const std::vector<std::int64_t>& durations, int workers, int chunksize);

/// The model of spec's run without any overhead: makespan_ns of its planned durations under the
/// chunking its strategy uses (serial: the sum; apply_async and thread_map: one task at a time;
/// the others: effective_chunksize; map_closure, which is refused: 0).
std::int64_t model_elapsed_ns(const ExperimentSpec& spec);

}  // namespace plab
