// Checks what the experiment form holds, field by field, with the same rules as the CLI
// (plab::validate), and turns it into the sweeps to run.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "experiment/sweep.h"

namespace plab::ui {

enum class Field {
    Strategies,
    Workers,
    Tasks,
    Delay,
    Exponent,
    Chunksize,
    Repeats,
    CrashTask,
    Durations,
    Payload,
};

/// The window's largest seed (its box holds an int); the CLI takes any up to INT64_MAX.
inline constexpr std::int64_t kMaxFormSeed = 2'147'483'647;

/// The form's contents as typed.
struct FormInput {
    std::vector<Strategy> strategies;
    std::string workers = "5";
    std::int64_t tasks = 10;
    std::string delay = "1s";
    Workload workload = Workload::Sleep;
    std::int64_t exponent = 2;
    std::string chunksize = "auto";
    std::int64_t repeats = 1;
    std::string crash_task;
    double serial_fraction = 0;  ///< 0 <= F < 1 (experiment/serial_part.h)
    Scaling scaling = Scaling::Strong;
    std::string durations = "fixed";  ///< SHAPE text as --durations takes it
    std::int64_t seed = 1;
    /// Start methods to compare (--start): each gets its own sweep, drawn side by side.
    std::vector<StartMethod> starts{StartMethod::Fork};
    std::string payload = "0";  ///< a size or a list of sizes (payload.h): one sweep each

    bool operator==(const FormInput&) const = default;
};

/// The verdict: one message per wrong field, or the sweeps to run (one per chunk size and
/// payload, payloads inside chunk sizes).
struct FormCheck {
    std::map<Field, std::string> errors;
    std::vector<SweepSpec> legs;
    bool ok() const { return errors.empty() && !legs.empty(); }
};

/// Checks every field. A field's message says what is wrong and what is allowed; a field
/// that depends on another (chunk size and crash task on tasks) is checked against it.
FormCheck check_form(const FormInput& input);

/// What a field accepts, for tooltips and messages: "1..64 workers, e.g. 5, 1..8 or 1,2,4".
std::string allowed(Field field);

/// The form that asks for leg (and the chunk sizes and payloads given), the reverse of
/// check_form.
FormInput form_for(const SweepSpec& leg, const std::vector<int>& chunksizes,
                   const std::vector<std::int64_t>& payloads = {});

}  // namespace plab::ui
