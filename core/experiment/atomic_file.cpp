#include "experiment/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <sstream>
#include <stdexcept>

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

void write_fd(int fd, const std::string& data, const std::string& path) {
    const char* p = data.data();
    std::size_t n = data.size();
    while (n > 0) {
        const ssize_t put = ::write(fd, p, n);
        if (put < 0) {
            if (errno == EINTR) continue;
            fail(path, std::strerror(errno));
        }
        p += put;
        n -= static_cast<std::size_t>(put);
    }
}

}  // namespace

std::string check_writable(const std::string& path) {
    if (path == "-") return {};
    if (path.empty()) return "the output path is empty";
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) return "cannot write " + path + ": it is a folder";
        if (!S_ISREG(st.st_mode)) {
            return ::access(path.c_str(), W_OK) == 0
                       ? std::string()
                       : "cannot write " + path + ": " + std::strerror(errno);
        }
    }
    const std::string folder = folder_of(path);
    if (::stat(folder.c_str(), &st) != 0)
        return "cannot write " + path + ": folder " + folder + " does not exist";
    if (!S_ISDIR(st.st_mode)) return "cannot write " + path + ": " + folder + " is not a folder";
    if (::access(folder.c_str(), W_OK) != 0) {
        return "cannot write " + path + ": folder " + folder + ": " + std::strerror(errno);
    }
    return {};
}

void write_atomically(const std::string& path, const std::function<void(std::ostream&)>& body) {
    std::ostringstream text;
    body(text);
    const std::string data = std::move(text).str();
    if (path == "-") {
        std::cout << data << std::flush;
        if (!std::cout) fail("standard output", "write failed");
        return;
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) fail(path, "it is a folder");
        const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) fail(path, std::strerror(errno));
        try {
            write_fd(fd, data, path);
        } catch (...) {
            ::close(fd);
            throw;
        }
        ::close(fd);
        return;
    }
    std::string tmp = folder_of(path) + "/.parallel-lab-XXXXXX";
    int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0) fail(path, std::string("temporary file: ") + std::strerror(errno));
    try {
        write_fd(fd, data, path);
        if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0) fail(path, std::strerror(errno));
        const int closed = ::close(fd);
        fd = -1;
        if (closed != 0) fail(path, std::strerror(errno));
    } catch (...) {
        if (fd >= 0) ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int e = errno;
        ::unlink(tmp.c_str());
        fail(path, std::strerror(e));
    }
}

}  // namespace plab
