#include "form_check.h"

#include <algorithm>

#include "experiment/payload.h"
#include "spec_text.h"

namespace plab::ui {

namespace {

// A sweep that validates, to probe one field at a time.
SweepSpec probe_base() {
    SweepSpec s;
    s.strategies = {Strategy::Map};
    s.workers = {1};
    s.repeats = 1;
    return s;
}

int clamp_int(std::int64_t v) {
    return static_cast<int>(std::clamp<std::int64_t>(v, -1'000'000'000, 2'000'000'000));
}

void probe(FormCheck& check, Field field, const SweepSpec& s) {
    if (check.errors.count(field)) return;
    if (auto message = validate(s); !message.empty()) check.errors[field] = message;
}

/// The durations shape and seed, against the tasks and delay (when those are right).
void check_durations(FormCheck& check, const FormInput& in, int tasks, std::int64_t delay_ns) {
    std::string why;
    const auto d = parse_durations(in.durations, &why);
    if (!d) {
        check.errors[Field::Durations] = why;
        return;
    }
    if (in.seed < 0 || in.seed > kMaxFormSeed) {
        check.errors[Field::Durations] =
            "seed must be 0.." + std::to_string(kMaxFormSeed) + ", got " + std::to_string(in.seed);
        return;
    }
    SweepSpec s = probe_base();
    s.base.tasks = tasks;
    s.base.delay_ns = delay_ns;
    s.base.durations = *d;
    s.base.seed = in.seed;
    probe(check, Field::Durations, s);
}

}  // namespace

std::string allowed(Field field) {
    switch (field) {
        case Field::Strategies:
            return "at least one strategy";
        case Field::Workers:
            return "1.." + std::to_string(kMaxWorkers) + " workers, e.g. 5, 1..8 or 1,2,4";
        case Field::Tasks:
            return "1.." + std::to_string(kMaxTasks) + " tasks";
        case Field::Delay:
            return "0..3600 s per task, e.g. 1s, 250ms, 500us or 0.5";
        case Field::Exponent:
            return "0.." + std::to_string(kMaxExponent);
        case Field::Chunksize:
            return "auto or 1..tasks; 1,auto runs one sweep each to compare";
        case Field::Repeats:
            return "1.." + std::to_string(kMaxRepeats) + " repeats";
        case Field::CrashTask:
            return "empty (no crash) or a task 0..tasks-1";
        case Field::Durations:
            return durations_allowed() + "; a seed 0.." + std::to_string(kMaxFormSeed) +
                   "; no task longer than 3600 s";
        case Field::Payload:
            return "0..64 MiB per task (tasks x payload at most 1 GiB), e.g. 0, 4KiB, 16MiB; "
                   "0,1MiB,16MiB runs one sweep each to compare";
    }
    return {};
}

FormCheck check_form(const FormInput& in) {
    FormCheck check;
    if (in.strategies.empty()) check.errors[Field::Strategies] = "choose at least one strategy";
    SweepSpec s = probe_base();
    s.strategies = in.strategies.empty() ? s.strategies : in.strategies;
    probe(check, Field::Strategies, s);

    s = probe_base();
    s.base.tasks = clamp_int(in.tasks);
    probe(check, Field::Tasks, s);
    const bool tasks_ok = !check.errors.count(Field::Tasks);
    const int tasks = tasks_ok ? s.base.tasks : ExperimentSpec{}.tasks;

    const auto workers = parse_workers(in.workers);
    const auto delay = parse_delay(in.delay);
    const auto chunks = parse_chunksizes(in.chunksize, tasks);
    const auto crash = parse_crash_task(in.crash_task, tasks);
    if (!workers.value) check.errors[Field::Workers] = workers.error;
    if (!delay.value) check.errors[Field::Delay] = delay.error;
    if (!chunks.value) check.errors[Field::Chunksize] = chunks.error;
    if (!crash.value) check.errors[Field::CrashTask] = crash.error;

    if (workers.value) {
        s = probe_base();
        s.workers = *workers.value;
        probe(check, Field::Workers, s);
    }
    if (delay.value) {
        s = probe_base();
        s.base.delay_ns = *delay.value;
        probe(check, Field::Delay, s);
    }
    s = probe_base();
    s.base.exponent = clamp_int(in.exponent);
    probe(check, Field::Exponent, s);
    s = probe_base();
    s.repeats = clamp_int(in.repeats);
    probe(check, Field::Repeats, s);
    if (chunks.value) {
        for (int c : *chunks.value) {
            s = probe_base();
            s.base.tasks = tasks;
            s.base.chunksize = c;
            probe(check, Field::Chunksize, s);
        }
    }
    if (crash.value) {
        s = probe_base();
        s.base.tasks = tasks;
        s.base.crash_task = *crash.value;
        probe(check, Field::CrashTask, s);
    }
    check_durations(check, in, tasks, delay.value.value_or(ExperimentSpec{}.delay_ns));
    std::string payload_error;
    const auto payloads = parse_size_list(in.payload, &payload_error);
    if (!payloads) check.errors[Field::Payload] = payload_error;
    for (const std::int64_t p : payloads ? *payloads : std::vector<std::int64_t>{}) {
        if (auto message = validate_payload(p, tasks); !message.empty())
            check.errors.emplace(Field::Payload, message);
    }
    if (!check.errors.empty()) return check;

    const std::vector<StartMethod> starts =
        in.starts.empty() ? std::vector<StartMethod>{StartMethod::Fork} : in.starts;
    std::vector<std::pair<int, std::int64_t>> leg_plan;  // payloads inside chunk sizes
    for (const int c : *chunks.value) {
        for (const std::int64_t p : *payloads)
            leg_plan.emplace_back(c, p);
    }
    for (const auto& [c, p] : leg_plan) {
        for (const StartMethod start : starts) {
            SweepSpec leg;
            leg.strategies = in.strategies;
            leg.workers = *workers.value;
            leg.repeats = clamp_int(in.repeats);
            leg.base.tasks = tasks;
            leg.base.delay_ns = *delay.value;
            leg.base.workload = in.workload;
            leg.base.exponent = clamp_int(in.exponent);
            leg.base.chunksize = c;
            leg.base.crash_task = *crash.value;
            leg.base.serial_fraction = in.serial_fraction;
            leg.base.scaling = in.scaling;
            leg.base.durations = *parse_durations(in.durations);
            leg.base.seed = in.seed;
            leg.base.start_method = start;
            leg.base.payload_bytes = p;
            if (auto message = validate(leg); !message.empty()) {
                check.errors[Field::Strategies] = message;  // no field of its own: shown at the top
                check.legs.clear();
                return check;
            }
            check.legs.push_back(std::move(leg));
        }
    }
    return check;
}

FormInput form_for(const SweepSpec& leg, const std::vector<int>& chunksizes,
                   const std::vector<std::int64_t>& payloads) {
    FormInput in;
    in.strategies = leg.strategies;
    in.workers = format_workers(leg.workers);
    in.tasks = leg.base.tasks;
    in.delay = format_delay(leg.base.delay_ns);
    in.workload = leg.base.workload;
    in.exponent = leg.base.exponent;
    in.chunksize =
        format_chunksizes(chunksizes.empty() ? std::vector<int>{leg.base.chunksize} : chunksizes);
    in.repeats = leg.repeats;
    in.crash_task = leg.base.crash_task < 0 ? "" : std::to_string(leg.base.crash_task);
    in.serial_fraction = leg.base.serial_fraction;
    in.scaling = leg.base.scaling;
    in.durations = format_durations(leg.base.durations);
    in.seed = leg.base.seed;
    in.starts = {leg.base.start_method};
    in.payload = size_tokens(payloads.empty() ? std::vector{leg.base.payload_bytes} : payloads);
    return in;
}

}  // namespace plab::ui
