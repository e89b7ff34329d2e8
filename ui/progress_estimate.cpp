#include "progress_estimate.h"

#include <QObject>
#include <algorithm>
#include <cmath>

#include "axis_ticks.h"
#include "experiment/metrics.h"

namespace plab::ui {

namespace {

double planned_ideal(const ExperimentSpec& spec, int cores = machine_cores()) {
    return spec.strategy == Strategy::MapClosure ? 0.0 : ideal_seconds(spec, cores);
}

}  // namespace

Progress estimate_progress(const SweepData& data, double now_s, double started_s) {
    Progress p;
    const auto& planned = data.planned();
    double total_ideal = 0;
    for (const auto& spec : planned) {
        p.total_tasks += spec.tasks;
        total_ideal += planned_ideal(spec);
    }

    std::vector<bool> started(planned.size(), false);
    double ended_actual = 0, ended_ideal = 0, current_left = 0;
    for (const auto& run : data.runs()) {
        const auto i = static_cast<std::size_t>(run.planned_index);
        if (i < started.size()) started[i] = true;
        const double ideal = planned_ideal(run.spec);
        if (run.ended()) {
            p.done_tasks += run.spec.tasks;
            if (ideal > 0 && !run.end->cancelled) {
                ended_actual += run.end->elapsed_s;
                ended_ideal += ideal;
            }
        } else {
            p.done_tasks += run.finished_tasks;
            current_left += std::max(0.0, ideal - (now_s - run.received_at_s));
        }
    }
    double future_ideal = 0;
    for (std::size_t i = 0; i < planned.size(); ++i) {
        if (!started[i]) future_ideal += planned_ideal(planned[i]);
    }

    const double elapsed = now_s - started_s;
    if (total_ideal < 0.5) {
        if (p.done_tasks > 0 && elapsed > 0) {
            p.seconds_left = elapsed / static_cast<double>(p.done_tasks) *
                             static_cast<double>(p.total_tasks - p.done_tasks);
        }
    } else {
        const double ratio =
            ended_ideal > 0 ? std::clamp(ended_actual / ended_ideal, 0.5, 20.0) : 1.05;
        p.seconds_left = ratio * (future_ideal + current_left);
    }
    if (p.done_tasks >= p.total_tasks && p.total_tasks > 0) p.seconds_left = 0;
    return p;
}

double planned_seconds(const std::vector<SweepSpec>& legs, int cores) {
    double total = 0;
    for (const SweepSpec& leg : legs) {
        for (const ExperimentSpec& spec : plan_runs(leg))
            total += planned_ideal(spec, cores);
    }
    return total;
}

QString progress_text(const Progress& p, ProgressStage stage) {
    QString text = QObject::tr("%L1 / %L2 tasks").arg(p.done_tasks).arg(p.total_tasks);
    switch (stage) {
        case ProgressStage::Running:
            if (p.seconds_left >= 1) {
                text += QObject::tr(" · about %1 left")
                            .arg(QString::fromStdString(format_rough_duration(p.seconds_left)));
            } else if (p.seconds_left >= 0) {
                text += QObject::tr(" · less than a second left");
            }
            break;
        case ProgressStage::Cancelling:
            text += QObject::tr(" · cancelling");
            break;
        case ProgressStage::Done:
            text += QObject::tr(" · done");
            break;
        case ProgressStage::Cancelled:
            text += QObject::tr(" · cancelled");
            break;
    }
    return text;
}

}  // namespace plab::ui
