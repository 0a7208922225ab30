#pragma once

#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QApplication;
class QSettings;
QT_END_NAMESPACE

namespace ModelAtlas::Gui {

// The look: follow the system's light/dark setting, or force one.
enum class Theme { System, Light, Dark };

QString themeId(Theme t);                 // "system", "light", "dark"
Theme themeById(const QString &id);       // unknown -> System
Theme savedTheme(const QSettings &settings);
// Light and Dark apply the Fusion style with that palette; System returns to
// the style and palette the platform gave the application at start-up
// (remembered on the first call), so a dark desktop stays dark.
void applyTheme(Theme t);
// True when `t` resolves to the dark palette on this desktop.
bool isDark(Theme t);

// The interface language: "" follows the system locale; else "en", "ru", "zh_CN".
QStringList availableLanguages();
QString languageName(const QString &code);   // in its own language: "Русский", "中文（简体）"
QString savedLanguage(const QSettings &settings);
// Installs the app's and Qt's translations for the saved language (or the
// system's) and makes it the default locale for numbers and dates. Call once,
// before any window exists: widgets take their texts when they are built,
// which is why a change in Settings applies on the next start.
void installTranslations(QApplication &app, const QString &language);

} // namespace ModelAtlas::Gui
