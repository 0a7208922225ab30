#include "JsonReader.h"

#include <algorithm>
#include <cmath>

namespace ModelAtlas::Catalog {

namespace {

QString typeName(const nlohmann::json &j)
{
    return QString::fromUtf8(j.type_name());
}

QString formatNumber(double v)
{
    return QString::number(v, 'g', 15);
}

// Canonical, comparison-friendly form: numbers printed one way, strings and
// string lists lower-cased (and lists sorted) so "GQA" and "gqa" agree.
QString canonicalString(const QString &s)
{
    return s.trimmed().toLower();
}

} // namespace

FormatError::FormatError(const QString &file_, const std::string &path_, const QString &problem_)
    : std::runtime_error((file_ + QStringLiteral(": ") + QString::fromStdString(path_) + QStringLiteral(": ") + problem_).toStdString())
    , file(file_)
    , path(QString::fromStdString(path_))
    , problem(problem_)
{
}

JsonNode::JsonNode(const nlohmann::json &root, QString file)
    : m_json(root)
    , m_root(&root)
    , m_file(std::move(file))
{
}

JsonNode::JsonNode(const nlohmann::json &json, const nlohmann::json *root, const QString &file)
    : m_json(json)
    , m_root(root)
    , m_file(file)
{
}

namespace {
bool findPath(const nlohmann::json &node, const nlohmann::json *target, std::string &path)
{
    if (&node == target)
        return true;
    const size_t length = path.size();
    if (node.is_object()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            path += "." + it.key();
            if (findPath(*it, target, path))
                return true;
            path.resize(length);
        }
    } else if (node.is_array()) {
        for (size_t i = 0; i < node.size(); ++i) {
            path += "[" + std::to_string(i) + "]";
            if (findPath(node[i], target, path))
                return true;
            path.resize(length);
        }
    }
    return false;
}
} // namespace

std::string pathOf(const nlohmann::json &root, const nlohmann::json *value)
{
    std::string path = "$";
    return findPath(root, value, path) ? path : std::string("$");
}

void JsonNode::fail(const QString &problem) const
{
    throw FormatError(m_file, path(), problem);
}

void JsonNode::requireObject() const
{
    if (!m_json.is_object())
        fail(QStringLiteral("expected an object, found %1").arg(typeName(m_json)));
}

JsonNode JsonNode::child(const char *key) const
{
    requireObject();
    const auto it = m_json.find(key);
    if (it == m_json.end() || it->is_null())
        fail(QStringLiteral("missing required field \"%1\"").arg(QLatin1String(key)));
    return JsonNode(*it, m_root, m_file);
}

std::optional<JsonNode> JsonNode::optionalChild(const char *key) const
{
    requireObject();
    const auto it = m_json.find(key);
    if (it == m_json.end() || it->is_null())
        return std::nullopt;
    return JsonNode(*it, m_root, m_file);
}

size_t JsonNode::arraySize() const
{
    if (!m_json.is_array())
        fail(QStringLiteral("expected an array, found %1").arg(typeName(m_json)));
    return m_json.size();
}

JsonNode JsonNode::element(size_t index) const
{
    if (index >= arraySize())
        fail(QStringLiteral("index %1 out of range").arg(index));
    return JsonNode(m_json[index], m_root, m_file);
}

QString JsonNode::string(const char *key) const
{
    const JsonNode node = child(key);
    if (!node.m_json.is_string())
        node.fail(QStringLiteral("expected a string, found %1").arg(typeName(node.m_json)));
    const QString value = QString::fromStdString(node.m_json.get<std::string>()).trimmed();
    if (value.isEmpty())
        node.fail(QStringLiteral("must not be empty"));
    return value;
}

QString JsonNode::optionalString(const char *key) const
{
    const auto node = optionalChild(key);
    if (!node)
        return {};
    if (!node->m_json.is_string())
        node->fail(QStringLiteral("expected a string, found %1").arg(typeName(node->m_json)));
    return QString::fromStdString(node->m_json.get<std::string>()).trimmed();
}

std::optional<double> JsonNode::optionalNumber(const char *key) const
{
    const auto node = optionalChild(key);
    if (!node)
        return std::nullopt;
    if (!node->m_json.is_number())
        node->fail(QStringLiteral("expected a number, found %1").arg(typeName(node->m_json)));
    const double v = node->m_json.get<double>();
    if (!std::isfinite(v))
        node->fail(QStringLiteral("number is not finite"));
    return v;
}

std::optional<bool> JsonNode::optionalBool(const char *key) const
{
    const auto node = optionalChild(key);
    if (!node)
        return std::nullopt;
    if (!node->m_json.is_boolean())
        node->fail(QStringLiteral("expected true or false, found %1").arg(typeName(node->m_json)));
    return node->m_json.get<bool>();
}

QStringList JsonNode::optionalStringList(const char *key) const
{
    const auto node = optionalChild(key);
    if (!node)
        return {};
    QStringList out;
    for (size_t i = 0; i < node->arraySize(); ++i) {
        const JsonNode e = node->element(i);
        if (!e.m_json.is_string())
            e.fail(QStringLiteral("expected a string, found %1").arg(typeName(e.m_json)));
        out << QString::fromStdString(e.m_json.get<std::string>());
    }
    return out;
}

Claim JsonNode::claimFromObject(const char *valueKey, bool requireSource) const
{
    requireObject();
    Claim claim;
    const JsonNode value = child(valueKey);
    const nlohmann::json &v = value.m_json;
    if (v.is_number()) {
        const double d = v.get<double>();
        if (!std::isfinite(d))
            value.fail(QStringLiteral("number is not finite"));
        claim.number = claim.min = claim.max = d;
        claim.text = formatNumber(d);
        claim.valueJson = claim.text;
    } else if (v.is_string()) {
        claim.text = QString::fromStdString(v.get<std::string>()).trimmed();
        if (claim.text.isEmpty())
            value.fail(QStringLiteral("must not be empty"));
        claim.valueJson = QStringLiteral("\"%1\"").arg(canonicalString(claim.text));
    } else if (v.is_boolean()) {
        claim.text = v.get<bool>() ? QStringLiteral("yes") : QStringLiteral("no");
        claim.valueJson = claim.text;
    } else if (v.is_array()) {
        QStringList items, canonical;
        for (size_t i = 0; i < value.arraySize(); ++i) {
            const JsonNode e = value.element(i);
            if (!e.m_json.is_string())
                e.fail(QStringLiteral("expected a string, found %1").arg(typeName(e.m_json)));
            items << QString::fromStdString(e.m_json.get<std::string>());
            canonical << canonicalString(items.back());
        }
        if (items.isEmpty())
            value.fail(QStringLiteral("must not be an empty list"));
        std::sort(canonical.begin(), canonical.end());
        claim.text = items.join(QStringLiteral(", "));
        claim.valueJson = QStringLiteral("[%1]").arg(canonical.join(QLatin1Char(',')));
    } else if (v.is_object()) {
        const auto lo = value.optionalNumber("min");
        const auto hi = value.optionalNumber("max");
        if (!lo || !hi)
            value.fail(QStringLiteral("a range needs numeric \"min\" and \"max\""));
        if (*lo > *hi)
            value.fail(QStringLiteral("range min %1 is greater than max %2").arg(*lo).arg(*hi));
        claim.min = lo;
        claim.max = hi;
        claim.text = formatNumber(*lo) + QStringLiteral("–") + formatNumber(*hi);
        claim.valueJson = QStringLiteral("[%1,%2]").arg(formatNumber(*lo), formatNumber(*hi));
    } else {
        value.fail(QStringLiteral("expected a number, string, list or {min,max} range, found %1").arg(typeName(v)));
    }
    claim.src = requireSource ? string("src") : optionalString("src");
    claim.quote = optionalString("quote");
    claim.note = optionalString("note");
    claim.approx = optionalBool("approx").value_or(false);
    return claim;
}

ClaimList JsonNode::claims() const
{
    const size_t n = arraySize();
    if (n == 0)
        fail(QStringLiteral("a sourced value needs at least one claim"));
    ClaimList out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i)
        out.push_back(element(i).claimFromObject("value", true));
    return out;
}

nlohmann::json parseJsonText(const QByteArray &text, const QString &file)
{
    try {
        return nlohmann::json::parse(text.constBegin(), text.constEnd());
    } catch (const nlohmann::json::parse_error &e) {
        // Translate the byte offset into line:column, which is what editors show.
        const qsizetype offset = std::min<qsizetype>(qsizetype(e.byte), text.size());
        int line = 1, column = 1;
        for (qsizetype i = 0; i + 1 < offset; ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        QString what = QString::fromUtf8(e.what());
        const int colon = what.indexOf(QStringLiteral(": "), what.indexOf(QStringLiteral("parse error")));
        if (colon >= 0)
            what = what.mid(colon + 2);
        throw FormatError(file, "$", QStringLiteral("not valid JSON at line %1, column %2: %3").arg(line).arg(column).arg(what));
    }
}

} // namespace ModelAtlas::Catalog
