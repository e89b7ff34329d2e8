// The ready-made experiments a class starts from.
#pragma once

#include <string>
#include <vector>

#include "form_check.h"

namespace plab::ui {

/// The view a preset shows when chosen, as the main window's tabs in order; Keep leaves the
/// current one.
enum class PresetView { Keep = -1, Elapsed = 0, Speedup, Timeline, Results, Code };

/// A named experiment: what the form is set to when it is chosen.
struct Preset {
    std::string name;
    std::string description;  ///< what it teaches, one or two sentences
    FormInput form;
    PresetView view = PresetView::Keep;  ///< the tab the window turns to when it is chosen
};

/// The presets, the article's experiment first. cores is this machine's (>= 1; smaller values
/// are taken as 1) and shapes the CPU-bound one.
std::vector<Preset> presets(int cores);

}  // namespace plab::ui
