#include "chart_style.h"

#include <QApplication>

namespace plab::ui {

QColor strategy_color(Strategy s) {
    switch (s) {  // Okabe-Ito-like colours that stay apart for colour-blind eyes
        case Strategy::Serial:
            return QColor(0x55, 0x55, 0x55);
        case Strategy::Map:
            return QColor(0x00, 0x72, 0xB2);
        case Strategy::Starmap:
            return QColor(0xE6, 0x9F, 0x00);
        case Strategy::ApplyAsync:
            return QColor(0x00, 0x9E, 0x73);
        case Strategy::ImapUnordered:
            return QColor(0xCC, 0x79, 0xA7);
        case Strategy::MapClosure:
            return QColor(0x8C, 0x56, 0x4B);
        case Strategy::PathosMap:
            return QColor(0x56, 0xB4, 0xE9);
        case Strategy::ThreadMap:
            return QColor(0x7B, 0x5E, 0x00);
    }
    return Qt::black;
}

QColor error_color() {
    return QColor(0xD6, 0x27, 0x28);
}

QPen ideal_pen() {
    QPen pen(QColor(0x33, 0x33, 0x33), 2, Qt::DashLine);
    pen.setCosmetic(true);
    return pen;
}

QPen baseline_pen() {
    QPen pen(QColor(0x55, 0x55, 0x55), 2, Qt::SolidLine);
    pen.setCosmetic(true);
    return pen;
}

QPen series_pen(Strategy s, int variant) {
    QPen pen(strategy_color(s), 3, variant > 0 ? Qt::DotLine : Qt::SolidLine);
    pen.setCosmetic(true);
    return pen;
}

QFont readable_font(double factor, bool bold) {
    QFont font = QApplication::font();
    const double base = font.pointSizeF() > 0 ? font.pointSizeF() : 10.0;
    font.setPointSizeF(base * factor);
    font.setBold(bold);
    return font;
}

}  // namespace plab::ui
