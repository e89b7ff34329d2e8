#include "spec_text.h"

#include <algorithm>

#include "cli/args.h"

namespace plab::ui {

namespace {

std::string without_spaces(std::string_view s) {
    std::string out(s);
    out.erase(std::remove_if(out.begin(), out.end(), [](char c) { return c == ' ' || c == '\t'; }),
              out.end());
    return out;
}

template <class T>
Parsed<T> from(std::optional<T> value, std::string error) {
    if (value) return {std::move(value), {}};
    return {std::nullopt, error.empty() ? std::string("not understood") : std::move(error)};
}

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> parts;
    std::size_t at = 0;
    for (;;) {
        const auto comma = s.find(',', at);
        parts.push_back(s.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
        if (comma == std::string::npos) return parts;
        at = comma + 1;
    }
}

}  // namespace

Parsed<std::vector<int>> parse_workers(std::string_view text) {
    std::string why;
    auto v = cli::parse_worker_list(without_spaces(text), &why);
    return from(v, why);
}

Parsed<std::int64_t> parse_delay(std::string_view text) {
    std::string why;
    auto v = cli::parse_duration(without_spaces(text), &why);
    return from(v, why);
}

Parsed<std::vector<int>> parse_chunksizes(std::string_view text, int tasks) {
    std::vector<int> out;
    for (const auto& part : split_commas(without_spaces(text))) {
        std::string why;
        const auto c = cli::parse_chunksize(part, tasks, &why);
        if (!c) return {std::nullopt, why};
        if (std::find(out.begin(), out.end(), *c) != out.end()) {
            return {std::nullopt, "each chunk size once, e.g. 1,auto"};
        }
        out.push_back(*c);
    }
    return {out, {}};
}

Parsed<int> parse_crash_task(std::string_view text, int tasks) {
    const std::string s = without_spaces(text);
    if (s.empty() || s == "none") return {-1, {}};
    std::string why;
    auto v = cli::parse_int("crash task", s, 0, std::max(tasks - 1, 0), &why);
    return from(v, why + " (or leave it empty)");
}

std::string format_delay(std::int64_t ns) {
    if (ns == 0) return "0";
    if (ns % 1'000'000'000 == 0) return std::to_string(ns / 1'000'000'000) + "s";
    if (ns % 1'000'000 == 0) return std::to_string(ns / 1'000'000) + "ms";
    if (ns % 1'000 == 0) return std::to_string(ns / 1'000) + "us";
    return std::to_string(ns) + "ns";
}

std::string join_workers(const std::vector<int>& workers) {
    std::string out;
    for (int w : workers) {
        if (!out.empty()) out += ',';
        out += std::to_string(w);
    }
    return out;
}

std::string format_workers(const std::vector<int>& workers) {
    bool contiguous = workers.size() > 2;
    for (std::size_t i = 1; contiguous && i < workers.size(); ++i) {
        contiguous = workers[i] == workers[i - 1] + 1;
    }
    if (contiguous) {
        return std::to_string(workers.front()) + ".." + std::to_string(workers.back());
    }
    return join_workers(workers);
}

std::string format_chunksizes(const std::vector<int>& chunksizes) {
    std::string out;
    for (int c : chunksizes) {
        if (!out.empty()) out += ',';
        out += c == 0 ? "auto" : std::to_string(c);
    }
    return out;
}

}  // namespace plab::ui
