// The text forms the window's fields accept. Parsing is the CLI's own (cli/args.h), so the
// window accepts exactly what `parallel-lab sweep` does; this adds what only the window needs
// (spaces, several chunk sizes, an empty crash task) and the reverse: formatting.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plab::ui {

/// A parsed value, or the sentence saying what is wrong and what is allowed.
template <class T>
struct Parsed {
    std::optional<T> value;
    std::string error;  ///< non-empty exactly when value is empty
};

/// "5", "1..8", "1,2,4" or a mix ("1..4, 8"); spaces are ignored. Each 1..kMaxWorkers, no
/// count twice; in the order given.
Parsed<std::vector<int>> parse_workers(std::string_view text);

/// "1s", "250ms", "500us", "100ns", "0" or a number of seconds ("0.5"): nanoseconds,
/// 0..kMaxDelayNs. Spaces are ignored.
Parsed<std::int64_t> parse_delay(std::string_view text);

/// "auto" (0), a number 1..tasks, or several of those separated by commas ("1,auto"): the
/// window runs one sweep each. No value twice.
Parsed<std::vector<int>> parse_chunksizes(std::string_view text, int tasks);

/// "" or "none" (-1), or a task index 0..tasks-1.
Parsed<int> parse_crash_task(std::string_view text, int tasks);

/// The shortest exact form of a delay for the CLI: "1s", "250ms", "500us", "100ns", "0".
/// Never depends on the locale.
std::string format_delay(std::int64_t ns);

/// Workers as the window shows them: "5", "1..8", "1,2,4".
std::string format_workers(const std::vector<int>& workers);

/// Workers as the CLI is given them: "1,2,4" (always a plain list).
std::string join_workers(const std::vector<int>& workers);

/// Chunk sizes as the window shows them: "auto", "1", "1,auto".
std::string format_chunksizes(const std::vector<int>& chunksizes);

}  // namespace plab::ui
