#include "serial_part_chart.h"

#include <QObject>
#include <algorithm>

#include "experiment/serial_part.h"

namespace plab::ui {

std::optional<SerialPartPoints> serial_part_points(const SweepData& data, int max_workers) {
    if (data.legs().empty()) return std::nullopt;
    const ExperimentSpec& base = data.legs().front().base;
    if (!(base.serial_fraction > 0)) return std::nullopt;
    SerialPartPoints out;
    out.fraction = base.serial_fraction;
    out.weak = base.scaling == Scaling::Weak;
    for (int n = 1; n <= std::max(max_workers, 1); ++n) {
        out.bound.push_back({double(n), out.weak ? gustafson_bound(out.fraction, n)
                                                 : amdahl_bound(out.fraction, n)});
    }
    double sum = 0;
    for (const RunRecord& run : data.runs()) {
        if (!run.ended() || run.end->cancelled || run.refused() || run.end->failed > 0) continue;
        // The run line does not carry the serial part: the run's leg says it.
        ExperimentSpec spec = run.spec;
        const auto leg = static_cast<std::size_t>(std::max(run.leg, 0));
        spec.scaling = leg < data.legs().size() ? data.legs()[leg].base.scaling : base.scaling;
        if (const auto e = estimated_serial_fraction(spec, run.end->speedup)) {
            sum += *e;
            ++out.estimated_runs;
        }
    }
    if (out.estimated_runs > 0) out.estimated = sum / out.estimated_runs;
    return out;
}

QString serial_part_legend(const SerialPartPoints& part) {
    QString text = part.weak ? QObject::tr("Gustafson's bound n − F(n−1)")
                             : QObject::tr("Amdahl's bound 1/(F + (1−F)/n)");
    text += QObject::tr(" · serial fraction set %1").arg(part.fraction, 0, 'f', 2);
    if (part.estimated) {
        text += part.weak
                    ? QObject::tr(", estimated %1 (n − speedup)/(n − 1)")
                          .arg(*part.estimated, 0, 'f', 2)
                    : QObject::tr(", estimated %1 (Karp-Flatt)").arg(*part.estimated, 0, 'f', 2);
    }
    return text;
}

QPen bound_pen(const ChartColors& colors) {
    QPen pen(strategy_color(Strategy::Serial, colors.dark), 2, Qt::DashDotLine);
    pen.setCosmetic(true);
    return pen;
}

}  // namespace plab::ui
