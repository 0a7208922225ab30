#include "ModelDetails.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

namespace ModelAtlas::Catalog {

namespace {

// Runs a prepared query with positional values; returns false on error.
bool run(QSqlQuery &q, const QString &sql, const QVariantList &values)
{
    q.setForwardOnly(true);
    q.prepare(sql);
    for (qsizetype i = 0; i < values.size(); ++i)
        q.bindValue(int(i), values[i]);
    return q.exec();
}

QString sourceLabelSql(const QString &column)
{
    return QStringLiteral("(SELECT COALESCE(s.file, s.url, s.repo) FROM sources s WHERE s.id = %1)").arg(column);
}

// Renders a nested architecture block ({"n_experts": 128, ...}) as "n_experts 128, ...".
QString describeBlock(const QString &json)
{
    const nlohmann::json block = nlohmann::json::parse(json.toStdString(), nullptr, false);
    if (!block.is_object())
        return json;
    QStringList parts;
    for (auto it = block.begin(); it != block.end(); ++it) {
        if (it->is_null())
            continue;
        const QString value = it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString::fromStdString(it->dump());
        parts << QStringLiteral("%1 %2").arg(QString::fromStdString(it.key()), value);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

Result<ModelDetails> loadModelDetails(QSqlDatabase db, const QString &modelId)
{
    using R = Result<ModelDetails>;
    ModelDetails d;
    ModelFilter byId;
    byId.ids = {modelId};
    const auto rows = CatalogQuery(db).models(byId);
    if (!rows)
        return R::failure(rows.error());
    if (rows.value().isEmpty())
        return R::failure(QStringLiteral("No model with id \"%1\" in the catalog.").arg(modelId));
    d.row = rows.value().front();

    std::set<QString> cited;
    QSqlQuery q(db);
    if (run(q, QStringLiteral("SELECT base_model FROM models WHERE id = ?"), {modelId}) && q.next())
        d.baseModel = q.value(0).toString();
    if (run(q, QStringLiteral("SELECT alias FROM model_aliases WHERE model_id = ?"), {modelId}))
        while (q.next())
            d.aliases << q.value(0).toString();

    std::map<QString, QString> conflictOf;
    if (run(q, QStringLiteral("SELECT field, detail FROM conflicts WHERE entity = 'models' AND entity_id = ?"), {modelId}))
        while (q.next())
            conflictOf[q.value(0).toString()] = q.value(1).toString();

    if (!run(q, QStringLiteral("SELECT field, value_text, src, %1, quote, note, approx FROM claims"
                               " WHERE entity = 'models' AND entity_id = ? ORDER BY field, ordinal").arg(sourceLabelSql(QStringLiteral("claims.src"))),
             {modelId}))
        return R::failure(q.lastError().text());
    while (q.next()) {
        const QString field = q.value(0).toString();
        if (d.facts.isEmpty() || d.facts.back().field != field)
            d.facts << FactDetail{field, {}, conflictOf[field]};
        d.facts.back().values << SourcedValue{q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                                              q.value(4).toString(), q.value(5).toString(), q.value(6).toBool()};
        cited.insert(q.value(2).toString());
    }

    std::map<QString, QString> scoreConflict;
    if (run(q, QStringLiteral("SELECT field, detail FROM conflicts WHERE entity = 'scores' AND entity_id = ?"), {modelId}))
        while (q.next())
            scoreConflict[q.value(0).toString()] = q.value(1).toString();
    if (!run(q, QStringLiteral("SELECT s.benchmark_id, b.name, b.unit, s.setup, s.date, s.value_text, s.src, %1, s.quote,"
                               " s.note, s.approx FROM scores s JOIN benchmarks b ON b.id = s.benchmark_id"
                               " WHERE s.model_id = ? ORDER BY b.name COLLATE NOCASE, s.value DESC").arg(sourceLabelSql(QStringLiteral("s.src"))),
             {modelId}))
        return R::failure(q.lastError().text());
    while (q.next()) {
        ScoreDetail s;
        s.benchmarkId = q.value(0).toString();
        s.benchmarkName = q.value(1).toString();
        s.unit = q.value(2).toString();
        s.setup = q.value(3).toString();
        s.date = q.value(4).toString();
        s.value = SourcedValue{q.value(5).toString(), q.value(6).toString(), q.value(7).toString(),
                               q.value(8).toString(), q.value(9).toString(), q.value(10).toBool()};
        s.conflict = scoreConflict[s.benchmarkId];
        cited.insert(s.value.src);
        d.scores << s;
    }

    if (!d.row.licenseId.isEmpty()) {
        LicenseDetail l;
        if (run(q, QStringLiteral("SELECT id, name, url, commercial_use, tier FROM licenses WHERE id = ?"), {d.row.licenseId}) && q.next()) {
            l.id = q.value(0).toString();
            l.name = q.value(1).toString();
            l.url = q.value(2).toString();
            l.commercialUse = q.value(3).toString();
            if (!q.value(4).isNull())
                l.tier = q.value(4).toInt();
        }
        if (run(q, QStringLiteral("SELECT clause_id, kind, summary, quote, conflict, src, %1 FROM license_clauses"
                                  " WHERE license_id = ? ORDER BY rowid").arg(sourceLabelSql(QStringLiteral("license_clauses.src"))),
                {d.row.licenseId}))
            while (q.next())
                l.clauses << ClauseDetail{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                          q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
                                          q.value(6).toString()};
        d.license = l;
    }

    if (run(q, QStringLiteral("SELECT json, src, %1 FROM architectures WHERE model = ?").arg(sourceLabelSql(QStringLiteral("architectures.src"))), {modelId})
        && q.next()) {
        const nlohmann::json arch = nlohmann::json::parse(q.value(0).toString().toStdString(), nullptr, false);
        d.architectureSource = q.value(1).toString();
        cited.insert(d.architectureSource);
        if (arch.is_object())
            for (auto it = arch.begin(); it != arch.end(); ++it) {
                if (it.key() == "model" || it.key() == "src" || it->is_null())
                    continue;
                const QString value = it->is_string() ? QString::fromStdString(it->get<std::string>())
                                      : it->is_object() ? describeBlock(QString::fromStdString(it->dump()))
                                                        : QString::fromStdString(it->dump());
                d.architecture << qMakePair(QString::fromStdString(it.key()), value);
            }
    }

    if (run(q, QStringLiteral("SELECT kind, text, src, %1 FROM hardware_statements WHERE model = ? ORDER BY rowid").arg(sourceLabelSql(QStringLiteral("hardware_statements.src"))), {modelId}))
        while (q.next()) {
            d.hardware << StatementDetail{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
            cited.insert(q.value(2).toString());
        }
    if (run(q, QStringLiteral("SELECT COALESCE(p.name, a.provider, ''), a.input_per_m_min, a.input_per_m_max, a.output_per_m_min,"
                              " a.output_per_m_max, a.note, a.src, %1 FROM api_prices a LEFT JOIN providers p ON p.id = a.provider"
                              " WHERE a.model = ? ORDER BY a.rowid").arg(sourceLabelSql(QStringLiteral("a.src"))), {modelId}))
        while (q.next()) {
            const auto range = [&](int lo, int hi) {
                if (q.value(lo).isNull())
                    return QStringLiteral("—");
                const double a = q.value(lo).toDouble(), b = q.value(hi).toDouble();
                return a == b ? QStringLiteral("$%1").arg(a) : QStringLiteral("$%1–%2").arg(a).arg(b);
            };
            QString text = QStringLiteral("%1: input %2/M, output %3/M").arg(q.value(0).toString(), range(1, 2), range(3, 4));
            if (!q.value(5).toString().isEmpty())
                text += QStringLiteral(" (%1)").arg(q.value(5).toString());
            d.prices << StatementDetail{QStringLiteral("api_price"), text, q.value(6).toString(), q.value(7).toString()};
            cited.insert(q.value(6).toString());
        }

    if (run(q, QStringLiteral("SELECT body FROM notes WHERE model_id = ?"), {modelId}) && q.next())
        d.note = q.value(0).toString();
    cited.erase(QString());
    d.sources = QStringList(cited.begin(), cited.end());
    return d;
}

QString factLabel(const QString &field)
{
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("params_total_b"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Total parameters (B)")},
        {QStringLiteral("params_active_b"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Active parameters (B)")},
        {QStringLiteral("context_tokens"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Context (tokens)")},
        {QStringLiteral("release_date"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Released")},
        {QStringLiteral("license"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "License")},
        {QStringLiteral("architecture"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Architecture")},
        {QStringLiteral("attention"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Attention")},
        {QStringLiteral("modality"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Modality")},
        {QStringLiteral("vendor"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Vendor")},
        {QStringLiteral("languages"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Languages")},
        {QStringLiteral("strengths"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Strengths")},
        {QStringLiteral("best_for"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Best for")},
        {QStringLiteral("hf_repo"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Hugging Face repository")},
        {QStringLiteral("local_run"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Running it locally")},
        {QStringLiteral("training_tokens_t"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Training tokens (T)")},
        {QStringLiteral("training_gpu_hours_m"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Training GPU-hours (M)")},
        {QStringLiteral("training_cost_musd"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Training cost (M USD)")},
        {QStringLiteral("experts"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Experts")},
        {QStringLiteral("experts_per_token"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Experts per token")},
        {QStringLiteral("shared_experts"), QT_TRANSLATE_NOOP("ModelAtlas::Catalog", "Shared experts")},
    };
    if (const auto it = labels.constFind(field); it != labels.cend())
        return QCoreApplication::translate("ModelAtlas::Catalog", it.value());
    QString text = field;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

} // namespace ModelAtlas::Catalog
