// The main window: the form on the left, the live views on the right, the log below them.
#pragma once

#include <QLabel>
#include <QMainWindow>
#include <QSplitter>
#include <QTabWidget>
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

    /// Redraws every view from the controller's data now (it also happens on every update).
    void refresh();

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void build_menus();
    /// Until the first run, the charts show what the form would give: the ideal and the
    /// expected serial time at its worker counts, and its strategies in the legend.
    void preview_charts();
    void on_finished(int exit_code, bool cancelled);
    void ask_and_export(bool (MainWindow::*what)(const QString&, QString*), const QString& title,
                        const QString& filter, const QString& suffix);
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
    QLabel* state_;
    std::uint64_t charted_revision_ = static_cast<std::uint64_t>(-1);
    std::vector<bool> logged_;
    int shown_run_ = -1;
};

/// Creates the QApplication, shows the window and runs the event loop: what
/// plab_window_main does. Returns the application's exit code.
int run_window(int argc, char** argv);

}  // namespace plab::ui
