#include "start_controls.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace plab::ui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("StartControls", text);
}

const std::vector<std::vector<StartMethod>>& choices() {
    static const std::vector<std::vector<StartMethod>> all = {
        {StartMethod::Fork},
        {StartMethod::Spawn},
        {StartMethod::Forkserver},
        {StartMethod::Fork, StartMethod::Spawn, StartMethod::Forkserver}};
    return all;
}

}  // namespace

QComboBox* make_start_combo() {
    auto* box = new QComboBox;
    const QString tips[] = {
        tr("fork: each worker is a copy of the engine process, made in a fraction of a "
           "millisecond. Python's default on Linux until 3.13; since 3.12 Python warns when a "
           "process with threads forks (a lock held by another thread stays locked in the copy)."),
        tr("spawn: each worker is a fresh run of the program (posix_spawn): none of the parent's "
           "memory, only its two pipes; it finds the task by name again. The cost of starting a "
           "program. Python's default on macOS since 3.8 and on Windows; pathos_map is refused "
           "(a closure exists only in the parent's memory)."),
        tr("forkserver: a small single-threaded server is started with the pool and forks the "
           "workers when asked, handing their pipes back over a Unix socket: copies of the "
           "server, not of the threaded parent. Python 3.14's default on Linux; pathos_map is "
           "refused."),
        tr("All three, side by side: every process strategy runs under fork, spawn and "
           "forkserver; serial and thread_map start no process and run once.")};
    const QString names[] = {tr("fork"), tr("spawn"), tr("forkserver"), tr("all three")};
    for (int i = 0; i < 4; ++i) {
        box->addItem(names[i], i);
        box->setItemData(i, tips[i], Qt::ToolTipRole);
    }
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(12);
    box->setToolTip(
        tr("How worker processes start, as Python's multiprocessing.get_context: fork "
           "copies this process, spawn starts the program afresh, forkserver copies "
           "a small server. serial and thread_map start no process and ignore it."));
    return box;
}

std::vector<StartMethod> starts_of(const QComboBox* combo) {
    const int i = std::clamp(combo->currentIndex(), 0, static_cast<int>(choices().size()) - 1);
    return choices()[static_cast<std::size_t>(i)];
}

void select_starts(QComboBox* combo, const std::vector<StartMethod>& starts) {
    int index = 0;
    for (std::size_t i = 0; i < choices().size(); ++i) {
        if (choices()[i] == starts) index = static_cast<int>(i);
    }
    combo->setCurrentIndex(index);
}

QString python_for_start(QString text, Strategy strategy, StartMethod m) {
    if (m == StartMethod::Fork) return text;
    const QString name = QString::fromUtf8(start_method_name(m));
    QString note;
    if (strategy == Strategy::PathosMap) {
        note = QString(
                   "# Under '%1' pathos still runs the closure: dill pickles its code by value.\n"
                   "# ParallelLab refuses it: C++ cannot send code, and a %1 worker has none\n"
                   "# of the parent's memory, where the closure lives.\n")
                   .arg(name);
        text.replace("from pathos.multiprocessing import ProcessPool",
                     "from pathos.multiprocessing import ProcessPool\nimport multiprocess");
        text.replace(
            "if __name__ == \"__main__\":\n",
            QString("if __name__ == \"__main__\":\n    multiprocess.set_start_method('%1')\n")
                .arg(name));
        return note + text;
    }
    note = m == StartMethod::Spawn
               ? "# spawn: each worker is a fresh interpreter that imports this file again\n"
                 "# (hence the __main__ guard) and finds the function by name.\n"
               : "# forkserver: a server process forks the workers; they are not copies\n"
                 "# of this process and its threads.\n";
    text.replace("from multiprocessing import Pool", "import multiprocessing");
    text.replace("with Pool(", QString("with multiprocessing.get_context('%1').Pool(").arg(name));
    return note + text;
}

QString cpp_for_start(QString text, StartMethod m) {
    if (m == StartMethod::Fork) return text;
    const QString value = m == StartMethod::Spawn ? "Spawn" : "Forkserver";
    text.replace(
        QRegularExpression(R"(plab::ProcessPool pool\((\d+)\);)"),
        QString("plab::ProcessPool pool(\\1, {.start = plab::StartMethod::%1});").arg(value));
    return "// main() begins with plab::run_worker_if_requested(argc, argv): the workers\n"
           "// are fresh runs of this program.\n" +
           text;
}

}  // namespace plab::ui
