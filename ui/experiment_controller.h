// Runs experiments in the engine process and turns its event stream into SweepData, without
// ever blocking the GUI thread for long.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>
#include <memory>
#include <vector>

#include "event_reader.h"
#include "exporter.h"
#include "sweep_data.h"

namespace plab::ui {

/// Owns the engine process (`parallel-lab sweep ... --events -`) of the running experiment.
/// An experiment is one or more sweeps ("legs") run one after the other. The engine's stdout is
/// a pipe read and parsed by an EventReader thread (below the engine's priority), never by the
/// GUI thread, which applies the parsed events in batches, in time slices of at most
/// kSliceBudgetMs between which the event loop runs; updated() is emitted at most every
/// kUpdateIntervalMs, so views redraw in batches, and once more as each run ends: the engine runs
/// with `--pace` and starts its next run only when the controller, having applied and redrawn
/// the run that ended, writes a line to its stdin, so the window's work is never timed. Lives
/// in the GUI thread.
class ExperimentController : public QObject {
    Q_OBJECT
  public:
    /// At most 30 redraws a second: 34 ms on a precise timer (a coarse one may fire 5% early).
    static constexpr int kUpdateIntervalMs = 34;
    static constexpr int kSliceBudgetMs = 5;
    static constexpr int kKillAfterMs = 2000;  ///< after terminate(), kill() if still there
    /// Between two legs: the window redraws the leg that ended before the next one's clock runs.
    /// Also before the first: start() returns at once and the engine starts after it.
    static constexpr int kLegPauseMs = 150;

    /// engine: the parallel-lab binary to run; empty means this program
    /// (QCoreApplication::applicationFilePath(), which is parallel-lab when the window runs).
    explicit ExperimentController(QString engine = {}, QObject* parent = nullptr);
    /// Stops a running engine (terminate, then kill) and waits for it, at most ~3 s.
    ~ExperimentController() override;

    /// Starts an experiment. Refused (false, *error set) while one runs, when legs is empty or
    /// a leg does not validate, or when no temporary folder can be made for the CSV files.
    bool start(const std::vector<SweepSpec>& legs, QString* error = nullptr);

    /// Asks the engine to stop (SIGTERM; SIGKILL after kKillAfterMs). Returns at once;
    /// finished() follows. No effect when idle.
    void cancel();

    /// Cancels and waits (blocking, at most timeout_ms, then kills) until the engine is gone.
    /// For closing the window; finished() is not emitted.
    void stop(int timeout_ms);

    bool running() const { return running_; }
    bool cancelling() const { return cancelling_; }
    const SweepData& data() const { return data_; }
    QString engine() const { return engine_; }
    /// True while event lines wait to be read: data() lags behind the engine.
    bool behind() const {
        return slice_scheduled_ || next_ < batch_.size() || (reader_ && reader_->pending());
    }
    /// The engine process's pid while it runs, else 0.
    qint64 engine_pid() const { return process_ ? process_->processId() : 0; }

    /// The window's clock in seconds, and when the current (or last) experiment started on it.
    double now() const;
    double started_at() const { return started_at_; }

    /// The CSV files the engine wrote for the last experiment, one per leg, those that exist,
    /// each with the number of runs the legs before it made (see export_csv).
    std::vector<CsvPart> runs_csv_files() const;
    std::vector<CsvPart> tasks_csv_files() const;

  signals:
    void started();
    /// data() changed, or (while running) time passed; at most every kUpdateIntervalMs, and
    /// once more when a run ends.
    void updated();
    /// A line for the log: the engine's stderr, or what went wrong with the process.
    void message(const QString& text, bool error);
    /// The experiment is over: the worst exit code of its legs (0 ok, 1 a task failed or was
    /// refused, 2 bad usage or the engine could not run), and whether it was cancelled.
    void finished(int exit_code, bool cancelled);

  private:
    void start_leg();
    void schedule_slice();
    void process_slice();
    void handle(const ReadEvent& e);
    /// Redraws and then tells the engine (a line on its stdin) that the run that ended is in.
    void acknowledge_run();
    void read_stderr();
    void on_exited(int code, QProcess::ExitStatus status);
    void on_error(QProcess::ProcessError error);
    void end_leg();
    void finish_experiment();
    void start_leg_after_pause();
    void tick();
    QString csv_path(const char* kind, std::size_t leg) const;
    std::vector<CsvPart> csv_files(const char* kind) const;

    QString engine_;
    QProcess* process_ = nullptr;
    std::unique_ptr<EventReader> reader_;  ///< the current leg's event stream
    std::vector<ReadEvent> batch_;         ///< events taken from reader_, applied up to next_
    std::size_t next_ = 0;
    SweepData data_;
    std::vector<SweepSpec> legs_;
    std::size_t leg_ = 0;
    std::unique_ptr<QTemporaryDir> csv_dir_;
    QTimer update_timer_;
    QTimer kill_timer_;
    QElapsedTimer clock_;
    double started_at_ = 0;
    bool running_ = false;
    bool cancelling_ = false;
    bool exited_ = false;
    bool failed_to_start_ = false;
    bool slice_scheduled_ = false;
    bool ack_due_ = false;  ///< a run's `end` was applied: answer the engine once it is drawn
    int leg_exit_code_ = 0;
    int worst_exit_code_ = 0;
    std::uint64_t shown_revision_ = 0;
    /// Window clock until which the periodic redraw waits: kPaceMs after a `run` line, the
    /// time the engine holds a run's task lines back, so a short run is timed with the window
    /// idle (its redraw comes with its `end`, before the engine is told to go on); likewise
    /// from a leg's start and from each answer to the engine, after which a run starts at
    /// once, before its `run` line has reached the window.
    double quiet_until_ = 0;
    QByteArray stderr_buffer_;
    QStringList leg_stderr_;                 ///< the current leg's stderr lines
    std::size_t leg_exit_codes_before_ = 0;  ///< `done` lines seen before the current leg
};

}  // namespace plab::ui
