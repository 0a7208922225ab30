// RunScheduler: which local runners may share memory, decided from the
// planner's predictions, for many mixes of sizes.
#include "runners/RunScheduler.h"

#include <QTest>

using namespace ModelAtlas::Runners;

namespace {
constexpr quint64 GiB = 1024ull * 1024 * 1024;

RunnerMemory local(double gib)
{
    return {true, quint64(gib * double(GiB))};
}
RunnerMemory remote()
{
    return {false, 0};
}
} // namespace

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
