#include "ui_test_support.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDir>
#include <QTest>

#include "experiment/event_stream.h"

namespace plab::ui::testing {

std::string line(std::initializer_list<std::string> fields) {
    std::string out;
    for (const auto& f : fields) {
        if (!out.empty()) out += '\t';
        out += f;
    }
    return out;
}

void feed(SweepData& data, std::initializer_list<std::string> lines, double now_s) {
    for (const auto& l : lines) {
        std::string why;
        const auto event = events::parse(l, &why);
        if (!event) {
            ADD_FAILURE() << "line does not parse: " << l << ": " << why;
            continue;
        }
        if (!data.apply(*event, now_s, &why))
            ADD_FAILURE() << "line does not apply: " << l << ": " << why;
    }
}

SweepSpec article_leg(std::int64_t delay_ns) {
    SweepSpec leg;
    leg.strategies = {Strategy::Serial,     Strategy::Map,        Strategy::Starmap,
                      Strategy::ApplyAsync, Strategy::MapClosure, Strategy::PathosMap};
    leg.workers = {5};
    leg.base.tasks = 10;
    leg.base.delay_ns = delay_ns;
    return leg;
}

bool wait_for(const std::function<bool()>& done, int timeout_ms) {
    return QTest::qWaitFor(done, timeout_ms);
}

bool wait_for_article_mid_run(const ExperimentController& controller, int timeout_ms) {
    return wait_for(
        [&] {
            const auto& runs = controller.data().runs();
            return runs.size() >= 3 && runs[2].bars.size() >= 5;
        },
        timeout_ms);
}

QString save_screenshot(QWidget* widget, const QString& name) {
    QDir().mkpath(PLAB_SCREENSHOT_DIR);
    const QString path = QString(PLAB_SCREENSHOT_DIR) + "/" + name + ".png";
    // What a user would see: layouts and legends update on posted events, after a change.
    QCoreApplication::processEvents();
    widget->grab().save(path);
    return path;
}

int preset_index(const std::vector<Preset>& all, const std::string& name) {
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].name == name) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace plab::ui::testing
