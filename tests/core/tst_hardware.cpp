// core/hardware: built-in cards from the catalog, GPU name lookup, validation
// of nonsense numbers, and saved profiles in SQLite.
#include "TestSupport.h"

#include "catalog/CatalogImporter.h"
#include "hardware/GpuCatalog.h"
#include "hardware/HardwareProfileJson.h"
#include "hardware/HardwareProfileStore.h"
#include "hardware/HardwareValidation.h"

#include <QSqlQuery>
#include <QTest>

#include <limits>

using namespace ModelAtlas;
using namespace ModelAtlas::Hardware;

class TestHardware final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Catalog::CatalogDatabase> m_db;

    static GpuSpec customGpu()
    {
        GpuSpec g;
        g.id = QStringLiteral("custom");
        g.name = QStringLiteral("Lab card");
        g.memoryGiB = 48;
        g.bandwidthGBs = 960;
        g.fp16Tflops = 180;
        return g;
    }

private slots:
    void initTestCase()
    {
        m_db = Test::openDatabase(m_dir);
        QVERIFY(m_db);
        const auto imported = Catalog::importCatalog(*m_db, Test::sourceDataDir());
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
    }

    void cleanup()
    {
        QSqlQuery q(m_db->db());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM hardware_profiles")));
    }

    // The built-in cards with the sourced datasheet figures of data/hardware.json.
    void builtInCards_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<double>("memoryGiB");
        QTest::addColumn<double>("bandwidthGBs");
        QTest::addColumn<double>("fp16Tflops"); // 0 = no source gave it
        QTest::addColumn<bool>("unified");
        QTest::newRow("RTX 3090: 24 GB, 936 GB/s") << "rtx-3090" << 24.0 << 936.0 << 142.0 << false;
        QTest::newRow("RTX 4090: 24 GB, 1008 GB/s, 165 dense") << "rtx-4090" << 24.0 << 1008.0 << 165.0 << false;
        QTest::newRow("RTX 5090: 32 GB, 1792 GB/s") << "rtx-5090" << 32.0 << 1792.0 << 419.2 << false;
        QTest::newRow("L4: 24 GB, 300 GB/s, 242 sparse / 2") << "l4" << 24.0 << 300.0 << 121.0 << false;
        QTest::newRow("L40S: 48 GB, 860 GB/s") << "l40s" << 48.0 << 860.0 << 362.0 << false;
        QTest::newRow("A10G: 24 GB, 600 GB/s, 31.52 TFLOPS (conflicting community figures, first kept)") << "a10g" << 24.0 << 600.0 << 31.52 << false;
        QTest::newRow("A100 40GB") << "a100-40gb" << 40.0 << 1555.0 << 312.0 << false;
        QTest::newRow("A100 80GB SXM") << "a100-80gb" << 80.0 << 2000.0 << 312.0 << false;
        QTest::newRow("H100 PCIe") << "h100-pcie-80gb" << 80.0 << 2000.0 << 756.0 << false;
        QTest::newRow("H100 SXM") << "h100-sxm-80gb" << 80.0 << 3350.0 << 989.0 << false;
        QTest::newRow("H200") << "h200" << 141.0 << 4800.0 << 989.0 << false;
        QTest::newRow("B200: 192 GB, 8 TB/s, 2250 dense") << "b200" << 192.0 << 8000.0 << 2250.0 << false;
        QTest::newRow("MI300X") << "mi300x" << 192.0 << 5300.0 << 1300.0 << false;
        QTest::newRow("Apple M4 Max 64 GB unified") << "apple-m4-max" << 64.0 << 546.0 << 0.0 << true;
        QTest::newRow("Apple M2 Ultra 192 GB unified") << "apple-m2-ultra" << 192.0 << 800.0 << 0.0 << true;
    }
    void builtInCards()
    {
        QFETCH(QString, id);
        QFETCH(double, memoryGiB);
        QFETCH(double, bandwidthGBs);
        QFETCH(double, fp16Tflops);
        QFETCH(bool, unified);
        const auto gpus = catalogGpus(m_db->db());
        QVERIFY2(gpus.ok(), qPrintable(gpus.error()));
        const auto g = findGpu(gpus.value(), id);
        QVERIFY2(g.ok(), qPrintable(g.error()));
        QCOMPARE(g->id, id);
        QCOMPARE(g->memoryGiB, memoryGiB);
        QCOMPARE(g->bandwidthGBs, bandwidthGBs);
        QCOMPARE(g->fp16Tflops, fp16Tflops);
        QCOMPARE(g->unifiedMemory, unified);
        QVERIFY(validateGpu(g.value()).ok());
    }

    void lookup_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("gpusPerNode");
        QTest::addColumn<int>("nodes");
        QTest::newRow("bare h100 = SXM") << "h100" << "h100-sxm-80gb" << 1 << 1;
        QTest::newRow("\"H100 SXM\"") << "H100 SXM" << "h100-sxm-80gb" << 1 << 1;
        QTest::newRow("H100 PCIe") << "H100 PCIe" << "h100-pcie-80gb" << 1 << 1;
        QTest::newRow("rtx-4090") << "rtx-4090" << "rtx-4090" << 1 << 1;
        QTest::newRow("rtx4090 is not rt x 4090") << "rtx4090" << "rtx-4090" << 1 << 1;
        QTest::newRow("4090x2") << "4090x2" << "rtx-4090" << 2 << 1;
        QTest::newRow("2x h100") << "2x h100" << "h100-sxm-80gb" << 2 << 1;
        QTest::newRow("B200 x 8: one HGX node") << "B200 x 8" << "b200" << 8 << 1;
        QTest::newRow("h100x16: two nodes of 8") << "h100x16" << "h100-sxm-80gb" << 8 << 2;
        QTest::newRow("mi300x ends in x") << "mi300x" << "mi300x" << 1 << 1;
        QTest::newRow("mi300x x4") << "mi300x x4" << "mi300x" << 4 << 1;
        QTest::newRow("full vendor name") << "NVIDIA GeForce RTX 5090" << "rtx-5090" << 1 << 1;
        QTest::newRow("a100-40gb") << "a100-40gb" << "a100-40gb" << 1 << 1;
        QTest::newRow("bare a100 = 80GB") << "A100" << "a100-80gb" << 1 << 1;
        QTest::newRow("m4 max") << "m4 max" << "apple-m4-max" << 1 << 1;
        QTest::newRow("L4 vs L40S") << "l4" << "l4" << 1 << 1;
        QTest::newRow("a10g x4") << "a10g x4" << "a10g" << 4 << 1;
    }
    void lookup()
    {
        QFETCH(QString, text);
        QFETCH(QString, id);
        QFETCH(int, gpusPerNode);
        QFETCH(int, nodes);
        const auto p = resolveHardware(m_db->db(), text);
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QCOMPARE(p->gpu.id, id);
        QCOMPARE(p->gpuCount, gpusPerNode);
        QCOMPARE(p->nodes, nodes);
        QVERIFY(validateProfile(p.value()).ok());
    }

    void lookupRejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("unknown card") << "h1000" << "unknown GPU";
        QTest::newRow("zero GPUs") << "h100x0" << "not plausible";
        QTest::newRow("ten thousand GPUs") << "h100x10000" << "not plausible";
        QTest::newRow("empty") << "" << "no GPU";
        QTest::newRow("ambiguous 200 (B200 or H200)") << "200" << "unknown GPU";
    }
    void lookupRejects()
    {
        QFETCH(QString, text);
        QFETCH(QString, messagePart);
        const auto p = resolveHardware(m_db->db(), text);
        QVERIFY(!p.ok());
        QVERIFY2(p.error().contains(messagePart), qPrintable(p.error()));
    }

    void validation_data()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        QTest::addColumn<double>("memoryGiB");
        QTest::addColumn<double>("bandwidthGBs");
        QTest::addColumn<double>("tflops");
        QTest::addColumn<double>("pricePerHour"); // < -1e9: unset
        QTest::addColumn<int>("gpus");
        QTest::addColumn<int>("nodes");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("sane custom card") << 48.0 << 960.0 << 180.0 << 1.5 << 2 << 1 << "";
        QTest::newRow("TFLOPS unknown (0) is allowed") << 48.0 << 960.0 << 0.0 << -2e9 << 1 << 1 << "";
        QTest::newRow("negative memory") << -24.0 << 960.0 << 180.0 << -2e9 << 1 << 1 << "memory must be greater than zero";
        QTest::newRow("zero bandwidth") << 24.0 << 0.0 << 180.0 << -2e9 << 1 << 1 << "bandwidth must be greater than zero";
        QTest::newRow("NaN TFLOPS") << 24.0 << 960.0 << nan << -2e9 << 1 << 1 << "FP16 TFLOPS is not a number";
        QTest::newRow("100 TB per GPU") << 102400.0 << 960.0 << 180.0 << -2e9 << 1 << 1 << "not plausible";
        QTest::newRow("infinite bandwidth") << 24.0 << inf << 180.0 << -2e9 << 1 << 1 << "not a number";
        QTest::newRow("negative price") << 24.0 << 960.0 << 180.0 << -1.0 << 1 << 1 << "price per hour must be greater than zero";
        QTest::newRow("10,000 GPUs in total") << 24.0 << 960.0 << 180.0 << -2e9 << 10 << 1000 << "not plausible";
        QTest::newRow("100 GPUs in one node") << 24.0 << 960.0 << 180.0 << -2e9 << 100 << 1 << "GPUs per node";
        QTest::newRow("zero nodes") << 24.0 << 960.0 << 180.0 << -2e9 << 1 << 0 << "nodes";
    }
    void validation()
    {
        QFETCH(double, memoryGiB);
        QFETCH(double, bandwidthGBs);
        QFETCH(double, tflops);
        QFETCH(double, pricePerHour);
        QFETCH(int, gpus);
        QFETCH(int, nodes);
        QFETCH(QString, messagePart);
        HardwareProfile p;
        p.name = QStringLiteral("rig");
        p.gpu = customGpu();
        p.gpu.memoryGiB = memoryGiB;
        p.gpu.bandwidthGBs = bandwidthGBs;
        p.gpu.fp16Tflops = tflops;
        if (pricePerHour > -1e9)
            p.gpu.pricePerHourUsd = pricePerHour;
        p.gpuCount = gpus;
        p.nodes = nodes;
        const Status s = validateProfile(p);
        if (messagePart.isEmpty()) {
            QVERIFY2(s.ok(), qPrintable(s.error()));
        } else {
            QVERIFY(!s.ok());
            QVERIFY2(s.error().contains(messagePart), qPrintable(s.error()));
        }
    }

    void jsonRoundTrip()
    {
        HardwareProfile p;
        p.name = QStringLiteral("two lab cards");
        p.gpu = customGpu();
        p.gpu.purchaseUsd = 7000;
        p.gpu.powerWatts = 300;
        p.gpuCount = 2;
        p.interconnect = QStringLiteral("nvlink");
        p.systemRamGiB = 256;
        p.cpuCores = 32;
        const auto back = profileFromJson(toJson(p));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(back->name, p.name);
        QCOMPARE(back->gpu.memoryGiB, 48.0);
        QCOMPARE(back->gpu.purchaseUsd.value_or(0), 7000.0);
        QVERIFY(!back->gpu.pricePerHourUsd);
        QCOMPARE(back->gpuCount, 2);
        QCOMPARE(back->interconnect, QStringLiteral("nvlink"));

        // Hostile JSON: wrong types are named, nonsense values rejected.
        nlohmann::json bad = toJson(p);
        bad["gpu"]["memory_gib"] = "lots";
        QVERIFY(profileFromJson(bad).error().contains(QStringLiteral("memory_gib")));
        bad = toJson(p);
        bad["gpu_count"] = 2.5;
        QVERIFY(profileFromJson(bad).error().contains(QStringLiteral("whole number")));
        bad = toJson(p);
        bad["gpu"]["bandwidth_gbs"] = -5;
        QVERIFY(!profileFromJson(bad).ok());
    }

    void storeSaveLoadListRemove()
    {
        HardwareProfileStore store(m_db->db());
        HardwareProfile p;
        p.name = QStringLiteral("My Rig");
        p.gpu = customGpu();
        p.gpuCount = 4;
        QVERIFY(store.save(p).ok());
        QVERIFY(store.contains(QStringLiteral("my rig")));
        QVERIFY(!store.save(p).ok()); // duplicate name
        p.gpuCount = 2;
        QVERIFY(store.save(p, true).ok());
        const auto loaded = store.load(QStringLiteral("MY RIG"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded->gpuCount, 2);
        QCOMPARE(loaded->gpu.name, QStringLiteral("Lab card"));

        // A saved profile wins over GPU lookup in resolveHardware().
        const auto resolved = resolveHardware(m_db->db(), QStringLiteral("My Rig"));
        QVERIFY2(resolved.ok(), qPrintable(resolved.error()));
        QCOMPARE(resolved->gpu.id, QStringLiteral("custom"));

        HardwareProfile q = p;
        q.name = QStringLiteral("another");
        QVERIFY(store.save(q).ok());
        const auto all = store.list();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).name, QStringLiteral("another"));

        QVERIFY(store.remove(QStringLiteral("another")).ok());
        QVERIFY(!store.remove(QStringLiteral("another")).ok());
        QCOMPARE(store.list()->size(), 1);
    }

    void storeRejectsInvalid()
    {
        HardwareProfileStore store(m_db->db());
        HardwareProfile p;
        p.gpu = customGpu();
        p.gpuCount = 1;
        p.name = QString();
        QVERIFY(!store.save(p).ok());
        p.name = QStringLiteral("bad\nname");
        QVERIFY(!store.save(p).ok());
        p.name = QStringLiteral("negative");
        p.gpu.memoryGiB = -1;
        QVERIFY(!store.save(p).ok());
        QCOMPARE(store.list()->size(), 0);
    }

    void catalogImportKeepsProfiles()
    {
        HardwareProfileStore store(m_db->db());
        HardwareProfile p;
        p.name = QStringLiteral("kept");
        p.gpu = customGpu();
        p.gpuCount = 1;
        QVERIFY(store.save(p).ok());
        const auto again = Catalog::importCatalog(*m_db, Test::sourceDataDir());
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QVERIFY(store.load(QStringLiteral("kept")).ok());
    }
};

QTEST_GUILESS_MAIN(TestHardware)
#include "tst_hardware.moc"
