#include "CatalogQuery.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ModelAtlas::Catalog {

namespace {

std::optional<double> optionalDouble(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}

QString sortExpression(ModelSortKey key)
{
    switch (key) {
    case ModelSortKey::Name: return QStringLiteral("m.name COLLATE NOCASE");
    case ModelSortKey::Family: return QStringLiteral("f.name COLLATE NOCASE");
    case ModelSortKey::Vendor: return QStringLiteral("v.name COLLATE NOCASE");
    case ModelSortKey::Variant: return QStringLiteral("m.variant");
    case ModelSortKey::ParamsTotal: return QStringLiteral("m.params_total_b");
    case ModelSortKey::ParamsActive: return QStringLiteral("COALESCE(m.params_active_b, m.params_total_b)");
    case ModelSortKey::Architecture: return QStringLiteral("m.architecture");
    case ModelSortKey::Context: return QStringLiteral("m.context_tokens");
    case ModelSortKey::Released: return QStringLiteral("m.release_date");
    case ModelSortKey::License: return QStringLiteral("l.name COLLATE NOCASE");
    case ModelSortKey::LicenseTier: return QStringLiteral("l.tier");
    case ModelSortKey::BenchmarkScore: return QStringLiteral("best_score");
    }
    return QStringLiteral("m.name");
}

QString placeholders(qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i)
        marks << QStringLiteral("?");
    return marks.join(QLatin1Char(','));
}

} // namespace

QString ftsQuery(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s\"*^():]+"));
    QStringList terms;
    for (const QString &word : text.split(separators, Qt::SkipEmptyParts))
        terms << QStringLiteral("\"%1\"*").arg(word);
    return terms.join(QLatin1Char(' '));
}

CatalogQuery::CatalogQuery(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Result<QList<ModelRow>> CatalogQuery::models(const ModelFilter &filter, const ModelSort &sort) const
{
    QStringList where;
    QVariantList binds;
    const bool withScore = !filter.benchmark.isEmpty();
    QString sql = QStringLiteral(
        "SELECT m.id, m.name, m.family, f.name, m.vendor, v.name, m.variant, m.params_total_b, m.params_active_b,"
        " m.context_tokens, m.architecture, m.attention, m.release_date, m.modality, m.license_id, l.name,"
        " l.commercial_use, l.tier, m.has_conflicts, %1 AS best_score"
        " FROM models m JOIN families f ON f.id = m.family LEFT JOIN vendors v ON v.id = m.vendor"
        " LEFT JOIN licenses l ON l.id = m.license_id%2")
                      .arg(withScore ? QStringLiteral("bs.best") : QStringLiteral("NULL"),
                           // One pass over the benchmark's scores, joined by model: a
                           // correlated MAX() per model cost 10,000 index probes and
                           // missed the 20 ms target at 10,000 models (see docs/PERFORMANCE.md).
                           withScore ? QStringLiteral(" LEFT JOIN (SELECT model_id, MAX(value) AS best FROM scores"
                                                      " WHERE benchmark_id = ? GROUP BY model_id) bs ON bs.model_id = m.id")
                                     : QString());
    if (withScore)
        binds << filter.benchmark;

    const QString fts = ftsQuery(filter.text);
    if (!fts.isEmpty()) {
        where << QStringLiteral("m.id IN (SELECT model_id FROM model_search WHERE model_search MATCH ?)");
        binds << fts;
    }
    const auto inList = [&](const QString &column, const QStringList &values) {
        if (values.isEmpty())
            return;
        where << QStringLiteral("%1 IN (%2)").arg(column, placeholders(values.size()));
        for (const QString &v : values)
            binds << v;
    };
    inList(QStringLiteral("m.id"), filter.ids);
    inList(QStringLiteral("m.family"), filter.families);
    inList(QStringLiteral("m.vendor"), filter.vendors);
    if (!filter.licenseTiers.isEmpty()) {
        where << QStringLiteral("l.tier IN (%1)").arg(placeholders(filter.licenseTiers.size()));
        for (int t : filter.licenseTiers)
            binds << t;
    }
    if (filter.commercialUseOnly)
        where << QStringLiteral("l.commercial_use IN ('yes', 'conditional')");
    const auto bound = [&](const QString &expr, const std::optional<double> &value, const char *op) {
        if (!value)
            return;
        where << QStringLiteral("%1 %2 ?").arg(expr, QLatin1String(op));
        binds << *value;
    };
    bound(QStringLiteral("m.params_total_b"), filter.minParamsB, ">=");
    bound(QStringLiteral("m.params_total_b"), filter.maxParamsB, "<=");
    // Dense models have no separate active count: all parameters are active.
    bound(QStringLiteral("COALESCE(m.params_active_b, m.params_total_b)"), filter.minActiveParamsB, ">=");
    bound(QStringLiteral("COALESCE(m.params_active_b, m.params_total_b)"), filter.maxActiveParamsB, "<=");
    bound(QStringLiteral("m.context_tokens"), filter.minContextTokens, ">=");
    if (!filter.modality.isEmpty()) {
        where << QStringLiteral("(',' || REPLACE(LOWER(m.modality), ' ', '') || ',') LIKE ?");
        binds << QStringLiteral("%,%1,%").arg(filter.modality.toLower());
    }
    if (filter.architecture == ArchitectureFilter::MoE)
        where << QStringLiteral("m.architecture = 'moe'");
    else if (filter.architecture == ArchitectureFilter::Dense)
        where << QStringLiteral("m.architecture = 'dense'");
    if (withScore && filter.minScore)
        where << QStringLiteral("best_score >= %1").arg(*filter.minScore, 0, 'g', 17);
    if (filter.conflictsOnly)
        where << QStringLiteral("m.has_conflicts = 1");

    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY %1 %2 NULLS LAST, m.name COLLATE NOCASE")
               .arg(sortExpression(sort.key), sort.descending ? QStringLiteral("DESC") : QStringLiteral("ASC"));

    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (qsizetype i = 0; i < binds.size(); ++i)
        q.bindValue(int(i), binds[i]);
    if (!q.exec())
        return Result<QList<ModelRow>>::failure(QStringLiteral("Catalog query failed: %1").arg(q.lastError().text()));
    QList<ModelRow> rows;
    while (q.next()) {
        ModelRow r;
        r.id = q.value(0).toString();
        r.name = q.value(1).toString();
        r.family = q.value(2).toString();
        r.familyName = q.value(3).toString();
        r.vendor = q.value(4).toString();
        r.vendorName = q.value(5).toString();
        r.variant = q.value(6).toString();
        r.paramsTotalB = optionalDouble(q.value(7));
        r.paramsActiveB = optionalDouble(q.value(8));
        r.contextTokens = optionalDouble(q.value(9));
        r.architecture = q.value(10).toString();
        r.attention = q.value(11).toString();
        r.releaseDate = q.value(12).toString();
        r.modality = q.value(13).toString();
        r.licenseId = q.value(14).toString();
        r.licenseName = q.value(15).toString();
        r.commercialUse = q.value(16).toString();
        if (!q.value(17).isNull())
            r.licenseTier = q.value(17).toInt();
        r.hasConflicts = q.value(18).toBool();
        r.benchmarkScore = optionalDouble(q.value(19));
        rows << r;
    }
    return rows;
}

Result<QList<SourceRow>> CatalogQuery::sources() const
{
    QSqlQuery q(m_db);
    // Citations: claims, scores and every record table's own src column,
    // counted in one pass per table (a correlated count per source was
    // quadratic: 2,000 sources x 140,000 claims).
    const QString sql = QStringLiteral(
        "SELECT s.id, s.kind, COALESCE(s.file, s.url, s.repo || COALESCE(':' || s.path, '')), s.title, s.date,"
        " COALESCE(c.n, 0) FROM sources s LEFT JOIN (SELECT src, COUNT(*) AS n FROM ("
        " SELECT src FROM claims UNION ALL SELECT src FROM scores UNION ALL SELECT src FROM license_clauses"
        " UNION ALL SELECT src FROM architectures UNION ALL SELECT src FROM hardware_statements"
        " UNION ALL SELECT src FROM api_prices UNION ALL SELECT src FROM recommendations"
        " UNION ALL SELECT src FROM statements) GROUP BY src) c ON c.src = s.id"
        " ORDER BY s.kind = 'seed' DESC, s.id");
    if (!q.exec(sql))
        return Result<QList<SourceRow>>::failure(QStringLiteral("Reading sources failed: %1").arg(q.lastError().text()));
    QList<SourceRow> rows;
    while (q.next())
        rows << SourceRow{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                          q.value(3).toString(), q.value(4).toString(), q.value(5).toInt()};
    return rows;
}

QList<NamedId> CatalogQuery::namedIds(const QString &sql) const
{
    QList<NamedId> out;
    QSqlQuery q(m_db);
    if (q.exec(sql))
        while (q.next())
            out << NamedId{q.value(0).toString(), q.value(1).toString()};
    return out;
}

QList<NamedId> CatalogQuery::families() const
{
    return namedIds(QStringLiteral("SELECT id, name FROM families ORDER BY name COLLATE NOCASE"));
}

QList<NamedId> CatalogQuery::vendors() const
{
    return namedIds(QStringLiteral("SELECT id, name FROM vendors ORDER BY name COLLATE NOCASE"));
}

QList<NamedId> CatalogQuery::benchmarks() const
{
    return namedIds(QStringLiteral("SELECT id, name FROM benchmarks ORDER BY name COLLATE NOCASE"));
}

int CatalogQuery::modelCount() const
{
    QSqlQuery q(m_db);
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM models")) && q.next() ? q.value(0).toInt() : 0;
}

Result<QString> CatalogQuery::resolveModel(const QString &nameOrId) const
{
    const QString needle = nameOrId.trimmed();
    if (needle.isEmpty())
        return Result<QString>::failure(QStringLiteral("No model given."));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM models WHERE id = ? COLLATE NOCASE OR name = ? COLLATE NOCASE"
                             " UNION SELECT model_id FROM model_aliases WHERE alias = ? COLLATE NOCASE"));
    for (int i = 0; i < 3; ++i)
        q.bindValue(i, needle);
    QStringList matches;
    if (q.exec())
        while (q.next())
            matches << q.value(0).toString();
    if (matches.isEmpty()) {
        QSqlQuery prefix(m_db);
        prefix.prepare(QStringLiteral("SELECT id FROM models WHERE id LIKE ? ESCAPE '\\' ORDER BY id"));
        QString escaped = needle.toLower();
        escaped.replace(QLatin1String("\\"), QLatin1String("\\\\")).replace(QLatin1String("%"), QLatin1String("\\%")).replace(QLatin1String("_"), QLatin1String("\\_"));
        prefix.bindValue(0, escaped + QLatin1Char('%'));
        if (prefix.exec())
            while (prefix.next())
                matches << prefix.value(0).toString();
    }
    if (matches.size() == 1)
        return matches.front();
    if (matches.isEmpty())
        return Result<QString>::failure(QStringLiteral("No model named \"%1\" in the catalog. Try `modelatlas-cli models --search %1`.").arg(needle));
    return Result<QString>::failure(QStringLiteral("\"%1\" matches several models: %2. Give the full id.")
                                        .arg(needle, matches.mid(0, 8).join(QStringLiteral(", "))));
}

} // namespace ModelAtlas::Catalog
