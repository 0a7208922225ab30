#include "RunCoordinator.h"

#include <QCoreApplication>

#include <algorithm>

namespace ModelAtlas::Runners {

RunCoordinator::RunCoordinator(QList<Runner *> runners, QList<RunRequest> requests, quint64 availableBytes,
                               QObject *parent)
    : QObject(parent), m_runners(std::move(runners)), m_requests(std::move(requests)), m_availableBytes(availableBytes)
{
    Q_ASSERT(m_runners.size() == m_requests.size());
    qRegisterMetaType<Schedule>();
    const auto n = m_runners.size();
    m_plans.resize(n);
    m_havePlan.fill(false, n);
    m_done.fill(false, n);
    m_skip.fill(false, n);
    m_outcomes.resize(n);
}

RunCoordinator::~RunCoordinator()
{
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
}

void RunCoordinator::start()
{
    for (int i = 0; i < m_runners.size(); ++i) {
        Runner *r = m_runners[i];
        m_connections << connect(r, &Runner::prepared, this, [this, i](const RunnerPlan &plan) { onPrepared(i, plan); });
        m_connections << connect(r, &Runner::finished, this,
                                 [this, i](const RunOutcome &outcome) { onRunnerFinished(i, outcome); });
    }
    for (Runner *r : std::as_const(m_runners))
        r->prepare();
    if (m_runners.isEmpty())
        checkAllDone();
}

void RunCoordinator::onPrepared(int index, const RunnerPlan &plan)
{
    if (m_havePlan[index])
        return;
    m_havePlan[index] = true;
    m_plans[index] = plan;
    if (!std::all_of(m_havePlan.cbegin(), m_havePlan.cend(), [](bool b) { return b; }))
        return;

    QList<RunnerMemory> memory;
    QList<int> runnerOf;  // schedule position -> runner
    quint64 gpuFree = 0;  // every GPU plan names the same (first usable) device
    for (int i = 0; i < m_runners.size(); ++i) {
        if (!m_plans[i].ok)
            continue;
        memory.append({m_runners[i]->spec().isLocal(), m_plans[i].predictedBytes, m_plans[i].onGpu});
        runnerOf.append(i);
        if (m_plans[i].onGpu)
            gpuFree = std::max(gpuFree, m_plans[i].gpuFreeBytes);
    }
    const quint64 available = m_availableBytes > 0 ? m_availableBytes : availableMemoryBytes();
    const Schedule decided = decideSchedule(memory, available, gpuFree);
    // Back from schedule positions to runner indices.
    m_schedule = decided;
    for (QList<int> &wave : m_schedule.waves)
        for (int &i : wave)
            i = runnerOf[i];
    for (int &i : m_schedule.refused)
        i = runnerOf[i];
    emit scheduled(m_schedule);

    for (int i = 0; i < m_runners.size(); ++i) {
        if (!m_plans[i].ok)
            finishWithoutRunning(i, m_plans[i].error, false);
    }
    for (int i : std::as_const(m_schedule.refused)) {
        const QString why = m_plans[i].onGpu
            ? QCoreApplication::translate("ModelAtlas::Runners::RunCoordinator",
                                          "Not loaded: the planner estimates %1 of GPU memory for this model, more "
                                          "than the %2 free now. Choose a smaller quantization or context, or run it "
                                          "on the CPU.")
                  .arg(formatBytes(m_plans[i].predictedBytes), formatBytes(m_schedule.gpuBudgetBytes))
            : QCoreApplication::translate("ModelAtlas::Runners::RunCoordinator",
                                          "Not loaded: the planner estimates %1 for this model, more "
                                          "than the %2 of memory usable now. Choose a smaller "
                                          "quantization or context, or close other programs.")
                  .arg(formatBytes(m_plans[i].predictedBytes), formatBytes(m_schedule.budgetBytes));
        finishWithoutRunning(i, why, false);
    }
    startWave();
}

void RunCoordinator::startWave()
{
    ++m_wave;
    if (m_wave >= m_schedule.waves.size()) {
        checkAllDone();
        return;
    }
    const QList<int> &wave = m_schedule.waves[m_wave];
    const auto locals = std::count_if(wave.cbegin(), wave.cend(), [this](int i) { return m_runners[i]->spec().isLocal(); });
    m_waveRunning = int(wave.size());
    for (int i : wave) {
        if (m_cancelled || m_skip[i]) {
            finishWithoutRunning(i, {}, true);
            continue;
        }
        m_runners[i]->setMemoryShared(m_runners[i]->spec().isLocal() && locals > 1);
        emit runnerStarted(i);
        m_runners[i]->run(m_requests[i]);
    }
}

void RunCoordinator::finishWithoutRunning(int index, const QString &error, bool cancelled)
{
    RunOutcome out;
    out.cancelled = cancelled;
    out.error = error;
    onRunnerFinished(index, out);
}

void RunCoordinator::onRunnerFinished(int index, const RunOutcome &outcome)
{
    if (m_done[index])
        return;
    m_done[index] = true;
    m_outcomes[index] = outcome;
    emit runnerFinished(index, outcome);
    const bool inWave = m_wave >= 0 && m_wave < m_schedule.waves.size() && m_schedule.waves[m_wave].contains(index);
    if (!inWave)
        return;
    // More waves to come: this model's memory is needed by the next one.
    if (m_wave + 1 < m_schedule.waves.size())
        m_runners[index]->unload();
    if (--m_waveRunning == 0)
        startWave();
}

void RunCoordinator::cancelAll()
{
    m_cancelled = true;
    for (int i = 0; i < m_runners.size(); ++i) {
        if (m_done[i])
            continue;
        if (m_runners[i]->isBusy())
            m_runners[i]->cancel();
    }
}

void RunCoordinator::cancel(int index)
{
    if (index < 0 || index >= m_runners.size() || m_done[index])
        return;
    m_skip[index] = true;
    if (m_runners[index]->isBusy())
        m_runners[index]->cancel();
}

void RunCoordinator::checkAllDone()
{
    if (m_finished || !std::all_of(m_done.cbegin(), m_done.cend(), [](bool b) { return b; }))
        return;
    m_finished = true;
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    emit finished();
}

} // namespace ModelAtlas::Runners
