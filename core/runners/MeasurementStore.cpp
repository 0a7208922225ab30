#include "MeasurementStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace ModelAtlas::Runners {

nlohmann::json measurementJson(const RunnerSpec &spec, const RunOutcome &outcome)
{
    const RunFigures &f = outcome.figures;
    nlohmann::json j = {
        {"backend", "modelatlas-cpu"},
        {"decode_tok_s", f.decodeTokS},
        {"prefill_tok_s", f.prefillTokS},
        {"ttft_ms", f.ttftMs},
        {"load_ms", f.loadMs},
        {"peak_rss_bytes", f.peakBytes},
        {"predicted_bytes", f.predictedBytes},
        // The peak is the process's growth; with other models loaded at the same
        // time it includes theirs, and calibration should not trust it.
        {"memory_shared", f.memoryShared},
        {"gpu_count", 1},
        {"file", spec.path.toStdString()},
        {"threads", outcome.local.threads},
    };
    if (f.predictedDecodeTokS > 0)
        j["predicted_decode_tok_s"] = f.predictedDecodeTokS;
    if (outcome.local.cpuBandwidthGBs > 0)
        j["cpu_bandwidth_gbs"] = outcome.local.cpuBandwidthGBs;
    return j;
}

QString MeasurementStore::matchCatalogModel(const QString &generalName) const
{
    const QString name = generalName.trimmed();
    if (name.isEmpty())
        return {};
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM models WHERE lower(id) = lower(?) OR lower(name) = lower(?)"
                             " UNION SELECT model_id FROM model_aliases WHERE lower(alias) = lower(?) LIMIT 1"));
    for (int i = 0; i < 3; ++i)
        q.addBindValue(name);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return {};
}

Result<qint64> MeasurementStore::store(const RunnerSpec &spec, const RunOutcome &outcome)
{
    using R = Result<qint64>;
    if (!spec.isLocal() || !outcome.ok || outcome.local.fileHash.isEmpty())
        return R::failure(QCoreApplication::translate("ModelAtlas::Runners::MeasurementStore",
                                                      "Only completed local runs are stored as measurements."));
    const QString catalogId = matchCatalogModel(outcome.local.modelName);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO measurements (model_id, file_hash, quantization, device, context,"
                             " prompt_tokens, output_tokens, json, created_at) VALUES (?, ?, ?, 'cpu', ?, ?, ?, ?, ?)"));
    q.addBindValue(catalogId.isEmpty() ? outcome.local.modelName : catalogId);
    q.addBindValue(outcome.local.fileHash);
    q.addBindValue(outcome.local.quantization);
    q.addBindValue(outcome.local.contextLength);
    q.addBindValue(outcome.figures.promptTokens);
    q.addBindValue(outcome.figures.outputTokens);
    q.addBindValue(QString::fromStdString(measurementJson(spec, outcome).dump()));
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    if (!q.exec())
        return R::failure(QCoreApplication::translate("ModelAtlas::Runners::MeasurementStore",
                                                      "Cannot store the measurement: %1")
                              .arg(q.lastError().text()));
    return q.lastInsertId().toLongLong();
}

} // namespace ModelAtlas::Runners
