#include "Appearance.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPalette>
#include <QProxyStyle>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleOptionButton>
#include <QTranslator>

namespace ModelAtlas::Gui {

namespace {

// The platform's own palette, before any theme replaced it.
const QPalette &systemPalette()
{
    static const QPalette palette = QApplication::palette();
    return palette;
}

bool paletteIsDark(const QPalette &p)
{
    return p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness();
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b), base(0x1e, 0x1e, 0x1e), text(0xe6, 0xe6, 0xe6), accent(0x3d, 0x8e, 0xd8);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, accent.lighter(130));
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8a, 0x8a));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x7a, 0x7a, 0x7a));
    return p;
}

// Fusion outlines check boxes and radio buttons in the window colour made
// 40% darker: on a dark window that is as dark as the box itself, and an
// unchecked box vanished. On a dark palette the indicators are drawn as if
// the window were mid-grey, which gives them a visible outline.
class VisibleIndicatorStyle final : public QProxyStyle
{
public:
    using QProxyStyle::QProxyStyle;

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget) const override
    {
        const bool indicator = element == PE_IndicatorCheckBox || element == PE_IndicatorRadioButton;
        if (!indicator || !paletteIsDark(option->palette)) {
            QProxyStyle::drawPrimitive(element, option, painter, widget);
            return;
        }
        // A copy of the option's own type, so the base style still sees a button option.
        const auto drawOutlined = [&](auto copy) {
            copy.palette.setColor(QPalette::Window, QColor(0x9a, 0x9a, 0x9a));
            QProxyStyle::drawPrimitive(element, &copy, painter, widget);
        };
        if (const auto *button = qstyleoption_cast<const QStyleOptionButton *>(option))
            drawOutlined(*button);
        else
            drawOutlined(*option);
    }
};

} // namespace

QString themeId(Theme t)
{
    switch (t) {
    case Theme::System: return QStringLiteral("system");
    case Theme::Light: return QStringLiteral("light");
    case Theme::Dark: return QStringLiteral("dark");
    }
    return {};
}

Theme themeById(const QString &id)
{
    if (id == QLatin1String("light"))
        return Theme::Light;
    if (id == QLatin1String("dark"))
        return Theme::Dark;
    return Theme::System;
}

Theme savedTheme(const QSettings &settings)
{
    return themeById(settings.value(QStringLiteral("appearance/theme")).toString());
}

bool isDark(Theme t)
{
    return t == Theme::Dark || (t == Theme::System && paletteIsDark(systemPalette()));
}

void applyTheme(Theme t)
{
    // Remember the platform's look before the first change, to return to it.
    systemPalette();
    static const QString systemStyle = QApplication::style()->name();
    if (t == Theme::System) {
        QApplication::setStyle(QStyleFactory::create(systemStyle));
        QApplication::setPalette(systemPalette());
        return;
    }
    // Fusion draws a forced palette faithfully on every platform.
    QApplication::setStyle(new VisibleIndicatorStyle(QStyleFactory::create(QStringLiteral("Fusion"))));
    QApplication::setPalette(t == Theme::Dark ? darkPalette() : QApplication::style()->standardPalette());
}

QStringList availableLanguages()
{
    return {QString(), QStringLiteral("en"), QStringLiteral("ru"), QStringLiteral("zh_CN")};
}

QString languageName(const QString &code)
{
    if (code.isEmpty())
        return QApplication::translate("Appearance", "System language");
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    if (code == QLatin1String("ru"))
        return QStringLiteral("Русский");
    if (code == QLatin1String("zh_CN"))
        return QStringLiteral("中文（简体）");
    return code;
}

QString savedLanguage(const QSettings &settings)
{
    const QString code = settings.value(QStringLiteral("appearance/language")).toString();
    return availableLanguages().contains(code) ? code : QString();
}

void installTranslations(QApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    // English is the source language: nothing to load.
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return;
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("modelatlas"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
    // Qt's own dialogs (file dialogs, message box buttons), when installed.
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

} // namespace ModelAtlas::Gui
