#include "engine_launcher.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <unistd.h>

#include <csignal>

namespace plab::ui {

void configure_engine(QProcess& process, const QString& program, const QStringList& args,
                      int stdout_fd) {
    process.setProgram(program);
    process.setArguments(args);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.setInputChannelMode(QProcess::ManagedInputChannel);
    if (stdout_fd >= 0) process.setStandardOutputFile(QProcess::nullDevice());
    const pid_t window = ::getpid();
    process.setChildProcessModifier([window, stdout_fd] {
        // Runs in the child between fork and exec: async-signal-safe calls only. If the window
        // died before prctl took effect, the signal will never come: leave now.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != window) ::_exit(1);
        // QProcess has set up the standard channels by now: stdout becomes the caller's pipe
        // (dup2 leaves the copy without close-on-exec, so the engine keeps it).
        if (stdout_fd >= 0 && ::dup2(stdout_fd, 1) != 1) ::_exit(127);
        // A little below the window's priority, so that the GUI thread wins the CPU when an
        // experiment keeps every core busy; the experiment's runs still compete equally.
        ::setpriority(PRIO_PROCESS, 0, ::getpriority(PRIO_PROCESS, 0) + kEngineNiceness);
    });
}

}  // namespace plab::ui
