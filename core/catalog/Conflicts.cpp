#include "Conflicts.h"

#include "CatalogSpec.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>
#include <map>
#include <set>

namespace ModelAtlas::Catalog {

namespace {

bool isPoint(const Claim &c)
{
    return c.number.has_value();
}

bool isNumeric(const Claim &c)
{
    return c.min.has_value() && c.max.has_value();
}

bool nearlyEqual(double a, double b, double tolerance)
{
    return std::fabs(a - b) <= std::max(tolerance, 1e-9 * std::max(std::fabs(a), std::fabs(b)));
}

QString describe(const std::vector<const Claim *> &claims)
{
    QStringList parts;
    for (const Claim *c : claims)
        parts << QStringLiteral("%1%2 (%3)").arg(c->approx ? QStringLiteral("~") : QString(), c->text, c->src);
    return parts.join(QStringLiteral(" · "));
}

bool anyDisagreement(const std::vector<const Claim *> &claims)
{
    for (size_t i = 0; i < claims.size(); ++i)
        for (size_t j = i + 1; j < claims.size(); ++j)
            if (!sameValue(*claims[i], *claims[j]))
                return true;
    return false;
}

void addFactConflicts(std::vector<Conflict> &out, const QString &entity, const QString &id, const Facts &facts,
                      const std::set<QString> &descriptive = {})
{
    for (const auto &[field, claims] : facts) {
        if (descriptive.count(field))
            continue;
        std::vector<const Claim *> ptrs;
        for (const Claim &c : claims)
            ptrs.push_back(&c);
        if (anyDisagreement(ptrs))
            out.push_back({entity, id, field, describe(ptrs)});
    }
}

// Two scores disagree only when their evaluation setups could be the same run:
// equal setups, or one of them unstated. "thinking mode" vs "non-thinking" is
// two different measurements, not a conflict.
bool comparableSetups(const QString &a, const QString &b)
{
    return a.isEmpty() || b.isEmpty() || a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

bool sameValue(const Claim &a, const Claim &b)
{
    if (isNumeric(a) && isNumeric(b)) {
        const double tolerance = (a.approx || b.approx) ? 0.5 : 0.0;
        if (isPoint(a) && isPoint(b))
            return nearlyEqual(*a.number, *b.number, tolerance);
        if (isPoint(a) != isPoint(b)) {
            const Claim &point = isPoint(a) ? a : b;
            const Claim &range = isPoint(a) ? b : a;
            return *point.number >= *range.min - tolerance && *point.number <= *range.max + tolerance;
        }
        return nearlyEqual(*a.min, *b.min, tolerance) && nearlyEqual(*a.max, *b.max, tolerance);
    }
    // Dates written at different precision agree: "2025-04" and "2025-04-28".
    static const QRegularExpression date(QStringLiteral("^\\d{4}(-\\d{2}){0,2}$"));
    if (date.match(a.text).hasMatch() && date.match(b.text).hasMatch())
        return a.text.startsWith(b.text) || b.text.startsWith(a.text);
    return a.valueJson == b.valueJson;
}

std::vector<Conflict> detectConflicts(const CatalogData &data)
{
    std::vector<Conflict> out;
    std::set<QString> descriptive;
    for (const ModelFactSpec &f : modelFacts())
        if (f.descriptive)
            descriptive.insert(QString::fromLatin1(f.key));
    for (const Model &m : data.models)
        addFactConflicts(out, QStringLiteral("models"), m.id, m.facts, descriptive);
    for (const License &l : data.licenses)
        addFactConflicts(out, QStringLiteral("licenses"), l.record.id, l.record.facts);
    for (const char *table : {"gpus", "quantizations"})
        for (const Record &r : data.recordsOf(table))
            addFactConflicts(out, QString::fromLatin1(table), r.id, r.facts);

    std::map<std::pair<QString, QString>, std::vector<const Score *>> groups;
    for (const Score &s : data.scores)
        groups[{s.model.isEmpty() ? s.modelName : s.model, s.benchmark}].push_back(&s);
    for (const auto &[key, scores] : groups) {
        bool conflicting = false;
        for (size_t i = 0; i < scores.size() && !conflicting; ++i)
            for (size_t j = i + 1; j < scores.size() && !conflicting; ++j)
                conflicting = comparableSetups(scores[i]->setup, scores[j]->setup)
                              && !sameValue(scores[i]->value, scores[j]->value);
        if (!conflicting)
            continue;
        QStringList parts;
        for (const Score *s : scores) {
            const QString setup = s->setup.isEmpty() ? QString() : QStringLiteral(", %1").arg(s->setup);
            parts << QStringLiteral("%1%2 (%3%4)").arg(s->value.approx ? QStringLiteral("~") : QString(), s->value.text,
                                                      s->value.src, setup);
        }
        out.push_back({QStringLiteral("scores"), key.first, key.second, parts.join(QStringLiteral(" · "))});
    }
    return out;
}

} // namespace ModelAtlas::Catalog
