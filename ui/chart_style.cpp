#include "chart_style.h"

#include <QApplication>
#include <algorithm>
#include <cmath>

namespace plab::ui {

namespace {

// A plain light palette: black on white.
QPalette light_palette() {
    QPalette p;
    for (auto role : {QPalette::Window, QPalette::Base})
        p.setColor(role, Qt::white);
    for (auto role : {QPalette::WindowText, QPalette::Text})
        p.setColor(role, Qt::black);
    return p;
}

}  // namespace

QColor strategy_color(Strategy s) {
    return strategy_color(s, false);
}

QColor strategy_color(Strategy s, bool dark) {
    if (runs_python(s)) {  // Python's own run of a strategy: a deeper shade of ours
        const QColor ours = strategy_color(own_counterpart(s), dark);
        if (dark) return ours.lighter(145);
        // Serial's dark grey would go black, unseen on a dark background: a lighter grey.
        return ours.hslSaturation() < 30 && ours.lightness() < 110 ? ours.lighter(170)
                                                                   : ours.darker(150);
    }
    switch (s) {  // Okabe-Ito (Color Universal Design): apart for every kind of colour vision
        case Strategy::Serial:  // Okabe-Ito's black, as a grey that shows on both backgrounds
            return dark ? QColor(0xC8, 0xC8, 0xC8) : QColor(0x4D, 0x4D, 0x4D);
        case Strategy::Map:  // blue
            return dark ? QColor(0x3A, 0x9B, 0xE0) : QColor(0x00, 0x72, 0xB2);
        case Strategy::Starmap:  // orange
            return QColor(0xE6, 0x9F, 0x00);
        case Strategy::ApplyAsync:  // bluish green
            return dark ? QColor(0x1F, 0xC0, 0x93) : QColor(0x00, 0x9E, 0x73);
        case Strategy::ImapUnordered:  // reddish purple
            return QColor(0xCC, 0x79, 0xA7);
        case Strategy::MapClosure:  // vermillion
            return QColor(0xD5, 0x5E, 0x00);
        case Strategy::PathosMap:  // sky blue
            return QColor(0x56, 0xB4, 0xE9);
        case Strategy::ThreadMap:  // yellow; darkened on light, where pure yellow vanishes
            return dark ? QColor(0xF0, 0xE4, 0x42) : QColor(0x9A, 0x8C, 0x00);
        // Okabe-Ito's eight are taken: Open MPI's two come from Paul Tol's muted scheme
        // (indigo, a deep wine), lightened on dark, and draw their lines dash-dotted.
        case Strategy::MpiMap:  // indigo
            return dark ? QColor(0x9A, 0x8C, 0xF0) : QColor(0x33, 0x22, 0x88);
        case Strategy::MpiScatter:  // wine
            return dark ? QColor(0xE0, 0x70, 0x70) : QColor(0x7A, 0x0F, 0x2E);
        default:
            break;
    }
    return dark ? Qt::white : Qt::black;
}

QColor error_color() {
    return QColor(0xD6, 0x27, 0x28);
}

ChartColors chart_colors(const QPalette& palette) {
    ChartColors c;
    c.dark = is_dark(palette);
    c.background = palette.color(QPalette::Base);
    c.text = palette.color(QPalette::Text);
    if (contrast_ratio(c.text, c.background) < 7) c.text = c.dark ? Qt::white : Qt::black;
    const QColor& bg = c.background;
    c.muted = readable_on(c.dark ? QColor(0xB0, 0xB0, 0xB0) : QColor(0x55, 0x55, 0x55), bg, 4.6);
    c.grid = c.dark ? bg.lighter(170) : bg.darker(114);
    c.neutral = readable_on(c.dark ? QColor(0x9A, 0x9A, 0x9A) : QColor(0x6E, 0x6E, 0x6E), bg, 4.6);
    c.ideal = readable_on(c.dark ? QColor(0xE0, 0xE0, 0xE0) : QColor(0x33, 0x33, 0x33), bg, 4.6);
    return c;
}

QPen ideal_pen(const ChartColors& colors) {
    QPen pen(colors.ideal, 2, Qt::DashLine);
    pen.setCosmetic(true);
    return pen;
}

QPen ideal_pen() {
    return ideal_pen(chart_colors(light_palette()));
}

QPen baseline_pen(const ChartColors& colors, int variant) {
    QPen pen(strategy_color(Strategy::Serial, colors.dark), 2,
             variant > 0 ? Qt::DashDotLine : Qt::SolidLine);
    pen.setCosmetic(true);
    return pen;
}

QPen baseline_pen() {
    return baseline_pen(chart_colors(light_palette()));
}

QPen series_pen(Strategy s, int variant, bool dark) {
    Qt::PenStyle style = variant == 0 ? Qt::SolidLine : variant == 1 ? Qt::DashLine : Qt::DotLine;
    if (runs_mpi(s)) style = variant == 0 ? Qt::DashDotLine : Qt::DashDotDotLine;
    QPen pen(strategy_color(s, dark), 3, style);
    pen.setCosmetic(true);
    return pen;
}

MarkerShape marker_shape(int index) {
    static constexpr MarkerShape kOrder[kMarkerShapes] = {
        MarkerShape::Circle,  MarkerShape::Square,   MarkerShape::Triangle,
        MarkerShape::Diamond, MarkerShape::Pentagon, MarkerShape::Star};
    const int i = ((index % kMarkerShapes) + kMarkerShapes) % kMarkerShapes;
    return kOrder[i];
}

QFont readable_font(double factor, bool bold) {
    QFont font = QApplication::font();
    const double base = font.pointSizeF() > 0 ? font.pointSizeF() : 10.0;
    font.setPointSizeF(base * factor);
    font.setBold(bold);
    return font;
}

}  // namespace plab::ui
