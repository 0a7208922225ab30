#include "MeasurementStore.h"

#include "hardware/GpuCatalog.h"
#include "hardware/HardwareDetect.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace ModelAtlas::Runners {

nlohmann::json measurementJson(const RunnerSpec &spec, const RunOutcome &outcome)
{
    const RunFigures &f = outcome.figures;
    const QString backend = outcome.local.backend.isEmpty() ? QStringLiteral("modelatlas-cpu") : outcome.local.backend;
    nlohmann::json j = {
        {"backend", backend.toStdString()},
        {"decode_tok_s", f.decodeTokS},
        {"prefill_tok_s", f.prefillTokS},
        {"ttft_ms", f.ttftMs},
        {"load_ms", f.loadMs},
        {f.onGpu ? "peak_device_bytes" : "peak_rss_bytes", f.peakBytes},
        {"predicted_bytes", f.predictedBytes},
        // The peak is the process's growth; with other models loaded at the same
        // time it includes theirs, and calibration should not trust it.
        {"memory_shared", f.memoryShared},
        {"gpu_count", 1},
        {"file", spec.path.toStdString()},
        {"threads", outcome.local.threads},
        {"kv_type", std::string(modelatlas::engine::kvCacheTypeName(spec.kvType))},
    };
    if (f.predictedDecodeTokS > 0)
        j["predicted_decode_tok_s"] = f.predictedDecodeTokS;
    if (f.onGpu) {
        j["gpu_name"] = outcome.local.gpuName.toStdString();
        if (outcome.local.gpuBandwidthGBs > 0)
            j["gpu_bandwidth_gbs"] = outcome.local.gpuBandwidthGBs;
    } else if (outcome.local.cpuBandwidthGBs > 0) {
        j["cpu_bandwidth_gbs"] = outcome.local.cpuBandwidthGBs;
    }
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

QString MeasurementStore::deviceOf(const QString &gpuName) const
{
    if (const auto gpus = Hardware::catalogGpus(m_db))
        if (const auto card = Hardware::findDetectedGpu(gpus.value(), gpuName))
            return card->id;
    return gpuName;
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
                             " prompt_tokens, output_tokens, json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(catalogId.isEmpty() ? outcome.local.modelName : catalogId);
    q.addBindValue(outcome.local.fileHash);
    q.addBindValue(outcome.local.quantization);
    q.addBindValue(outcome.figures.onGpu ? deviceOf(outcome.local.gpuName) : QStringLiteral("cpu"));
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
