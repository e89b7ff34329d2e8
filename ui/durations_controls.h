// The form's Durations control: a shape (fixed, uniform, exp, straggler, rising), its number
// where it takes one (S for uniform, F for straggler), and the seed that draws them.
#pragma once

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>
#include <QWidget>
#include <cstdint>
#include <string>

namespace plab::ui {

/// Edits the SHAPE text of --durations and the --seed. The number box shows only for the
/// shapes that take a number, with that shape's range. set_text with a text that
/// parse_durations refuses selects fixed (the form then shows a valid shape; the form's check
/// is where typed text is judged). Emits changed() on every edit, not on set_*.
class DurationsControls : public QWidget {
    Q_OBJECT
  public:
    explicit DurationsControls(QWidget* parent = nullptr);

    /// "fixed", "uniform:0.5", "exp", "straggler:10", "rising".
    std::string text() const;
    void set_text(const std::string& text);
    std::int64_t seed() const { return seed_->value(); }
    /// Clamped to the box's 0..kMaxFormSeed.
    void set_seed(std::int64_t seed);

    QComboBox* shape_box() const { return shape_; }
    QDoubleSpinBox* number_box() const { return number_; }
    QSpinBox* seed_box() const { return seed_; }

  signals:
    void changed();

  private:
    /// Shows the number box with the range and tooltip of the chosen shape.
    void follow_shape();

    QComboBox* shape_;
    QLabel* number_label_;
    QDoubleSpinBox* number_;
    QSpinBox* seed_;
    bool filling_ = false;
};

}  // namespace plab::ui
