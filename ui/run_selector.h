// Chooses which run the timeline and results show: the latest (following the experiment) or
// any run so far.
#pragma once

#include <QComboBox>

#include "sweep_data.h"

namespace plab::ui {

/// A combo box: "Latest run" first, then one entry per run. sync() adds the runs that
/// appeared and retitles those that ended; it keeps the user's choice.
class RunSelector : public QComboBox {
    Q_OBJECT
  public:
    explicit RunSelector(QWidget* parent = nullptr);

    /// Catches up with data (cheap when its runs did not change).
    void sync(const SweepData& sweep);

    /// The run number to show: the chosen one, or the latest run (0 when there is none).
    int selected(const SweepData& sweep) const;

    /// Back to "Latest run" with no runs listed (a new experiment).
    void clear_runs();

  private:
    std::uint64_t synced_revision_ = static_cast<std::uint64_t>(-1);
    std::vector<bool> ended_;
};

}  // namespace plab::ui
