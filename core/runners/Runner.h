#pragma once
// One pane's source of text: a local GGUF file run by the embedded engine or a
// remote OpenAI-compatible endpoint. Both report through the same signals, on
// the thread that owns the Runner, so front ends and RunCoordinator treat them
// alike.

#include "RunnerTypes.h"

#include <QObject>

namespace ModelAtlas::Runners {

class Runner : public QObject
{
    Q_OBJECT

public:
    explicit Runner(RunnerSpec spec, QObject *parent = nullptr) : QObject(parent), m_spec(std::move(spec)) {}
    ~Runner() override = default;

    const RunnerSpec &spec() const { return m_spec; }

    // Finds out what the runner will need (a local file's header: memory for
    // its context) without loading anything; prepared() follows.
    virtual void prepare() = 0;
    // Loads (local, first time) and answers the request, streaming tokens;
    // finished() follows exactly once per run, also after cancel() or an error.
    virtual void run(const RunRequest &request) = 0;
    // Ends the current load or generation soon; finished() reports cancelled.
    virtual void cancel() = 0;
    // Frees the loaded model (the scheduler makes room for the next wave).
    virtual void unload() {}
    bool isBusy() const { return m_busy; }
    // Other local runners share this process while this one runs: its memory
    // figure is the process's growth, not its own.
    void setMemoryShared(bool shared) { m_memoryShared = shared; }

signals:
    void prepared(const ModelAtlas::Runners::RunnerPlan &plan);
    void loadProgress(qint64 doneBytes, qint64 totalBytes);
    void tokenReceived(const QString &piece);
    void figuresChanged(const ModelAtlas::Runners::RunFigures &figures);
    void finished(const ModelAtlas::Runners::RunOutcome &outcome);

protected:
    void setBusy(bool busy) { m_busy = busy; }
    bool memoryShared() const { return m_memoryShared; }

private:
    RunnerSpec m_spec;
    bool m_busy = false;
    bool m_memoryShared = false;
};

} // namespace ModelAtlas::Runners
