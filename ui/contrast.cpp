#include "contrast.h"

#include <algorithm>
#include <cmath>

namespace plab::ui {

namespace {

// One sRGB channel (0..1) made linear, as WCAG 2 defines it.
double linear(double channel) {
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

}  // namespace

double relative_luminance(const QColor& color) {
    const QColor c = color.toRgb();
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

double contrast_ratio(const QColor& a, const QColor& b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

bool is_dark(const QPalette& palette) {
    return relative_luminance(palette.color(QPalette::Base)) <
               relative_luminance(palette.color(QPalette::Text)) &&
           relative_luminance(palette.color(QPalette::Window)) <
               relative_luminance(palette.color(QPalette::WindowText));
}

QColor readable_on(const QColor& color, const QColor& background, double min_ratio) {
    const bool lighten = relative_luminance(background) < 0.2;
    QColor c = color.toHsl();
    for (int step = 0; step < 40 && contrast_ratio(c, background) < min_ratio; ++step) {
        const int l = c.lightness();
        c.setHsl(c.hslHue(), c.hslSaturation(),
                 lighten ? std::min(255, l + 8) : std::max(0, l - 8));
    }
    if (contrast_ratio(c, background) >= min_ratio) return c.toRgb();
    return lighten ? QColor(Qt::white) : QColor(Qt::black);
}

QColor text_on(const QColor& fill) {
    return contrast_ratio(fill, Qt::black) >= contrast_ratio(fill, Qt::white) ? QColor(Qt::black)
                                                                              : QColor(Qt::white);
}

}  // namespace plab::ui
