#pragma once
// A GGUF file run by the embedded engine. Loading and generation run on a
// worker QThread owned by the runner; the engine polls a cancel flag between
// tensors (load) and layers (generation), so cancel() takes effect within one
// token. The loaded model stays in memory for the next run (regenerate, the
// next turn) until unload().

#include "Runner.h"

#include <QThread>

#include <atomic>
#include <memory>

namespace ModelAtlas::Runners {

namespace Internal {
class LocalWorker;
}

class LocalRunner final : public Runner
{
    Q_OBJECT

public:
    explicit LocalRunner(RunnerSpec spec, QObject *parent = nullptr);
    ~LocalRunner() override;

    void prepare() override;
    void run(const RunRequest &request) override;
    void cancel() override;
    void unload() override;

private:
    QThread m_thread;
    Internal::LocalWorker *m_worker = nullptr;  // lives on m_thread, deleted there
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace ModelAtlas::Runners
