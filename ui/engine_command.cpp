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
    if (b.serial_fraction > 0) {  // 17 digits: the engine reads back the very same fraction
        args << "--serial-fraction" << QString::number(b.serial_fraction, 'g', 17);
    }
    if (b.scaling == Scaling::Weak) args << "--scaling" << QStringLiteral("weak");
    if (b.durations != Durations{}) {
        args << "--durations" << QString::fromStdString(format_durations(b.durations));
    }
    if (b.seed != ExperimentSpec{}.seed) args << "--seed" << QString::number(b.seed);
    if (b.start_method != StartMethod::Fork)
        args << "--start" << QString::fromUtf8(start_method_name(b.start_method));
    if (b.payload_bytes > 0) args << "--payload" << QString::number(b.payload_bytes);
    args << "--events"
         << "-"
         << "--pace" << QString::number(kPaceMs);
    if (!runs_csv.isEmpty()) args << "--csv" << runs_csv;
    if (!tasks_csv.isEmpty()) args << "--tasks-csv" << tasks_csv;
    return args;
}

}  // namespace plab::ui
