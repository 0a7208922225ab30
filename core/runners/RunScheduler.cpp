#include "RunScheduler.h"

#include <QCoreApplication>
#include <QFile>

namespace ModelAtlas::Runners {

namespace {
// The translation context of this file's messages (lupdate reads the macro).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ModelAtlas::Runners::RunScheduler)
};
} // namespace

QString formatBytes(quint64 bytes)
{
    const double mib = double(bytes) / (1024.0 * 1024.0);
    if (mib >= 1024.0)
        return QStringLiteral("%1 GiB").arg(mib / 1024.0, 0, 'f', 1);
    if (mib >= 1.0)
        return QStringLiteral("%1 MiB").arg(mib, 0, 'f', 1);
    return QStringLiteral("%1 KiB").arg(double(bytes) / 1024.0, 0, 'f', 1);
}

Schedule decideSchedule(const QList<RunnerMemory> &runners, quint64 availableBytes)
{
    Schedule s;
    s.budgetBytes = quint64(double(availableBytes) * kMemoryBudgetShare);
    QList<int> first;
    QList<int> locals;
    quint64 total = 0;
    for (int i = 0; i < runners.size(); ++i) {
        if (!runners[i].local) {
            first.append(i);
        } else if (runners[i].predictedBytes > s.budgetBytes) {
            s.refused.append(i);
        } else {
            locals.append(i);
            total += runners[i].predictedBytes;
        }
    }
    // Packs the locals in pane order: a wave takes runners while their sum
    // fits, so results arrive in the order the user reads the panes.
    QList<QList<int>> waves{first};
    quint64 waveBytes = 0;
    bool firstHasLocal = false;
    for (int i : locals) {
        const quint64 need = runners[i].predictedBytes;
        if (firstHasLocal && waveBytes + need > s.budgetBytes) {
            waves.append(QList<int>{});
            waveBytes = 0;
        }
        waves.last().append(i);
        waveBytes += need;
        firstHasLocal = true;
    }
    if (waves.size() == 1 && waves.front().isEmpty())
        waves.clear();
    s.waves = waves;
    if (s.waves.size() > 1) {
        s.reason = Text::tr("The local models need %1 together but only %2 of memory is available for them "
                      "(%3 free), so they run one after the other.")
                       .arg(formatBytes(total), formatBytes(s.budgetBytes), formatBytes(availableBytes));
    }
    if (!s.refused.isEmpty()) {
        const QString refused = Text::tr("%n model(s) need more memory than is available (%1 usable) and will not be loaded.",
                                         nullptr, int(s.refused.size()));
        s.reason = s.reason.isEmpty() ? refused.arg(formatBytes(s.budgetBytes))
                                      : s.reason + QLatin1Char(' ') + refused.arg(formatBytes(s.budgetBytes));
    }
    return s;
}

quint64 availableMemoryBytes()
{
    QFile f(QStringLiteral("/proc/meminfo"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    // readAll(), not atEnd()/readLine(): procfs files report size 0, so atEnd() is true at once.
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("MemAvailable:")) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            if (parts.size() >= 2)
                return parts[1].toULongLong() * 1024;  // the file counts in kB
        }
    }
    return 0;
}

} // namespace ModelAtlas::Runners
