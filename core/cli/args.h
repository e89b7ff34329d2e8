// Parsers for the command line's values. Each returns the value, or nullopt with one clear line
// in *error saying what is wrong and what is allowed. None throws, whatever the input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "experiment/strategy.h"
#include "pool/start_method.h"

namespace plab::cli {

/// A delay: "1s", "250ms", "500us", "100ns", or a bare number of seconds ("0.5"), as
/// time.sleep takes it; 0 .. 3600 s. Returns nanoseconds.
std::optional<std::int64_t> parse_duration(std::string_view text, std::string* error);

/// A whole number in lo..hi, named what in the message ("workers must be 1..64, got 0").
std::optional<int> parse_int(std::string_view what, std::string_view text, int lo, int hi,
                             std::string* error);

/// Worker counts: "5", "1,2,4,8", "1..8", or a mix ("1..4,8"); each 1..64, no duplicates;
/// returned in the order given.
std::optional<std::vector<int>> parse_worker_list(std::string_view text, std::string* error);

/// Strategies by name, comma-separated, no duplicates ("serial,map,pathos_map").
std::optional<std::vector<Strategy>> parse_strategy_list(std::string_view text, std::string* error);

/// "auto" (returned as 0) or a chunk size 1 .. max_tasks.
std::optional<int> parse_chunksize(std::string_view text, int max_tasks, std::string* error);

/// A serial fraction: a number with 0 <= F < 1 ("0.2", "0", ".5", "2.5e-1"); not nan or inf.
std::optional<double> parse_serial_fraction(std::string_view text, std::string* error);
/// A seed for --seed: a whole number 0..9223372036854775807.
std::optional<std::int64_t> parse_seed(std::string_view text, std::string* error);
/// Start methods by name, comma-separated, no duplicates ("fork,spawn,forkserver").
std::optional<std::vector<StartMethod>> parse_start_list(std::string_view text, std::string* error);

}  // namespace plab::cli
