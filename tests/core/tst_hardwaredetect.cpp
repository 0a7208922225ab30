// Hardware detection: the parsers of /proc/cpuinfo, /proc/meminfo,
// nvidia-smi and the NVIDIA /proc driver file, fed fixture strings, and the
// profile built from what was detected (catalog cards as the oracle).

#include "TestSupport.h"

#include "catalog/CatalogImporter.h"
#include "hardware/GpuCatalog.h"
#include "hardware/HardwareDetect.h"

#include <QTest>

#include <cmath>

using namespace ModelAtlas;
using namespace ModelAtlas::Hardware;

class TestHardwareDetect final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_db = Test::openDatabase(m_dir);
        QVERIFY(m_db);
        const auto imported = Catalog::importCatalog(*m_db, Test::sourceDataDir());
        QVERIFY2(imported, qPrintable(imported.error()));
        const auto gpus = catalogGpus(m_db->db());
        QVERIFY2(gpus, qPrintable(gpus.error()));
        m_gpus = gpus.value();
    }

    void cpuInfo_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("cores");
        QTest::newRow("x86, 2 logical processors")
            << "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz\n"
               "\nprocessor\t: 1\nmodel name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz\n"
            << "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz" << 2;
        QTest::newRow("Raspberry Pi: no model name, 'Model' at the end")
            << "processor\t: 0\nBogoMIPS\t: 108.00\n\nprocessor\t: 1\n\nprocessor\t: 2\n\nprocessor\t: 3\n"
               "Hardware\t: BCM2835\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n"
            << "BCM2835" << 4;
        QTest::newRow("empty (no /proc in a sandbox)") << "" << "" << 0;
        QTest::newRow("whitespace in the model is collapsed")
            << "processor : 0\nmodel name : AMD   EPYC  7763 64-Core Processor\n" << "AMD EPYC 7763 64-Core Processor" << 1;
    }
    void cpuInfo()
    {
        QFETCH(QString, text);
        QFETCH(QString, model);
        QFETCH(int, cores);
        DetectedHardware hw;
        parseCpuInfo(text, hw);
        QCOMPARE(hw.cpuModel, model);
        QCOMPARE(hw.cpuCores, cores);
    }

    void memInfo_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("gib");   // < 0: not readable
        QTest::newRow("24 GiB machine") << "MemTotal:       25165824 kB\nMemFree:         1000 kB\n" << 24.0;
        QTest::newRow("MemTotal not first") << "Foo: 1 kB\nMemTotal: 1048576 kB\n" << 1.0;
        QTest::newRow("missing") << "MemFree: 1000 kB\n" << -1.0;
        QTest::newRow("garbled number") << "MemTotal: lots kB\n" << -1.0;
        QTest::newRow("zero") << "MemTotal: 0 kB\n" << -1.0;
    }
    void memInfo()
    {
        QFETCH(QString, text);
        QFETCH(double, gib);
        const auto parsed = parseMemTotalGiB(text);
        if (gib < 0) {
            QVERIFY(!parsed);
        } else {
            QVERIFY(parsed);
            QCOMPARE(*parsed, gib);
        }
    }

    void nvidiaSmi_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QList<double>>("memory");
        QTest::newRow("one RTX 4090") << "NVIDIA GeForce RTX 4090, 24564 MiB\n"
                                      << QStringList{"NVIDIA GeForce RTX 4090"} << QList<double>{24564.0 / 1024};
        QTest::newRow("two H100, trailing spaces")
            << "NVIDIA H100 80GB HBM3, 81559 MiB  \nNVIDIA H100 80GB HBM3, 81559 MiB\n"
            << QStringList{"NVIDIA H100 80GB HBM3", "NVIDIA H100 80GB HBM3"} << QList<double>{81559.0 / 1024, 81559.0 / 1024};
        QTest::newRow("error text is skipped")
            << "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n" << QStringList{} << QList<double>{};
        QTest::newRow("[N/A] memory is skipped") << "NVIDIA A100-SXM4-40GB, [N/A]\n" << QStringList{} << QList<double>{};
    }
    void nvidiaSmi()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, names);
        QFETCH(QList<double>, memory);
        const QList<DetectedGpu> gpus = parseNvidiaSmi(text);
        QCOMPARE(gpus.size(), names.size());
        for (qsizetype i = 0; i < gpus.size(); ++i) {
            QCOMPARE(gpus[i].name, names[i]);
            QCOMPARE(gpus[i].memoryGiB, memory[i]);
        }
    }

    void nvidiaProcInformation()
    {
        const auto gpu = parseNvidiaProcInformation(
            QStringLiteral("Model: \t\t NVIDIA GeForce RTX 3090\nIRQ:   130\nGPU UUID: GPU-123\nVideo BIOS: 94.02.42.00.01\n"));
        QVERIFY(gpu);
        QCOMPARE(gpu->name, QStringLiteral("NVIDIA GeForce RTX 3090"));
        QCOMPARE(gpu->memoryGiB, 0.0);
        QVERIFY(!parseNvidiaProcInformation(QStringLiteral("IRQ: 130\n")));
    }

    void appleSilicon_data()
    {
        QTest::addColumn<QString>("brand");
        QTest::addColumn<bool>("apple");
        QTest::newRow("M2 Max") << "Apple M2 Max" << true;
        QTest::newRow("M4") << "Apple M4\n" << true;
        QTest::newRow("Intel Mac") << "Intel(R) Core(TM) i9-9880H CPU @ 2.30GHz" << false;
        QTest::newRow("empty") << "" << false;
    }
    void appleSilicon()
    {
        QFETCH(QString, brand);
        QFETCH(bool, apple);
        QCOMPARE(isAppleSilicon(brand), apple);
    }

    void profile_data()
    {
        QTest::addColumn<QStringList>("gpuNames");
        QTest::addColumn<double>("smiMemoryGiB");
        QTest::addColumn<QString>("cpu");
        QTest::addColumn<bool>("unified");
        QTest::addColumn<QString>("expectedGpu");   // catalog card name it maps to (findGpu oracle), empty: CPU only
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("note");          // a note that must be present (substring), or empty
        QTest::newRow("no GPU: CPU only") << QStringList{} << 0.0 << "Intel Xeon" << false << "" << 0 << "CPU only";
        QTest::newRow("RTX 4090 via nvidia-smi") << QStringList{"NVIDIA GeForce RTX 4090"} << 23.99 << "AMD Ryzen 9" << false
                                                 << "rtx 4090" << 1 << "";
        QTest::newRow("two H100") << QStringList{"NVIDIA H100 80GB HBM3", "NVIDIA H100 80GB HBM3"} << 79.6 << "Xeon" << false
                                  << "h100" << 2 << "";
        QTest::newRow("unknown card -> CPU only with a note") << QStringList{"NVIDIA Quadro K420"} << 1.95 << "Xeon" << false
                                                              << "" << 0 << "not in the catalog";
        QTest::newRow("Apple M3 Max: unified memory") << QStringList{} << 0.0 << "Apple M3 Max" << true << "m3 max" << 1
                                                      << "unified memory";
        QTest::newRow("Apple M1 (not in the catalog): CPU only") << QStringList{} << 0.0 << "Apple M1" << true << "" << 0
                                                                 << "not in the catalog";
    }
    void profile()
    {
        QFETCH(QStringList, gpuNames);
        QFETCH(double, smiMemoryGiB);
        QFETCH(QString, cpu);
        QFETCH(bool, unified);
        QFETCH(QString, expectedGpu);
        QFETCH(int, count);
        QFETCH(QString, note);
        DetectedHardware hw;
        hw.cpuModel = cpu;
        hw.cpuCores = 16;
        hw.systemRamGiB = 64;
        hw.unifiedMemory = unified;
        for (const QString &n : gpuNames) {
            DetectedGpu gpu;
            gpu.name = n;
            gpu.memoryGiB = smiMemoryGiB;
            hw.gpus << gpu;
        }
        const DetectedProfile p = profileFromDetected(hw, m_gpus);
        QCOMPARE(p.profile.gpuCount, count);
        QCOMPARE(p.profile.systemRamGiB, 64.0);
        QCOMPARE(p.profile.cpuCores, 16);
        if (!expectedGpu.isEmpty()) {
            const auto card = findGpu(m_gpus, expectedGpu);
            QVERIFY2(card, qPrintable(card.error()));
            QCOMPARE(p.profile.gpu.id, card->id);
            // The driver's smaller figure wins over the datasheet's.
            if (smiMemoryGiB > 0)
                QCOMPARE(p.profile.gpu.memoryGiB, std::min(card->memoryGiB, std::round(smiMemoryGiB * 10) / 10));
        }
        if (!note.isEmpty())
            QVERIFY2(p.notes.join(QLatin1Char('\n')).contains(note), qPrintable(p.notes.join(QLatin1Char('\n'))));
    }

    // The CUDA runtime's devices become detected GPUs with memory and bandwidth;
    // a catalog card whose bandwidth differs from the
    // runtime's by more than 5% takes the runtime's figure, with a note.
    void cudaDevicesBecomeDetectedGpus()
    {
        modelatlas::engine::cuda::CudaSystem system;
        modelatlas::engine::cuda::DeviceInfo h100;
        h100.name = "NVIDIA H100 PCIe";
        h100.totalMemoryBytes = uint64_t(80) << 30;
        h100.peakBandwidthGBs = modelatlas::engine::cuda::derivePeakBandwidthGBs(1593000, 5120);
        system.devices = {h100, h100};
        const QList<DetectedGpu> gpus = gpusFromCuda(system);
        QCOMPARE(gpus.size(), 2);
        QCOMPARE(gpus.first().name, QStringLiteral("NVIDIA H100 PCIe"));
        QCOMPARE(gpus.first().memoryGiB, 80.0);
        QVERIFY(std::abs(gpus.first().bandwidthGBs - 2039.0) < 1.0);

        DetectedHardware hw;
        hw.gpus = gpus;
        const auto card = findGpu(m_gpus, QStringLiteral("NVIDIA H100 PCIe 80GB"));
        QVERIFY2(card, qPrintable(card.error()));
        const DetectedProfile p = profileFromDetected(hw, m_gpus);
        QCOMPARE(p.profile.gpuCount, 2);
        QCOMPARE(p.profile.gpu.id, card->id);
        // 2039 against the catalog's 2000 GB/s: within 5%, the catalog's figure stays, unremarked.
        QCOMPARE(p.profile.gpu.bandwidthGBs, card->bandwidthGBs);
        QVERIFY(!p.notes.join(QLatin1Char('\n')).contains(QStringLiteral("GB/s")));
        // More than 5% off: the runtime's figure wins, with a note.
        hw.gpus.first().bandwidthGBs = 1600;
        const DetectedProfile q = profileFromDetected(hw, m_gpus);
        QCOMPARE(q.profile.gpu.bandwidthGBs, 1600.0);
        QVERIFY2(q.notes.join(QLatin1Char('\n')).contains(QStringLiteral("1600 GB/s")), qPrintable(q.notes.join(QLatin1Char('\n'))));
    }

    // The real machine: whatever it has, detection returns and never claims nonsense.
    void detectsThisMachine()
    {
        const DetectedHardware hw = detectHardware();
        QVERIFY(hw.cpuCores >= 0);
        QVERIFY(hw.systemRamGiB >= 0);
        for (const DetectedGpu &g : hw.gpus)
            QVERIFY(!g.name.isEmpty());
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Catalog::CatalogDatabase> m_db;
    QList<GpuSpec> m_gpus;
};

QTEST_GUILESS_MAIN(TestHardwareDetect)
#include "tst_hardwaredetect.moc"
