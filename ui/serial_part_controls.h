// The form's serial part (Amdahl and Gustafson): a serial fraction and a scaling, and the
// Python the Code view shows for them.
#pragma once

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QWidget>

#include "experiment/spec.h"

namespace plab::ui {

/// A serial fraction spin box (0..0.95, step 0.05; 0 shows "none") and a scaling combo (strong:
/// Amdahl, weak: Gustafson) side by side, each with a tooltip saying what it does. Emits
/// changed() on every edit.
class SerialPartControls : public QWidget {
    Q_OBJECT
  public:
    static constexpr double kMaxFraction = 0.95;

    explicit SerialPartControls(QWidget* parent = nullptr);

    double fraction() const;
    Scaling scaling() const;
    /// Shows fraction (clamped to 0..kMaxFraction, NaN as 0) and scaling; emits changed().
    void set(double fraction, Scaling scaling);

    QDoubleSpinBox* fraction_box() const { return fraction_; }
    QComboBox* scaling_box() const { return scaling_; }

  signals:
    void changed();

  private:
    QDoubleSpinBox* fraction_;
    QComboBox* scaling_;
};

/// python (a strategy's snippet, already filled) with the serial part added when spec has one:
/// a time.sleep of F x tasks x delay in the parent between t0 and the pool, with a comment on
/// Amdahl's (or Gustafson's) bound. Unchanged when F is 0 or the snippet has no
/// "t0 = time.perf_counter()" line.
QString with_serial_part(const QString& python, const ExperimentSpec& spec);

}  // namespace plab::ui
