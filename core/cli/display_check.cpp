#include "cli/display_check.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string_view>

namespace plab::cli {

namespace {

constexpr const char* kHeadless =
    "; run experiments without a window with `parallel-lab run` or `parallel-lab sweep` "
    "(parallel-lab --help)";

bool local_x_server_answers(std::string_view display) {
    // ":0", ":0.0", "unix:0": a socket in /tmp/.X11-unix. Anything with a host is not probed.
    if (display.rfind("unix:", 0) == 0) display.remove_prefix(4);
    if (display.empty() || display.front() != ':') return true;
    std::string_view number = display.substr(1);
    number = number.substr(0, number.find('.'));
    const std::string path = "/tmp/.X11-unix/X" + std::string(number);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof addr.sun_path) return false;
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

}  // namespace

std::string display_problem() {
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    if (platform != nullptr && *platform != '\0' &&
        std::string_view(platform).rfind("xcb", 0) != 0 &&
        std::string_view(platform).rfind("wayland", 0) != 0) {
        return {};  // offscreen, vnc, eglfs...: Qt needs no display server
    }
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if (wayland != nullptr && *wayland != '\0') return {};
    const char* display = std::getenv("DISPLAY");
    if (display == nullptr || *display == '\0') {
        return std::string("no display to open the window on (DISPLAY is not set)") + kHeadless;
    }
    if (!local_x_server_answers(display)) {
        return "no display to open the window on (the X server " + std::string(display) +
               " does not answer)" + kHeadless;
    }
    return {};
}

}  // namespace plab::cli
