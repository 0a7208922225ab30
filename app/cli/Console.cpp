#include "Console.h"

#include <cstdio>

namespace ModelAtlas::Cli {

void printOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

void printError(const QString &text)
{
    const QByteArray bytes = (QStringLiteral("modelatlas-cli: ") + text + QLatin1Char('\n')).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
}

void printJson(const nlohmann::json &json)
{
    const std::string text = json.dump(2) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
}

std::string utf8(const QString &s)
{
    return s.toStdString();
}

} // namespace ModelAtlas::Cli
