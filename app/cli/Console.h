#pragma once

#include <QString>

#include <nlohmann/json.hpp>

namespace ModelAtlas::Cli {

void printOut(const QString &text);
void printError(const QString &text);
void printJson(const nlohmann::json &json);
std::string utf8(const QString &s);

} // namespace ModelAtlas::Cli
