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

} // namespace ModelAtlas::Cli
