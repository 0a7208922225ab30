#include "CliArguments.h"

#include <cmath>

namespace ModelAtlas::Cli {

Result<double> parseNumber(const QString &option, const QString &text, double min, double max)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return Result<double>::failure(QStringLiteral("--%1: \"%2\" is not a number.").arg(option, text));
    if (value < min || value > max)
        return Result<double>::failure(QStringLiteral("--%1: %2 is outside the sensible range %3 to %4.")
                                           .arg(option, text).arg(min).arg(max));
    return value;
}

Result<double> parseTokenCount(const QString &option, const QString &text)
{
    QString t = text.trimmed().toUpper();
    double scale = 1;
    if (t.endsWith(QLatin1Char('K'))) {
        scale = 1024;
        t.chop(1);
    } else if (t.endsWith(QLatin1Char('M'))) {
        scale = 1000000;
        t.chop(1);
    }
    const Result<double> n = parseNumber(option, t, 0, 1e9);
    if (!n)
        return Result<double>::failure(QStringLiteral("--%1: \"%2\" is not a token count (e.g. 32768, 128K or 1M).").arg(option, text));
    return n.value() * scale;
}

std::optional<double> parseAmount(QString text)
{
    text = text.trimmed().remove(QLatin1Char(',')).remove(QLatin1Char('_')).remove(QLatin1Char('$'));
    double scale = 1;
    if (!text.isEmpty()) {
        const QChar last = text.back().toLower();
        if (last == QLatin1Char('k'))
            scale = 1e3;
        else if (last == QLatin1Char('m'))
            scale = 1e6;
        else if (last == QLatin1Char('b') || last == QLatin1Char('g'))
            scale = 1e9;
        if (scale != 1)
            text.chop(1);
    }
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return std::round(v * scale * 100.0) / 100.0;
}

} // namespace ModelAtlas::Cli
