#pragma once
// Runs one prompt on several runners: asks every runner what it needs
// (prepare), decides with decideSchedule() whether the local models fit in
// memory together, then runs them at once or wave after wave, unloading each
// wave's models before the next loads. Used by the Playground page and by
// `modelatlas-cli side-by-side`, so both schedule and measure the same way.

#include "RunScheduler.h"
#include "Runner.h"

#include <QList>
#include <QMetaObject>
#include <QObject>

namespace ModelAtlas::Runners {

class RunCoordinator final : public QObject
{
    Q_OBJECT

public:
    // requests[i] goes to runners[i]. availableBytes 0: read the machine's
    // available memory when the plans are in.
    RunCoordinator(QList<Runner *> runners, QList<RunRequest> requests, quint64 availableBytes = 0,
                   QObject *parent = nullptr);
    ~RunCoordinator() override;

    void start();
    // Cancels the running runners; those still waiting finish as cancelled.
    void cancelAll();
    // The same for one runner (a pane's Stop button).
    void cancel(int index);

    bool isFinished() const { return m_finished; }
    const Schedule &schedule() const { return m_schedule; }
    const QList<RunnerPlan> &plans() const { return m_plans; }
    const QList<RunOutcome> &outcomes() const { return m_outcomes; }

signals:
    // The plans are in and the schedule is decided (schedule.reason says why
    // when the runners do not all run at once).
    void scheduled(const ModelAtlas::Runners::Schedule &schedule);
    void runnerStarted(int index);
    void runnerFinished(int index, const ModelAtlas::Runners::RunOutcome &outcome);
    void finished();

private:
    void onPrepared(int index, const RunnerPlan &plan);
    void onRunnerFinished(int index, const RunOutcome &outcome);
    void startWave();
    void finishWithoutRunning(int index, const QString &error, bool cancelled);
    void checkAllDone();

    QList<Runner *> m_runners;
    QList<RunRequest> m_requests;
    quint64 m_availableBytes = 0;
    QList<RunnerPlan> m_plans;
    QList<bool> m_havePlan;
    QList<bool> m_done;
    QList<bool> m_skip;  // cancelled before its wave started
    QList<RunOutcome> m_outcomes;
    QList<QMetaObject::Connection> m_connections;
    Schedule m_schedule;
    int m_wave = -1;
    int m_waveRunning = 0;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace ModelAtlas::Runners

Q_DECLARE_METATYPE(ModelAtlas::Runners::Schedule)
