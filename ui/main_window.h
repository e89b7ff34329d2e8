// The main window: the form on the left, the live views on the right, the log below them.
#pragma once

#include <QAction>
#include <QLabel>
#include <QMainWindow>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QToolBar>
#include <functional>
#include <memory>
#include <vector>

#include "code_view.h"
#include "controls_panel.h"
#include "elapsed_chart.h"
#include "experiment_controller.h"
#include "log_view.h"
#include "results_view.h"
#include "run_selector.h"
#include "settings_store.h"
#include "speedup_chart.h"
#include "timeline_panel.h"
#include "window_palette.h"

namespace plab::ui {

/// How a window is made; the defaults are what parallel-lab uses.
struct WindowOptions {
    QString engine;         ///< the parallel-lab binary to run; empty: this program
    QString settings_file;  ///< an INI file for settings; empty: the user's settings
    int cores = 0;          ///< this machine's cores; 0: ask the machine
};

/// The window. It runs experiments through an ExperimentController (never in its own
/// process) and redraws its views from the controller's data at most ~30 times a second.
/// Closing it while an experiment runs cancels the experiment and waits (a few seconds at most)
/// for the engine and its workers to be gone. Settings are saved on close.
class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(WindowOptions options = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Runs what the form says. False (with a message in the log) when the form is not valid
    /// or an experiment is already running.
    bool start_experiment();
    /// Cancels the running experiment; no effect when idle.
    void cancel_experiment();

    /// Exports of the last finished experiment and of the current view. False with *error
    /// set (the message the window also shows) when nothing can be exported or the path
    /// cannot be written.
    bool export_runs_csv(const QString& path, QString* error);
    bool export_tasks_csv(const QString& path, QString* error);
    /// Every task of the experiment as a Chrome/Perfetto trace (ui.perfetto.dev opens it).
    bool export_trace(const QString& path, QString* error);
    bool export_view_png(const QString& path, QString* error);
    bool export_view_svg(const QString& path, QString* error);

    ControlsPanel* controls() const { return controls_; }
    ExperimentController* controller() const { return controller_; }
    ElapsedChart* elapsed_chart() const { return elapsed_; }
    SpeedupChart* speedup_chart() const { return speedup_; }
    TimelinePanel* timeline() const { return timeline_; }
    ResultsView* results() const { return results_; }
    CodeView* code() const { return code_; }
    LogView* log() const { return log_; }
    RunSelector* run_selector() const { return selector_; }
    QTabWidget* tabs() const { return tabs_; }

    /// The status bar's message (what runs, or how the experiment ended) and its toolbar.
    QLabel* status_label() const { return state_; }
    QToolBar* toolbar() const { return toolbar_; }
    /// The window's actions by object name: run, cancel, export_runs, export_tasks,
    /// export_trace, export_png, export_svg, preset_1.., view_1..view_6, next_view,
    /// previous_view, toggle_form, presentation, text_larger, text_smaller, text_reset, quit.
    /// nullptr for any other name.
    QAction* action(const QString& name) const;

    /// Redraws every view from the controller's data now (it also happens on every update).
    void refresh();

    /// Text size of the window's own text (form, log, status bar) relative to the desktop's
    /// font; clamped to kMinTextScale..kMaxTextScale. Saved on close. Emits
    /// text_scale_changed (also for the views that scale their own text) when it changes.
    static constexpr double kMinTextScale = 0.8;
    static constexpr double kMaxTextScale = 3.0;
    /// The scale presentation mode uses at least.
    static constexpr double kPresentationTextScale = 1.5;
    double text_scale() const { return text_scale_; }
    void set_text_scale(double scale);
    /// One step larger / smaller (Ctrl+= / Ctrl+-); 1.0 again with Ctrl+0.
    void grow_text();
    void shrink_text();

    /// Presentation mode (F11): full screen, the form hidden, the log folded under the views
    /// (its handle brings it back), text as presentation_text_scale gives for the screen. Leaving
    /// it restores the window's previous state, form, log and text size.
    void set_presentation_mode(bool on);
    bool presentation_mode() const { return presenting_; }

    /// Shows or hides the experiment form (Ctrl+B), giving the views the whole width. Run and
    /// Cancel stay in the toolbar and the menu.
    void set_form_visible(bool visible);
    bool form_visible() const;

    /// Asked before an experiment that needs more than kAskAboveSeconds: gets the question
    /// ("This experiment needs about 3 h 10 min. Run it?"), returns true to run. The default
    /// asks with a QMessageBox; tests give their own answer.
    using Confirm = std::function<bool(const QString& question)>;
    void set_confirmation(Confirm confirm) { confirm_ = std::move(confirm); }
    /// Asks where to save an export: gets the dialog's title, the suggested file name
    /// ("runs.csv") and the filter; returns the path or "" to cancel. The default is
    /// QFileDialog::getSaveFileName.
    using AskPath = std::function<QString(const QString& title, const QString& suggested,
                                          const QString& filter)>;
    void set_save_dialog(AskPath ask) { ask_path_ = std::move(ask); }
    /// The file name an export of the current view suggests: "elapsed.png", "timeline.svg".
    QString view_file_name(const QString& suffix) const;

  signals:
    /// The text scale changed (Ctrl+= / Ctrl+- / Ctrl+0, presentation mode, or restored from
    /// the settings): views that draw their own text follow it.
    void text_scale_changed(double scale);

  protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

  private:
    void build_menus();
    void build_toolbar();
    /// Enables Run and Cancel (buttons and actions) for the controller's state and the form.
    void update_actions();
    /// The status bar's text, in tone's colour (readable on the window's background).
    void show_status(const QString& text, Tone tone);
    /// Fonts of the form, log and status bar at text_scale_.
    void apply_text_scale();
    /// Opens at 90% of the available geometry of the screen the window is on; a restored
    /// geometry that does not fit that screen is clamped to it.
    void fit_to_screen(bool restored);
    /// The width the form needs to show its fields (at their minimum sizes when minimum)
    /// without a horizontal scroll bar.
    int form_width(bool minimum = false) const;
    /// Ctrl+1..5 select the tabs; Ctrl+6 shows and focuses the log.
    void show_view(int index);
    void focus_log();
    /// Until the first run, the charts show what the form would give: the ideal and the
    /// expected serial time at its worker counts, and its strategies in the legend.
    void preview_charts();
    void on_finished(int exit_code, bool cancelled);
    void ask_and_export(bool (MainWindow::*what)(const QString&, QString*), const QString& title,
                        const QString& filter, const QString& suggested);
    QWidget* exportable_view() const;
    /// True when no experiment runs; else false with *error saying to wait.
    bool finished_or_say(QString* error) const;
    void save_settings();
    void restore_settings();

    WindowOptions options_;
    SettingsStore settings_;
    ExperimentController* controller_;
    ControlsPanel* controls_;
    RunSelector* selector_;
    QTabWidget* tabs_;
    ElapsedChart* elapsed_;
    SpeedupChart* speedup_;
    TimelinePanel* timeline_;
    ResultsView* results_;
    CodeView* code_;
    LogView* log_;
    QSplitter* main_split_;
    QSplitter* view_split_;
    QScrollArea* form_scroll_;
    QLabel* state_;
    QLabel* cores_;
    QToolBar* toolbar_ = nullptr;
    Tone state_tone_ = Tone::Plain;
    double text_scale_ = 1.0;
    bool presenting_ = false;
    bool clamp_on_show_ = false;  ///< a restored geometry: clamp again once the frame is known
    bool run_had_focus_ = false;  ///< Run had the focus when pressed: it gets it back at the end
    double scale_before_presenting_ = 1.0;
    bool maximized_before_presenting_ = false;
    bool form_before_presenting_ = true;
    QList<int> views_before_presenting_;  ///< the views' and the log's heights
    Confirm confirm_;
    AskPath ask_path_;
    std::uint64_t charted_revision_ = static_cast<std::uint64_t>(-1);
    std::vector<bool> logged_;
    int shown_run_ = -1;
};

/// The rectangle of a window of geometry wanted moved and shrunk to lie inside available (a
/// screen's available geometry): as large as wanted where it fits, never larger than available.
QRect clamp_to(const QRect& wanted, const QRect& available);

/// The text scale presentation mode uses on a screen screen_height device-independent pixels
/// high, from the scale in use: at least current; kPresentationTextScale on a screen 720 high
/// or more, less on a smaller one (1280x720 at QT_SCALE_FACTOR 1.5 is 480 high: its text is
/// already enlarged, and more would leave the timeline one run high), never below 1.
double presentation_text_scale(double current, int screen_height);

/// Creates the QApplication, shows the window and runs the event loop: what
/// plab_window_main does. Returns the application's exit code.
int run_window(int argc, char** argv);

}  // namespace plab::ui
