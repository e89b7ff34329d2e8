#include "line_looks.h"

#include "axis_ticks.h"

namespace plab::ui {

namespace {

QString value_text(double y, SeriesMeasure measure) {
    switch (measure) {
        case SeriesMeasure::Elapsed:
            return QString::fromStdString(format_duration(y));
        case SeriesMeasure::Speedup:
            return QString::number(y, 'f', 2) + "×";
        case SeriesMeasure::Efficiency:
            return QString::number(y, 'f', 0) + "%";
    }
    return {};
}

}  // namespace

const std::vector<XY>& measured(const StrategySeries& s, SeriesMeasure measure) {
    switch (measure) {
        case SeriesMeasure::Elapsed:
            return s.elapsed;
        case SeriesMeasure::Speedup:
            return s.speedup;
        case SeriesMeasure::Efficiency:
            return s.efficiency;
    }
    return s.elapsed;
}

QString legend_name(const StrategySeries& series) {
    QString name = QString::fromStdString(series.label);
    if (series.refused) name += QObject::tr(" — refused");
    return name;
}

LineLook series_look(const ChartPoints& points, std::size_t index, SeriesMeasure measure,
                     const ChartColors& colors) {
    const StrategySeries& s = points.series[index];
    LineLook look;
    look.pen = series_pen(s.key.strategy, s.variant, colors.dark);
    look.marker = marker_shape(static_cast<int>(index));
    std::size_t total = 0;
    for (const auto& other : points.series)
        total += measured(other, measure).size();
    const auto& values = measured(s, measure);
    for (std::size_t i = 0; i < values.size(); ++i) {
        look.tips.append(i < s.tips.size() ? QString::fromStdString(s.tips[i]) : QString());
        const bool label = total <= 8 || i + 1 == values.size();
        look.labels.append(label ? value_text(values[i].y, measure) : QString());
    }
    return look;
}

}  // namespace plab::ui
