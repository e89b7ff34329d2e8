// Writing an output file so that a reader never sees half of it.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace plab {

/// Empty when path can be written (its folder exists and is writable, and it is not a folder),
/// else one line saying why not. "-" (standard output) is always writable.
std::string check_writable(const std::string& path);

/// Writes what body produces to path: into a temporary file beside it, flushed and synced,
/// then renamed over path, so path holds the old content or the whole new one, never a part.
/// A path that is not a regular file (a device such as /dev/full, a pipe) is written directly.
/// "-" writes to standard output. Throws std::runtime_error with one clear line (path and the
/// system's reason) on any failure, leaving no temporary file behind.
void write_atomically(const std::string& path, const std::function<void(std::ostream&)>& body);

}  // namespace plab
