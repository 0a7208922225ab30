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

// "$.models[3].facts" for a value inside `root` (found by address), or "$".
std::string pathOf(const nlohmann::json &root, const nlohmann::json *value);

// A read-only cursor over untrusted JSON that can say where it is, so every
// error reads "models/meta.json: $.models[3].facts.license[0].src: ...".
// The path is worked out only when an error needs it: building it for every
// node cost more than parsing (a 10,000-model catalog has ~2M nodes).
class JsonNode final
{
public:
    // A document's root; `root` must outlive every node derived from it.
    JsonNode(const nlohmann::json &root, QString file);

    const nlohmann::json &json() const { return m_json; }
    const nlohmann::json &root() const { return *m_root; }
    std::string path() const { return pathOf(*m_root, &m_json); }
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
    JsonNode(const nlohmann::json &json, const nlohmann::json *root, const QString &file);

    const nlohmann::json &m_json;
    const nlohmann::json *m_root;
    QString m_file;
};

// Parses a whole file, reporting syntax errors with line and column.
nlohmann::json parseJsonText(const QByteArray &text, const QString &file);

} // namespace ModelAtlas::Catalog
