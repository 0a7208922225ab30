// Measured runs -> efficiency overrides, and the planner's predictions checked
// against runs measured on the development machine (docs/ACCURACY.md).
#include "PlannerFixtures.h"
#include "TestSupport.h"

#include "catalog/CatalogImporter.h"
#include "planner/Calibration.h"
#include "planner/CatalogModels.h"
#include "planner/Planner.h"

#include <QDateTime>
#include <QFile>
#include <QSqlQuery>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>

using namespace ModelAtlas;
using namespace ModelAtlas::Planner;
using namespace ModelAtlas::Test;

namespace {

Hardware::HardwareProfile cpuOnly(double bandwidthGBs, int cores)
{
    Hardware::HardwareProfile hw;
    hw.gpuCount = 0;
    hw.systemRamGiB = 1e4;
    hw.cpuBandwidthGBs = bandwidthGBs;
    hw.cpuCores = cores;
    return hw;
}

Result<Plan> planFor(const ModelShape &s, Quant q, const Hardware::HardwareProfile &hw, Backend backend, int64_t context,
                     const EfficiencyTable *table, int64_t prompt = 1024, int ubatch = 512)
{
    static thread_local WeightLayout layout;
    layout = layoutFor(s, q);
    PlanInput in;
    in.shape = &s;
    in.layout = &layout;
    in.hardware = hw;
    in.workload.context = context;
    in.workload.promptTokens = prompt;
    in.workload.ubatch = ubatch;
    in.deployment.backend = backend;
    in.quant = q;
    in.efficiency = table;
    return plan(in);
}

void insertMeasurement(QSqlDatabase db, const QString &model, const QString &quant, const QString &device, int context,
                       const QString &json)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO measurements (model_id, quantization, device, context, prompt_tokens, output_tokens, json,"
                             " created_at) VALUES (?, ?, ?, ?, 128, 32, ?, ?)"));
    q.addBindValue(model);
    q.addBindValue(quant);
    q.addBindValue(device);
    q.addBindValue(context);
    q.addBindValue(json);
    q.addBindValue(QStringLiteral("2026-11-23T08:00:00Z"));
    QVERIFY(q.exec());
}

// A run of the engine on a 2-thread CPU with `bandwidthGBs` of memory bandwidth.
Measurement engineCpuRun(const ModelShape &s, const QString &quant, int context, int prompt, double bandwidthGBs)
{
    Measurement m;
    m.modelId = s.id;
    m.deviceId = QStringLiteral("cpu");
    m.quant = quant;
    m.backend = Backend::ModelAtlasCpu;
    m.context = context;
    m.promptTokens = prompt;
    m.cpuBandwidthGBs = bandwidthGBs;
    m.cpuThreads = 2;
    return m;
}

// The measured runs of tests/core/data/measurements (atlas-bench on the 2-core
// development VM; the commands are in docs/ACCURACY.md).
struct FixtureRun
{
    Measurement m;
    int batch = 0;            // the engine's prefill batch: its session buffers scale with it
    bool catalogMix = true;   // the file's tensor types are llama.cpp's mix, as the catalog path plans
};

QList<FixtureRun> fixtureRuns()
{
    QFile f(QStringLiteral(MODELATLAS_TEST_DATA_DIR "/measurements/dev-vm-cpu.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    const auto j = nlohmann::json::parse(f.readAll().toStdString());
    QList<FixtureRun> rows;
    for (const auto &r : j.at("runs")) {
        Measurement m;
        m.modelId = QString::fromStdString(r.at("model_id").get<std::string>());
        m.quant = QString::fromStdString(r.at("quantization").get<std::string>());
        m.deviceId = QStringLiteral("cpu");
        m.backend = Backend::ModelAtlasCpu;
        m.context = r.at("context").get<int>();
        m.promptTokens = r.at("prompt_tokens").get<int>();
        m.decodeTokS = r.at("decode_tok_s").get<double>();
        m.prefillTokS = r.at("prefill_tok_s").get<double>();
        m.peakBytes = r.at("peak_rss_bytes").get<uint64_t>();
        m.cpuBandwidthGBs = j.at("cpu_bandwidth_gbs").get<double>();
        m.cpuThreads = j.at("threads").get<int>();
        rows.push_back({m, r.at("batch").get<int>(), r.at("catalog_mix").get<bool>()});
    }
    return rows;
}

} // namespace

class TestCalibration final : public QObject
{
    Q_OBJECT

private slots:
    void backendNames()
    {
        QCOMPARE(backendByName(QStringLiteral("modelatlas-cpu")), std::optional(Backend::ModelAtlasCpu));
        QCOMPARE(QString::fromLatin1(backendId(Backend::ModelAtlasCpu)), QStringLiteral("modelatlas-cpu"));
        QVERIFY(isCpuBackend(Backend::ModelAtlasCpu));
        QVERIFY(isCpuBackend(Backend::LlamaCppCpu));
        QVERIFY(!isCpuBackend(Backend::Vllm));
        // The engine's CPU backend: a GPU plan for it is refused, by name.
        Hardware::HardwareProfile hw = cpuOnly(27, 2);
        hw.gpu = h100();
        hw.gpuCount = 1;
        const auto p = planFor(llama32_1b(), Quant::Q8_0, hw, Backend::ModelAtlasCpu, 4096, nullptr);
        QVERIFY(!p);
        QVERIFY2(p.error().contains(QLatin1String("--gpu cpu")), qPrintable(p.error()));
    }

    // A prompt's time adds up per storage type, so a mix's prefill efficiency
    // is its types' figures weighted by their work (a harmonic mean); types
    // without a figure take `prefill`; a machine's measured figure for the
    // file type replaces them all.
    void prefillForMixes_data()
    {
        QTest::addColumn<QString>("quant");
        QTest::addColumn<double>("q4k");     // elements in Q4_K (figure 2.0)
        QTest::addColumn<double>("q6k");     // elements in Q6_K (figure 1.0)
        QTest::addColumn<double>("other");   // elements in a type with no figure (prefill 0.5)
        QTest::addColumn<double>("expected");
        QTest::newRow("one type") << QStringLiteral("Q4_K_M") << 4.0 << 0.0 << 0.0 << 2.0;
        QTest::newRow("mix") << QStringLiteral("Q4_K_M") << 3.0 << 1.0 << 0.0 << 4.0 / (3.0 / 2.0 + 1.0 / 1.0);
        QTest::newRow("type without a figure") << QStringLiteral("Q4_K_M") << 1.0 << 0.0 << 1.0 << 2.0 / (1.0 / 2.0 + 1.0 / 0.5);
        QTest::newRow("no matrices") << QStringLiteral("Q4_K_M") << 0.0 << 0.0 << 0.0 << 0.5;
        QTest::newRow("measured quantization") << QStringLiteral("q5_k_m") << 3.0 << 1.0 << 0.0 << 0.7;
    }
    void prefillForMixes()
    {
        QFETCH(QString, quant);
        QFETCH(double, q4k);
        QFETCH(double, q6k);
        QFETCH(double, other);
        QFETCH(double, expected);
        Efficiency e;
        e.prefill = 0.5;
        e.prefillByType = {{QStringLiteral("Q4_K"), 2.0}, {QStringLiteral("Q6_K"), 1.0}};
        e.prefillByQuant = {{QStringLiteral("Q5_K_M"), 0.7}};
        std::map<QString, double> params;
        for (const auto &[type, elements] : {std::pair{"Q4_K", q4k}, std::pair{"Q6_K", q6k}, std::pair{"IQ2_XS", other}})
            if (elements > 0)
                params[QLatin1String(type)] = elements;
        QCOMPARE(e.prefillFor(quant, params), expected);
    }

    // Decode weighs the per-type figures by the bytes each type reads; a type
    // without a figure takes its class's (16-bit or block-quantized).
    void decodeForMixes_data()
    {
        QTest::addColumn<QString>("quant");
        QTest::addColumn<bool>("byType");   // whether the table has per-type figures
        QTest::addColumn<double>("q4k");    // bytes in Q4_K (figure 0.8)
        QTest::addColumn<double>("q6k");    // bytes in Q6_K (figure 0.4)
        QTest::addColumn<double>("f32");    // bytes in F32 (no figure: decode16 0.9)
        QTest::addColumn<double>("q3k");    // bytes in Q3_K (no figure: decodeQuant 0.6)
        QTest::addColumn<double>("expected");
        QTest::newRow("mix") << QStringLiteral("Q4_K_M") << true << 3.0 << 1.0 << 0.0 << 0.0 << 4.0 / (3.0 / 0.8 + 1.0 / 0.4);
        QTest::newRow("16-bit type without a figure") << QStringLiteral("Q4_K_M") << true << 1.0 << 0.0 << 1.0 << 0.0
                                                      << 2.0 / (1.0 / 0.8 + 1.0 / 0.9);
        QTest::newRow("block type without a figure") << QStringLiteral("Q3_K_M") << true << 0.0 << 1.0 << 0.0 << 1.0
                                                     << 2.0 / (1.0 / 0.4 + 1.0 / 0.6);
        QTest::newRow("no per-type figures") << QStringLiteral("Q4_K_M") << false << 3.0 << 1.0 << 0.0 << 0.0 << 0.6;
        QTest::newRow("measured quantization") << QStringLiteral("q4_0") << true << 3.0 << 1.0 << 0.0 << 0.0 << 0.5;
    }
    void decodeForMixes()
    {
        QFETCH(QString, quant);
        QFETCH(bool, byType);
        QFETCH(double, q4k);
        QFETCH(double, q6k);
        QFETCH(double, f32);
        QFETCH(double, q3k);
        QFETCH(double, expected);
        Efficiency e;
        e.decode16 = 0.9;
        e.decodeQuant = 0.6;
        if (byType)
            e.decodeByType = {{QStringLiteral("Q4_K"), 0.8}, {QStringLiteral("Q6_K"), 0.4}};
        e.decodeByQuant = {{QStringLiteral("Q4_0"), 0.5}};
        std::map<QString, double> bytes;
        for (const auto &[type, amount] : {std::pair{"Q4_K", q4k}, std::pair{"Q6_K", q6k}, std::pair{"F32", f32}, std::pair{"Q3_K", q3k}})
            if (amount > 0)
                bytes[QLatin1String(type)] = amount;
        QCOMPARE(e.decodeFor(quant, true, bytes), expected);
    }

    // The engine's CUDA backend: one GPU, its own scratch formula (the buffers
    // engine/src/cuda/cuda_backend.cpp allocates), token embedding in host
    // memory, llama.cpp CUDA's efficiencies standing in until measured.
    void cudaEnginePlan()
    {
        QCOMPARE(backendByName(QStringLiteral("modelatlas-cuda")), std::optional(Backend::ModelAtlasCuda));
        QCOMPARE(QString::fromLatin1(backendId(Backend::ModelAtlasCuda)), QStringLiteral("modelatlas-cuda"));
        QVERIFY(!isCpuBackend(Backend::ModelAtlasCuda));
        QVERIFY(EfficiencyTable::defaults(Backend::ModelAtlasCuda).source.startsWith(QLatin1String("not measured yet")));

        const ModelShape s = llama31_8b();
        // 64 rows x 4 B x (2 x 4096 + 2 x 4096 + 2 x 1024 + 2 x 14336), the 14336-wide
        // input as 64 x (448 x 34 + 56 x 292) 8-bit bytes, 4 B x 128256 logits, and
        // 64 tokens x 4 B x 32 heads x 32 slices x 130 partials:
        // 12,058,624 + 2,021,376 + 513,024 + 34,078,720.
        QCOMPARE(modelAtlasCudaScratchBytes(s, 8192), uint64_t(48671744));
        // At 128K only 7 tokens' partials (512 slices) fit the 64 MiB budget,
        // but the tensor-core prompt attention takes groups of 9 at least.
        QCOMPARE(modelAtlasCudaScratchBytes(s, 131072), uint64_t(12058624 + 2021376 + 513024 + 9 * 8519680));
        // Heads of 256 (the split kernel's only) keep the budget's count: 8
        // heads x 512 slices x 258 floats = 4,227,072 B per token, 15 tokens.
        ModelShape wide = s;
        wide.nHeads = 8;
        wide.headDim = 256;
        const uint64_t wideRows = 64 * 4 * (2 * 4096 + 2 * 2048 + 2 * 2048 + 2 * 14336);
        QCOMPARE(modelAtlasCudaScratchBytes(wide, 131072), wideRows + 2021376 + 513024 + 15 * 4227072);

        Hardware::HardwareProfile hw = cpuOnly(27, 2);
        hw.gpu = h100();
        hw.gpuCount = 1;
        const auto p = planFor(s, Quant::Q4_K_M, hw, Backend::ModelAtlasCuda, 8192, nullptr);
        QVERIFY2(p, qPrintable(p.error()));
        QCOMPARE(p->backend, Backend::ModelAtlasCuda);
        QVERIFY(!p->devices.empty() && p->devices[0].gpu);
        QCOMPARE(p->devices[0].compute, uint64_t(48671744));
        QCOMPARE(p->devices[0].overhead, uint64_t(0.5 * 1024 * 1024 * 1024));
        const WeightLayout layout = layoutFor(s, Quant::Q4_K_M);
        QCOMPARE(p->devices[0].weights, layout.totalBytes - layout.embeddingBytes);

        hw.gpuCount = 2;
        const auto two = planFor(s, Quant::Q4_K_M, hw, Backend::ModelAtlasCuda, 8192, nullptr);
        QVERIFY(!two);
        QVERIFY2(two.error().contains(QLatin1String("one GPU")), qPrintable(two.error()));

        // Without a GPU the engine runs on the CPU, and so does the plan.
        const auto none = planFor(s, Quant::Q4_K_M, cpuOnly(27, 2), Backend::ModelAtlasCuda, 8192, nullptr);
        QVERIFY2(none, qPrintable(none.error()));
        QCOMPARE(none->backend, Backend::ModelAtlasCpu);
    }

    // The engine's KV cache types: f16 and q8_0 (34 bytes per 32 values), on
    // heads of a multiple of 32; q4_0 is llama.cpp's, not the engine's.
    void engineKvCacheTypes()
    {
        const ModelShape s = llama31_8b();
        Hardware::HardwareProfile hw = cpuOnly(27, 2);
        hw.gpu = h100();
        hw.gpuCount = 1;
        const WeightLayout layout = layoutFor(s, Quant::Q4_K_M);
        const auto planWith = [&](Backend backend, KvType kv, const ModelShape &shape) {
            PlanInput in;
            in.shape = &shape;
            in.layout = &layout;
            in.quant = Quant::Q4_K_M;
            in.hardware = backend == Backend::ModelAtlasCpu ? cpuOnly(27, 2) : hw;
            in.workload.context = 8192;
            in.workload.kvType = kv;
            in.deployment.backend = backend;
            return plan(in);
        };
        for (const Backend backend : {Backend::ModelAtlasCpu, Backend::ModelAtlasCuda}) {
            const auto f16 = planWith(backend, KvType::F16, s);
            const auto q8 = planWith(backend, KvType::Q8_0, s);
            QVERIFY2(f16 && q8, qPrintable(f16 ? q8.error() : f16.error()));
            // 32 layers x 8192 positions x 1024 K and 1024 V values.
            const uint64_t values = 32ull * 8192 * 2048;
            QCOMPARE(f16->devices[0].kvCache, values * 2);
            QCOMPARE(q8->devices[0].kvCache, values / 32 * 34);
            const auto q4 = planWith(backend, KvType::Q4_0, s);
            QVERIFY(!q4);
            QVERIFY2(q4.error().contains(QLatin1String("f16 or q8_0, not q4_0")), qPrintable(q4.error()));
            ModelShape oddHeads = s;
            oddHeads.headDim = 80;
            const auto odd = planWith(backend, KvType::Q8_0, oddHeads);
            QVERIFY(!odd);
            QVERIFY2(odd.error().contains(QLatin1String("this model's have 80")), qPrintable(odd.error()));
        }
        // llama.cpp keeps its q4_0 cache.
        QVERIFY(planWith(Backend::LlamaCppCuda, KvType::Q4_0, s));
    }

    void gpuCalibration()
    {
        const ModelShape s = llama31_8b();
        Hardware::HardwareProfile hw;
        hw.gpu = h100();
        hw.gpuCount = 1;
        const auto before = planFor(s, Quant::Q4_K_M, hw, Backend::LlamaCppCuda, 4096, nullptr);
        QVERIFY(before);
        Measurement m;
        m.modelId = s.id;
        m.deviceId = QStringLiteral("h100-sxm-80gb");
        m.quant = QStringLiteral("Q4_K_M");
        m.backend = Backend::LlamaCppCuda;
        m.context = 4096;
        m.decodeTokS = before->speed.decodeTokS * 1.2;
        const auto result = calibrate({m}, [&s](const QString &id) { return id == s.id ? &s : nullptr; },
                                      [](const QString &id) { return id == QLatin1String("h100-sxm-80gb") ? std::optional(h100()) : std::nullopt; });
        QCOMPARE(result.rowsUsed, 1);
        QVERIFY(result.table.hasOverride(Backend::LlamaCppCuda, QStringLiteral("h100-sxm-80gb")));
        const auto after = planFor(s, Quant::Q4_K_M, hw, Backend::LlamaCppCuda, 4096, &result.table);
        QVERIFY(after);
        QVERIFY2(std::abs(after->speed.decodeTokS - m.decodeTokS) / m.decodeTokS < 0.02,
                 qPrintable(QStringLiteral("%1 vs %2").arg(after->speed.decodeTokS).arg(m.decodeTokS)));
        QVERIFY(after->speed.efficiency.source.contains(QLatin1String("calibrated from 1 measured run")));
        // Other devices keep the defaults.
        QVERIFY(!result.table.hasOverride(Backend::LlamaCppCuda, QStringLiteral("rtx-4090")));
        // Unknown models are skipped, not guessed.
        Measurement unknown = m;
        unknown.modelId = QStringLiteral("nope");
        QCOMPARE(calibrate({unknown}, [](const QString &) { return nullptr; }, {}).rowsSkipped, 1);
    }

    void cpuCalibration()
    {
        const ModelShape s = llama32_1b();
        const Hardware::HardwareProfile hw = cpuOnly(27, 2);
        const auto roofline = planFor(s, Quant::Q8_0, hw, Backend::ModelAtlasCpu, 160, nullptr);
        QVERIFY(roofline);
        QCOMPARE(roofline->backend, Backend::ModelAtlasCpu);
        Measurement m = engineCpuRun(s, QStringLiteral("Q8_0"), 160, 128, 27);
        m.decodeTokS = 9.1;
        m.prefillTokS = 22.0;
        const auto lookup = [&s](const QString &id) { return id == s.id ? &s : nullptr; };
        const auto result = calibrate({m}, lookup, {});
        QCOMPARE(result.rowsUsed, 1);
        QVERIFY(result.table.hasOverride(Backend::ModelAtlasCpu, QStringLiteral("cpu")));
        QVERIFY(!result.table.hasOverride(Backend::LlamaCppCpu, QStringLiteral("cpu")));
        // The same machine and run, planned with the calibrated table, predicts what was measured.
        const auto after = planFor(s, Quant::Q8_0, hw, Backend::ModelAtlasCpu, 160, &result.table, 128);
        QVERIFY(after);
        QVERIFY2(std::abs(after->speed.decodeTokS - m.decodeTokS) / m.decodeTokS < 0.02,
                 qPrintable(QStringLiteral("decode %1 vs %2").arg(after->speed.decodeTokS).arg(m.decodeTokS)));
        QVERIFY2(std::abs(after->speed.prefillTokS - m.prefillTokS) / m.prefillTokS < 0.02,
                 qPrintable(QStringLiteral("prefill %1 vs %2").arg(after->speed.prefillTokS).arg(m.prefillTokS)));
        // A CPU run that does not state the machine's bandwidth says nothing about
        // efficiency: skipped, not read against some default machine.
        Measurement noBandwidth = m;
        noBandwidth.cpuBandwidthGBs = 0;
        const auto skipped = calibrate({noBandwidth}, lookup, {});
        QCOMPARE(skipped.rowsUsed, 0);
        QCOMPARE(skipped.rowsSkipped, 1);
    }

    void readMeasurementsFromDatabase()
    {
        QTemporaryDir dir;
        auto db = openDatabase(dir);
        QVERIFY(db);
        const QString good = QStringLiteral(R"({"backend":"modelatlas-cpu","decode_tok_s":9.1,"prefill_tok_s":22,"ttft_ms":5900,)"
                                            R"("peak_rss_bytes":1500000000,"predicted_bytes":1450000000,"predicted_decode_tok_s":8.7,)"
                                            R"("cpu_bandwidth_gbs":27,"threads":2})");
        insertMeasurement(db->db(), QStringLiteral("llama-3.2-1b"), QStringLiteral("Q8_0"), QStringLiteral("cpu"), 160, good);
        insertMeasurement(db->db(), QStringLiteral("llama-3.2-1b"), QStringLiteral("F16"), QStringLiteral("cpu"), 160,
                          QStringLiteral(R"({"decode_tok_s":6.6})"));
        // Damaged rows (user data, maybe edited by hand) are skipped, not fatal.
        insertMeasurement(db->db(), QStringLiteral("llama-3.2-1b"), QStringLiteral("Q8_0"), QStringLiteral("cpu"), 160,
                          QStringLiteral("{not json"));
        insertMeasurement(db->db(), QStringLiteral("llama-3.2-1b"), QStringLiteral("Q8_0"), QStringLiteral("cpu"), 160,
                          QStringLiteral(R"({"decode_tok_s":"fast","prefill_tok_s":-3})"));

        const auto all = readMeasurements(db->db());
        QVERIFY2(all, qPrintable(all.error()));
        QCOMPARE(all->size(), 2);
        const auto q8 = readMeasurements(db->db(), QStringLiteral("llama-3.2-1b"), QStringLiteral("q8_0"));
        QVERIFY(q8);
        QCOMPARE(q8->size(), 1);
        const Measurement &m = q8->front();
        QCOMPARE(m.backend, Backend::ModelAtlasCpu);
        QCOMPARE(m.decodeTokS, 9.1);
        QCOMPARE(m.ttftMs, 5900.0);
        QCOMPARE(m.peakBytes, uint64_t(1500000000));
        QCOMPARE(m.predictedBytes, uint64_t(1450000000));
        QCOMPARE(m.predictedDecodeTokS, 8.7);
        QCOMPARE(m.cpuBandwidthGBs, 27.0);
        QCOMPARE(m.cpuThreads, 2);
        QCOMPARE(m.promptTokens, 128);
        QCOMPARE(m.createdAt, QDateTime(QDate(2026, 11, 23), QTime(8, 0), Qt::UTC));
        QVERIFY(readMeasurements(db->db(), QStringLiteral("qwen3-8b"), QStringLiteral("Q8_0"))->isEmpty());
    }

    void calibrationFromTheDatabase()
    {
        QTemporaryDir dir;
        auto db = openDatabase(dir);
        QVERIFY(db);
        const auto imported = Catalog::ensureCatalogImported(*db, sourceDataDir());
        QVERIFY2(imported, qPrintable(imported.error()));
        const auto none = calibrationFromDatabase(db->db());
        QVERIFY2(none, qPrintable(none.error()));
        QCOMPARE(none->rowsUsed, 0);
        QCOMPARE(none->table.overrideCount(), 0);
        insertMeasurement(db->db(), QStringLiteral("llama-3.2-1b"), QStringLiteral("Q8_0"), QStringLiteral("cpu"), 160,
                          QStringLiteral(R"({"backend":"modelatlas-cpu","decode_tok_s":9.1,"cpu_bandwidth_gbs":27,"threads":2})"));
        insertMeasurement(db->db(), QStringLiteral("no-such-model"), QStringLiteral("Q8_0"), QStringLiteral("cpu"), 160,
                          QStringLiteral(R"({"backend":"modelatlas-cpu","decode_tok_s":9.1,"cpu_bandwidth_gbs":27})"));
        const auto one = calibrationFromDatabase(db->db());
        QVERIFY2(one, qPrintable(one.error()));
        QCOMPARE(one->rowsUsed, 1);
        QCOMPARE(one->rowsSkipped, 1);
        QVERIFY(one->table.hasOverride(Backend::ModelAtlasCpu, QStringLiteral("cpu")));
    }

    // `plan` plans with this machine's measured runs unless told not to.
    void cliPlansWithCalibration()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("catalog.sqlite"));
        {
            auto db = openDatabase(dir);
            QVERIFY(db);
            QVERIFY(Catalog::ensureCatalogImported(*db, sourceDataDir()));
            insertMeasurement(db->db(), QStringLiteral("llama-3.2-1b"), QStringLiteral("Q8_0"), QStringLiteral("cpu"), 160,
                              QStringLiteral(R"({"backend":"modelatlas-cpu","decode_tok_s":9.1,"cpu_bandwidth_gbs":27,"threads":2})"));
        }
        const QStringList args{QStringLiteral("plan"), QStringLiteral("--model"), QStringLiteral("llama-3.2-1b"), QStringLiteral("--quant"),
                               QStringLiteral("Q4_0"), QStringLiteral("--gpu"), QStringLiteral("cpu"), QStringLiteral("--cpu-bw"),
                               QStringLiteral("27"), QStringLiteral("--cpu-cores"), QStringLiteral("2"), QStringLiteral("--backend"),
                               QStringLiteral("modelatlas-cpu"), QStringLiteral("--ctx"), QStringLiteral("160"), QStringLiteral("--json")};
        const auto speed = [&](const QStringList &extra) {
            const CliRun run = runCli(path, args + extra);
            if (run.exitCode != 0)
                qWarning("%s", qPrintable(run.err));
            return nlohmann::json::parse(run.out.toStdString()).at("speed");
        };
        const auto calibrated = speed({});
        QVERIFY(QString::fromStdString(calibrated.at("efficiency_source").get<std::string>()).contains(QLatin1String("calibrated")));
        const auto builtIn = speed({QStringLiteral("--no-calibration")});
        QVERIFY(!QString::fromStdString(builtIn.at("efficiency_source").get<std::string>()).contains(QLatin1String("calibrated")));
        QVERIFY(calibrated.at("decode_tok_s").get<double>() != builtIn.at("decode_tok_s").get<double>());
        // The text output names where the efficiency came from.
        const CliRun text = runCli(path, QStringList(args.begin(), args.end() - 1));
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(QLatin1String("efficiency: calibrated from 1 measured run(s) on this machine")), qPrintable(text.out));
    }

    // docs/ACCURACY.md: memory within 5% of every measured run; decode within
    // 15% of runs the calibration did not see. Calibration is per quantization
    // and taken from the *other* models' runs (leave one model out), so a
    // wrong formula for model size cannot hide behind its own measurement.
    void measuredAccuracy()
    {
        const QList<FixtureRun> runs = fixtureRuns();
        QVERIFY(runs.size() >= 4);
        QTemporaryDir dir;
        auto db = openDatabase(dir);
        QVERIFY(db);
        const auto imported = Catalog::ensureCatalogImported(*db, sourceDataDir());
        QVERIFY2(imported, qPrintable(imported.error()));
        const auto shapes = loadCatalogShapes(db->db());
        QVERIFY(shapes);
        const auto lookup = [&shapes](const QString &id) { return shapes->find(id); };
        int decodeChecks = 0, memoryChecks = 0;
        for (const FixtureRun &fixture : runs) {
            const Measurement &run = fixture.m;
            const ModelShape *shape = shapes->find(run.modelId);
            QVERIFY2(shape, qPrintable(run.modelId));
            const auto quant = quantByName(run.quant);
            QVERIFY(quant);
            QList<Measurement> otherModels;
            bool quantMeasuredElsewhere = false;
            for (const FixtureRun &o : runs) {
                if (o.m.modelId == run.modelId)
                    continue;
                otherModels << o.m;
                quantMeasuredElsewhere |= o.m.quant == run.quant;
            }
            const auto calibrated = calibrate(otherModels, lookup, {});
            const auto p = planFor(*shape, *quant, cpuOnly(run.cpuBandwidthGBs, run.cpuThreads), Backend::ModelAtlasCpu,
                                   run.context, &calibrated.table, run.promptTokens, fixture.batch);
            QVERIFY2(p, qPrintable(p.error()));
            const QString what = QStringLiteral("%1 %2").arg(run.modelId, run.quant);
            uint64_t predictedBytes = 0;
            for (const DeviceUse &d : p->devices)
                predictedBytes += d.total();
            const double memErr = (double(predictedBytes) - double(run.peakBytes)) / double(run.peakBytes);
            QVERIFY2(!fixture.catalogMix || std::abs(memErr) <= 0.05, qPrintable(QStringLiteral("%1: memory %2 predicted vs %3 measured (%4%)")
                                                             .arg(what).arg(predictedBytes).arg(run.peakBytes).arg(memErr * 100, 0, 'f', 1)));
            memoryChecks += fixture.catalogMix ? 1 : 0;
            // The figures docs/ACCURACY.md quotes, in the test log of every build.
            qInfo("%s: memory %+.1f%%%s", qPrintable(what), memErr * 100, fixture.catalogMix ? "" : " (not compared: file outside the catalog mix)");
            if (!quantMeasuredElsewhere)
                continue;   // no other model measured this quantization: nothing to calibrate it from
            ++decodeChecks;
            const double decErr = (p->speed.decodeTokS - run.decodeTokS) / run.decodeTokS;
            qInfo("%s: decode %.2f tok/s predicted vs %.2f measured (%+.1f%%)", qPrintable(what), p->speed.decodeTokS,
                  run.decodeTokS, decErr * 100);
            QVERIFY2(std::abs(decErr) <= 0.15, qPrintable(QStringLiteral("%1: decode %2 predicted vs %3 measured (%4%)")
                                                             .arg(what).arg(p->speed.decodeTokS).arg(run.decodeTokS).arg(decErr * 100, 0, 'f', 1)));
        }
        QVERIFY2(decodeChecks >= 2, "the fixture must hold one quantization measured on two models");
        QVERIFY2(memoryChecks >= 3, "the fixture must hold runs of files in the catalog's mix");
    }

    // Calibrated per quantization, a run's own figures come back (in sample):
    // CPU kernels of different block types differ too much to share one figure.
    void calibrationIsPerQuantization()
    {
        const QList<FixtureRun> runs = fixtureRuns();
        const ModelShape s = llama32_1b();
        QList<Measurement> oneModel;
        for (const FixtureRun &r : runs)
            if (r.m.modelId == s.id)
                oneModel << r.m;
        QVERIFY(oneModel.size() >= 3);
        const auto calibrated = calibrate(oneModel, [&s](const QString &id) { return id == s.id ? &s : nullptr; }, {});
        QCOMPARE(calibrated.rowsUsed, int(oneModel.size()));
        for (const FixtureRun &r : runs) {
            if (r.m.modelId != s.id)
                continue;
            const auto p = planFor(s, *quantByName(r.m.quant), cpuOnly(r.m.cpuBandwidthGBs, r.m.cpuThreads), Backend::ModelAtlasCpu,
                                   r.m.context, &calibrated.table, r.m.promptTokens, r.batch);
            QVERIFY(p);
            QVERIFY2(std::abs(p->speed.decodeTokS - r.m.decodeTokS) / r.m.decodeTokS < 0.01,
                     qPrintable(QStringLiteral("%1: %2 vs %3").arg(r.m.quant).arg(p->speed.decodeTokS).arg(r.m.decodeTokS)));
            QVERIFY2(std::abs(p->speed.prefillTokS - r.m.prefillTokS) / r.m.prefillTokS < 0.01,
                     qPrintable(QStringLiteral("%1 prefill: %2 vs %3").arg(r.m.quant).arg(p->speed.prefillTokS).arg(r.m.prefillTokS)));
        }
        // The built-in per-type figures came from another machine: gone.
        QVERIFY(calibrated.table.get(Backend::ModelAtlasCpu, QStringLiteral("cpu")).prefillByType.empty());
        QVERIFY(calibrated.table.get(Backend::ModelAtlasCpu, QStringLiteral("cpu")).decodeByType.empty());
    }

    // int8 dot products (AVX-512 VNNI) beat the FP32 FMA peak the CPU roofline
    // counts: a prompt measured at 1.6x that roofline calibrates to 1.6x, not 1.
    void cpuPrefillAboveTheFp32Peak()
    {
        const ModelShape s = llama32_1b();
        const Hardware::HardwareProfile hw = cpuOnly(30, 2);
        EfficiencyTable unit;
        Efficiency roofline = EfficiencyTable::defaults(Backend::ModelAtlasCpu);
        roofline.prefill = 1.0;
        roofline.prefillByType.clear();
        unit.set(Backend::ModelAtlasCpu, QString(), roofline);
        const auto atRoofline = planFor(s, Quant::Q4_0, hw, Backend::ModelAtlasCpu, 513, &unit, 512);
        QVERIFY(atRoofline);
        Measurement m = engineCpuRun(s, QStringLiteral("Q4_0"), 513, 512, 30);
        m.prefillTokS = 1.6 * atRoofline->speed.prefillTokS;
        const auto result = calibrate({m}, [&s](const QString &id) { return id == s.id ? &s : nullptr; }, {});
        QCOMPARE(result.rowsUsed, 1);
        const auto after = planFor(s, Quant::Q4_0, hw, Backend::ModelAtlasCpu, 513, &result.table, 512);
        QVERIFY(after);
        QVERIFY2(std::abs(after->speed.prefillTokS - m.prefillTokS) / m.prefillTokS < 0.01,
                 qPrintable(QStringLiteral("prefill %1 vs %2").arg(after->speed.prefillTokS).arg(m.prefillTokS)));
    }
};

QTEST_MAIN(TestCalibration)
#include "tst_calibration.moc"
