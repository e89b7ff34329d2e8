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
