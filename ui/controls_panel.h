// The experiment form: presets, strategies, the numbers, Run and Cancel, and progress.
#pragma once

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QWidget>

#include "durations_controls.h"
#include "form_check.h"
#include "presets.h"
#include "progress_estimate.h"
#include "serial_part_controls.h"

namespace plab::ui {

/// Edits a FormInput. Every change re-checks the form (check_form): a wrong field gets a red
/// frame and, under it, what is wrong and what is allowed; Run stays disabled until the form
/// is right. The panel does not run anything: it emits run_requested / cancel_requested.
class ControlsPanel : public QWidget {
    Q_OBJECT
  public:
    explicit ControlsPanel(int cores, QWidget* parent = nullptr);

    FormInput input() const;
    /// Fills the form (and re-checks it). Values a field cannot hold are clamped by it.
    void set_input(const FormInput& form);
    const FormCheck& check() const { return check_; }

    const std::vector<Preset>& presets() const { return presets_; }
    /// Fills the form from presets()[index]; ignored for an index out of range.
    void apply_preset(int index);

    /// Run is disabled while running, Cancel enabled; "Cancelling…" while cancelling.
    void set_running(bool running, bool cancelling);
    /// Shows progress: tasks done and, while running (not while cancelling), time left.
    void show_progress(const Progress& progress);
    /// Makes the progress line final after the experiment ended: the last counts and "done"
    /// or "cancelled", no time left. Call after set_running(false, false).
    void show_finished(bool cancelled);

    QPushButton* run_button() const { return run_; }
    QPushButton* cancel_button() const { return cancel_; }
    QProgressBar* progress_bar() const { return progress_; }
    QLabel* progress_label() const { return progress_text_; }
    /// The input widget of field (a QLineEdit or QSpinBox), and its error label.
    QWidget* field(Field f) const { return fields_.value(f); }
    QLabel* error_label(Field f) const { return errors_.value(f); }
    QCheckBox* strategy_box(Strategy s) const { return strategy_boxes_.value(static_cast<int>(s)); }
    SerialPartControls* serial_part() const { return serial_part_; }
    /// Why the MPI strategies cannot run here (mpi::availability_problem), or empty when they
    /// can. Non-empty: the "Open MPI" group is disabled with it as tooltip, and a form with an
    /// mpi_ strategy is refused with it under Strategies. The constructor sets this machine's.
    void set_mpi_problem(const QString& problem);
    QGroupBox* mpi_group() const { return mpi_group_; }

  signals:
    void run_requested();
    void cancel_requested();
    void input_changed();
    /// A preset was chosen (apply_preset): the window shows the preset's view.
    void preset_applied(int index);

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void build_form();
    /// Colours of the preset text, strategy names and error labels, from the palette.
    void restyle();
    void show_progress_line();
    void recheck();
    QWidget* with_error(Field f, QWidget* editor, const QString& tooltip);
    /// A group of strategy boxes, two to a row, named without the first prefix characters.
    QGroupBox* make_strategy_group(const QString& title, const QString& tooltip,
                                   const std::vector<Strategy>& strategies, int prefix);

    std::vector<Preset> presets_;
    FormCheck check_;
    bool running_ = false;
    bool cancelling_ = false;
    Progress progress_shown_;
    ProgressStage stage_ = ProgressStage::Running;
    bool progress_known_ = false;
    bool restyling_ = false;  ///< restyle() changes palettes: no recursion
    bool filling_ = false;
    QComboBox* preset_box_ = nullptr;
    QLabel* preset_text_ = nullptr;
    QMap<int, QCheckBox*> strategy_boxes_;
    QLineEdit* workers_ = nullptr;
    QSpinBox* tasks_ = nullptr;
    QLineEdit* delay_ = nullptr;
    QComboBox* workload_ = nullptr;
    QComboBox* start_ = nullptr;  ///< "Start method" (start_controls.h)
    QSpinBox* exponent_ = nullptr;
    QLineEdit* chunksize_ = nullptr;
    QSpinBox* repeats_ = nullptr;
    QLineEdit* crash_ = nullptr;
    SerialPartControls* serial_part_ = nullptr;
    DurationsControls* durations_ = nullptr;
    QComboBox* payload_ = nullptr;
    QMap<Field, QWidget*> fields_;
    QMap<Field, QLabel*> errors_;
    QPushButton* run_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* progress_text_ = nullptr;
    QGroupBox* mpi_group_ = nullptr;
    QString mpi_problem_;  ///< set_mpi_problem's
};

}  // namespace plab::ui
