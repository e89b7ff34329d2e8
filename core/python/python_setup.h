// Where the lesson scripts are, and whether an interpreter can run them.
#pragma once

#include <string>

#include "experiment/cancel_token.h"
#include "experiment/spec.h"
#include "experiment/strategy.h"

namespace plab::python {

/// The oldest Python the scripts run on.
inline constexpr int kMinMinor = 8;

/// The folder of the lesson scripts: $PLAB_PYTHON_SCRIPTS when set, else share/parallel-lab/
/// python beside this program's bin folder (the build tree and an installed /usr alike).
std::string scripts_folder();

/// The file name of the script a py_ strategy runs for spec: <name>.py, or <name>_payload.py
/// (the lesson moving data) when spec's tasks carry a payload, but for py_map_closure, which has
/// none (refused before any task whatever it carries). The Code view shows the same file.
std::string script_name(Strategy s, const ExperimentSpec& spec);

/// scripts_folder()/script_name(s, spec).
std::string script_path(Strategy s, const ExperimentSpec& spec = {});

/// Empty when `python` runs and is Python 3.8 or newer; else one line saying what is wrong
/// (not found, not Python, too old) and that --python chooses another. Waits at most 10 s.
/// With cancel: looks at it every 50 ms; once it is cancelled, kills the probe's process group
/// at once and returns a line saying the check was cancelled (the caller tells it apart by the
/// token).
std::string interpreter_problem(const std::string& python, const CancelToken* cancel = nullptr);

}  // namespace plab::python
