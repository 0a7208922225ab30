// RunScheduler and LocalTarget: where each local run goes (GPU or CPU) and
// which local runners may share memory, decided from the planner's
// predictions, for many mixes of sizes and devices.
#include "runners/LocalTarget.h"
#include "runners/RunScheduler.h"

#include <QTest>

using namespace ModelAtlas::Runners;

namespace {
constexpr quint64 GiB = 1024ull * 1024 * 1024;

RunnerMemory local(double gib)
{
    return {true, quint64(gib * double(GiB))};
}
RunnerMemory onGpu(double gib)
{
    return {true, quint64(gib * double(GiB)), true};
}
RunnerMemory remote()
{
    return {false, 0};
}

namespace engine = modelatlas::engine;
namespace cuda = modelatlas::engine::cuda;

cuda::DeviceInfo device(int index, const char *name, bool supported, double freeGiB)
{
    cuda::DeviceInfo d;
    d.index = index;
    d.name = name;
    d.supported = supported;
    d.unsupportedReason = supported ? "" : "compute capability 7.5 is below the supported 8.0";
    d.totalMemoryBytes = 80 * GiB;
    d.freeMemoryBytes = quint64(freeGiB * double(GiB));
    return d;
}

// What discovery returned: devices, or why there are none (empty devices and a reason).
struct Discovery
{
    QString error;
    QList<cuda::DeviceInfo> devices;
    engine::Result<cuda::CudaSystem> result() const
    {
        if (!error.isEmpty())
            return engine::makeError(error.toStdString());
        cuda::CudaSystem system;
        system.devices.assign(devices.cbegin(), devices.cend());
        return system;
    }
};
} // namespace

Q_DECLARE_METATYPE(Discovery)
Q_DECLARE_METATYPE(cuda::BackendChoice)

class TestRunnerScheduler final : public QObject
{
    Q_OBJECT

private slots:
    void decide_data()
    {
        QTest::addColumn<QList<RunnerMemory>>("runners");
        QTest::addColumn<double>("availableGiB");
        QTest::addColumn<QList<QList<int>>>("waves");
        QTest::addColumn<QList<int>>("refused");

        // The budget is 90% of what is available: 20 GiB free -> 18 GiB usable.
        QTest::newRow("two 4 GiB models, 20 GiB free: together")
            << QList<RunnerMemory>{local(4), local(4)} << 20.0 << QList<QList<int>>{{0, 1}} << QList<int>{};
        QTest::newRow("two 8 GiB models, 12 GiB free: one after the other")
            << QList<RunnerMemory>{local(8), local(8)} << 12.0 << QList<QList<int>>{{0}, {1}} << QList<int>{};
        QTest::newRow("exactly the budget still fits")
            << QList<RunnerMemory>{local(9), local(9)} << 20.0 << QList<QList<int>>{{0, 1}} << QList<int>{};
        QTest::newRow("one byte over the budget splits")
            << QList<RunnerMemory>{local(9), RunnerMemory{true, 9 * GiB + 1}} << 20.0 << QList<QList<int>>{{0}, {1}}
            << QList<int>{};
        QTest::newRow("four panes packed in order: 6+6 | 6+6 in 15 GiB")
            << QList<RunnerMemory>{local(6), local(6), local(6), local(6)} << 15.0
            << QList<QList<int>>{{0, 1}, {2, 3}} << QList<int>{};
        QTest::newRow("remote runners join the first wave and use no memory")
            << QList<RunnerMemory>{remote(), local(8), remote(), local(8)} << 12.0
            << QList<QList<int>>{{0, 2, 1}, {3}} << QList<int>{};
        QTest::newRow("only remote runners: all at once, whatever the memory")
            << QList<RunnerMemory>{remote(), remote()} << 0.0 << QList<QList<int>>{{0, 1}} << QList<int>{};
        QTest::newRow("a 70 GiB model on a 24 GiB machine is refused, the small one runs")
            << QList<RunnerMemory>{local(70), local(2)} << 24.0 << QList<QList<int>>{{1}} << QList<int>{0};
        QTest::newRow("nothing fits: no waves, both refused")
            << QList<RunnerMemory>{local(30), local(40)} << 16.0 << QList<QList<int>>{} << QList<int>{0, 1};
        QTest::newRow("unknown free memory (0) refuses every local model")
            << QList<RunnerMemory>{local(1), remote()} << 0.0 << QList<QList<int>>{{1}} << QList<int>{0};
        QTest::newRow("no runners") << QList<RunnerMemory>{} << 8.0 << QList<QList<int>>{} << QList<int>{};
    }

    void decide()
    {
        QFETCH(QList<RunnerMemory>, runners);
        QFETCH(double, availableGiB);
        QFETCH(QList<QList<int>>, waves);
        QFETCH(QList<int>, refused);
        const Schedule s = decideSchedule(runners, quint64(availableGiB * double(GiB)));
        QCOMPARE(s.waves, waves);
        QCOMPARE(s.refused, refused);
        QCOMPARE(s.concurrent(), waves.size() <= 1);
        // The user is told why whenever not everything runs at once.
        QCOMPARE(s.reason.isEmpty(), waves.size() <= 1 && refused.isEmpty());
        // No wave's locals exceed the budget.
        for (const QList<int> &wave : s.waves) {
            quint64 sum = 0;
            for (int i : wave)
                sum += runners[i].local ? runners[i].predictedBytes : 0;
            QVERIFY(sum <= s.budgetBytes);
        }
    }

    void gpuRunsCountAgainstTheGpu_data()
    {
        QTest::addColumn<QList<RunnerMemory>>("runners");
        QTest::addColumn<double>("hostGiB");
        QTest::addColumn<double>("gpuFreeGiB");
        QTest::addColumn<QList<QList<int>>>("waves");
        QTest::addColumn<QList<int>>("refused");
        QTest::addColumn<QString>("reasonPart");

        QTest::newRow("a GPU model and a CPU model use different memory: together")
            << QList<RunnerMemory>{onGpu(60), local(8)} << 12.0 << 70.0 << QList<QList<int>>{{0, 1}} << QList<int>{}
            << QString();
        QTest::newRow("two GPU models over the card's free memory: one after the other")
            << QList<RunnerMemory>{onGpu(40), onGpu(40)} << 64.0 << 70.0 << QList<QList<int>>{{0}, {1}}
            << QList<int>{} << QStringLiteral("The models on the GPU need 80.0 GiB together but only 70.0 GiB");
        QTest::newRow("all the free GPU memory is usable (no host-style 90% share)")
            << QList<RunnerMemory>{onGpu(35), onGpu(35)} << 4.0 << 70.0 << QList<QList<int>>{{0, 1}} << QList<int>{}
            << QString();
        QTest::newRow("GPU models never take the host's budget")
            << QList<RunnerMemory>{onGpu(20), onGpu(20), local(3)} << 4.0 << 48.0 << QList<QList<int>>{{0, 1, 2}}
            << QList<int>{} << QString();
        QTest::newRow("a GPU model larger than the free GPU memory is refused")
            << QList<RunnerMemory>{onGpu(90), local(2)} << 8.0 << 70.0 << QList<QList<int>>{{1}} << QList<int>{0}
            << QStringLiteral("need more GPU memory than is free (70.0 GiB)");
    }

    void gpuRunsCountAgainstTheGpu()
    {
        QFETCH(QList<RunnerMemory>, runners);
        QFETCH(double, hostGiB);
        QFETCH(double, gpuFreeGiB);
        QFETCH(QList<QList<int>>, waves);
        QFETCH(QList<int>, refused);
        QFETCH(QString, reasonPart);
        const Schedule s = decideSchedule(runners, quint64(hostGiB * double(GiB)), quint64(gpuFreeGiB * double(GiB)));
        QCOMPARE(s.waves, waves);
        QCOMPARE(s.refused, refused);
        QCOMPARE(s.gpuBudgetBytes, quint64(gpuFreeGiB * double(GiB)));
        QCOMPARE(s.reason.isEmpty(), reasonPart.isEmpty());
        QVERIFY2(s.reason.contains(reasonPart), qPrintable(s.reason));
        for (const QList<int> &wave : s.waves) {
            quint64 host = 0, gpu = 0;
            for (int i : wave)
                (runners[i].onGpu ? gpu : host) += runners[i].local ? runners[i].predictedBytes : 0;
            QVERIFY(host <= s.budgetBytes);
            QVERIFY(gpu <= s.gpuBudgetBytes);
        }
    }

    void chooseTarget_data()
    {
        QTest::addColumn<cuda::BackendChoice>("choice");
        QTest::addColumn<Discovery>("discovery");
        QTest::addColumn<double>("predictedGiB");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("gpuIndex");    // -1: the CPU
        QTest::addColumn<QString>("message"); // part of the note (ok) or of the error
        QTest::addColumn<QString>("gap");     // what the GPU kernels cannot run of the model

        const QString noDriver = QStringLiteral("no NVIDIA driver found (libcuda could not be loaded)");
        const Discovery none{noDriver, {}};
        const Discovery h100{{}, {device(0, "NVIDIA H100 80GB HBM3", true, 79)}};
        const Discovery t4ThenL4{{}, {device(0, "Tesla T4", false, 15), device(1, "NVIDIA L4", true, 22)}};
        const Discovery onlyT4{{}, {device(0, "Tesla T4", false, 15)}};
        using C = cuda::BackendChoice;

        QTest::newRow("cpu: the CPU, discovery not consulted") << C::Cpu << none << 4.0 << true << -1 << QString()
            << QString();
        QTest::newRow("auto without a driver: the CPU, saying why")
            << C::Auto << none << 4.0 << true << -1 << QStringLiteral("Running on the CPU: ") + noDriver << QString();
        QTest::newRow("cuda without a driver: an error saying why")
            << C::Cuda << none << 4.0 << false << -1 << QStringLiteral("Cannot run on the GPU: ") + noDriver
            << QString();
        QTest::newRow("auto: the model fits the H100") << C::Auto << h100 << 20.0 << true << 0 << QString()
            << QString();
        QTest::newRow("cuda: the model fits the H100") << C::Cuda << h100 << 20.0 << true << 0 << QString()
            << QString();
        QTest::newRow("an unsupported first device is passed over") << C::Auto << t4ThenL4 << 8.0 << true << 1 << QString()
            << QString();
        QTest::newRow("auto with only unsupported devices: the CPU")
            << C::Auto << onlyT4 << 2.0 << true << -1 << QStringLiteral("device 0 (Tesla T4): compute capability 7.5")
            << QString();
        QTest::newRow("auto: too large for the free memory, the CPU")
            << C::Auto << h100 << 100.0 << true << -1
            << QStringLiteral("the planner predicts 100.0 GiB on the NVIDIA H100 80GB HBM3 but only 79.0 GiB")
            << QString();
        QTest::newRow("cuda: too large for the free memory, an error")
            << C::Cuda << h100 << 100.0 << false << -1 << QStringLiteral("Cannot run on the GPU: the planner predicts")
            << QString();
        QTest::newRow("exactly the free memory fits") << C::Auto << h100 << 79.0 << true << 0 << QString() << QString();
        QTest::newRow("no prediction (0): the GPU is tried") << C::Auto << h100 << 0.0 << true << 0 << QString()
            << QString();
        const QString gap =
            QStringLiteral("the CUDA attention kernel takes heads of up to 256 dimensions; llama's have 512");
        QTest::newRow("auto: an architecture the kernels lack, the CPU")
            << C::Auto << h100 << 2.0 << true << -1 << QStringLiteral("Running on the CPU: ") + gap << gap;
        QTest::newRow("cuda: an architecture the kernels lack, an error")
            << C::Cuda << h100 << 2.0 << false << -1 << QStringLiteral("Cannot run on the GPU: ") + gap << gap;
        QTest::newRow("cpu: the gap does not matter") << C::Cpu << h100 << 2.0 << true << -1 << QString() << gap;
    }

    void chooseTarget()
    {
        QFETCH(cuda::BackendChoice, choice);
        QFETCH(Discovery, discovery);
        QFETCH(double, predictedGiB);
        QFETCH(bool, ok);
        QFETCH(int, gpuIndex);
        QFETCH(QString, message);
        QFETCH(QString, gap);
        int predictions = 0;
        const LocalTarget t = chooseLocalTarget(
            choice, discovery.result(),
            [&](const cuda::DeviceInfo &d) {
                ++predictions;
                // The prediction is asked for the device that will run the model.
                return d.supported ? quint64(predictedGiB * double(GiB)) : quint64(0);
            },
            gap);
        QCOMPARE(t.ok, ok);
        QCOMPARE(t.onGpu, gpuIndex >= 0);
        if (t.onGpu)
            QCOMPARE(t.device.index, gpuIndex);
        const QString said = ok ? t.note : t.error;
        QCOMPARE(said.isEmpty(), message.isEmpty());
        QVERIFY2(said.contains(message), qPrintable(said));
        QCOMPARE(t.note.isEmpty() || t.error.isEmpty(), true);  // never both
        if (choice == cuda::BackendChoice::Cpu || !gap.isEmpty())
            QCOMPARE(predictions, 0);
    }

    void reasonNamesTheNumbers()
    {
        const Schedule s = decideSchedule({local(8), local(8)}, 12 * GiB);
        QVERIFY2(s.reason.contains(QStringLiteral("16.0 GiB")), qPrintable(s.reason));
        QVERIFY2(s.reason.contains(QStringLiteral("10.8 GiB")), qPrintable(s.reason));
        QVERIFY2(s.reason.contains(QStringLiteral("one after the other")), qPrintable(s.reason));
    }

    void availableMemoryIsReadOnLinux()
    {
#ifdef Q_OS_LINUX
        QVERIFY(availableMemoryBytes() > 0);
#else
        QSKIP("reads /proc/meminfo");
#endif
    }
};

QTEST_GUILESS_MAIN(TestRunnerScheduler)
#include "tst_runners_scheduler.moc"
