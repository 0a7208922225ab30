#include "ModelFacts.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace ModelAtlas::Compare {

QList<ScoreClaim> ModelFacts::scoresFor(const QString &benchmarkId) const
{
    QList<ScoreClaim> out;
    for (const ScoreClaim &s : scores)
        if (s.benchmarkId == benchmarkId)
            out << s;
    return out;
}

std::optional<double> ModelFacts::bestScore(const QString &benchmarkId, bool higherIsBetter) const
{
    std::optional<double> best;
    for (const ScoreClaim &s : scores) {
        if (s.benchmarkId != benchmarkId)
            continue;
        if (!best || (higherIsBetter ? s.value > *best : s.value < *best))
            best = s.value;
    }
    return best;
}

const ModelFacts *FactsTable::find(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.cend() ? nullptr : &models[*it];
}

const BenchmarkInfo *FactsTable::benchmark(const QString &id) const
{
    for (const BenchmarkInfo &b : benchmarks)
        if (b.id == id)
            return &b;
    return nullptr;
}

Result<FactsTable> loadFacts(QSqlDatabase db)
{
    using R = Result<FactsTable>;
    FactsTable out;
    auto rows = Catalog::CatalogQuery(db).models();
    if (!rows)
        return R::failure(rows.error());
    for (const Catalog::ModelRow &row : rows.value()) {
        out.m_index.insert(row.id, out.models.size());
        ModelFacts m;
        m.row = row;
        out.models.append(std::move(m));
    }

    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, unit, higher_is_better FROM benchmarks ORDER BY id")))
        return R::failure(QStringLiteral("Cannot read benchmarks: %1").arg(q.lastError().text()));
    while (q.next())
        out.benchmarks.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toInt() != 0});

    // Scores of models outside the catalog (closed models named only by a
    // seed) have no model_id; Compare is about catalog models, so they stay out.
    if (!q.exec(QStringLiteral("SELECT model_id, benchmark_id, value, value_min, value_max, approx, setup, src, quote, date"
                               " FROM scores WHERE model_id IS NOT NULL ORDER BY id")))
        return R::failure(QStringLiteral("Cannot read scores: %1").arg(q.lastError().text()));
    while (q.next()) {
        const auto it = out.m_index.constFind(q.value(0).toString());
        if (it == out.m_index.cend())
            continue;
        ScoreClaim s;
        s.benchmarkId = q.value(1).toString();
        s.value = q.value(2).toDouble();
        s.min = q.value(3).isNull() ? s.value : q.value(3).toDouble();
        s.max = q.value(4).isNull() ? s.value : q.value(4).toDouble();
        s.approx = q.value(5).toInt() != 0;
        s.setup = q.value(6).toString();
        s.src = q.value(7).toString();
        s.quote = q.value(8).toString();
        s.date = q.value(9).toString();
        out.models[*it].scores.append(s);
    }

    if (!q.exec(QStringLiteral("SELECT m.id, v.country FROM models m JOIN vendors v ON v.id = m.vendor WHERE v.country IS NOT NULL")))
        return R::failure(QStringLiteral("Cannot read vendors: %1").arg(q.lastError().text()));
    while (q.next())
        if (const auto it = out.m_index.constFind(q.value(0).toString()); it != out.m_index.cend())
            out.models[*it].vendorCountry = q.value(1).toString();

    // "languages" is a count or a list of names; a count is what ranking can use.
    if (!q.exec(QStringLiteral("SELECT id, languages FROM models WHERE languages IS NOT NULL")))
        return R::failure(QStringLiteral("Cannot read model languages: %1").arg(q.lastError().text()));
    while (q.next()) {
        const auto it = out.m_index.constFind(q.value(0).toString());
        bool ok = false;
        const double n = q.value(1).toString().toDouble(&ok);
        if (it != out.m_index.cend() && ok && n > 0)
            out.models[*it].languages = n;
    }
    return out;
}

} // namespace ModelAtlas::Compare
