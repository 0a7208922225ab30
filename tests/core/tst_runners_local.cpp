// LocalRunner and RunCoordinator on the real tiny model (shared/models/
// aidreams260K-F32.gguf): greedy decoding must reproduce the golden text in
// every pane, whether the panes run together or one after the other.
#include "RunnerTestSupport.h"
#include "TestSupport.h"

#include "planner/GgufModel.h"
#include "planner/Planner.h"
#include "runners/LocalPrediction.h"
#include "runners/LocalRunner.h"
#include "runners/MeasurementStore.h"
#include "runners/RunCoordinator.h"

#include "modelatlas/engine/cuda/cuda_device.h"
#include "modelatlas/engine/gguf/gguf_writer.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <memory>

using namespace ModelAtlas;
using namespace ModelAtlas::Runners;
using namespace ModelAtlas::Test;
namespace cuda = modelatlas::engine::cuda;

namespace {
constexpr int kTimeoutMs = 60000;
constexpr quint64 GiB = 1024ull * 1024 * 1024;

// The CPU backend, whatever the machine has: these suites check CPU figures.
RunnerSpec localSpec(const QString &path, cuda::BackendChoice backend = cuda::BackendChoice::Cpu)
{
    RunnerSpec s;
    s.path = path;
    s.contextLength = 256;
    s.threads = 1;
    s.backend = backend;
    return s;
}

RunnerPlan prepared(LocalRunner &runner)
{
    QSignalSpy spy(&runner, &Runner::prepared);
    runner.prepare();
    if (!spy.wait(kTimeoutMs)) {
        RunnerPlan none;
        none.ok = false;
        none.error = QStringLiteral("no plan within the time limit");
        return none;
    }
    return spy.first().first().value<RunnerPlan>();
}

struct Panes
{
    std::vector<std::unique_ptr<LocalRunner>> runners;
    QList<Runner *> pointers() const
    {
        QList<Runner *> out;
        for (const auto &r : runners)
            out << r.get();
        return out;
    }
};

Panes panes(int n, const QString &path)
{
    Panes p;
    for (int i = 0; i < n; ++i)
        p.runners.push_back(std::make_unique<LocalRunner>(localSpec(path)));
    return p;
}

RunOutcome runAlone(LocalRunner &runner, const RunRequest &request)
{
    QSignalSpy finished(&runner, &Runner::finished);
    runner.run(request);
    if (!finished.wait(kTimeoutMs))
        return {};
    return finished.first().first().value<RunOutcome>();
}
} // namespace

class TestRunnersLocal final : public QObject
{
    Q_OBJECT

private slots:
    void twoPanesAtOnceProduceTheGoldenText()
    {
        MA_REQUIRE_TINY_MODEL();
        const GoldenRun golden = tinyModelGolden();
        Panes p = panes(2, tinyModelPath());
        RunCoordinator run(p.pointers(), {goldenRequest(golden), goldenRequest(golden)}, 16 * GiB);
        QSignalSpy done(&run, &RunCoordinator::finished);
        run.start();
        QVERIFY(done.wait(kTimeoutMs));
        QVERIFY(run.schedule().concurrent());
        QCOMPARE(run.schedule().waves, (QList<QList<int>>{{0, 1}}));
        QVERIFY(run.schedule().reason.isEmpty());
        for (const RunOutcome &out : run.outcomes()) {
            QVERIFY2(out.ok, qPrintable(out.error));
            QCOMPARE(out.text, golden.text);
            QCOMPARE(out.figures.outputTokens, golden.tokens);
            QCOMPARE(out.stopReason, QStringLiteral("max_tokens"));
            QVERIFY(out.figures.ttftMs > 0);
            QVERIFY(out.figures.prefillTokS > 0);
            QVERIFY(out.figures.decodeTokS > 0);
            QVERIFY(out.figures.predictedBytes > 0);
            QVERIFY(out.figures.memoryShared);  // two models in one process
            QCOMPARE(out.local.quantization, QStringLiteral("F32"));
            QCOMPARE(out.local.fileHash.size(), 64);
        }
    }

    void panesRunOneAfterTheOtherWhenMemoryIsShort()
    {
        MA_REQUIRE_TINY_MODEL();
        const GoldenRun golden = tinyModelGolden();
        Panes p = panes(2, tinyModelPath());
        // Learn the prediction, then claim memory for one model and a half.
        QSignalSpy prepared(p.runners[0].get(), &Runner::prepared);
        p.runners[0]->prepare();
        QVERIFY(prepared.wait(kTimeoutMs));
        const quint64 one = prepared.first().first().value<RunnerPlan>().predictedBytes;
        QVERIFY(one > 0);
        RunCoordinator run(p.pointers(), {goldenRequest(golden), goldenRequest(golden)},
                           quint64(double(one) * 1.5 / kMemoryBudgetShare));
        QStringList events;
        connect(&run, &RunCoordinator::runnerStarted, this, [&events](int i) { events << QStringLiteral("start %1").arg(i); });
        connect(&run, &RunCoordinator::runnerFinished, this,
                [&events](int i, const RunOutcome &) { events << QStringLiteral("end %1").arg(i); });
        QSignalSpy done(&run, &RunCoordinator::finished);
        run.start();
        QVERIFY(done.wait(kTimeoutMs));
        QCOMPARE(run.schedule().waves, (QList<QList<int>>{{0}, {1}}));
        QVERIFY2(run.schedule().reason.contains(QStringLiteral("one after the other")), qPrintable(run.schedule().reason));
        QCOMPARE(events, (QStringList{"start 0", "end 0", "start 1", "end 1"}));
        for (const RunOutcome &out : run.outcomes()) {
            QVERIFY2(out.ok, qPrintable(out.error));
            QCOMPARE(out.text, golden.text);
            QVERIFY(!out.figures.memoryShared);
        }
    }

    void tooLargeEvenAloneIsNeverLoaded()
    {
        MA_REQUIRE_TINY_MODEL();
        Panes p = panes(1, tinyModelPath());
        QSignalSpy progress(p.runners[0].get(), &Runner::loadProgress);
        RunCoordinator run(p.pointers(), {goldenRequest(tinyModelGolden())}, 1024);
        QSignalSpy done(&run, &RunCoordinator::finished);
        run.start();
        QVERIFY(done.wait(kTimeoutMs));
        QCOMPARE(run.schedule().refused, QList<int>{0});
        const RunOutcome out = run.outcomes().first();
        QVERIFY(!out.ok);
        QVERIFY2(out.error.contains(QStringLiteral("Not loaded")), qPrintable(out.error));
        QCOMPARE(progress.size(), 0);
    }

    void badFilesGiveClearErrors_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("not a GGUF file") << QByteArray(4096, 'x') << QStringLiteral("broken.gguf");
        QTest::newRow("empty file") << QByteArray() << QStringLiteral("broken.gguf");
    }

    void badFilesGiveClearErrors()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, errorPart);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.gguf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(contents);
        f.close();
        LocalRunner runner(localSpec(path));
        const RunOutcome out = runAlone(runner, goldenRequest({QStringLiteral("hi"), {}, 4}));
        QVERIFY(!out.ok);
        QVERIFY(!out.cancelled);
        QVERIFY2(out.error.contains(errorPart), qPrintable(out.error));
    }

    void unsupportedArchitectureIsNamed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mamba.gguf"));
        modelatlas::engine::GgufWriter w;
        w.setString("general.architecture", "mamba");
        QVERIFY(w.writeFile(path.toStdString()).ok());
        LocalRunner runner(localSpec(path));
        QSignalSpy prepared(&runner, &Runner::prepared);
        runner.prepare();
        QVERIFY(prepared.wait(kTimeoutMs));
        const auto plan = prepared.first().first().value<RunnerPlan>();
        QVERIFY(!plan.ok);
        QVERIFY2(plan.error.contains(QStringLiteral("unsupported architecture 'mamba'")), qPrintable(plan.error));
    }

    void truncatedModelIsRefused()
    {
        MA_REQUIRE_TINY_MODEL();
        QTemporaryDir dir;
        QFile src(tinyModelPath());
        QVERIFY(src.open(QIODevice::ReadOnly));
        const QString path = dir.filePath(QStringLiteral("cut.gguf"));
        QFile dst(path);
        QVERIFY(dst.open(QIODevice::WriteOnly));
        dst.write(src.read(src.size() / 2));
        dst.close();
        LocalRunner runner(localSpec(path));
        const RunOutcome out = runAlone(runner, goldenRequest(tinyModelGolden()));
        QVERIFY(!out.ok);
        QVERIFY2(out.error.contains(QStringLiteral("cut.gguf")), qPrintable(out.error));
    }

    void cancelStopsWithinATokenAndTheModelStaysUsable()
    {
        MA_REQUIRE_TINY_MODEL();
        const GoldenRun golden = tinyModelGolden();
        LocalRunner runner(localSpec(tinyModelPath()));
        RunRequest endless = goldenRequest(golden);
        endless.sampling.maxTokens = 1000000;  // ends at the context's end unless cancelled
        QSignalSpy tokens(&runner, &Runner::tokenReceived);
        QSignalSpy finished(&runner, &Runner::finished);
        runner.run(endless);
        QVERIFY(tokens.wait(kTimeoutMs));
        runner.cancel();
        QVERIFY(finished.wait(kTimeoutMs));
        const auto out = finished.first().first().value<RunOutcome>();
        QVERIFY(out.cancelled);
        QVERIFY(out.error.isEmpty());
        // Regenerate on the loaded model: the same golden answer.
        const RunOutcome again = runAlone(runner, goldenRequest(golden));
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(again.text, golden.text);
    }

    void loadReportsProgressInBytes()
    {
        MA_REQUIRE_TINY_MODEL();
        LocalRunner runner(localSpec(tinyModelPath()));
        QSignalSpy progress(&runner, &Runner::loadProgress);
        const RunOutcome out = runAlone(runner, goldenRequest(tinyModelGolden()));
        QVERIFY2(out.ok, qPrintable(out.error));
        QVERIFY(!progress.isEmpty());
        const qint64 total = QFileInfo(tinyModelPath()).size();
        QCOMPARE(progress.last().at(1).toLongLong(), total);
        QCOMPARE(progress.last().at(0).toLongLong(), total);
    }

    // The headless twin: same scheduling and figures, JSON out, measurements stored.
    void cliSideBySideRunsBothAndStores()
    {
        MA_REQUIRE_TINY_MODEL();
        const GoldenRun golden = tinyModelGolden();
        QTemporaryDir dir;
        const QString dbPath = dir.filePath(QStringLiteral("cli.sqlite"));
        const CliRun run = runCli(dbPath, {QStringLiteral("side-by-side"), QStringLiteral("-m"), tinyModelPath(),
                                           QStringLiteral("-m"), tinyModelPath(), QStringLiteral("-p"), golden.prompt,
                                           QStringLiteral("-n"), QString::number(golden.tokens),
                                           QStringLiteral("--backend"), QStringLiteral("cpu"), QStringLiteral("--json")});
        // -n stops at EOS too; this model's golden run never emits one in 64 tokens.
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const auto j = nlohmann::json::parse(run.out.toStdString());
        QCOMPARE(j["runners"].size(), 2u);
        QCOMPARE(j["schedule"]["concurrent"].get<bool>(), true);
        QCOMPARE(j["schedule"]["gpu_budget_bytes"].get<quint64>(), quint64(0));   // --backend cpu: no GPU run
        for (const auto &r : j["runners"]) {
            QCOMPARE(QString::fromStdString(r["text"].get<std::string>()), golden.text);
            QVERIFY(r["figures"]["decode_tok_s"].get<double>() > 0);
            QVERIFY(r["figures"]["predicted_bytes"].get<double>() > 0);
            QVERIFY(r["figures"]["device"].get<std::string>().starts_with("CPU ("));
            QCOMPARE(r["figures"]["on_gpu"].get<bool>(), false);
            QVERIFY(!r.contains("note"));  // the CPU was asked for: nothing to explain
            QVERIFY(r.contains("measurement_id"));
        }
        Catalog::CatalogDatabase db(dbPath);
        QVERIFY(db.open());
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM measurements")).toInt(), 2);

        const CliRun bad = runCli(dbPath, {QStringLiteral("side-by-side"), QStringLiteral("--model"), QStringLiteral("x"),
                                           QStringLiteral("-p"), QStringLiteral("hi")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("--model belongs to an --endpoint")), qPrintable(bad.err));
        const CliRun badBackend = runCli(dbPath, {QStringLiteral("side-by-side"), QStringLiteral("-m"), tinyModelPath(),
                                                  QStringLiteral("-p"), QStringLiteral("hi"), QStringLiteral("--backend"),
                                                  QStringLiteral("gpu")});
        QCOMPARE(badBackend.exitCode, 2);
        QVERIFY2(badBackend.err.contains(QStringLiteral("--backend takes auto, cpu or cuda, not \"gpu\"")),
                 qPrintable(badBackend.err));
        const CliRun badKv = runCli(dbPath, {QStringLiteral("side-by-side"), QStringLiteral("-m"), tinyModelPath(),
                                             QStringLiteral("-p"), QStringLiteral("hi"), QStringLiteral("--kv-type"),
                                             QStringLiteral("q4_0")});
        QCOMPARE(badKv.exitCode, 2);
        QVERIFY2(badKv.err.contains(QStringLiteral("--kv-type takes f16 or q8_0")), qPrintable(badKv.err));
    }

    // "auto" takes a usable GPU, else runs on the CPU and says why; the
    // golden text comes out either way. (CI has no GPU: the fallback is what
    // it checks; a machine with one checks the GPU path.)
    void autoRunsOnTheGpuOrSaysWhyNot()
    {
        MA_REQUIRE_TINY_MODEL();
        const auto gpu = cuda::firstUsableDevice();
        LocalRunner runner(localSpec(tinyModelPath(), cuda::BackendChoice::Auto));
        const RunnerPlan plan = prepared(runner);
        QVERIFY2(plan.ok, qPrintable(plan.error));
        QCOMPARE(plan.onGpu, gpu.ok());
        const RunOutcome out = runAlone(runner, goldenRequest(tinyModelGolden()));
        QVERIFY2(out.ok, qPrintable(out.error));
        QCOMPARE(out.text, tinyModelGolden().text);
        QCOMPARE(out.figures.onGpu, gpu.ok());
        if (gpu) {
            QCOMPARE(out.figures.device, QStringLiteral("CUDA (%1)").arg(QString::fromStdString(gpu->name)));
            QCOMPARE(out.local.backend, QStringLiteral("modelatlas-cuda"));
            QCOMPARE(out.local.gpuName, QString::fromStdString(gpu->name));
            QVERIFY(out.note.isEmpty());
            QCOMPARE(plan.gpuFreeBytes, gpu->freeMemoryBytes);
        } else {
            QVERIFY2(out.figures.device.startsWith(QStringLiteral("CPU (")), qPrintable(out.figures.device));
            QCOMPARE(out.local.backend, QStringLiteral("modelatlas-cpu"));
            QVERIFY(out.local.gpuName.isEmpty());
            // The note is the plan's, and names discovery's own reason.
            QCOMPARE(out.note, plan.note);
            QVERIFY2(out.note.startsWith(QStringLiteral("Running on the CPU: ")), qPrintable(out.note));
            QVERIFY2(out.note.contains(QString::fromStdString(gpu.message())), qPrintable(out.note));
        }
        QVERIFY(out.figures.peakBytes > 0);
        QVERIFY(out.figures.predictedBytes > 0);
    }

    void cudaRunsOnTheGpuOrFailsBeforeLoading()
    {
        MA_REQUIRE_TINY_MODEL();
        const auto gpu = cuda::firstUsableDevice();
        LocalRunner runner(localSpec(tinyModelPath(), cuda::BackendChoice::Cuda));
        QSignalSpy progress(&runner, &Runner::loadProgress);
        const RunnerPlan plan = prepared(runner);
        const RunOutcome out = runAlone(runner, goldenRequest(tinyModelGolden()));
        if (gpu) {
            QVERIFY2(plan.ok && plan.onGpu, qPrintable(plan.error));
            QVERIFY2(out.ok, qPrintable(out.error));
            QCOMPARE(out.text, tinyModelGolden().text);
            QVERIFY(out.figures.onGpu);
            return;
        }
        QVERIFY(!plan.ok);
        QVERIFY2(plan.error.startsWith(QStringLiteral("Cannot run on the GPU: ")), qPrintable(plan.error));
        QVERIFY2(plan.error.contains(QString::fromStdString(gpu.message())), qPrintable(plan.error));
        QVERIFY(!out.ok && !out.cancelled);
        QCOMPARE(out.error, plan.error);
        QVERIFY(out.text.isEmpty());
        QCOMPARE(progress.count(), 0);  // refused before anything was read
    }

    // The GPU prediction is the planner's modelatlas-cuda lines for the card
    // discovery reported: weights without the host-side token embedding, the
    // F16 KV cache, the backend's scratch formula and its overhead; decode
    // follows the card's bandwidth.
    void gpuPredictionIsTheCudaBackendsLines()
    {
        MA_REQUIRE_TINY_MODEL();
        const auto model = Planner::readGgufModel(tinyModelPath());
        QVERIFY2(model, qPrintable(model.error()));
        cuda::DeviceInfo h100;
        h100.name = "NVIDIA H100 80GB HBM3";
        h100.totalMemoryBytes = 80 * GiB;
        h100.peakBandwidthGBs = 3352.3;
        const int ctx = 256;
        const LocalPrediction onGpu = predictLocalRun(tinyModelPath(), ctx, 1, &h100);
        QVERIFY2(onGpu.ok, qPrintable(onGpu.error));
        const Planner::ModelShape &shape = model->shape;
        const quint64 weights = model->layout.totalBytes - model->layout.embeddingBytes
            + (shape.tiedEmbeddings ? model->layout.embeddingBytes : 0);
        const quint64 kv = 2ull * quint64(shape.nLayers) * quint64(ctx) * quint64(shape.nKvHeads * shape.headDim) * 2;
        const quint64 overhead = GiB / 2;
        QCOMPARE(onGpu.bytes, weights + kv + Planner::modelAtlasCudaScratchBytes(shape, ctx) + overhead);
        QVERIFY(onGpu.decodeTokS > 0);
        cuda::DeviceInfo half = h100;
        half.peakBandwidthGBs /= 2;
        const LocalPrediction slower = predictLocalRun(tinyModelPath(), ctx, 1, &half);
        QVERIFY(std::abs(onGpu.decodeTokS / slower.decodeTokS - 2.0) < 1e-9);
        QCOMPARE(slower.bytes, onGpu.bytes);
    }

    // A Q8_0 KV cache is planned (its KV line 34/64 of F16's), run and stored
    // as such; a model whose heads would split a block is refused before loading.
    void q8KvCacheIsPlannedRunAndStored()
    {
        const QString synthPath = QDir(sharedDir()).filePath(QStringLiteral("models/synth-llama-F16.gguf"));
        if (!QFile::exists(synthPath))
            QSKIP(qPrintable(QStringLiteral("missing %1 (set MODELATLAS_SHARED_DIR)").arg(synthPath)));
        const auto model = Planner::readGgufModel(synthPath);
        QVERIFY2(model, qPrintable(model.error()));
        RunnerSpec f16Spec = localSpec(synthPath);
        RunnerSpec q8Spec = f16Spec;
        q8Spec.kvType = modelatlas::engine::KvCacheType::Q8_0;
        LocalRunner f16Runner(f16Spec), q8Runner(q8Spec);
        const RunnerPlan f16Plan = prepared(f16Runner), q8Plan = prepared(q8Runner);
        QVERIFY2(f16Plan.ok && q8Plan.ok, qPrintable(f16Plan.error + q8Plan.error));
        const Planner::ModelShape &shape = model->shape;
        const quint64 values = 2ull * quint64(shape.nLayers) * 256 * quint64(shape.nKvHeads * shape.headDim);
        QCOMPARE(f16Plan.predictedBytes - q8Plan.predictedBytes, values * 2 - values / 32 * 34);

        RunRequest request;
        request.history = {{QStringLiteral("user"), QStringLiteral("hello")}};
        request.sampling.maxTokens = 8;
        request.sampling.stopAtEos = false;
        const RunOutcome out = runAlone(q8Runner, request);
        QVERIFY2(out.ok, qPrintable(out.error));
        QCOMPARE(out.figures.outputTokens, 8);
        QCOMPARE(measurementJson(q8Spec, out)["kv_type"].get<std::string>(), std::string("q8_0"));
        QCOMPARE(measurementJson(f16Spec, out)["kv_type"].get<std::string>(), std::string("f16"));

        MA_REQUIRE_TINY_MODEL();   // heads of 16
        RunnerSpec tinySpec = localSpec(tinyModelPath());
        tinySpec.kvType = modelatlas::engine::KvCacheType::Q8_0;
        LocalRunner tiny(tinySpec);
        QSignalSpy progress(&tiny, &Runner::loadProgress);
        const RunOutcome refused = runAlone(tiny, goldenRequest(tinyModelGolden()));
        QVERIFY(!refused.ok);
        QVERIFY2(refused.error.contains(QStringLiteral("q8_0 KV cache needs heads of a multiple of 32")),
                 qPrintable(refused.error));
        QCOMPARE(progress.count(), 0);
    }

    void cpuStaysOnTheCpuWithoutANote()
    {
        MA_REQUIRE_TINY_MODEL();
        LocalRunner runner(localSpec(tinyModelPath(), cuda::BackendChoice::Cpu));
        const RunnerPlan plan = prepared(runner);
        QVERIFY2(plan.ok, qPrintable(plan.error));
        QVERIFY(!plan.onGpu);
        QVERIFY(plan.note.isEmpty());
        const RunOutcome out = runAlone(runner, goldenRequest(tinyModelGolden()));
        QVERIFY2(out.ok, qPrintable(out.error));
        QVERIFY(!out.figures.onGpu);
        QVERIFY2(out.figures.device.startsWith(QStringLiteral("CPU (")), qPrintable(out.figures.device));
        QVERIFY(out.note.isEmpty());
    }

    void completedRunIsStoredAsAMeasurement()
    {
        MA_REQUIRE_TINY_MODEL();
        QTemporaryDir dir;
        auto db = openDatabase(dir);
        QVERIFY(db);
        const RunnerSpec spec = localSpec(tinyModelPath());
        LocalRunner runner(spec);
        const RunOutcome out = runAlone(runner, goldenRequest(tinyModelGolden()));
        QVERIFY2(out.ok, qPrintable(out.error));
        MeasurementStore store(db->db());
        const auto id = store.store(spec, out);
        QVERIFY2(id, qPrintable(id.error()));
        QSqlQuery q(db->db());
        QVERIFY(q.exec(QStringLiteral("SELECT model_id, file_hash, quantization, device, context, prompt_tokens,"
                                      " output_tokens, json FROM measurements")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), out.local.modelName);  // no catalog model of that name
        QCOMPARE(q.value(1).toString(), out.local.fileHash);
        QCOMPARE(q.value(2).toString(), QStringLiteral("F32"));
        QCOMPARE(q.value(3).toString(), QStringLiteral("cpu"));
        QCOMPARE(q.value(4).toInt(), out.local.contextLength);  // the session's: 256 asked, capped at the model's
        QVERIFY(out.local.contextLength > 0 && out.local.contextLength <= 256);
        QCOMPARE(q.value(5).toInt(), out.figures.promptTokens);
        QCOMPARE(q.value(6).toInt(), tinyModelGolden().tokens);
        const auto j = nlohmann::json::parse(q.value(7).toString().toStdString());
        QCOMPARE(j["backend"].get<std::string>(), std::string("modelatlas-cpu"));
        QCOMPARE(j["decode_tok_s"].get<double>(), out.figures.decodeTokS);
        QCOMPARE(j["predicted_bytes"].get<quint64>(), out.figures.predictedBytes);
        // The planner's own prediction for this file and this machine, with the
        // bandwidth it was made for, so calibration can read the run.
        QVERIFY(out.figures.predictedDecodeTokS > 0);
        QCOMPARE(j["predicted_decode_tok_s"].get<double>(), out.figures.predictedDecodeTokS);
        QVERIFY(j["cpu_bandwidth_gbs"].get<double>() > 0.1);
        QCOMPARE(j["threads"].get<int>(), 1);
        QCOMPARE(j["gpu_count"].get<int>(), 1);
        QCOMPARE(QString::fromStdString(j["file"].get<std::string>()), tinyModelPath());
        // A failed run measures nothing.
        RunOutcome failed = out;
        failed.ok = false;
        QVERIFY(!store.store(spec, failed));
    }
};

QTEST_GUILESS_MAIN(TestRunnersLocal)
#include "tst_runners_local.moc"
