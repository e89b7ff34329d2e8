// Issue 10, item 6: the window's timings against the headless ones. The tiny-tasks preset
// (20,000 tasks of delay 0; serial, map and imap_unordered; workers 1, 2, 4; chunk sizes 1 and
// auto) runs through the real window, offscreen, with the real engine, and as
// `parallel-lab sweep` with the same spec and its normal per-task recording (--tasks-csv).
// Each round is a sandwich, headless - window - headless, so that a machine that drifts (other
// sessions' load coming and going on these 2 cores) weighs on both sides alike; the window is
// compared with the mean of the two headless runs around it. The two headless runs of a round
// are also compared with each other (A/A): what the same command differs from itself is the
// noise floor, the smallest gap this machine can resolve with this many rounds. A first round
// (warm-up: the window's first paint, the engine's first start) is run and not counted.
// Prints JSON: for every run (strategy, workers, chunk size) the median over rounds of the
// window's elapsed, of the headless one, of the per-round ratio window/headless and of the A/A
// ratio second/first headless.
//
//   plab_timing_bench [--rounds N] [--tasks N] [--engine PATH]
//
// Exit status 0 when every run of every round ended (the ratios are for the reader to judge),
// 1 when a run failed or did not end.
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "controls_panel.h"
#include "engine_command.h"
#include "experiment_controller.h"
#include "main_window.h"
#include "presets.h"

namespace plab::bench {
namespace {

/// strategy/workers/chunk -> elapsed seconds, for one round of one side.
using Elapsed = std::map<QString, double>;

QString key(Strategy s, int workers, int chunksize) {
    return QString("%1/%2w/chunk%3")
        .arg(QString::fromUtf8(strategy_name(s)))
        .arg(workers)
        .arg(chunksize);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n == 0 ? 0 : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int tiny_preset_index() {
    const std::vector<ui::Preset> all = ui::presets(2);
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].name.rfind("Tiny", 0) == 0) return static_cast<int>(i);
    }
    return -1;
}

/// The preset through the window; empty when it did not end within 5 minutes or a run failed.
/// legs (may be null) receives the legs the window ran.
Elapsed window_round(const QString& engine, int tasks, std::vector<SweepSpec>* legs) {
    QTemporaryDir dir;
    ui::WindowOptions options;
    options.engine = engine;
    options.settings_file = dir.filePath("settings.ini");
    ui::MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    window.controls()->apply_preset(tiny_preset_index());
    qobject_cast<QSpinBox*>(window.controls()->field(ui::Field::Tasks))->setValue(tasks);
    QCoreApplication::processEvents();
    int exit_code = -1;
    QObject::connect(window.controller(), &ui::ExperimentController::finished,
                     [&](int code, bool) { exit_code = code; });
    // The loop waits as an application's does, blocked until an event comes: a loop of
    // processEvents(flags, ms) returns at once when nothing is pending, so it would spin a
    // core of this 2-core machine and take it from the experiment it measures.
    QEventLoop loop;
    QObject::connect(window.controller(), &ui::ExperimentController::finished, &loop,
                     &QEventLoop::quit);
    QTimer::singleShot(300'000, &loop, &QEventLoop::quit);
    if (!window.start_experiment()) return {};
    if (window.controller()->running()) loop.exec();
    if (window.controller()->running() || exit_code != 0) return {};
    Elapsed out;
    for (const ui::RunRecord& run : window.controller()->data().runs()) {
        if (!run.end) return {};
        out[key(run.spec.strategy, run.spec.workers, run.chunksize)] = run.end->elapsed_s;
    }
    if (legs != nullptr) *legs = window.controller()->data().legs();
    return out;
}

/// The same legs as `parallel-lab sweep`, each with --csv and --tasks-csv, read back.
Elapsed headless_round(const QString& engine, const std::vector<SweepSpec>& legs) {
    Elapsed out;
    QTemporaryDir dir;
    for (const SweepSpec& leg : legs) {
        const QString runs = dir.filePath("runs.csv");
        QStringList args = ui::engine_arguments(leg, runs, dir.filePath("tasks.csv"));
        const qsizetype events = args.indexOf("--events");
        args.remove(events, 2);  // headless: no event stream, as on the command line
        QProcess p;
        p.setStandardOutputFile(QProcess::nullDevice());
        p.start(engine, args);
        if (!p.waitForFinished(300'000) || p.exitCode() != 0) return {};
        QFile f(runs);
        if (!f.open(QIODevice::ReadOnly)) return {};
        const QList<QByteArray> lines = f.readAll().split('\n');
        // run,repeat,strategy,workers,tasks,delay_s,workload,exponent,chunksize,elapsed_s,...
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> c = lines[i].trimmed().split(',');
            if (c.size() < 10) continue;
            const auto s = parse_strategy(c[2].toStdString());
            if (!s) return {};
            out[key(*s, c[3].toInt(), c[8].toInt())] = c[9].toDouble();
        }
    }
    return out;
}

int run(int argc, char** argv) {
    int rounds = 15;
    int tasks = 20'000;
    QString engine = QCoreApplication::applicationDirPath() + "/parallel-lab";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--rounds") rounds = std::max(1, std::atoi(argv[i + 1]));
        if (a == "--tasks") tasks = std::max(1, std::atoi(argv[i + 1]));
        if (a == "--engine") engine = QString::fromLocal8Bit(argv[i + 1]);
    }
    std::map<QString, std::vector<double>> window_s;
    std::map<QString, std::vector<double>> headless_s;  // per round: mean of the two
    std::map<QString, std::vector<double>> first_s;
    std::map<QString, std::vector<double>> second_s;
    std::map<QString, std::vector<double>> ratio;
    std::map<QString, std::vector<double>> aa_ratio;
    std::vector<QString> order;
    std::vector<SweepSpec> legs;
    std::fprintf(stderr, "timing warm-up round ...\n");
    if (window_round(engine, tasks, &legs).empty()) {
        std::fprintf(stderr, "plab_timing_bench: a run failed or did not end in the warm-up\n");
        return 1;
    }
    for (int r = 0; r < rounds; ++r) {
        std::fprintf(stderr, "timing round %d/%d ...\n", r + 1, rounds);
        const Elapsed h1 = headless_round(engine, legs);
        const Elapsed w = h1.empty() ? Elapsed{} : window_round(engine, tasks, nullptr);
        const Elapsed h2 = w.empty() ? Elapsed{} : headless_round(engine, legs);
        if (w.empty() || h1.size() != w.size() || h2.size() != w.size()) {
            std::fprintf(stderr, "plab_timing_bench: a run failed or did not end in round %d\n",
                         r + 1);
            return 1;
        }
        for (const auto& [k, v] : w) {
            if (r == 0) order.push_back(k);
            const double h = (h1.at(k) + h2.at(k)) / 2;
            window_s[k].push_back(v);
            headless_s[k].push_back(h);
            first_s[k].push_back(h1.at(k));
            second_s[k].push_back(h2.at(k));
            ratio[k].push_back(h > 0 ? v / h : 0);
            aa_ratio[k].push_back(h1.at(k) > 0 ? h2.at(k) / h1.at(k) : 0);
        }
    }
    QJsonArray runs;
    for (const QString& k : order) {
        runs.append(QJsonObject{{"run", k},
                                {"window_ms", median(window_s[k]) * 1e3},
                                {"headless_ms", median(headless_s[k]) * 1e3},
                                {"ratio", median(ratio[k])},
                                {"headless_first_ms", median(first_s[k]) * 1e3},
                                {"headless_second_ms", median(second_s[k]) * 1e3},
                                {"aa_ratio", median(aa_ratio[k])}});
    }
    const QJsonObject out{{"rounds", rounds}, {"tasks", tasks}, {"runs", runs}};
    std::fputs(QJsonDocument(out).toJson().constData(), stdout);
    return 0;
}

}  // namespace
}  // namespace plab::bench

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    return plab::bench::run(argc, argv);
}
