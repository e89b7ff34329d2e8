#include "cli/args.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "experiment/spec.h"

namespace plab::cli {

namespace {

template <class T>
std::optional<T> set_error(std::string* error, std::string message) {
    if (error != nullptr) *error = std::move(message);
    return std::nullopt;
}

/// text read whole as a T (std::from_chars): nullopt when it is empty, not a T, out of T's
/// range, or followed by anything.
template <class T>
std::optional<T> whole_number(std::string_view text) {
    T v{};
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
    return v;
}

std::string quoted(std::string_view text) {
    return "'" + std::string(text.substr(0, 60)) + "'";
}

}  // namespace

std::optional<std::int64_t> parse_duration(std::string_view text, std::string* error) {
    const std::string allowed =
        "a delay is 0..3600 s, written like 1s, 250ms, 500us, 100ns or 0.5 (seconds)";
    const auto unit_at = text.find_first_not_of("0123456789.");
    const std::string_view number = text.substr(0, unit_at);
    const std::string_view unit = unit_at == std::string_view::npos ? "" : text.substr(unit_at);
    double scale = 0;
    if (unit.empty() || unit == "s") {
        scale = 1e9;
    } else if (unit == "ms") {
        scale = 1e6;
    } else if (unit == "us") {
        scale = 1e3;
    } else if (unit == "ns") {
        scale = 1;
    } else {
        return set_error<std::int64_t>(error, "bad delay " + quoted(text) + ": " + allowed);
    }
    const std::optional<double> v = whole_number<double>(number);
    if (!v || !std::isfinite(*v))
        return set_error<std::int64_t>(error, "bad delay " + quoted(text) + ": " + allowed);
    const double ns = *v * scale;
    if (ns > static_cast<double>(kMaxDelayNs)) {
        return set_error<std::int64_t>(error, "delay " + quoted(text) + " is too long: " + allowed);
    }
    return static_cast<std::int64_t>(std::llround(ns));
}

std::optional<int> parse_int(std::string_view what, std::string_view text, int lo, int hi,
                             std::string* error) {
    long long v = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    const std::string range = std::to_string(lo) + ".." + std::to_string(hi);
    if (text.empty() || ec == std::errc::invalid_argument || p != text.data() + text.size()) {
        return set_error<int>(error, std::string(what) + " must be a whole number " + range +
                                         ", got " + quoted(text));
    }
    if (ec == std::errc::result_out_of_range || v < lo || v > hi) {
        return set_error<int>(error,
                              std::string(what) + " must be " + range + ", got " + quoted(text));
    }
    return static_cast<int>(v);
}

std::optional<std::vector<int>> parse_worker_list(std::string_view text, std::string* error) {
    const std::string allowed = "workers are counts 1.." + std::to_string(kMaxWorkers) +
                                ", written like 5, 1,2,4,8 or 1..8";
    std::vector<int> out;
    if (text.empty()) return set_error<std::vector<int>>(error, "empty worker list: " + allowed);
    std::size_t at = 0;
    while (at <= text.size()) {
        const std::size_t comma = text.find(',', at);
        const std::string_view part =
            text.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at);
        const std::size_t dots = part.find("..");
        std::string why;
        if (dots == std::string_view::npos) {
            const auto v = parse_int("workers", part, 1, kMaxWorkers, &why);
            if (!v) return set_error<std::vector<int>>(error, why.append(" (" + allowed + ")"));
            out.push_back(*v);
        } else {
            const auto lo = parse_int("workers", part.substr(0, dots), 1, kMaxWorkers, &why);
            const auto hi = lo ? parse_int("workers", part.substr(dots + 2), 1, kMaxWorkers, &why)
                               : std::nullopt;
            if (!lo || !hi)
                return set_error<std::vector<int>>(error, why.append(" (" + allowed + ")"));
            if (*lo > *hi) {
                return set_error<std::vector<int>>(
                    error, "worker range " + quoted(part) + " runs backwards: " + allowed);
            }
            for (int w = *lo; w <= *hi; ++w)
                out.push_back(w);
        }
        if (comma == std::string_view::npos) break;
        at = comma + 1;
    }
    std::vector<int> sorted = out;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
        return set_error<std::vector<int>>(
            error, "worker list " + quoted(text) + " names a count twice: " + allowed);
    }
    return out;
}

namespace {

// Names from a comma-separated list, each parsed by parse (nullopt: unknown), none twice; what
// names one in messages ("strategy"), allowed says what is ("strategies are ...").
template <class T, class Parse>
std::optional<std::vector<T>> parse_name_list(std::string_view text, const std::string& what,
                                              const std::string& allowed, Parse parse,
                                              std::string* error) {
    std::vector<T> out;
    std::size_t at = 0;
    for (;;) {
        const std::size_t comma = text.find(',', at);
        const std::string_view name =
            text.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at);
        const std::optional<T> v = parse(name);
        if (!v) {
            std::string why = "unknown " + what;
            why += " " + quoted(name) + ": " + allowed;
            return set_error<std::vector<T>>(error, why);
        }
        if (std::find(out.begin(), out.end(), *v) != out.end()) {
            return set_error<std::vector<T>>(error, what + " " + quoted(name) + " is listed twice");
        }
        out.push_back(*v);
        if (comma == std::string_view::npos) break;
        at = comma + 1;
    }
    return out;
}

}  // namespace

std::optional<std::vector<Strategy>> parse_strategy_list(std::string_view text,
                                                         std::string* error) {
    return parse_name_list<Strategy>(text, "strategy", "strategies are " + strategy_names_joined(),
                                     parse_strategy, error);
}

std::optional<int> parse_chunksize(std::string_view text, int max_tasks, std::string* error) {
    if (text == "auto") return 0;
    const int hi = std::max(max_tasks, 1);
    const auto v = parse_int("chunksize", text, 1, hi, nullptr);
    if (!v) {
        return set_error<int>(error, "chunksize must be auto or a whole number 1.." +
                                         std::to_string(hi) + " (at most the task count), got " +
                                         quoted(text));
    }
    return v;
}

std::optional<double> parse_serial_fraction(std::string_view text, std::string* error) {
    const std::string allowed =
        "a serial fraction is a number at least 0 and below 1, written like 0.2";
    const std::optional<double> v = whole_number<double>(text);
    if (!v || !(*v >= 0 && *v < 1))
        return set_error<double>(error, "bad serial fraction " + quoted(text) + ": " + allowed);
    return v;
}

std::optional<std::int64_t> parse_seed(std::string_view text, std::string* error) {
    const std::optional<std::int64_t> v = whole_number<std::int64_t>(text);
    if (!v || *v < 0) {
        return set_error<std::int64_t>(
            error, "seed must be a whole number 0..9223372036854775807, got " + quoted(text));
    }
    return v;
}

std::optional<std::vector<StartMethod>> parse_start_list(std::string_view text,
                                                         std::string* error) {
    return parse_name_list<StartMethod>(text, "start method",
                                        "start methods are " + start_method_names_joined(),
                                        parse_start_method, error);
}

}  // namespace plab::cli
