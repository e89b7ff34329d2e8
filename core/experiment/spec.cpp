#include "experiment/spec.h"

#include <algorithm>

#include "experiment/payload.h"

namespace plab {

std::string_view workload_name(Workload w) {
    return w == Workload::Cpu ? "cpu" : "sleep";
}

std::optional<Workload> parse_workload(std::string_view name) {
    if (name == "sleep") return Workload::Sleep;
    if (name == "cpu") return Workload::Cpu;
    return std::nullopt;
}

namespace {
std::string out_of_range(const char* what, long long lo, long long hi, long long got) {
    return std::string(what) + " must be " + std::to_string(lo) + ".." + std::to_string(hi) +
           ", got " + std::to_string(got);
}
}  // namespace

std::string validate(const ExperimentSpec& s) {
    if (s.workers < 1 || s.workers > kMaxWorkers)
        return out_of_range("workers", 1, kMaxWorkers, s.workers);
    if (s.tasks < 1 || s.tasks > kMaxTasks) return out_of_range("tasks", 1, kMaxTasks, s.tasks);
    if (s.delay_ns < 0 || s.delay_ns > kMaxDelayNs) {
        return "delay must be 0..3600 s, got " +
               std::to_string(static_cast<double>(s.delay_ns) / 1e9) + " s";
    }
    if (s.exponent < 0 || s.exponent > kMaxExponent) {
        return out_of_range("exponent", 0, kMaxExponent, s.exponent);
    }
    if (s.chunksize < 0 || s.chunksize > s.tasks) {
        return "chunksize must be auto (0) or 1.." + std::to_string(s.tasks) +
               " (the task count), got " + std::to_string(s.chunksize);
    }
    if (s.task_timeout_ns < 0 || s.task_timeout_ns > kMaxDelayNs) {
        return "task timeout must be 0..3600 s (0: none), got " +
               std::to_string(static_cast<double>(s.task_timeout_ns) / 1e9) + " s";
    }
    if (s.crash_task < -1 || s.crash_task >= s.tasks) {
        return "crash task must be 0.." + std::to_string(s.tasks - 1) +
               " (a task index) or none, got " + std::to_string(s.crash_task);
    }
    if (static_cast<int>(s.start_method) < 0 || static_cast<int>(s.start_method) > 2) {
        return "start method must be one of " + start_method_names_joined() + ", got " +
               std::to_string(static_cast<int>(s.start_method));
    }
    if (s.seed < 0) return "seed must be 0..9223372036854775807, got " + std::to_string(s.seed);
    if (std::string why = validate_durations(s.durations, s.delay_ns, s.tasks); !why.empty())
        return why;
    if (std::string problem = validate_payload(s.payload_bytes, s.tasks); !problem.empty())
        return problem;
    return serial_fraction_problem(s);
}

int auto_chunksize(int tasks, int workers) {
    const int per = 4 * std::max(workers, 1);
    return std::max(1, (tasks + per - 1) / per);
}

int effective_chunksize(const ExperimentSpec& spec) {
    if (spec.chunksize > 0) return spec.chunksize;
    return auto_chunksize(spec.tasks, spec.workers);
}

}  // namespace plab
