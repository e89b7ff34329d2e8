// Case 9: the window under load. A 100,000-task run of tiny tasks (50 us, chunk size 1, so
// that every result streams on its own) driven through the real
// window, offscreen, with the real engine process: the longest the GUI thread went without
// answering a 5 ms timer (stall_ms), how often the views were asked to redraw (redraws_per_s:
// the controller's updated() signals), and how much the window's peak memory grew per task
// (bytes_per_task, from VmHWM against VmRSS before the run).
#include <benchmark/benchmark.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>
#include <fstream>
#include <string>

#include "controls_panel.h"
#include "experiment_controller.h"
#include "main_window.h"

namespace plab::bench {
namespace {

constexpr int kTasks = 100'000;

/// A field of /proc/self/status in kB (VmRSS, VmHWM), or 0.
long status_kb(const std::string& field) {
    std::ifstream f("/proc/self/status");
    std::string key;
    long value = 0;
    while (f >> key) {
        if (key == field + ":") {
            f >> value;
            return value;
        }
        f.ignore(4096, '\n');
    }
    return 0;
}

void case9_window(benchmark::State& state) {
    for (auto _ : state) {
        QTemporaryDir dir;
        ui::WindowOptions options;
        options.engine = QCoreApplication::applicationDirPath() + "/parallel-lab";
        options.settings_file = dir.filePath("settings.ini");
        ui::MainWindow window(options);
        window.resize(1360, 880);
        window.show();
        for (Strategy s : all_strategies())
            window.controls()->strategy_box(s)->setChecked(s == Strategy::Map);
        qobject_cast<QLineEdit*>(window.controls()->field(ui::Field::Workers))->setText("2");
        qobject_cast<QSpinBox*>(window.controls()->field(ui::Field::Tasks))->setValue(kTasks);
        qobject_cast<QLineEdit*>(window.controls()->field(ui::Field::Delay))
            ->setText("50us");  // about 2.5 s in all
        qobject_cast<QLineEdit*>(window.controls()->field(ui::Field::Chunksize))
            ->setText("1");  // every result streams alone: the hardest case for the GUI
        qobject_cast<QLineEdit*>(window.controls()->field(ui::Field::CrashTask))->setText("");
        QCoreApplication::processEvents();

        int redraws = 0;
        QObject::connect(window.controller(), &ui::ExperimentController::updated,
                         [&] { ++redraws; });
        QElapsedTimer clock;
        qint64 last = 0;
        qint64 worst = 0;
        QTimer tick;
        tick.setInterval(5);
        QObject::connect(&tick, &QTimer::timeout, [&] {
            const qint64 now = clock.elapsed();
            worst = std::max(worst, now - last);
            last = now;
        });
        const long rss_before = status_kb("VmRSS");
        clock.start();
        tick.start();
        if (!window.start_experiment()) {
            state.SkipWithError("the window refused to start the run");
            return;
        }
        while (window.controller()->running() && clock.elapsed() < 120'000) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        }
        const double seconds = static_cast<double>(clock.elapsed()) / 1000.0;
        tick.stop();
        if (window.controller()->running()) {
            state.SkipWithError("the run did not end within 120 s");
            return;
        }
        state.counters["stall_ms"] = static_cast<double>(worst);
        state.counters["redraws_per_s"] = redraws / seconds;
        state.counters["bytes_per_task"] =
            static_cast<double>(status_kb("VmHWM") - rss_before) * 1024.0 / kTasks;
        state.counters["run_s"] = seconds;
    }
}
BENCHMARK(case9_window)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace
}  // namespace plab::bench

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
