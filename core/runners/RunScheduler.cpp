#include "RunScheduler.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringList>

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

Schedule decideSchedule(const QList<RunnerMemory> &runners, quint64 availableBytes, quint64 gpuFreeBytes)
{
    Schedule s;
    s.budgetBytes = quint64(double(availableBytes) * kMemoryBudgetShare);
    s.gpuBudgetBytes = gpuFreeBytes;
    const auto budgetOf = [&s](const RunnerMemory &r) { return r.onGpu ? s.gpuBudgetBytes : s.budgetBytes; };
    QList<int> first;
    QList<int> locals;
    quint64 total[2] = {0, 0};     // host, GPU
    int refusedOn[2] = {0, 0};
    for (int i = 0; i < runners.size(); ++i) {
        const RunnerMemory &r = runners[i];
        if (!r.local) {
            first.append(i);
        } else if (r.predictedBytes > budgetOf(r)) {
            s.refused.append(i);
            ++refusedOn[r.onGpu];
        } else {
            locals.append(i);
            total[r.onGpu] += r.predictedBytes;
        }
    }
    // Packs the locals in pane order: a wave takes runners while their sums
    // fit, so results arrive in the order the user reads the panes.
    QList<QList<int>> waves{first};
    quint64 waveBytes[2] = {0, 0};
    bool firstHasLocal = false;
    for (int i : locals) {
        const RunnerMemory &r = runners[i];
        if (firstHasLocal && waveBytes[r.onGpu] + r.predictedBytes > budgetOf(r)) {
            waves.append(QList<int>{});
            waveBytes[0] = waveBytes[1] = 0;
        }
        waves.last().append(i);
        waveBytes[r.onGpu] += r.predictedBytes;
        firstHasLocal = true;
    }
    if (waves.size() == 1 && waves.front().isEmpty())
        waves.clear();
    s.waves = waves;
    QStringList reasons;
    if (s.waves.size() > 1 && total[0] > s.budgetBytes) {
        reasons << Text::tr("The local models need %1 together but only %2 of memory is available for them "
                            "(%3 free), so they run one after the other.")
                       .arg(formatBytes(total[0]), formatBytes(s.budgetBytes), formatBytes(availableBytes));
    }
    if (s.waves.size() > 1 && total[1] > s.gpuBudgetBytes) {
        reasons << Text::tr("The models on the GPU need %1 together but only %2 of its memory is free, so they run "
                            "one after the other.")
                       .arg(formatBytes(total[1]), formatBytes(s.gpuBudgetBytes));
    }
    if (refusedOn[0] > 0) {
        reasons << Text::tr("%n model(s) need more memory than is available (%1 usable) and will not be loaded.",
                            nullptr, refusedOn[0])
                       .arg(formatBytes(s.budgetBytes));
    }
    if (refusedOn[1] > 0) {
        reasons << Text::tr("%n model(s) need more GPU memory than is free (%1) and will not be loaded.", nullptr,
                            refusedOn[1])
                       .arg(formatBytes(s.gpuBudgetBytes));
    }
    s.reason = reasons.join(QLatin1Char(' '));
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
