#include "mpi/mpi_args.h"

#include <algorithm>
#include <array>
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

constexpr std::array kKeys{kKeyStrategy,  kKeyWorkers,  kKeyTasks,        kKeyDelayNs,
                           kKeyWorkload,  kKeyExponent, kKeyChunksize,    kKeyCrashTask,
                           kKeyDurations, kKeySeed,     kKeyPayloadBytes, kKeyStarts,
                           kKeySerialNs};

// Sets the field key names from value; false when value is not of the field's kind (ranges
// are validate()'s job).
bool assign(RankArgs& out, std::string_view key, std::string_view value) {
    ExperimentSpec& s = out.spec;
    const auto take = [](auto& field, const auto& parsed) {
        if (parsed) field = *parsed;
        return parsed.has_value();
    };
    const auto set = [&](auto& field) {
        return take(field, whole_integer<std::remove_reference_t<decltype(field)>>(value));
    };
    if (key == kKeyStrategy) return take(s.strategy, parse_strategy(value));
    if (key == kKeyWorkload) return take(s.workload, parse_workload(value));
    if (key == kKeyDurations) return take(s.durations, parse_durations(value));
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
    if (key == kKeySerialNs) {
        const auto ns = whole_integer<std::int64_t>(value);
        if (!ns || *ns < 0) return false;
        out.serial_ns = *ns;
        return true;
    }
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
            pair(kKeyStarts, args.starts ? 1 : 0),
            pair(kKeySerialNs, args.serial_ns)};
}

std::optional<RankArgs> parse_rank_command(std::span<const std::string_view> argv,
                                           std::string* error) {
    if (argv.empty() || argv[0] != kRankFlag)
        return fail(error, "the rank mode starts with " + std::string(kRankFlag));
    if (argv.size() < 2 || whole_integer<int>(argv[1]) != kProtocolVersion) {
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
    return out;
}

}  // namespace plab::mpi
