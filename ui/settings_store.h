// What the window remembers between sessions: the last experiment and its layout.
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <memory>
#include <optional>

#include "form_check.h"

namespace plab::ui {

/// The organization and application names settings are stored under (and the window's
/// QCoreApplication names).
inline constexpr const char* kOrganization = "ParallelLab";
inline constexpr const char* kApplication = "parallel-lab";

/// Reads and writes the window's settings. With an empty path it uses the user's settings
/// (QSettings with the names above); with a path, that INI file (tests use a temporary one).
/// Values that are missing or unreadable come back as nullopt or empty, never as an error.
class SettingsStore {
  public:
    explicit SettingsStore(const QString& path = {});

    void save_form(const FormInput& form);
    /// The last saved form; nullopt when none was saved (or strategies were unreadable).
    std::optional<FormInput> load_form() const;

    /// Opaque blobs (geometry, window and splitter state) and small numbers (tab index).
    void save_blob(const QString& key, const QByteArray& value);
    QByteArray blob(const QString& key) const;
    void save_number(const QString& key, int value);
    int number(const QString& key, int fallback) const;

    /// Writes pending changes to storage now.
    void sync();

  private:
    std::unique_ptr<QSettings> settings_;
};

}  // namespace plab::ui
