#pragma once
// LocalRunner's worker: everything that touches the engine, on LocalRunner's
// thread. Internal to core/runners.

#include "LocalPrediction.h"
#include "LocalTarget.h"
#include "RunnerTypes.h"

#include "modelatlas/engine/model/model.h"
#include "modelatlas/engine/runtime/session.h"
#include "modelatlas/engine/tokenizer/tokenizer.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

namespace ModelAtlas::Runners::Internal {

class LocalWorker final : public QObject
{
    Q_OBJECT

public:
    LocalWorker(RunnerSpec spec, std::shared_ptr<std::atomic<bool>> cancel);
    ~LocalWorker() override;

    void prepare();
    void run(const ModelAtlas::Runners::RunRequest &request, bool memoryShared);
    void unload();

signals:
    void prepared(const ModelAtlas::Runners::RunnerPlan &plan);
    void loadProgress(qint64 doneBytes, qint64 totalBytes);
    void tokenReceived(const QString &piece);
    void figuresChanged(const ModelAtlas::Runners::RunFigures &figures);
    void finished(const ModelAtlas::Runners::RunOutcome &outcome);

private:
    RunnerPlan inspect() const;
    // Where the run goes: the spec's backend choice against what CUDA
    // discovery lists and the planner's GPU prediction, kept in
    // *gpuPrediction for the plan when the GPU was considered.
    LocalTarget chooseTarget(const modelatlas::engine::Config &config, int contextLength,
                             LocalPrediction *gpuPrediction) const;
    // Loads the model, session and tokenizer unless loaded; an error message otherwise.
    QString ensureLoaded();
    // Why a CPU run of this size cannot start now; empty when it fits.
    QString hostMemoryShortage(quint64 predictedBytes) const;
    // The conversation as the token ids the model expects.
    std::vector<int32_t> promptTokens(const RunRequest &request) const;

    RunnerSpec m_spec;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<const modelatlas::engine::Model> m_model;
    std::unique_ptr<modelatlas::engine::Session> m_session;
    std::optional<modelatlas::engine::Tokenizer> m_tokenizer;
    LocalModelFacts m_facts;
    bool m_onGpu = false;
    QString m_note;             // why the loaded session runs on the CPU although the GPU was allowed
    quint64 m_predictedBytes = 0;
    double m_predictedDecodeTokS = 0;
    quint64 m_baselineRss = 0;  // resident memory before the load: growth beyond it is the model's
};

} // namespace ModelAtlas::Runners::Internal
