// Starting the engine process so that it can never outlive the window.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace plab::ui {

/// How much nicer than the window the engine (and so its workers) runs.
inline constexpr int kEngineNiceness = 0;

/// Configures process to run program with args: stdout is the event stream, stderr is kept
/// apart, and the child gets SIGTERM if this process dies (PR_SET_PDEATHSIG, set between fork
/// and exec) and runs kEngineNiceness below the window's priority. Does not start it. The process
/// must not be running. stdout_fd >= 0: the child's stdout is that descriptor (the write end of
/// a pipe that the caller reads itself, e.g. from another thread), and QProcess reads none of it;
/// the caller closes its copy once the process started.
void configure_engine(QProcess& process, const QString& program, const QStringList& args,
                      int stdout_fd = -1);

}  // namespace plab::ui
