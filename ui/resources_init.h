// Makes the compiled-in resources (:/snippets, :/icons) available.
#pragma once

namespace plab::ui {

/// Registers the resources of resources/parallel_lab.qrc. Safe to call any number of times,
/// from the GUI thread; views that read resources call it themselves.
void init_resources();

}  // namespace plab::ui
