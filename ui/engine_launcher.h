// Starting the engine process so that it can never outlive the window.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace plab::ui {

/// How much nicer than the window the engine (and so its workers) runs.
inline constexpr int kEngineNiceness = 3;

/// Configures process to run program with args: stdout is the event stream, stderr is kept
/// apart, and the child gets SIGTERM if this process dies (PR_SET_PDEATHSIG, set between fork
/// and exec) and runs kEngineNiceness below the window's priority. Does not start it. The process
/// must not be running.
void configure_engine(QProcess& process, const QString& program, const QStringList& args);

}  // namespace plab::ui
