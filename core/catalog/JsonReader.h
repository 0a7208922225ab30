#pragma once

#include "CatalogData.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <optional>
#include <stdexcept>
#include <string>

namespace ModelAtlas::Catalog {

// Thrown inside the parser only; the importer turns it into an error value
// that names the file, the JSON path and the problem.
class FormatError final : public std::runtime_error
{
public:
    FormatError(const QString &file, const std::string &path, const QString &problem);
    QString file, path, problem;
};

// A read-only cursor over untrusted JSON that knows where it is, so every
// error can say "models/meta.json: $.models[3].facts.license[0].src: ...".
class JsonNode final
{
public:
    JsonNode(const nlohmann::json &json, QString file, std::string path);

    const nlohmann::json &json() const { return m_json; }
    const std::string &path() const { return m_path; }
    const QString &file() const { return m_file; }

    [[noreturn]] void fail(const QString &problem) const;

    JsonNode child(const char *key) const;                 // required member
    std::optional<JsonNode> optionalChild(const char *key) const; // absent or null -> nullopt
    JsonNode element(size_t index) const;
    size_t arraySize() const;                              // requires an array
    void requireObject() const;

    QString string(const char *key) const;                 // required non-empty string
    QString optionalString(const char *key) const;         // absent/null -> empty
    std::optional<double> optionalNumber(const char *key) const;
    std::optional<bool> optionalBool(const char *key) const;
    QStringList optionalStringList(const char *key) const;

    // A list of claims (docs/CATALOG_FORMAT.md); requires at least one.
    ClaimList claims() const;
    // One value ({"min","max"} ranges included) read into a claim; src/quote/note
    // are taken from the same object when present.
    Claim claimFromObject(const char *valueKey, bool requireSource) const;

private:
    const nlohmann::json &m_json;
    QString m_file;
    std::string m_path;
};

// Parses a whole file, reporting syntax errors with line and column.
nlohmann::json parseJsonText(const QByteArray &text, const QString &file);

} // namespace ModelAtlas::Catalog
