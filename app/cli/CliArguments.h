#pragma once

#include "util/Result.h"

#include <QString>

#include <optional>

namespace ModelAtlas::Cli {

// Parses user-typed numbers. Errors say which option and what is expected.
Result<double> parseNumber(const QString &option, const QString &text, double min, double max);
// "128K", "1M", "32768", "128k" -> tokens (K = 1024, M = 1,000,000 as model cards write 10M context).
Result<double> parseTokenCount(const QString &option, const QString &text);

// "800M", "1.5B", "100k", "2,000,000", "$5M" -> number; nullopt when not a number.
std::optional<double> parseAmount(QString text);

} // namespace ModelAtlas::Cli
