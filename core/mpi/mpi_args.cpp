#include "mpi/mpi_args.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

#include "mpi/mpi_protocol.h"

namespace plab::mpi {

namespace {

std::string pair(std::string_view key, std::string_view value) {
    return std::string(key) + "=" + std::string(value);
}

template <class T>
std::string pair(std::string_view key, T value) {
    return pair(key, std::string_view(std::to_string(value)));
}

std::optional<RankArgs> fail(std::string* error, std::string why) {
    if (error != nullptr) *error = std::move(why);
    return std::nullopt;
}

// value as a whole integer of type T, or nullopt.
template <class T>
std::optional<T> integer(std::string_view value) {
    T v{};
    const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (value.empty() || ec != std::errc() || p != value.data() + value.size()) return std::nullopt;
    return v;
}

constexpr std::array kKeys{kKeyStrategy,  kKeyWorkers,  kKeyTasks,        kKeyDelayNs,
                           kKeyWorkload,  kKeyExponent, kKeyChunksize,    kKeyCrashTask,
                           kKeyDurations, kKeySeed,     kKeyPayloadBytes, kKeyStarts};

// Sets the field key names from value; false when value is not of the field's kind (ranges
// are validate()'s job).
bool assign(RankArgs& out, std::string_view key, std::string_view value) {
    ExperimentSpec& s = out.spec;
    const auto set = [value](auto& field) {
        const auto v = integer<std::remove_reference_t<decltype(field)>>(value);
        if (v) field = *v;
        return v.has_value();
    };
    if (key == kKeyStrategy) {
        const auto strategy = parse_strategy(value);
        if (strategy) s.strategy = *strategy;
        return strategy.has_value();
    }
    if (key == kKeyWorkload) {
        const auto workload = parse_workload(value);
        if (workload) s.workload = *workload;
        return workload.has_value();
    }
    if (key == kKeyDurations) {
        const auto durations = parse_durations(value);
        if (durations) s.durations = *durations;
        return durations.has_value();
    }
    if (key == kKeyStarts) {
        if (value != "0" && value != "1") return false;
        out.starts = value == "1";
        return true;
    }
    if (key == kKeyWorkers) return set(s.workers);
    if (key == kKeyTasks) return set(s.tasks);
    if (key == kKeyDelayNs) return set(s.delay_ns);
    if (key == kKeyExponent) return set(s.exponent);
    if (key == kKeyChunksize) return set(s.chunksize);
    if (key == kKeyCrashTask) return set(s.crash_task);
    if (key == kKeySeed) return set(s.seed);
    return set(s.payload_bytes);  // kKeyPayloadBytes: the caller checked the key is known
}

}  // namespace

std::vector<std::string> rank_command(const RankArgs& args) {
    const ExperimentSpec& s = args.spec;
    return {std::string(kRankFlag),
            std::to_string(kProtocolVersion),
            pair(kKeyStrategy, strategy_name(s.strategy)),
            pair(kKeyWorkers, s.workers),
            pair(kKeyTasks, s.tasks),
            pair(kKeyDelayNs, s.delay_ns),
            pair(kKeyWorkload, workload_name(s.workload)),
            pair(kKeyExponent, s.exponent),
            pair(kKeyChunksize, s.chunksize),
            pair(kKeyCrashTask, s.crash_task),
            pair(kKeyDurations, std::string_view(format_durations(s.durations))),
            pair(kKeySeed, s.seed),
            pair(kKeyPayloadBytes, s.payload_bytes),
            pair(kKeyStarts, args.starts ? 1 : 0)};
}

std::optional<RankArgs> parse_rank_command(std::span<const std::string_view> argv,
                                           std::string* error) {
    if (argv.empty() || argv[0] != kRankFlag)
        return fail(error, "the rank mode starts with " + std::string(kRankFlag));
    if (argv.size() < 2 || integer<int>(argv[1]) != kProtocolVersion) {
        return fail(error, "this rank speaks protocol version " + std::to_string(kProtocolVersion) +
                               ", got '" + std::string(argv.size() < 2 ? "" : argv[1]) +
                               "' (every host must run the same parallel-lab)");
    }
    RankArgs out;
    std::map<std::string_view, bool> seen;
    for (const std::string_view arg : argv.subspan(2)) {
        const std::size_t eq = arg.find('=');
        const std::string_view key = arg.substr(0, eq);
        if (eq == std::string_view::npos ||
            std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end())
            return fail(error, "unknown rank argument '" + std::string(arg) + "'");
        if (seen[key]) return fail(error, "rank argument " + std::string(key) + " given twice");
        seen[key] = true;
        if (!assign(out, key, arg.substr(eq + 1))) {
            return fail(error, "rank argument " + std::string(key) + " has a bad value '" +
                                   std::string(arg.substr(eq + 1)) + "'");
        }
    }
    for (const std::string_view key : kKeys) {
        if (!seen[key]) return fail(error, "rank argument " + std::string(key) + " is missing");
    }
    if (!runs_mpi(out.spec.strategy)) {
        return fail(error, "the rank mode runs mpi_map or mpi_scatter, got " +
                               std::string(strategy_name(out.spec.strategy)));
    }
    if (std::string why = validate(out.spec); !why.empty()) return fail(error, why);
    if (out.spec.payload_bytes > 0)
        return fail(error, "the MPI strategies do not send a payload yet");
    return out;
}

}  // namespace plab::mpi
