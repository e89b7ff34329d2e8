// Where the lesson scripts are, and whether an interpreter can run them.
#pragma once

#include <string>

#include "experiment/strategy.h"

namespace plab::python {

/// The oldest Python the scripts run on.
inline constexpr int kMinMinor = 8;

/// The folder of the lesson scripts: $PLAB_PYTHON_SCRIPTS when set, else share/parallel-lab/
/// python beside this program's bin folder (the build tree and an installed /usr alike).
std::string scripts_folder();

/// The script a py_ strategy runs: scripts_folder()/<name>.py (name as strategy_name).
std::string script_path(Strategy s);

/// The script a py_ strategy runs when its tasks carry a payload: <name>_payload.py, the lesson
/// moving data; script_path(s) for a strategy that has none (py_map_closure: refused anyway).
std::string payload_script_path(Strategy s);

/// Empty when `python` runs and is Python 3.8 or newer; else one line saying what is wrong
/// (not found, not Python, too old) and that --python chooses another. Waits at most 10 s.
std::string interpreter_problem(const std::string& python);

}  // namespace plab::python
