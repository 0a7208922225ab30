// The Playground's data: Elo from votes, the vote and prompt-set stores,
// measurement JSON, transcript export, the model-folder scanner and the
// cheap file hash.
#include "TestSupport.h"

#include "catalog/CatalogImporter.h"
#include "planner/Calibration.h"
#include "runners/EloRanking.h"
#include "runners/FileHash.h"
#include "runners/MeasurementStore.h"
#include "runners/ModelScanner.h"
#include "runners/PromptSetStore.h"
#include "runners/TranscriptExport.h"
#include "runners/VoteStore.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace ModelAtlas;
using namespace ModelAtlas::Runners;
using namespace ModelAtlas::Test;

namespace {
bool writeFile(const QString &path, const QByteArray &contents)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(contents) == contents.size();
}

Vote vote(const char *a, const char *b, VoteOutcome o, const char *tag = "general")
{
    return {QString::fromLatin1(tag), QString::fromLatin1(a), QString::fromLatin1(b), o, QString()};
}
} // namespace

class TestRunnersStores final : public QObject
{
    Q_OBJECT

private slots:
    void eloUpdate_data()
    {
        QTest::addColumn<double>("ra");
        QTest::addColumn<double>("rb");
        QTest::addColumn<double>("score");
        QTest::addColumn<double>("newA");
        QTest::addColumn<double>("newB");
        QTest::newRow("equal, A wins: +16/-16") << 1000.0 << 1000.0 << 1.0 << 1016.0 << 984.0;
        QTest::newRow("equal, draw: unchanged") << 1000.0 << 1000.0 << 0.5 << 1000.0 << 1000.0;
        QTest::newRow("400 stronger wins: expected 10/11, gains 32/11")
            << 1400.0 << 1000.0 << 1.0 << 1400.0 + 32.0 / 11.0 << 1000.0 - 32.0 / 11.0;
        QTest::newRow("400 weaker wins: gains 320/11") << 1000.0 << 1400.0 << 1.0 << 1000.0 + 320.0 / 11.0
                                                       << 1400.0 - 320.0 / 11.0;
        QTest::newRow("draw pulls toward each other") << 1200.0 << 1000.0 << 0.5 << 1200.0 - 32.0 * (1.0 / (1.0 + std::pow(10.0, -0.5)) - 0.5)
                                                      << 1000.0 + 32.0 * (1.0 / (1.0 + std::pow(10.0, -0.5)) - 0.5);
    }

    void eloUpdate()
    {
        QFETCH(double, ra);
        QFETCH(double, rb);
        QFETCH(double, score);
        QFETCH(double, newA);
        QFETCH(double, newB);
        const EloPair r = Runners::eloUpdate(ra, rb, score);
        QVERIFY2(std::abs(r.a - newA) < 1e-9, qPrintable(QString::number(r.a, 'f', 6)));
        QVERIFY2(std::abs(r.b - newB) < 1e-9, qPrintable(QString::number(r.b, 'f', 6)));
        QVERIFY(std::abs((r.a + r.b) - (ra + rb)) < 1e-9);  // zero-sum
    }

    void rankingPerTag()
    {
        const QList<Vote> votes = {vote("x", "y", VoteOutcome::A, "coding"), vote("x", "z", VoteOutcome::A, "coding"),
                                   vote("y", "z", VoteOutcome::BothBad, "coding"), vote("z", "x", VoteOutcome::A, "chat"),
                                   vote("x", "x", VoteOutcome::A, "coding")};
        const QList<EloEntry> coding = eloRanking(votes, QStringLiteral("coding"));
        QCOMPARE(coding.size(), 3);
        QCOMPARE(coding[0].model, QStringLiteral("x"));
        QCOMPARE(coding[0].wins, 2);
        QCOMPARE(coding[0].games, 2);  // the self-match is ignored
        QCOMPARE(coding[1].ties + coding[2].ties, 2);  // "both bad" is a draw
        const QList<EloEntry> chat = eloRanking(votes, QStringLiteral("chat"));
        QCOMPARE(chat.first().model, QStringLiteral("z"));
        QCOMPARE(eloRanking(votes).size(), 3);
        QVERIFY(eloRanking({}).isEmpty());
    }

    void votesAreStoredAndReplayed()
    {
        QTemporaryDir dir;
        auto db = openDatabase(dir);
        QVERIFY(db);
        VoteStore store(db->db());
        QVERIFY(store.record(vote("a.gguf", "b @ http://x/v1", VoteOutcome::B, " Coding ")));
        QVERIFY(store.record(vote("a.gguf", "c.gguf", VoteOutcome::Tie, "")));
        QVERIFY(!store.record(vote("a.gguf", "", VoteOutcome::A)));
        QCOMPARE(store.tags().value(), (QStringList{"coding", "general"}));
        const auto coding = store.votes(QStringLiteral("CODING"));
        QVERIFY2(coding, qPrintable(coding.error()));
        QCOMPARE(coding->size(), 1);
        QCOMPARE(coding->first().outcome, VoteOutcome::B);
        QCOMPARE(store.votes().value().size(), 2);
        const QList<EloEntry> ranking = eloRanking(store.votes().value());
        const auto json = nlohmann::json::parse(rankingJson(QString(), ranking).toStdString());
        QCOMPARE(json["ranking"].size(), 3u);
        QCOMPARE(json["tag"].get<std::string>(), std::string("all"));
        const QString md = rankingMarkdown(QStringLiteral("coding"), eloRanking(coding.value()));
        QVERIFY2(md.contains(QStringLiteral("| 1 | b @ http://x/v1 | 1016 | 1 | 1 | 0 | 0 |")), qPrintable(md));
    }

    void promptSetsRoundTrip()
    {
        QTemporaryDir dir;
        auto db = openDatabase(dir);
        QVERIFY(db);
        PromptSetStore store(db->db());
        QVERIFY(store.save({QStringLiteral("smoke"), QStringLiteral("chat"), {"Hi", "  ", "Tell a joke"}}));
        QVERIFY(store.save({QStringLiteral("smoke"), QStringLiteral("chat"), {"Hi", "Tell a joke", "Bye"}}));  // replaces
        QCOMPARE(store.names().value(), QStringList{"smoke"});
        const auto set = store.load(QStringLiteral("smoke"));
        QVERIFY2(set, qPrintable(set.error()));
        QCOMPARE(set->prompts, (QStringList{"Hi", "Tell a joke", "Bye"}));
        QCOMPARE(set->tag, QStringLiteral("chat"));
        const Status noName = store.save({QStringLiteral(" "), {}, {"x"}});
        QVERIFY(!noName);
        QVERIFY(!store.save({QStringLiteral("empty"), {}, {"", " "}}));
        QVERIFY(store.load(QStringLiteral("nope")).error().contains(QStringLiteral("No prompt set named \"nope\"")));
        QVERIFY(store.remove(QStringLiteral("smoke")));
        QVERIFY(!store.remove(QStringLiteral("smoke")));
    }

    void measurementMatchesCatalogModels()
    {
        QTemporaryDir dir;
        auto db = openDatabase(dir);
        QVERIFY(db);
        QSqlQuery q(db->db());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO sources (id, kind) VALUES ('s', 'doc')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO vendors (id, name, src, json) VALUES ('v', 'V', 's', '{}')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO families (id, name, vendor, src, json) VALUES ('f', 'F', 'v', 's', '{}')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO models (id, name, family, json) VALUES ('qwen3-8b', 'Qwen3 8B', 'f', '{}')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO model_aliases (model_id, alias) VALUES ('qwen3-8b', 'Qwen3-8B-Instruct')")));
        MeasurementStore store(db->db());
        QCOMPARE(store.matchCatalogModel(QStringLiteral("qwen3 8b")), QStringLiteral("qwen3-8b"));
        QCOMPARE(store.matchCatalogModel(QStringLiteral("QWEN3-8B")), QStringLiteral("qwen3-8b"));
        QCOMPARE(store.matchCatalogModel(QStringLiteral("qwen3-8b-instruct")), QStringLiteral("qwen3-8b"));
        QCOMPARE(store.matchCatalogModel(QStringLiteral("aidreams260K")), QString());
        QCOMPARE(store.matchCatalogModel(QString()), QString());
    }

    void measurementJsonHasTheCalibrationFields()
    {
        RunnerSpec spec;
        spec.path = QStringLiteral("/m/x.gguf");
        RunOutcome out;
        out.ok = true;
        out.figures.loadMs = 1200;
        out.figures.ttftMs = 35;
        out.figures.prefillTokS = 400;
        out.figures.decodeTokS = 20;
        out.figures.promptTokens = 13;
        out.figures.outputTokens = 64;
        out.figures.peakBytes = 900;
        out.figures.predictedBytes = 1000;
        out.local.threads = 8;
        const auto j = measurementJson(spec, out);
        for (const char *key : {"backend", "decode_tok_s", "prefill_tok_s", "ttft_ms", "load_ms", "peak_rss_bytes",
                                "predicted_bytes", "gpu_count", "file", "threads"})
            QVERIFY2(j.contains(key), key);
        QVERIFY(!j.contains("predicted_decode_tok_s"));  // only when known
        QVERIFY(!j.contains("cpu_bandwidth_gbs"));
        out.figures.predictedDecodeTokS = 18.5;
        out.local.cpuBandwidthGBs = 27.0;
        const auto known = measurementJson(spec, out);
        QCOMPARE(known["predicted_decode_tok_s"].get<double>(), 18.5);
        QCOMPARE(known["cpu_bandwidth_gbs"].get<double>(), 27.0);
        QCOMPARE(j["load_ms"].get<double>(), 1200.0);
        QCOMPARE(j["peak_rss_bytes"].get<int>(), 900);
        QVERIFY(std::abs(out.figures.memoryErrorPercent() - 100.0 / 9.0) < 1e-9);  // predicted 1000 vs measured 900
    }

    // A GPU run is stored under the catalog card it ran on, with the CUDA
    // backend and the device's memory, so calibration tunes modelatlas-cuda
    // for that card and never the CPU figures.
    void gpuRunIsStoredForItsCard()
    {
        QTemporaryDir dir;
        auto db = openDatabase(dir);
        QVERIFY(db);
        const auto imported = Catalog::ensureCatalogImported(*db, sourceDataDir());
        QVERIFY2(imported, qPrintable(imported.error()));
        RunnerSpec spec;
        spec.path = QStringLiteral("/m/llama-3.1-8b-q4_k_m.gguf");
        RunOutcome out;
        out.ok = true;
        out.figures.decodeTokS = 150;
        out.figures.prefillTokS = 4000;
        out.figures.peakBytes = 6 * 1024ull * 1024 * 1024;
        out.figures.predictedBytes = 6200ull * 1024 * 1024;
        out.figures.onGpu = true;
        out.local.fileHash = QStringLiteral("abc");
        out.local.modelName = QStringLiteral("Llama 3.1 8B Instruct");
        out.local.quantization = QStringLiteral("Q4_K_M");
        out.local.contextLength = 4096;
        out.local.backend = QStringLiteral("modelatlas-cuda");
        out.local.gpuName = QStringLiteral("NVIDIA H100 80GB HBM3");
        out.local.gpuBandwidthGBs = 3352.3;
        out.local.cpuBandwidthGBs = 27;   // known, but not what a GPU run is measured against

        const auto j = measurementJson(spec, out);
        QCOMPARE(j["backend"].get<std::string>(), std::string("modelatlas-cuda"));
        QCOMPARE(j["peak_device_bytes"].get<quint64>(), out.figures.peakBytes);
        QVERIFY(!j.contains("peak_rss_bytes"));
        QVERIFY(!j.contains("cpu_bandwidth_gbs"));
        QCOMPARE(j["gpu_name"].get<std::string>(), std::string("NVIDIA H100 80GB HBM3"));
        QCOMPARE(j["gpu_bandwidth_gbs"].get<double>(), 3352.3);

        MeasurementStore store(db->db());
        QVERIFY(store.store(spec, out));
        out.local.gpuName = QStringLiteral("NVIDIA Imaginary 9000");
        QVERIFY(store.store(spec, out));
        const auto rows = Planner::readMeasurements(db->db());
        QVERIFY2(rows, qPrintable(rows.error()));
        QCOMPARE(rows->size(), 2);
        // The driver's name maps onto the catalog card; an unknown card keeps its name.
        QCOMPARE(rows->at(0).deviceId, QStringLiteral("h100-sxm-80gb"));
        QCOMPARE(rows->at(1).deviceId, QStringLiteral("NVIDIA Imaginary 9000"));
        QCOMPARE(rows->at(0).backend, Planner::Backend::ModelAtlasCuda);
        QCOMPARE(rows->at(0).peakBytes, out.figures.peakBytes);
        QCOMPARE(rows->at(0).decodeTokS, 150.0);
    }

    void transcriptsExport()
    {
        RunOutcome ok;
        ok.ok = true;
        ok.text = QStringLiteral("Paris.");
        ok.stopReason = QStringLiteral("stop");
        ok.figures.ttftMs = 12.5;
        ok.figures.predictedBytes = 2 * 1048576;
        ok.figures.peakBytes = 1048576;
        ok.figures.device = QStringLiteral("CPU (avx2, 2 threads)");
        ok.note = QStringLiteral("Running on the CPU: no CUDA device found.");
        RunOutcome bad;
        bad.error = QStringLiteral("HTTP 401");
        const QList<TranscriptEntry> entries = {{QStringLiteral("A"), QStringLiteral("Capital of France?"), ok},
                                                {QStringLiteral("B"), QStringLiteral("Capital of France?"), bad}};
        const QString md = transcriptMarkdown(entries);
        QCOMPARE(md.count(QStringLiteral("## Prompt")), 1);
        QVERIFY(md.contains(QStringLiteral("### A\n\nParis.")));
        QVERIFY(md.contains(QStringLiteral("failed: HTTP 401")));
        QVERIFY2(md.contains(QStringLiteral("measured 1.0 MiB, predicted 2.0 MiB (100.0%)")), qPrintable(md));
        const auto j = nlohmann::json::parse(transcriptJson(entries).toStdString());
        QCOMPARE(j["runs"].size(), 2u);
        QCOMPARE(j["runs"][0]["figures"]["ttft_ms"].get<double>(), 12.5);
        QCOMPARE(j["runs"][1]["error"].get<std::string>(), std::string("HTTP 401"));
        QVERIFY(!j["runs"][1]["figures"].contains("predicted_bytes"));
        QCOMPARE(j["runs"][0]["figures"]["device"].get<std::string>(), std::string("CPU (avx2, 2 threads)"));
        QCOMPARE(j["runs"][0]["figures"]["on_gpu"].get<bool>(), false);
        QCOMPARE(j["runs"][0]["note"].get<std::string>(), std::string("Running on the CPU: no CUDA device found."));
        QVERIFY(!j["runs"][1].contains("note"));
        QVERIFY(!j["runs"][1]["figures"].contains("device"));
    }

    void scannerFindsTheUsualFolders()
    {
        QTemporaryDir home;
        const QString ollama = home.filePath(QStringLiteral(".ollama/models"));
        const QByteArray gguf = QByteArray("GGUF") + QByteArray(60, '\0');
        QVERIFY(writeFile(ollama + QStringLiteral("/blobs/sha256-abc"), gguf));
        QVERIFY(writeFile(ollama + QStringLiteral("/blobs/sha256-def"), "license text"));
        QVERIFY(writeFile(ollama + QStringLiteral("/manifests/registry.ollama.ai/library/tiny/latest"),
                          R"({"layers":[{"mediaType":"application/vnd.ollama.image.license","digest":"sha256:def"},)"
                          R"({"mediaType":"application/vnd.ollama.image.model","digest":"sha256:abc"}]})"));
        QVERIFY(writeFile(ollama + QStringLiteral("/manifests/registry.ollama.ai/library/broken/latest"), "{not json"));
        const QString hub = home.filePath(QStringLiteral(".cache/huggingface/hub"));
        QVERIFY(writeFile(hub + QStringLiteral("/models--Qwen--Qwen3-8B-GGUF/snapshots/1a2b/qwen3-8b-q4_k_m.gguf"), gguf));
        QVERIFY(writeFile(home.filePath(QStringLiteral(".lmstudio/models/org/m/m.Q8_0.gguf")), gguf));
        QVERIFY(writeFile(home.filePath(QStringLiteral(".lmstudio/models/org/m/readme.md")), "x"));

        const QStringList folders = defaultModelFolders(home.path());
        QCOMPARE(folders.size(), 3);
        const QList<FoundModel> found = scanModelFolders(folders);
        QStringList got;
        for (const FoundModel &m : found)
            got << m.source + QLatin1Char('|') + m.name;
        QCOMPARE(got, (QStringList{"Hugging Face|Qwen/Qwen3-8B-GGUF/qwen3-8b-q4_k_m.gguf", "LM Studio|org/m/m.Q8_0.gguf",
                                   "Ollama|tiny:latest"}));
        QCOMPARE(found.last().path, ollama + QStringLiteral("/blobs/sha256-abc"));
        // A folder given twice (or inside another) lists each file once.
        QCOMPARE(scanModelFolders(folders + folders).size(), 3);
        std::atomic<bool> stop{true};
        QVERIFY(scanModelFolders(folders, &stop).isEmpty());
    }

    void findCatalogModel_data()
    {
        QTest::addColumn<QString>("catalogId");
        QTest::addColumn<int>("expected");
        QTest::newRow("hub repo path") << "qwen2.5-coder-32b" << 1;
        QTest::newRow("ollama tag") << "llama-3.2-3b" << 0;
        QTest::newRow("another size is not a match") << "llama-3.1-70b" << -1;
        QTest::newRow("case and separators ignored") << "Mistral-Small-3.1" << 2;
        QTest::newRow("empty id") << "" << -1;
    }

    void findCatalogModel()
    {
        QFETCH(QString, catalogId);
        QFETCH(int, expected);
        const QList<FoundModel> found = {
            {QStringLiteral("/o/blobs/sha256-1"), QStringLiteral("llama3.2:3b"), QStringLiteral("Ollama"), 1},
            {QStringLiteral("/h/q.gguf"), QStringLiteral("Qwen/Qwen2.5-Coder-32B-Instruct-GGUF/qwen2.5-coder-32b-instruct-q4_k_m.gguf"),
             QStringLiteral("Hugging Face"), 1},
            {QStringLiteral("/f/m.gguf"), QStringLiteral("mistral_small_3_1_24b_q8_0.gguf"), QStringLiteral("Folder"), 1},
        };
        QCOMPARE(Runners::findCatalogModel(found, catalogId), expected);
    }

    void quickHashIsStableAndSeesTheEnds()
    {
        QTemporaryDir dir;
        QByteArray big(3 * 1024 * 1024, 'a');
        QVERIFY(writeFile(dir.filePath(QStringLiteral("a")), big));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("b")), big));
        big[big.size() - 1] = 'b';
        QVERIFY(writeFile(dir.filePath(QStringLiteral("c")), big));
        const auto a = quickFileHash(dir.filePath(QStringLiteral("a")));
        QVERIFY(a);
        QCOMPARE(a->size(), 64);
        QCOMPARE(quickFileHash(dir.filePath(QStringLiteral("b"))).value(), a.value());
        QVERIFY(quickFileHash(dir.filePath(QStringLiteral("c"))).value() != a.value());
        QVERIFY(writeFile(dir.filePath(QStringLiteral("small")), "GGUF"));
        QVERIFY(quickFileHash(dir.filePath(QStringLiteral("small"))));
        QVERIFY(quickFileHash(dir.filePath(QStringLiteral("missing"))).error().contains(QStringLiteral("missing")));
    }
};

QTEST_GUILESS_MAIN(TestRunnersStores)
#include "tst_runners_stores.moc"
