#include "engine_command.h"

#include "spec_text.h"

namespace plab::ui {

QStringList engine_arguments(const SweepSpec& leg, const QString& runs_csv,
                             const QString& tasks_csv) {
    QStringList names;
    for (Strategy s : leg.strategies)
        names << QString::fromUtf8(strategy_name(s));
    const auto& b = leg.base;
    QStringList args{"sweep",
                     "--strategies",
                     names.join(','),
                     "--workers",
                     QString::fromStdString(join_workers(leg.workers)),
                     "--tasks",
                     QString::number(b.tasks),
                     "--delay",
                     QString::fromStdString(format_delay(b.delay_ns)),
                     "--workload",
                     QString::fromUtf8(workload_name(b.workload)),
                     "--exponent",
                     QString::number(b.exponent),
                     "--chunksize",
                     b.chunksize == 0 ? QString("auto") : QString::number(b.chunksize),
                     "--repeat",
                     QString::number(leg.repeats)};
    if (b.crash_task >= 0) args << "--crash-task" << QString::number(b.crash_task);
    if (b.payload_bytes > 0) args << "--payload" << QString::number(b.payload_bytes);
    args << "--events"
         << "-";
    if (!runs_csv.isEmpty()) args << "--csv" << runs_csv;
    if (!tasks_csv.isEmpty()) args << "--tasks-csv" << tasks_csv;
    return args;
}

}  // namespace plab::ui
