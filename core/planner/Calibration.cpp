#include "Calibration.h"

#include "CatalogModels.h"
#include "Planner.h"
#include "hardware/GpuCatalog.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace ModelAtlas::Planner {

namespace {

// Measured / roofline prefill above this is a measurement error, not a fast
// kernel: VNNI's int8 products do 8x the multiply-adds of the AVX2 FP32 FMAs
// a CPU's roofline counts, int8 tensor cores 2x the FP16 peak a GPU's counts.
constexpr double kMaxPrefillEfficiency = 8.0;
// Decode reads memory, which nothing reads faster than its bandwidth; but
// the bandwidth is the machine's probe reading, and a probe that reads low
// (the development VM's readings swing from 33 to 58 GB/s within minutes)
// puts a run net of its fixed part up to a few percent past it.
constexpr double kMaxDecodeEfficiency = 1.25;

double jsonNumber(const nlohmann::json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_number() && std::isfinite(it->get<double>()) && it->get<double>() > 0
        ? it->get<double>() : 0.0;
}

} // namespace

Result<QList<Measurement>> readMeasurements(QSqlDatabase db, const QString &modelId, const QString &quant)
{
    QSqlQuery q(db);
    QString sql = QStringLiteral("SELECT model_id, quantization, device, context, prompt_tokens, output_tokens, json, created_at"
                                 " FROM measurements");
    if (!modelId.isEmpty())
        sql += QStringLiteral(" WHERE model_id = :model AND upper(quantization) = upper(:quant)");
    sql += QStringLiteral(" ORDER BY created_at, id");
    q.prepare(sql);
    if (!modelId.isEmpty()) {
        q.bindValue(QStringLiteral(":model"), modelId);
        q.bindValue(QStringLiteral(":quant"), quant);
    }
    if (!q.exec())
        return Result<QList<Measurement>>::failure(
            QStringLiteral("Cannot read measurements: %1").arg(q.lastError().text()));
    QList<Measurement> rows;
    while (q.next()) {
        Measurement m;
        m.modelId = q.value(0).toString();
        m.quant = q.value(1).toString();
        m.deviceId = q.value(2).toString();
        m.context = q.value(3).toInt();
        m.promptTokens = q.value(4).toInt();
        m.outputTokens = q.value(5).toInt();
        m.createdAt = QDateTime::fromString(q.value(7).toString(), Qt::ISODate);
        // A row is user data written by another version, maybe by hand: read
        // what is usable and skip the rest rather than fail the whole table.
        const auto j = nlohmann::json::parse(q.value(6).toString().toStdString(), nullptr, false);
        if (!j.is_object())
            continue;
        m.decodeTokS = jsonNumber(j, "decode_tok_s");
        m.prefillTokS = jsonNumber(j, "prefill_tok_s");
        m.ttftMs = jsonNumber(j, "ttft_ms");
        m.gpuCount = std::max(1, int(jsonNumber(j, "gpu_count")));
        m.peakBytes = uint64_t(std::max(jsonNumber(j, "peak_rss_bytes"), jsonNumber(j, "peak_device_bytes")));
        m.predictedBytes = uint64_t(jsonNumber(j, "predicted_bytes"));
        m.predictedDecodeTokS = jsonNumber(j, "predicted_decode_tok_s");
        m.cpuBandwidthGBs = jsonNumber(j, "cpu_bandwidth_gbs");
        m.cpuThreads = int(jsonNumber(j, "threads"));
        if (const auto it = j.find("backend"); it != j.end() && it->is_string())
            if (const auto b = backendByName(QString::fromStdString(it->get<std::string>())))
                m.backend = *b;
        if (m.modelId.isEmpty() || m.quant.isEmpty() || m.deviceId.isEmpty()
            || (m.decodeTokS <= 0 && m.prefillTokS <= 0))
            continue;
        rows.push_back(m);
    }
    return rows;
}

CalibrationResult calibrate(const QList<Measurement> &rows, const ShapeLookup &shapes, const GpuLookup &gpus,
                            EfficiencyTable base)
{
    CalibrationResult result;
    result.table = std::move(base);
    struct Acc
    {
        double dec16 = 0, decQ = 0, pre = 0;
        int n16 = 0, nQ = 0, nPre = 0;
        std::map<QString, std::pair<double, int>> byQuant, preByQuant;   // quant -> (sum of efficiencies, runs)
    };
    std::map<std::pair<int, QString>, Acc> acc;
    // Unit efficiencies: the roofline itself, so measured / predicted = efficiency.
    // The CPU attention keeps the backend's rates and the per-layer overhead
    // its figure: they are phases of their own, which the weights'
    // efficiency would otherwise absorb.
    EfficiencyTable unit;
    for (const Backend b : {Backend::LlamaCppCuda, Backend::LlamaCppCpu, Backend::LlamaCppMetal, Backend::Vllm,
                            Backend::ModelAtlasCpu, Backend::ModelAtlasCuda}) {
        Efficiency roofline;
        roofline.decode16 = roofline.decodeQuant = roofline.prefill = 1.0;
        roofline.source = QStringLiteral("roofline");
        roofline.cpuAttentionDecode = EfficiencyTable::defaults(b).cpuAttentionDecode;
        roofline.cpuAttentionPrefill = EfficiencyTable::defaults(b).cpuAttentionPrefill;
        roofline.cpuLayerOverheadSeconds = EfficiencyTable::defaults(b).cpuLayerOverheadSeconds;
        unit.set(b, QString(), roofline);
    }
    for (const Measurement &m : rows) {
        const ModelShape *shape = shapes ? shapes(m.modelId) : nullptr;
        const auto quant = quantByName(m.quant);
        const bool cpu = m.deviceId.compare(QLatin1String("cpu"), Qt::CaseInsensitive) == 0;
        const auto gpu = cpu || !gpus ? std::optional<Hardware::GpuSpec>() : gpus(m.deviceId);
        // A CPU roofline needs the machine's bandwidth; a default would turn
        // the measurement into a statement about some other machine.
        if (!shape || !quant || (!cpu && !gpu) || (cpu && m.cpuBandwidthGBs <= 0)) {
            ++result.rowsSkipped;
            continue;
        }
        const WeightLayout layout = layoutFor(*shape, *quant);
        PlanInput in;
        in.shape = shape;
        in.layout = &layout;
        in.quant = *quant;
        if (gpu) {
            in.hardware.gpu = *gpu;
            in.hardware.gpuCount = std::max(1, m.gpuCount);
        } else {
            in.hardware.cpuBandwidthGBs = m.cpuBandwidthGBs;
            in.hardware.cpuCores = m.cpuThreads;
        }
        in.hardware.systemRamGiB = 1e5;   // placement is not the question here
        in.workload.context = std::max(1, m.context);
        in.workload.promptTokens = std::max(1, m.promptTokens > 0 ? m.promptTokens : m.context);
        in.deployment.backend = cpu && !isCpuBackend(m.backend) ? Backend::LlamaCppCpu : m.backend;
        in.efficiency = &unit;
        in.computeMaxContext = false;
        const auto p = plan(in);
        if (!p || !p->speed.known) {
            ++result.rowsSkipped;
            continue;
        }
        Acc &a = acc[{int(p->backend), cpu ? QStringLiteral("cpu") : gpu->id}];
        const QString quantName = QString::fromLatin1(quantInfo(*quant).name).toUpper();
        const auto addTo = [](std::pair<double, int> &sum, double e) {
            sum.first += e;
            ++sum.second;
        };
        if (m.decodeTokS > 0 && p->speed.decodeTokS > 0) {
            // As for prefill below: the step's fixed part (CPU attention,
            // per-layer overhead) keeps the backend's figures; the efficiency
            // scales the rest.
            const double fixed = p->speed.decodeFixedSeconds;
            const double measured = 1.0 / m.decodeTokS, atRoofline = 1.0 / p->speed.decodeTokS;
            const double e = measured > fixed
                ? std::clamp((atRoofline - fixed) / (measured - fixed), 0.01, kMaxDecodeEfficiency)
                : kMaxDecodeEfficiency;
            if (layout.blockQuantized) { a.decQ += e; ++a.nQ; } else { a.dec16 += e; ++a.n16; }
            addTo(a.byQuant[quantName], e);
        }
        if (m.prefillTokS > 0 && p->speed.prefillTokS > 0) {
            // The efficiency scales the prompt's time less its CPU attention
            // phase, which keeps the backend's rate: solve for it exactly.
            const double prompt = double(in.workload.promptTokens), attention = p->speed.prefillCpuAttentionSeconds;
            const double measured = prompt / m.prefillTokS, atRoofline = prompt / p->speed.prefillTokS;
            const double e = measured > attention
                ? std::clamp((atRoofline - attention) / (measured - attention), 0.01, kMaxPrefillEfficiency)
                : kMaxPrefillEfficiency;
            a.pre += e;
            ++a.nPre;
            addTo(a.preByQuant[quantName], e);
        }
        ++result.rowsUsed;
    }
    for (const auto &[key, a] : acc) {
        Efficiency e = result.table.get(Backend(key.first), key.second);
        if (a.n16 + a.nQ > 0) {
            // This machine's runs replace the built-in per-type figures too:
            // those were measured on another machine's kernels. Its own
            // figure per quantization follows; the class figures serve the rest.
            e.decodeByQuant.clear();
            e.decodeByType.clear();
        }
        if (a.n16) e.decode16 = a.dec16 / a.n16;
        if (a.nQ) e.decodeQuant = a.decQ / a.nQ;
        if (a.nPre) {
            // As for decode: the class figure is this machine's mean.
            e.prefill = a.pre / a.nPre;
            e.prefillByType.clear();
            e.prefillByQuant.clear();
        }
        for (const auto &[q, sum] : a.byQuant)
            e.decodeByQuant[q] = sum.first / sum.second;
        for (const auto &[q, sum] : a.preByQuant)
            e.prefillByQuant[q] = sum.first / sum.second;
        e.source = QStringLiteral("calibrated from %1 measured run(s) on this machine").arg(std::max({a.n16 + a.nQ, a.nPre}));
        result.table.set(Backend(key.first), key.second, e);
    }
    return result;
}

Result<CalibrationResult> calibrationFromDatabase(QSqlDatabase db)
{
    using R = Result<CalibrationResult>;
    const auto rows = readMeasurements(db);
    if (!rows)
        return R::failure(rows.error());
    if (rows->isEmpty())
        return CalibrationResult{};
    const auto shapes = loadCatalogShapes(db);
    if (!shapes)
        return R::failure(shapes.error());
    const auto gpus = Hardware::catalogGpus(db);
    if (!gpus)
        return R::failure(gpus.error());
    const QList<Hardware::GpuSpec> &gpuList = gpus.value();
    return calibrate(
        rows.value(), [&shapes](const QString &id) { return shapes->find(id); },
        [&gpuList](const QString &id) -> std::optional<Hardware::GpuSpec> {
            for (const Hardware::GpuSpec &g : gpuList)
                if (g.id == id)
                    return g;
            return std::nullopt;
        });
}

} // namespace ModelAtlas::Planner
