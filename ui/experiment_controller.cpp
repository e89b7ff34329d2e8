#include "experiment_controller.h"

#include <QPointer>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include "engine_command.h"
#include "engine_launcher.h"

namespace plab::ui {

namespace {

constexpr std::size_t kEventsBetweenClockChecks = 64;

}  // namespace

ExperimentController::ExperimentController(QString engine, QObject* parent)
    : QObject(parent), engine_(std::move(engine)) {
    if (engine_.isEmpty()) engine_ = QCoreApplication::applicationFilePath();
    clock_.start();
    update_timer_.setTimerType(Qt::PreciseTimer);
    update_timer_.setInterval(kUpdateIntervalMs);
    connect(&update_timer_, &QTimer::timeout, this, &ExperimentController::tick);
    kill_timer_.setSingleShot(true);
    kill_timer_.setInterval(kKillAfterMs);
    connect(&kill_timer_, &QTimer::timeout, this, [this] {
        if (process_ && process_->state() != QProcess::NotRunning) {
            emit message(
                tr("The engine did not stop within %1 s; killing it.").arg(kKillAfterMs / 1000),
                true);
            process_->kill();
        }
    });
}

ExperimentController::~ExperimentController() {
    if (process_) {
        process_->disconnect(this);
        stop(3000);
    }
}

double ExperimentController::now() const {
    return static_cast<double>(clock_.nsecsElapsed()) / 1e9;
}

bool ExperimentController::start(const std::vector<SweepSpec>& legs, QString* error) {
    auto refuse = [&](const QString& why) {
        if (error) *error = why;
        return false;
    };
    if (running_) return refuse(tr("An experiment is already running."));
    if (legs.empty()) return refuse(tr("Nothing to run."));
    for (const auto& leg : legs) {
        if (auto why = validate(leg); !why.empty()) return refuse(QString::fromStdString(why));
    }
    auto dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + "/parallel-lab-XXXXXX");
    if (!dir->isValid()) {
        return refuse(
            tr("Cannot make a temporary folder for the CSV files: %1").arg(dir->errorString()));
    }
    csv_dir_ = std::move(dir);
    legs_ = legs;
    leg_ = 0;
    data_.clear();
    worst_exit_code_ = 0;
    cancelling_ = false;
    failed_to_start_ = false;
    running_ = true;
    started_at_ = now();
    shown_revision_ = 0;
    update_timer_.start();
    emit started();
    start_leg_after_pause();  // the window redraws its emptied views before the clock runs
    return true;
}

QString ExperimentController::csv_path(const char* kind, std::size_t leg) const {
    return csv_dir_ ? csv_dir_->filePath(QString("%1-%2.csv").arg(kind).arg(leg + 1)) : QString();
}

void ExperimentController::start_leg() {
    if (process_) {
        process_->disconnect(this);
        process_->deleteLater();
    }
    process_ = new QProcess(this);
    reader_.reset();
    batch_.clear();
    next_ = 0;
    ack_due_ = false;
    quiet_until_ = now() + kPaceMs / 1000.0;  // the leg's first run starts as the engine does
    exited_ = false;
    leg_exit_code_ = 0;
    stderr_buffer_.clear();
    leg_stderr_.clear();
    leg_exit_codes_before_ = data_.exit_codes().size();
    data_.begin_leg(legs_[leg_]);
    int out[2] = {-1, -1};
    if (::pipe2(out, O_CLOEXEC) != 0) out[0] = out[1] = -1;
    configure_engine(*process_, engine_,
                     engine_arguments(legs_[leg_], csv_path("runs", leg_), csv_path("tasks", leg_)),
                     out[1]);
    connect(process_, &QProcess::readyReadStandardError, this, &ExperimentController::read_stderr);
    connect(process_, &QProcess::finished, this, &ExperimentController::on_exited);
    connect(process_, &QProcess::errorOccurred, this, &ExperimentController::on_error);
    if (out[0] >= 0) {
        reader_ = std::make_unique<EventReader>(out[0], [this] {
            QMetaObject::invokeMethod(this, &ExperimentController::schedule_slice,
                                      Qt::QueuedConnection);
        });
    }
    process_->start();
    if (out[1] >= 0) ::close(out[1]);  // the engine has its copy: the stream ends with it
}

void ExperimentController::schedule_slice() {
    if (slice_scheduled_) return;
    slice_scheduled_ = true;
    QTimer::singleShot(0, this, &ExperimentController::process_slice);
}

void ExperimentController::process_slice() {
    slice_scheduled_ = false;
    if (!process_) return;
    QElapsedTimer budget;
    budget.start();
    std::size_t count = 0;
    for (;;) {
        for (; next_ < batch_.size(); ++next_) {
            if (++count % kEventsBetweenClockChecks == 0 && budget.elapsed() >= kSliceBudgetMs) {
                schedule_slice();
                return;
            }
            handle(batch_[next_]);
        }
        batch_.clear();
        next_ = 0;
        if (reader_) reader_->take(batch_);
        if (batch_.empty()) break;
    }
    if (ack_due_) acknowledge_run();
    // The leg is over when the engine has exited and its stream has ended (every event taken).
    if (!exited_ || (reader_ && !reader_->done())) return;
    // A last line without its newline was cut off: the engine was killed while writing it
    // (a cancel's SIGKILL). Not an event, and no news after a cancel.
    if (reader_ && !cancelling_) {
        if (const std::string cut = reader_->partial_line(); !cut.empty()) {
            emit message(tr("The engine's output ended in the middle of a line: %1")
                             .arg(QString::fromStdString(cut.substr(0, 200))),
                         true);
        }
    }
    end_leg();
}

void ExperimentController::handle(const ReadEvent& e) {
    if (!e.event) {
        emit message(tr("Unexpected line from the engine (%1): %2")
                         .arg(QString::fromStdString(e.error), QString::fromStdString(e.line)),
                     true);
        return;
    }
    std::string why;
    if (!data_.apply(*e.event, now(), &why)) emit message(QString::fromStdString(why), true);
    if (e.event->kind == events::Event::Kind::End) ack_due_ = true;
    if (e.event->kind == events::Event::Kind::Run) quiet_until_ = now() + kPaceMs / 1000.0;
}

void ExperimentController::acknowledge_run() {
    // The engine (--pace) waits for this line before its next run: send it once the views have
    // redrawn the run that ended, so that none of the window's work overlaps the next run's
    // timing. "Redrawn" is the event loop about to block: a chart's repaint takes several
    // rounds of posted events (scene changed, view updated, paint), all done by then.
    ack_due_ = false;
    shown_revision_ = data_.revision();
    emit updated();
    auto send = [process = QPointer<QProcess>(process_), this] {
        if (process && process == process_ && process->state() == QProcess::Running) {
            quiet_until_ = now() + kPaceMs / 1000.0;  // the next run starts on this line
            process->write("\n");
        }
    };
    // A widget's repaint is not done when the loop first blocks: the platform delivers the
    // update request from a timer of its own (a frame, 16 ms), so the answer waits for the
    // loop to block after kPaintSettleMs. The loop that never blocks (processEvents in a loop,
    // as QTest::qWait does) is covered by a timer: kAckLatestMs is long enough for such a loop
    // to have drawn too.
    constexpr int kPaintSettleMs = 40;
    constexpr int kAckLatestMs = 150;
    auto sent = std::make_shared<bool>(false);
    auto on_block = std::make_shared<QMetaObject::Connection>();
    auto send_once = [sent, on_block, send] {
        if (*sent) return;
        *sent = true;
        QObject::disconnect(*on_block);
        send();
    };
    QTimer::singleShot(kPaintSettleMs, this, [this, on_block, send_once] {
        if (auto* dispatcher = QAbstractEventDispatcher::instance(); dispatcher != nullptr) {
            *on_block =
                connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this, send_once);
        }
    });
    QTimer::singleShot(kAckLatestMs, this, send_once);
}

void ExperimentController::read_stderr() {
    if (!process_) return;
    stderr_buffer_ += process_->readAllStandardError();
    for (qsizetype nl; (nl = stderr_buffer_.indexOf('\n')) >= 0;) {
        const QString text = QString::fromUtf8(stderr_buffer_.left(nl)).trimmed();
        stderr_buffer_.remove(0, nl + 1);
        if (!text.isEmpty()) leg_stderr_ << text;
    }
}

void ExperimentController::on_exited(int code, QProcess::ExitStatus status) {
    read_stderr();
    if (!stderr_buffer_.trimmed().isEmpty()) {
        leg_stderr_ << QString::fromUtf8(stderr_buffer_).trimmed();
        stderr_buffer_.clear();
    }
    if (status == QProcess::CrashExit && !cancelling_) {
        emit message(tr("The engine stopped unexpectedly."), true);
        code = 1;
    }
    leg_exit_code_ = status == QProcess::CrashExit ? std::max(code, 1) : code;
    kill_timer_.stop();
    exited_ = true;
    schedule_slice();
}

void ExperimentController::on_error(QProcess::ProcessError error) {
    if (error != QProcess::FailedToStart) return;  // the rest end in finished()
    emit message(tr("Cannot start the engine %1: %2").arg(engine_, process_->errorString()), true);
    leg_exit_code_ = 2;
    exited_ = true;
    failed_to_start_ = true;  // no further legs
    schedule_slice();
}

void ExperimentController::end_leg() {
    // What the engine says on stderr repeats the events (failed tasks, refusals), which the
    // log already shows; it is news only when the engine did not finish its stream or could
    // not write its files.
    const bool stream_complete = data_.exit_codes().size() > leg_exit_codes_before_;
    if (leg_exit_code_ == 2 || !stream_complete ||
        (!cancelling_ && !QFileInfo::exists(csv_path("runs", leg_)))) {
        for (const QString& line : std::as_const(leg_stderr_))
            emit message(line, true);
    }
    leg_stderr_.clear();
    worst_exit_code_ = std::max(worst_exit_code_, leg_exit_code_);
    ++leg_;
    if (!cancelling_ && !failed_to_start_ && leg_ < legs_.size()) {
        // A pause before the next leg, so that the window's redraw of the leg that ended (its
        // runs' bars, its charts) is done before the next leg's first run starts its clock.
        exited_ = false;
        start_leg_after_pause();
        return;
    }
    finish_experiment();
}

void ExperimentController::start_leg_after_pause() {
    QTimer::singleShot(kLegPauseMs, this, [this] {
        if (!running_) return;  // stop() meanwhile
        if (cancelling_) {
            finish_experiment();
        } else {
            start_leg();
        }
    });
}

void ExperimentController::finish_experiment() {
    running_ = false;
    update_timer_.stop();
    kill_timer_.stop();
    emit updated();
    emit finished(worst_exit_code_, cancelling_);
}

void ExperimentController::cancel() {
    if (!running_ || cancelling_) return;
    cancelling_ = true;
    if (process_ && process_->state() != QProcess::NotRunning) {
        process_->terminate();
        kill_timer_.start();
    }
}

void ExperimentController::stop(int timeout_ms) {
    if (!process_) return;
    process_->disconnect(this);
    kill_timer_.stop();
    update_timer_.stop();
    if (process_->state() != QProcess::NotRunning) {
        process_->terminate();
        if (!process_->waitForFinished(timeout_ms)) {
            process_->kill();
            process_->waitForFinished(1000);
        }
    }
    running_ = false;
    cancelling_ = false;
}

void ExperimentController::tick() {
    if (running_ && now() < quiet_until_) return;  // a run's first kPaceMs: see quiet_until_
    if (running_ || data_.revision() != shown_revision_) {
        shown_revision_ = data_.revision();
        emit updated();
    }
}

std::vector<CsvPart> ExperimentController::csv_files(const char* kind) const {
    std::vector<CsvPart> out;
    for (std::size_t i = 0; i < legs_.size(); ++i) {
        if (!QFileInfo::exists(csv_path(kind, i))) continue;
        // The window numbers the runs of all legs as one sequence: this leg's follow the
        // runs of the legs before it.
        const auto before = std::count_if(data_.runs().begin(), data_.runs().end(),
                                          [i](const RunRecord& r) { return r.leg < int(i); });
        out.push_back(CsvPart{csv_path(kind, i), static_cast<int>(before)});
    }
    return out;
}

std::vector<CsvPart> ExperimentController::runs_csv_files() const {
    return csv_files("runs");
}

std::vector<CsvPart> ExperimentController::tasks_csv_files() const {
    return csv_files("tasks");
}

}  // namespace plab::ui
