#include "run_selector.h"

#include "timeline_panel.h"

namespace plab::ui {

RunSelector::RunSelector(QWidget* parent) : QComboBox(parent) {
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setMinimumContentsLength(36);
    setToolTip(
        tr("Which run the timeline and the results show. \"Latest run\" follows the "
           "experiment as it goes."));
    addItem(tr("Latest run (follows the experiment)"));
}

void RunSelector::clear_runs() {
    while (count() > 1)
        removeItem(count() - 1);
    setCurrentIndex(0);
    ended_.clear();
    synced_revision_ = static_cast<std::uint64_t>(-1);
}

void RunSelector::sync(const SweepData& sweep) {
    if (sweep.runs_revision() == synced_revision_) return;
    synced_revision_ = sweep.runs_revision();
    const auto& runs = sweep.runs();
    if (runs.size() + 1 < static_cast<std::size_t>(count())) clear_runs();
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto item = static_cast<int>(i) + 1;
        if (item >= count()) {
            addItem(run_title(runs[i]));
            ended_.push_back(runs[i].ended());
        } else if (ended_[i] != runs[i].ended()) {
            setItemText(item, run_title(runs[i]));
            ended_[i] = runs[i].ended();
        }
    }
}

int RunSelector::selected(const SweepData& sweep) const {
    if (currentIndex() > 0) return currentIndex();
    return static_cast<int>(sweep.runs().size());
}

}  // namespace plab::ui
