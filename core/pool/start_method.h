// How a process pool starts its workers: the analog of Python's
// multiprocessing.get_context("fork" | "spawn" | "forkserver").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace plab {

/// fork: each worker is a copy of the parent (today's default, the cheapest). spawn: each
/// worker is a fresh run of this program in worker mode (posix_spawn of /proc/self/exe): it
/// holds nothing of the parent but its two pipes and finds tasks by registered name again.
/// forkserver: a single-threaded server, spawned that way when the pool starts, forks the
/// workers on request and hands their pipes over a Unix socket: they are copies of the
/// server, not of the threaded parent.
enum class StartMethod { Fork, Spawn, Forkserver };

/// "fork", "spawn" or "forkserver".
std::string_view start_method_name(StartMethod m);
/// The method with that name (case-sensitive), or nullopt.
std::optional<StartMethod> parse_start_method(std::string_view name);
/// "fork, spawn, forkserver", for messages that say what is allowed.
std::string start_method_names_joined();

/// Why a closure (ClosurePool, pathos_map) cannot run under m, which must be spawn or
/// forkserver: its workers hold none of the parent's memory, where the closure lives.
std::string closure_refusal(StartMethod m);

/// For programs that can host spawn workers or a fork server: when argv asks for worker or
/// server mode (the hidden marker the pool puts first), runs it and returns its exit status;
/// else nullopt, and the program goes on. Call it first thing in main, before any thread or
/// any descriptor is made: a program that does not, and whose pool uses spawn or forkserver,
/// sees its workers run its ordinary main instead (they fail to start, and the pool says so).
std::optional<int> run_worker_if_requested(int argc, char** argv);

}  // namespace plab
