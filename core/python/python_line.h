// The lines a lesson script writes on its standard output (resources/python/plab.py): task
// events marked "@plab", and the lesson's own two lines, the results list and "Elapsed: S".
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pool/value.h"

namespace plab::python {

/// One line of a script's output, parsed.
struct ScriptLine {
    enum class Kind { Begin, Start, End, List, Elapsed, Payload, SerialStart, SerialEnd };
    Kind kind = Kind::Begin;
    int task = 0;               ///< Start, End, Payload
    int pid = 0;                ///< Start, End, SerialStart, SerialEnd
    int tid = 0;                ///< Start, End: the thread (its pid in a one-thread worker)
    std::int64_t start_ns = 0;  ///< Begin (the script's start), Start, End, Serial*
    std::int64_t end_ns = 0;    ///< End, SerialEnd
    bool ok = false;            ///< End: a value (text is its repr) or an error (text says it)
    std::string text;           ///< End: repr or error; List: the whole line; Payload: why
    double elapsed_s = 0;       ///< Elapsed
};

/// The line parsed, or nullopt with *error saying what is wrong with it. Strict: every field
/// present and in range, nothing after the last one; a task must be 0..tasks-1.
std::optional<ScriptLine> parse_script_line(std::string_view line, int tasks, std::string* error);

/// The tab-separated fields of line (one field when it has no tab; empty fields kept).
std::vector<std::string_view> split_tabs(std::string_view line);

/// True when text is a whole decimal number (nothing before or after it) of type T that is at
/// least lo; v holds it then. For the strict line parsers of the engine's child programs.
template <class T>
bool number(std::string_view text, T& v, T lo) {
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    return !text.empty() && ec == std::errc() && p == text.data() + text.size() && v >= lo;
}

/// A task's result as a child program printed it: a 64-bit integer when it is one, else the
/// text as printed (a huge pow, kept as Python wrote it).
Value result_value(const std::string& repr);

}  // namespace plab::python
