// The ready-made experiments a class starts from.
#pragma once

#include <string>
#include <vector>

#include "form_check.h"

namespace plab::ui {

/// A named experiment: what the form is set to when it is chosen.
struct Preset {
    std::string name;
    std::string description;  ///< what it teaches, one or two sentences
    FormInput form;
    /// The view the window turns to when the preset is chosen: "speedup", "timeline",
    /// "elapsed", "code"; empty: the window stays where it is.
    std::string view;
};

/// The presets, the article's experiment first. cores is this machine's (>= 1; smaller values
/// are taken as 1) and shapes the CPU-bound one.
std::vector<Preset> presets(int cores);

}  // namespace plab::ui
