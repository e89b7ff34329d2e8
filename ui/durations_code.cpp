#include "durations_code.h"

#include <QStringList>

namespace plab::ui {

namespace {

/// Python's duration(i) for the shape: the same durations, drawn the same way (from the seed
/// and i alone, so every process and every order agrees); Python's own generator, so the
/// random shapes draw other numbers than ParallelLab's.
QString python_duration(const ExperimentSpec& spec) {
    const QString param = QString::number(spec.durations.param, 'g', 9);
    QString out =
        "\nN, DELAY, SEED = {{tasks}}, {{delay_s}}, " + QString::number(spec.seed) + "\n\n";
    switch (spec.durations.shape) {
        case DurationShape::Uniform:
            out += "# uniform:" + param +
                   ": DELAY times a factor in [1-S, 1+S], drawn from (SEED, i)\n"
                   "# alone, so every worker and every order draws the same.\n"
                   "def duration(i):\n"
                   "    S = " +
                   param +
                   "\n"
                   "    return DELAY * random.Random(f\"{SEED}-{i}\").uniform(1 - S, 1 + S)\n";
            break;
        case DurationShape::Exp:
            out +=
                "# exp: exponential with mean DELAY, drawn from (SEED, i) alone,\n"
                "# so every worker and every order draws the same.\n"
                "def duration(i):\n"
                "    return DELAY * random.Random(f\"{SEED}-{i}\").expovariate(1)\n";
            break;
        case DurationShape::Straggler:
            out += "# straggler:" + param + ": the last task takes " + param +
                   " times the delay.\n"
                   "def duration(i):\n"
                   "    return DELAY * " +
                   param + " if i == N - 1 else DELAY\n";
            break;
        case DurationShape::Rising:
            out +=
                "# rising: task i takes DELAY * 2(i+1)/(N+1); the last are the longest.\n"
                "def duration(i):\n"
                "    return DELAY * 2 * (i + 1) / (N + 1)\n";
            break;
        case DurationShape::Fixed:
            break;
    }
    return out;
}

}  // namespace

QString with_durations(QString text, const QString& language, const ExperimentSpec& spec) {
    if (spec.durations.shape == DurationShape::Fixed) return text;
    if (language == "cpp") {
        const QString plan = QString(
                                 "plab::planned_delay_ns(*plab::parse_durations(\"%1\"), %2, "
                                 "{{delay_ns}}, {{tasks}}, x)")
                                 .arg(QString::fromStdString(format_durations(spec.durations)))
                                 .arg(spec.seed);
        return text.replace("std::chrono::nanoseconds({{delay_ns}})",
                            "std::chrono::nanoseconds(\n        " + plan + ")");
    }
    if (language != "py" || !text.contains("time.sleep({{delay_s}})")) return text;
    text.replace("time.sleep({{delay_s}})", "time.sleep(duration(x))");
    QStringList lines = text.split('\n');
    qsizetype after = 0;  // just after the last top-level import
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].startsWith("import ") || lines[i].startsWith("from ")) after = i + 1;
    }
    const bool random = spec.durations.shape == DurationShape::Uniform ||
                        spec.durations.shape == DurationShape::Exp;
    QString block = python_duration(spec);
    if (random) block.prepend("import random\n");
    block.chop(1);  // the lines after bring their own blank line
    lines.insert(after, block);
    return lines.join('\n');
}

}  // namespace plab::ui
