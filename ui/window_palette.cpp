#include "window_palette.h"

#include <QtGlobal>
#include <algorithm>
#include <cmath>

namespace plab::ui {

QColor tone_color(Tone tone, const QColor& background) {
    const bool dark = relative_luminance(background) < 0.2;
    switch (tone) {
        case Tone::Lesson:  // a calm blue: "this is what the experiment shows"
            return readable_on(dark ? QColor(0x8c, 0xc8, 0xff) : QColor(0x00, 0x5a, 0x9c),
                               background);
        case Tone::Error:  // red, lightened on dark backgrounds
            return readable_on(dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20),
                               background);
        case Tone::Muted:  // grey, but still 4.5:1
            return readable_on(dark ? QColor(0xa8, 0xa8, 0xa8) : QColor(0x6a, 0x6a, 0x6a),
                               background);
        case Tone::Plain:
            break;
    }
    return dark ? QColor(0xee, 0xee, 0xee) : QColor(0x1a, 0x1a, 0x1a);
}

bool desktop_wants_dark(const QPalette& platform) {
    if (is_dark(platform)) return false;  // already dark: nothing to do
    if (qEnvironmentVariable("PLAB_DARK") == "1") return true;
    return qEnvironmentVariable("GTK_THEME").contains("dark", Qt::CaseInsensitive);
}

QPalette dark_palette() {
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b), base(0x1e, 0x1e, 0x1e), text(0xee, 0xee, 0xee);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa0, 0xa0));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x8a, 0x80));
    p.setColor(QPalette::Light, QColor(0x50, 0x50, 0x50));
    p.setColor(QPalette::Midlight, QColor(0x44, 0x44, 0x44));
    p.setColor(QPalette::Mid, QColor(0x33, 0x33, 0x33));
    p.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x18));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8c, 0xc8, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    }
    return p;
}

}  // namespace plab::ui
