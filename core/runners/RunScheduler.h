#pragma once
// Decides whether the local runners of one prompt run at the same time or one
// after the other, from the planner's memory predictions, so that loading
// several models never exhausts memory. Models on the GPU count against its
// free memory, the others against the host's. Pure: the caller supplies the
// available memory (availableMemoryBytes() reads it on Linux).

#include <QList>
#include <QString>

namespace ModelAtlas::Runners {

struct RunnerMemory
{
    bool local = true;
    quint64 predictedBytes = 0;  // ignored for remote runners
    bool onGpu = false;          // predictedBytes are GPU memory
};

struct Schedule
{
    // Runner indices that run together; each wave starts when the previous
    // one has finished (and unloaded its models). Remote runners use no local
    // memory and always run in the first wave.
    QList<QList<int>> waves;
    QList<int> refused;   // local runners that do not fit even alone: never loaded
    bool concurrent() const { return waves.size() <= 1; }
    QString reason;       // why, in a sentence the user sees; empty when all run at once
    quint64 budgetBytes = 0;     // host memory the models may take
    quint64 gpuBudgetBytes = 0;  // GPU memory the models on it may take
};

// The share of available memory the models may take: the rest is for the app,
// the OS and the estimate's own error.
constexpr double kMemoryBudgetShare = 0.9;

// gpuFreeBytes: free memory of the GPU the onGpu runners load onto. All of it
// is theirs: the planner's GPU prediction already holds the runtime overhead.
Schedule decideSchedule(const QList<RunnerMemory> &runners, quint64 availableBytes, quint64 gpuFreeBytes = 0);

// MemAvailable from /proc/meminfo (Linux); 0 when unknown.
quint64 availableMemoryBytes();

// "1.5 GiB", "512 MiB": the unit the scheduler's messages use.
QString formatBytes(quint64 bytes);

} // namespace ModelAtlas::Runners
