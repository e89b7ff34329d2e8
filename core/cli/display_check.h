// Whether the window can open: checked before Qt is loaded, because Qt aborts when it cannot
// reach a display.
#pragma once

#include <string>

namespace plab::cli {

/// Empty when a display looks reachable (QT_QPA_PLATFORM names a platform that needs none, a
/// Wayland display is set, or DISPLAY names a local X server whose socket accepts a connection,
/// or a remote one, which is not probed); else one line saying why not and naming the headless
/// run and sweep commands.
std::string display_problem();

}  // namespace plab::cli
