// The Code tab's text for uneven tasks: the snippets' fixed sleep becomes each task's planned
// duration, written as Python (and C++) that makes the same durations.
#pragma once

#include <QString>

#include "experiment/spec.h"

namespace plab::ui {

/// text (a snippet in language "py" or "cpp", placeholders not yet filled) with its sleep of
/// {{delay_s}} / {{delay_ns}} made the planned duration of task x under spec's durations: a
/// duration(i) function after the Python imports, planned_delay_ns in C++. Fixed durations, or
/// a text without that sleep, come back unchanged.
QString with_durations(QString text, const QString& language, const ExperimentSpec& spec);

}  // namespace plab::ui
