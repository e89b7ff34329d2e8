// The module's one exported symbol: parallel-lab (app/main.cpp) dlopens this file and calls it
// when started without a command.
#include "main_window.h"

extern "C" int plab_window_main(int argc, char** argv);

/// Opens the window and runs until it is closed; returns the exit code for main to return.
/// Must be called at most once per process, from its main thread, with main's argc/argv
/// (QApplication keeps references to them).
extern "C" __attribute__((visibility("default"))) int plab_window_main(int argc, char** argv) {
    return plab::ui::run_window(argc, argv);
}
