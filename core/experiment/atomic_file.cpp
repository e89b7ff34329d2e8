#include "experiment/atomic_file.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <locale>
#include <mutex>
#include <vector>

namespace plab {

namespace {

std::string folder_of(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

[[noreturn]] void fail(const std::string& path, const std::string& why) {
    throw std::runtime_error("cannot write " + path + ": " + why);
}

/// The file a path finally names: symbolic links followed (at most 40, as the kernel does), a
/// relative link read from its own folder. A dangling link gives the name it points to.
std::string follow_links(std::string path) {
    for (int hops = 0; hops < 40; ++hops) {
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
        std::array<char, PATH_MAX> buf{};
        const ssize_t n = ::readlink(path.c_str(), buf.data(), buf.size() - 1);
        if (n <= 0) return path;
        std::string target(buf.data(), static_cast<std::size_t>(n));
        if (target.front() != '/') target.insert(0, folder_of(path) + "/");
        path = std::move(target);
    }
    return path;
}

/// The process's umask, read without changing it (umask(2) can only set it, and setting it
/// twice would race with any thread creating a file in between).
mode_t current_umask() {
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "Umask:") {
            std::string octal;
            status >> octal;
            return static_cast<mode_t>(std::stoul(octal, nullptr, 8));
        }
    }
    return 022;
}

// Temporary files of the writes in progress. Invariant: a name is in the list from the moment its
// file is created until it is renamed into place or removed, and both happen with the mutex held;
// exit_removing_temporaries takes the mutex and never gives it back, so no write can rename a
// file into place after it removed the temporaries.
std::mutex g_temps_mutex;
std::vector<std::string> g_temps;

void forget_temporary(const std::string& tmp) {
    std::erase(g_temps, tmp);
}

/// Whether cancel_fd is readable now (a signal came).
bool cancelled(int cancel_fd) {
    if (cancel_fd < 0) return false;
    pollfd p{cancel_fd, POLLIN, 0};
    return ::poll(&p, 1, 0) > 0;
}

/// Writes bytes to a descriptor, stopping when cancel_fd becomes readable. A regular file is
/// written as it comes; anything else (a pipe, a terminal, a device) is waited for with poll and
/// written at most PIPE_BUF bytes at a time, which a pipe that said POLLOUT takes without
/// blocking, so a reader that stops reading never keeps a cancel from landing.
class Sink {
  public:
    Sink(int fd, bool regular, int cancel_fd, std::string name)
        : fd_(fd), regular_(regular), cancel_fd_(cancel_fd), name_(std::move(name)) {}

    void write(const char* p, std::size_t n) {
        while (n > 0) {
            if (cancelled(cancel_fd_)) throw WriteCancelled("cancelled while writing " + name_);
            std::size_t chunk = n;
            if (!regular_) {
                std::array<pollfd, 2> fds{pollfd{fd_, POLLOUT, 0}, pollfd{cancel_fd_, POLLIN, 0}};
                if (::poll(fds.data(), cancel_fd_ >= 0 ? 2 : 1, -1) < 0 && errno != EINTR)
                    fail(name_, std::strerror(errno));
                if (fds[1].revents != 0 || fds[0].revents == 0) continue;
                chunk = std::min<std::size_t>(n, PIPE_BUF);
            }
            const ssize_t put = ::write(fd_, p, chunk);
            if (put < 0) {
                if (errno == EINTR || errno == EAGAIN) continue;
                fail(name_, std::strerror(errno));
            }
            p += put;
            n -= static_cast<std::size_t>(put);
        }
    }

  private:
    int fd_;
    bool regular_;
    int cancel_fd_;
    std::string name_;
};

/// An ostream buffer that hands 64 KiB blocks to a Sink; exceptions from the Sink reach the
/// caller of the stream (the stream is set to rethrow them).
class SinkBuf : public std::streambuf {
  public:
    explicit SinkBuf(Sink& sink) : sink_(sink), buf_(std::size_t{64} * 1024) {
        setp(buf_.data(), buf_.data() + buf_.size());
    }
    void flush_all() {
        sink_.write(pbase(), static_cast<std::size_t>(pptr() - pbase()));
        setp(buf_.data(), buf_.data() + buf_.size());
    }

  protected:
    int_type overflow(int_type c) override {
        flush_all();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }

  private:
    Sink& sink_;
    std::vector<char> buf_;
};

/// Runs body into the sink and flushes the rest.
void produce(Sink& sink, const std::function<void(std::ostream&)>& body) {
    SinkBuf buf(sink);
    std::ostream out(&buf);
    out.imbue(std::locale::classic());
    out.exceptions(std::ios::badbit);
    body(out);
    buf.flush_all();
}

/// Opens a path that is not a regular file for writing; a FIFO without a reader is waited for
/// (10 ms between tries, only while nobody reads it) until a reader comes or cancel_fd fires.
int open_special(const std::string& path, int cancel_fd) {
    for (;;) {
        const int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (fd >= 0) return fd;
        if (errno != ENXIO) fail(path, std::strerror(errno));
        if (cancelled(cancel_fd)) throw WriteCancelled("cancelled while waiting to write " + path);
        pollfd p{cancel_fd, POLLIN, 0};
        ::poll(&p, cancel_fd >= 0 ? 1 : 0, 10);
    }
}

void write_special(const std::string& path, const std::function<void(std::ostream&)>& body,
                   int cancel_fd) {
    const int fd = open_special(path, cancel_fd);
    try {
        Sink sink(fd, false, cancel_fd, path);
        produce(sink, body);
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0 && errno != EINTR) fail(path, std::strerror(errno));
}

void sync_folder(const std::string& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);  // the rename is on disk; a folder that cannot be synced changes nothing else
    ::close(fd);
}

void write_regular(const std::string& shown, const std::string& target,
                   const std::function<void(std::ostream&)>& body, int cancel_fd) {
    struct stat st {};
    const bool exists = ::stat(target.c_str(), &st) == 0;
    const mode_t mode = exists ? (st.st_mode & 07777) : (0666 & ~current_umask());
    const std::string folder = folder_of(target);
    std::string tmp = folder + "/.parallel-lab-XXXXXX";
    int fd = -1;
    {
        std::lock_guard lock(g_temps_mutex);
        fd = ::mkostemp(tmp.data(), O_CLOEXEC);
        if (fd < 0) fail(shown, std::string("temporary file: ") + std::strerror(errno));
        g_temps.push_back(tmp);
    }
    try {
        Sink sink(fd, true, cancel_fd, shown);
        produce(sink, body);
        if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) fail(shown, std::strerror(errno));
        const int closed = ::close(fd);
        fd = -1;
        if (closed != 0) fail(shown, std::strerror(errno));
        std::lock_guard lock(g_temps_mutex);
        if (cancelled(cancel_fd)) throw WriteCancelled("cancelled while writing " + shown);
        if (::rename(tmp.c_str(), target.c_str()) != 0) fail(shown, std::strerror(errno));
        forget_temporary(tmp);
    } catch (...) {
        if (fd >= 0) ::close(fd);
        std::lock_guard lock(g_temps_mutex);
        ::unlink(tmp.c_str());
        forget_temporary(tmp);
        throw;
    }
    sync_folder(folder);
}

}  // namespace

std::string check_writable(const std::string& path) {
    if (path == "-") return {};
    if (path.empty()) return "the output path is empty";
    const std::string target = follow_links(path);
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) return "cannot write " + path + ": it is a folder";
        if (!S_ISREG(st.st_mode)) {
            return ::access(target.c_str(), W_OK) == 0
                       ? std::string()
                       : "cannot write " + path + ": " + std::strerror(errno);
        }
    } else if (errno != ENOENT) {
        return "cannot write " + path + ": " + std::strerror(errno);
    }
    const std::string folder = folder_of(target);
    if (::stat(folder.c_str(), &st) != 0) {
        if (errno == ENOENT)
            return "cannot write " + path + ": folder " + folder + " does not exist";
        return "cannot write " + path + ": folder " + folder + ": " + std::strerror(errno);
    }
    if (!S_ISDIR(st.st_mode)) return "cannot write " + path + ": " + folder + " is not a folder";
    // Try it as the write will do it: a temporary file in that folder (access() says yes to root
    // on a folder nobody can create files in, such as /proc, or on a read-only file system).
    std::string probe = folder + "/.parallel-lab-XXXXXX";
    const int fd = ::mkostemp(probe.data(), O_CLOEXEC);
    if (fd < 0) return "cannot write " + path + ": folder " + folder + ": " + std::strerror(errno);
    ::close(fd);
    ::unlink(probe.c_str());
    return {};
}

bool same_output(const std::string& a, const std::string& b) {
    if (a == "-" || b == "-") return a == b;
    struct stat sa {};
    struct stat sb {};
    const bool ea = ::stat(a.c_str(), &sa) == 0;
    const bool eb = ::stat(b.c_str(), &sb) == 0;
    if (ea && eb) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    if (ea != eb) return false;
    std::error_code ec;
    namespace fs = std::filesystem;
    const fs::path na = fs::weakly_canonical(fs::absolute(follow_links(a), ec), ec);
    const fs::path nb = fs::weakly_canonical(fs::absolute(follow_links(b), ec), ec);
    return na.lexically_normal() == nb.lexically_normal();
}

void write_atomically(const std::string& path, const std::function<void(std::ostream&)>& body,
                      int cancel_fd) {
    if (path == "-") {
        Sink sink(1, false, cancel_fd, "standard output");
        produce(sink, body);
        return;
    }
    const std::string target = follow_links(path);
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) fail(path, "it is a folder");
        write_special(path, body, cancel_fd);
        return;
    }
    write_regular(path, target, body, cancel_fd);
}

void exit_removing_temporaries(int code) {
    g_temps_mutex.lock();  // kept: no write renames its file into place after this
    for (const std::string& tmp : g_temps)
        ::unlink(tmp.c_str());
    ::_exit(code);
}

}  // namespace plab
