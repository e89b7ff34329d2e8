// Writing an output file so that a reader never sees half of it, and so that a cancel, a full
// disk or a file size limit leaves the old file as it was and no temporary file behind.
#pragma once

#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>

namespace plab {

/// Thrown by write_atomically when its cancel descriptor became readable while it wrote.
class WriteCancelled : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Empty when path can be written, else one line saying why not: it is tried the way
/// write_atomically will write it (a temporary file is created and removed in the folder that
/// will hold it, after following a symbolic link), so a name that is too long, a missing folder,
/// a folder that is not writable or a read-only file system are refused before anything runs.
/// "-" (standard output) is always writable. Creates nothing that stays.
std::string check_writable(const std::string& path);

/// Whether two output paths name the same file: the same device and inode when both exist,
/// else the same absolute path once ".", ".." and symbolic links of its folders are resolved.
/// "-" is never the same as a path (two "-" are: the caller decides what that means).
bool same_output(const std::string& a, const std::string& b);

/// Writes what body produces to path, streaming it in blocks of 64 KiB:
///  - a regular file (or a new name) is written into a temporary file beside it, synced, renamed
///    over it and the folder synced, so path holds the old content or the whole new one, never a
///    part. The new file keeps the old one's permissions (a new file gets 0666 less the umask).
///    A symbolic link is followed: its target is replaced, the link stays.
///  - anything else (a FIFO, a device such as /dev/full) is written directly; a FIFO with no
///    reader is waited for.
///  - "-" writes to standard output (descriptor 1).
/// When cancel_fd (>= 0) becomes readable, the write stops within a block and throws
/// WriteCancelled; a temporary file is removed first. Any write failure (a full disk, EFBIG past
/// RLIMIT_FSIZE when SIGXFSZ is ignored, a closed descriptor) throws std::runtime_error with one
/// line naming path and the system's reason, also after removing the temporary file. An
/// exception from body propagates the same way.
void write_atomically(const std::string& path, const std::function<void(std::ostream&)>& body,
                      int cancel_fd = -1);

/// Removes the temporary files of writes in progress and ends the process with _exit(code),
/// without letting any of those writes rename its file into place. For a signal-handling
/// thread that must stop the program at once (a second Ctrl+C); never returns.
[[noreturn]] void exit_removing_temporaries(int code);

}  // namespace plab
