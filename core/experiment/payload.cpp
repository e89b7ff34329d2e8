#include "experiment/payload.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "experiment/durations.h"
#include "experiment/workload.h"
#include "pool/registry.h"

namespace plab {

namespace {

__extension__ using Wide = __int128;  // mantissa x unit and tasks x bytes fit, without overflow

struct Unit {
    std::string_view name;
    std::int64_t bytes;
};
constexpr Unit kUnits[] = {{"", 1},          {"B", 1},          {"KB", 1000},
                           {"KiB", 1 << 10}, {"MB", 1'000'000}, {"MiB", 1 << 20}};

std::optional<std::int64_t> size_error(std::string* error, const std::string& why) {
    if (error != nullptr) *error = why;
    return std::nullopt;
}

std::string size_syntax(std::string_view text) {
    return "payload must be a size 0..64 MiB written like 0, 1000, 1KB, 4KiB, 1.5MiB (B, KB = "
           "1000, KiB = 1024, MB, MiB), got '" +
           std::string(text.substr(0, 40)) + (text.size() > 40 ? "...'" : "'");
}

std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

std::int64_t unit_bytes(std::string_view name) {
    for (const Unit& u : kUnits) {
        if (u.name == name) return u.bytes;
    }
    return 1;
}

// The largest unit that divides bytes (> 0) exactly, binary before decimal; nullptr if none.
const char* exact_unit(std::int64_t bytes) {
    for (const char* name : {"MiB", "KiB", "MB", "KB"}) {
        if (bytes % unit_bytes(name) == 0) return name;
    }
    return nullptr;
}

// Word i of task t's payload: a per-task start and a fixed odd step, so every word differs
// from its neighbours and from other tasks' words at the same place.
constexpr std::uint64_t kStep = 0xD1B54A32D192ED03ull;

}  // namespace

std::optional<std::int64_t> parse_size(std::string_view text, std::string* error) {
    std::size_t digits_end = 0;
    while (digits_end < text.size() &&
           ((text[digits_end] >= '0' && text[digits_end] <= '9') || text[digits_end] == '.'))
        ++digits_end;
    const std::string_view number = text.substr(0, digits_end);
    const std::string_view unit_name = text.substr(digits_end);
    const std::size_t dot = number.find('.');
    const std::string_view whole = number.substr(0, dot);
    const std::string_view frac =
        dot == std::string_view::npos ? std::string_view() : number.substr(dot + 1);
    // One dot at most, digits on both sides of it, at most 18 digits in all (no overflow).
    if (whole.empty() || (dot != std::string_view::npos && frac.empty()) ||
        frac.find('.') != std::string_view::npos || whole.size() + frac.size() > 18)
        return size_error(error, size_syntax(text));
    const Unit* unit = nullptr;
    for (const Unit& u : kUnits) {
        if (u.name == unit_name) unit = &u;
    }
    if (unit == nullptr) return size_error(error, size_syntax(text));
    std::int64_t mantissa = 0;  // the number without its dot
    std::int64_t scale = 1;     // 10 ^ (digits after the dot)
    for (const char c : whole)
        mantissa = mantissa * 10 + (c - '0');
    for (const char c : frac) {
        mantissa = mantissa * 10 + (c - '0');
        scale *= 10;
    }
    // mantissa < 10^18 and unit <= 2^20: the product fits in 128 bits, not always in 64.
    const auto product = static_cast<Wide>(mantissa) * unit->bytes;
    if (product / scale > kMaxPayloadBytes) {
        return size_error(error, "payload must be at most 64 MiB (" +
                                     std::to_string(kMaxPayloadBytes) + " bytes), got '" +
                                     std::string(text.substr(0, 40)) + "'");
    }
    if (product % scale != 0) {
        return size_error(error, "payload must be a whole number of bytes, got '" +
                                     std::string(text.substr(0, 40)) + "'");
    }
    return static_cast<std::int64_t>(product / scale);
}

std::optional<std::vector<std::int64_t>> parse_size_list(std::string_view text,
                                                         std::string* error) {
    constexpr std::size_t kMaxSizes = 32;
    std::vector<std::int64_t> out;
    for (std::size_t at = 0;;) {
        const std::size_t comma = text.find(',', at);
        const std::string_view one =
            text.substr(at, comma == std::string_view::npos ? comma : comma - at);
        const auto size = parse_size(one, error);
        if (!size) return std::nullopt;
        for (const std::int64_t seen : out) {
            if (seen != *size) continue;
            if (error != nullptr)
                *error = "payloads must differ, got " + format_size(seen) + " twice";
            return std::nullopt;
        }
        if (out.size() == kMaxSizes) {
            if (error != nullptr) *error = "payloads: at most 32 sizes";
            return std::nullopt;
        }
        out.push_back(*size);
        if (comma == std::string_view::npos) return out;
        at = comma + 1;
    }
}

std::string format_size(std::int64_t bytes) {
    if (bytes < 0) return "-" + format_size(bytes == INT64_MIN ? INT64_MAX : -bytes);
    if (bytes < 1000) return std::to_string(bytes) + " B";
    if (const char* unit = exact_unit(bytes))
        return std::to_string(bytes / unit_bytes(unit)) + " " + unit;
    const bool mib = bytes >= (std::int64_t{1} << 20);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.1f %s",
                  static_cast<double>(bytes) / static_cast<double>(mib ? 1 << 20 : 1 << 10),
                  mib ? "MiB" : "KiB");
    return buf;
}

std::string size_token(std::int64_t bytes) {
    const char* unit = bytes >= 1000 ? exact_unit(bytes) : nullptr;
    if (unit == nullptr) return std::to_string(bytes);
    return std::to_string(bytes / unit_bytes(unit)) + unit;
}

std::string size_tokens(const std::vector<std::int64_t>& sizes) {
    std::string out;
    for (const std::int64_t s : sizes)
        out += (out.empty() ? "" : ",") + size_token(s);
    return out;
}

std::string validate_payload(std::int64_t payload_bytes, int tasks) {
    if (payload_bytes < 0 || payload_bytes > kMaxPayloadBytes) {
        return "payload must be 0..64 MiB (" + std::to_string(kMaxPayloadBytes) + " bytes), got " +
               std::to_string(payload_bytes) + " bytes";
    }
    if (static_cast<Wide>(payload_bytes) * tasks > kMaxPayloadTotalBytes) {
        return "tasks x payload must be at most 1 GiB (the parent holds every task's bytes), got " +
               std::to_string(tasks) + " x " + format_size(payload_bytes);
    }
    return {};
}

std::string make_payload(std::int64_t task, std::int64_t bytes) {
    if (bytes < 0) throw std::length_error("negative payload size " + std::to_string(bytes));
    std::string out(static_cast<std::size_t>(bytes), '\0');
    std::uint64_t word = splitmix(static_cast<std::uint64_t>(task));
    std::size_t at = 0;
    for (; at + 8 <= out.size(); at += 8, word += kStep)
        std::memcpy(out.data() + at, &word, 8);
    std::memcpy(out.data() + at, &word, out.size() - at);
    return out;
}

bool payload_matches(std::int64_t task, std::string_view data) {
    std::uint64_t word = splitmix(static_cast<std::uint64_t>(task));
    std::uint64_t diff = 0;
    std::size_t at = 0;
    for (; at + 8 <= data.size(); at += 8, word += kStep) {
        std::uint64_t got = 0;
        std::memcpy(&got, data.data() + at, 8);
        diff |= got ^ word;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, data.data() + at, data.size() - at);
    std::uint64_t want = 0;
    std::memcpy(&want, &word, data.size() - at);
    return (diff | (tail ^ want)) == 0;
}

Value payload_argument(std::int64_t task, std::int64_t bytes) {
    return Value::tuple(task, Value::bytes(make_payload(task, bytes)));
}

std::int64_t payload_task_index(const Value& arg) {
    const std::vector<Value>& xs = arg.items();
    if (xs.size() != 2 || xs[1].kind() != Value::Kind::Bytes) {
        throw std::invalid_argument("a payload task takes (x, bytes), got a " +
                                    std::to_string(xs.size()) + "-item " + kind_name(arg.kind()));
    }
    return xs[0].as_int();
}

Value slow_pow_payload_cancellable(const Value& arg, std::int64_t y, std::int64_t delay_ns,
                                   Workload workload, std::int64_t crash_task,
                                   const std::atomic<bool>* cancel) {
    const std::int64_t x = payload_task_index(arg);
    const std::vector<Value>& xs = arg.items();
    const std::int64_t p = slow_pow_cancellable(x, y, delay_ns, workload, crash_task, cancel);
    return Value::tuple(p, xs[1]);  // the bytes are shared, not copied: Python returns `data`
}

Value slow_pow_payload(const Value& arg, std::int64_t y, std::int64_t delay_ns,
                       std::int64_t workload, std::int64_t crash_task) {
    const Workload w =
        workload == static_cast<std::int64_t>(Workload::Cpu) ? Workload::Cpu : Workload::Sleep;
    return slow_pow_payload_cancellable(arg, y, delay_ns, w, crash_task, nullptr);
}

PLAB_TASK(slow_pow_payload);

namespace {

/// Registered as "shaped_pow_payload": slow_pow_payload whose delay is the planned duration of
/// its task (durations.h), for a payload with uneven durations, as shaped_pow is without one.
Value shaped_pow_payload(const Value& arg, std::int64_t y, std::int64_t delay_ns,
                         std::int64_t workload, std::int64_t crash_task, std::int64_t shape,
                         double param, std::int64_t seed, std::int64_t tasks) {
    const Durations d{static_cast<DurationShape>(std::clamp<std::int64_t>(shape, 0, 4)), param};
    const auto n = static_cast<int>(std::clamp<std::int64_t>(tasks, 1, kMaxTasks));
    const auto i = static_cast<int>(std::clamp<std::int64_t>(payload_task_index(arg), 0, n - 1));
    return slow_pow_payload(arg, y, planned_delay_ns(d, seed, delay_ns, n, i), workload,
                            crash_task);
}

PLAB_TASK(shaped_pow_payload);

}  // namespace

Value payload_result_value(const Value& result) {
    if (result.kind() != Value::Kind::Tuple || result.items().empty()) return {};
    return result.items().front();
}

std::string check_payload_result(const Value& result, std::int64_t task,
                                 std::int64_t payload_bytes) {
    if (result.kind() != Value::Kind::Tuple || result.items().size() != 2 ||
        result.items()[1].kind() != Value::Kind::Bytes) {
        return "the payload did not come back: expected (int, bytes), got " +
               std::string(kind_name(result.kind()));
    }
    const std::string_view data = result.items()[1].as_bytes();
    if (static_cast<std::int64_t>(data.size()) != payload_bytes) {
        return "the payload came back with " + std::to_string(data.size()) + " bytes, not " +
               std::to_string(payload_bytes);
    }
    if (!payload_matches(task, data)) {
        return "the payload came back altered (" + format_size(payload_bytes) +
               ", its bytes differ from the task's)";
    }
    return {};
}

void settle_payloads(SettledValues& outcomes, std::vector<TaskRecord>& tasks,
                     std::int64_t payload_bytes) {
    if (payload_bytes == 0) return;
    for (std::size_t i = 0; i < outcomes.values.size(); ++i) {
        if (outcomes.errors.count(i) != 0 || outcomes.never_ran(i)) continue;
        const auto task = static_cast<std::int64_t>(i);
        std::string problem = check_payload_result(outcomes.values[i], task, payload_bytes);
        if (problem.empty()) {
            outcomes.values[i] = payload_result_value(outcomes.values[i]);
            continue;
        }
        outcomes.values[i] = Value();
        for (TaskRecord& t : tasks) {
            if (t.task != task) continue;
            t.ok = false;
            t.error = problem;
            t.result = Value();
        }
        outcomes.errors.emplace(i, std::move(problem));
    }
}

}  // namespace plab
