// The one table of the command line's options. `--help`, `run --help`, `sweep --help`, the
// man page parallel-lab(1) and the parser's list of known options are all made from it, so
// they cannot disagree.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace plab::cli {

/// Which command an option belongs to.
enum class Command { Run = 1, Sweep = 2 };

/// One option: --name VALUE, one line of help (what it does and its allowed values), and its
/// default as the user would write it ("" when absent means off).
struct OptionDoc {
    std::string_view name;
    std::string_view value;
    std::string_view help;
    std::string_view fallback;
    unsigned commands;  ///< bits of Command
};

/// Every option, in the order help lists them.
const std::vector<OptionDoc>& option_table();

/// The options of one command, by name (no "--").
std::set<std::string> option_names(Command c);

/// `parallel-lab --help`: both commands' synopsis and how to get more.
std::string general_help();

/// `parallel-lab run --help` / `sweep --help`: synopsis, then one line per option with its
/// allowed values and default, then outputs and exit codes.
std::string command_help(Command c);

/// The man page parallel-lab(1) in roff (man(7) macros), for the given version.
std::string man_page(std::string_view version);

}  // namespace plab::cli
