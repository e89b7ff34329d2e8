#include "run_summary.h"

#include <QObject>
#include <QStringList>
#include <algorithm>
#include <cmath>

#include "axis_ticks.h"
#include "timeline_panel.h"

namespace plab::ui {

namespace {

QString tr(const char* text) {
    return QObject::tr(text);
}

QString duration(double seconds) {
    return QString::fromStdString(format_duration(seconds));
}

QString run_head(const RunRecord& run) {
    QString head =
        tr("Run %1 · %2").arg(run.number).arg(QString::fromUtf8(strategy_label(run.spec.strategy)));
    if (own_counterpart(run.spec.strategy) != Strategy::Serial)
        head += " · " + workers_text(run.spec.workers);
    return head;
}

/// A pool replaces a killed worker; serial and threads have none, and a dead rank ends the
/// whole MPI job.
bool replaces_workers(Strategy s) {
    return uses_processes(s) && !runs_mpi(s);
}

QString tasks_killed(int n, bool replaced) {
    QString text = n == 1 ? tr("1 task killed as asked") : tr("%1 tasks killed as asked").arg(n);
    if (replaced) text += n == 1 ? tr("; its worker was replaced") : tr("; each worker replaced");
    return text;
}

/// An MPI run's hosts, each other host's clock offset from rank 0's, and the engine's note:
/// "Open MPI ranks on plab-h1, plab-h2 (clock +3.000 s ± 100 µs); oversubscribed: ...".
QString mpi_text(const RunRecord& run) {
    QStringList hosts;
    for (const RunHost& h : run.hosts) {
        QString name = QString::fromStdString(h.name);
        if (h.offset_s != 0 || h.uncertainty_s != 0) {
            name += tr(" (clock %1%2 ± %3)")
                        .arg(h.offset_s < 0 ? "−" : "+", duration(std::abs(h.offset_s)),
                             duration(h.uncertainty_s));
        }
        hosts << name;
    }
    QString text = tr("Open MPI ranks on %1").arg(hosts.join(", "));
    if (!run.note.empty()) text += "; " + QString::fromStdString(run.note);
    return text;
}

}  // namespace

bool refusal_expected(const RunRecord& run) {
    return run.refused() && own_counterpart(run.spec.strategy) == Strategy::MapClosure;
}

int expected_failures(const RunRecord& run) {
    if (!run.ended() || run.end->cancelled || run.spec.crash_task < 0) return 0;
    // The crash asked for ends the whole MPI job: every task it left unfinished fails with it.
    if (runs_mpi(run.spec.strategy)) return run.end->failed;
    return std::min(run.end->failed, 1);
}

std::vector<Outcome> run_lines(const RunRecord& run, int max_errors) {
    std::vector<Outcome> out;
    if (!run.ended()) return out;
    const RunEnd& end = *run.end;
    const QString head = run_head(run);
    if (!end.refusal.empty()) {
        const bool expected = refusal_expected(run);
        out.push_back(
            {head + (expected ? tr(": refused, as in the article: %1") : tr(": refused: %1"))
                        .arg(QString::fromStdString(end.refusal)),
             expected ? Tone::Lesson : Tone::Error});
        return out;
    }
    if (end.cancelled) {
        out.push_back({head + tr(": cancelled after %1 (%L2 of %L3 tasks had finished)")
                                  .arg(duration(end.elapsed_s))
                                  .arg(std::max(0, run.finished_tasks - run.failed_tasks))
                                  .arg(run.spec.tasks),
                       Tone::Muted});
        return out;
    }
    QString line = head + tr(": %1").arg(duration(end.elapsed_s));
    if (run.spec.strategy != Strategy::Serial) {
        line += tr(", speedup %1× (efficiency %2%)")
                    .arg(end.speedup, 0, 'f', 2)
                    .arg(end.efficiency * 100, 0, 'f', 0);
    }
    const int expected = expected_failures(run);
    const int unexpected = end.failed - expected;
    if (expected > 0) line += ", " + tasks_killed(expected, replaces_workers(run.spec.strategy));
    if (unexpected > 0) {
        line += unexpected == 1 ? tr(", 1 task failed") : tr(", %1 tasks failed").arg(unexpected);
    }
    out.push_back({line, unexpected > 0 ? Tone::Error : expected > 0 ? Tone::Lesson : Tone::Plain});
    if (runs_mpi(run.spec.strategy) && !run.hosts.empty())
        out.push_back({"  " + mpi_text(run), Tone::Muted});

    int listed = 0;
    for (std::size_t i = 0; i < run.bars.size() && i < run.texts.size(); ++i) {
        const TaskBar& b = run.bars[i];
        if (!b.finished || b.ok || b.task < 0) continue;  // task -1: the serial part
        if (listed++ == max_errors) break;
        const bool asked = b.task == run.spec.crash_task;
        out.push_back({tr("    task %1: %2").arg(b.task).arg(QString::fromStdString(run.texts[i])),
                       asked ? Tone::Lesson : Tone::Error});
    }
    if (end.failed > max_errors) {
        out.push_back(
            {tr("    … and %1 more failed tasks (see the tasks CSV)").arg(end.failed - max_errors),
             unexpected > 0 ? Tone::Error : Tone::Lesson});
    }
    return out;
}

Outcome experiment_outcome(const SweepData& data, int exit_code, bool cancelled, double took_s) {
    int ended = 0, complete = 0, refused_expected = 0, refused_other = 0, killed = 0, failed = 0;
    bool killed_in_pool = false;
    for (const RunRecord& run : data.runs()) {
        if (!run.ended()) continue;
        ++ended;
        if (run.refused()) {
            (refusal_expected(run) ? refused_expected : refused_other) += 1;
            continue;
        }
        if (run.end->cancelled) continue;
        ++complete;
        const int expected = expected_failures(run);
        killed += expected;
        killed_in_pool = killed_in_pool || (expected > 0 && replaces_workers(run.spec.strategy));
        failed += run.end->failed - expected;
    }
    const auto planned = static_cast<int>(data.planned().size());
    if (cancelled) {
        return {tr("Cancelled after %1: %2 of %3 runs done")
                    .arg(duration(took_s))
                    .arg(complete + refused_expected + refused_other)
                    .arg(planned),
                Tone::Plain};
    }
    if (exit_code >= 2) {
        return {tr("The engine could not run the experiment (exit code %1): see the log above")
                    .arg(exit_code),
                Tone::Error};
    }
    QString text = tr("Done in %1: ").arg(duration(took_s)) +
                   (ended == 1 ? tr("1 run") : tr("%1 runs").arg(ended));
    Tone tone = Tone::Plain;
    if (refused_expected > 0) {
        text += tr(", %1 refused as the article shows").arg(refused_expected);
        tone = Tone::Lesson;
    }
    if (killed > 0) {
        text += ", " + tasks_killed(killed, killed_in_pool);
        tone = Tone::Lesson;
    }
    if (refused_other > 0) {
        text += tr(", %1 refused").arg(refused_other);
        tone = Tone::Error;
    }
    if (failed > 0) {
        text += failed == 1 ? tr(", 1 task failed") : tr(", %1 tasks failed").arg(failed);
        tone = Tone::Error;
    }
    if (exit_code != 0 && tone != Tone::Error && refused_expected + killed == 0) {
        // The engine said something failed that the runs do not explain: say so, in red.
        text += tr(", exit code %1").arg(exit_code);
        tone = Tone::Error;
    }
    return {text, tone};
}

}  // namespace plab::ui
