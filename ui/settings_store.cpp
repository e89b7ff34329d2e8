#include "settings_store.h"

#include <QStringList>

namespace plab::ui {

SettingsStore::SettingsStore(const QString& path)
    : settings_(path.isEmpty() ? std::make_unique<QSettings>(kOrganization, kApplication)
                               : std::make_unique<QSettings>(path, QSettings::IniFormat)) {}

void SettingsStore::save_form(const FormInput& form) {
    QStringList names;
    for (Strategy s : form.strategies)
        names << QString::fromUtf8(strategy_name(s));
    settings_->beginGroup("experiment");
    settings_->setValue("strategies", names.join(','));
    settings_->setValue("workers", QString::fromStdString(form.workers));
    settings_->setValue("tasks", static_cast<qlonglong>(form.tasks));
    settings_->setValue("delay", QString::fromStdString(form.delay));
    settings_->setValue("workload", QString::fromUtf8(workload_name(form.workload)));
    settings_->setValue("exponent", static_cast<qlonglong>(form.exponent));
    settings_->setValue("chunksize", QString::fromStdString(form.chunksize));
    settings_->setValue("repeats", static_cast<qlonglong>(form.repeats));
    settings_->setValue("crash_task", QString::fromStdString(form.crash_task));
    // The lessons' controls (issue 11).
    settings_->setValue("serial_fraction", form.serial_fraction);
    settings_->setValue("scaling", QString::fromUtf8(scaling_name(form.scaling)));
    settings_->setValue("durations", QString::fromStdString(form.durations));
    settings_->setValue("seed", static_cast<qlonglong>(form.seed));
    QStringList starts;
    for (StartMethod m : form.starts)
        starts << QString::fromUtf8(start_method_name(m));
    settings_->setValue("starts", starts.join(','));
    settings_->setValue("payload", QString::fromStdString(form.payload));
    settings_->endGroup();
}

std::optional<FormInput> SettingsStore::load_form() const {
    if (!settings_->contains("experiment/strategies")) return std::nullopt;
    FormInput form;
    settings_->beginGroup("experiment");
    for (const QString& name :
         settings_->value("strategies").toString().split(',', Qt::SkipEmptyParts)) {
        if (auto s = parse_strategy(name.toStdString())) form.strategies.push_back(*s);
    }
    form.workers = settings_->value("workers", "5").toString().toStdString();
    form.tasks = settings_->value("tasks", 10).toLongLong();
    form.delay = settings_->value("delay", "1s").toString().toStdString();
    form.workload = parse_workload(settings_->value("workload", "sleep").toString().toStdString())
                        .value_or(Workload::Sleep);
    form.exponent = settings_->value("exponent", 2).toLongLong();
    form.chunksize = settings_->value("chunksize", "auto").toString().toStdString();
    form.repeats = settings_->value("repeats", 1).toLongLong();
    form.crash_task = settings_->value("crash_task", "").toString().toStdString();
    // The lessons' controls: a value that does not read back keeps the form's default, so an
    // old or hand-edited file never stops the window from opening.
    const FormInput defaults;
    bool ok = false;
    const double fraction = settings_->value("serial_fraction", 0.0).toDouble(&ok);
    form.serial_fraction =
        ok && fraction >= 0 && fraction < 1 ? fraction : defaults.serial_fraction;
    form.scaling = parse_scaling(settings_->value("scaling", "strong").toString().toStdString())
                       .value_or(defaults.scaling);
    form.durations = settings_->value("durations", "fixed").toString().toStdString();
    const qlonglong seed = settings_->value("seed", 1).toLongLong(&ok);
    form.seed = ok && seed >= 0 && seed <= kMaxFormSeed ? seed : defaults.seed;
    form.starts.clear();
    for (const QString& name :
         settings_->value("starts", "fork").toString().split(',', Qt::SkipEmptyParts)) {
        if (auto m = parse_start_method(name.toStdString())) form.starts.push_back(*m);
    }
    if (form.starts.empty()) form.starts = defaults.starts;
    form.payload = settings_->value("payload", "0").toString().toStdString();
    settings_->endGroup();
    if (form.strategies.empty()) return std::nullopt;
    return form;
}

void SettingsStore::save_blob(const QString& key, const QByteArray& value) {
    settings_->setValue(key, value);
}

QByteArray SettingsStore::blob(const QString& key) const {
    return settings_->value(key).toByteArray();
}

void SettingsStore::save_number(const QString& key, int value) {
    settings_->setValue(key, value);
}

int SettingsStore::number(const QString& key, int fallback) const {
    bool ok = false;
    const int v = settings_->value(key, fallback).toInt(&ok);
    return ok ? v : fallback;
}

void SettingsStore::sync() {
    settings_->sync();
}

}  // namespace plab::ui
