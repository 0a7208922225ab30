#include "LocalRunner.h"

#include "FileHash.h"
#include "LocalPrediction.h"
#include "LocalTarget.h"
#include "LocalWorker.h"
#include "RunScheduler.h"
#include "planner/Efficiency.h"

#include "modelatlas/engine/chat/chat_template.h"
#include "modelatlas/engine/cuda/backend_choice.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>

namespace ModelAtlas::Runners {

namespace engine = modelatlas::engine;
namespace cuda = modelatlas::engine::cuda;

namespace {
// Engine messages usually name the file already; say which file otherwise.
QString aboutFile(const QString &path, const std::string &message)
{
    const QString text = QString::fromStdString(message);
    return text.contains(path) ? text : QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), text);
}

// The engine's notes are clauses ("running on the CPU: ..."); the pane shows sentences.
QString asSentence(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    if (!text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    return text;
}

// Live figures go to the GUI ten times a second, not per token: a small model
// makes thousands of tokens a second and each signal is a queued event.
constexpr qint64 kFiguresIntervalMs = 100;
} // namespace

namespace Internal {

LocalWorker::LocalWorker(RunnerSpec spec, std::shared_ptr<std::atomic<bool>> cancel)
    : m_spec(std::move(spec)), m_cancel(std::move(cancel))
{
}

LocalWorker::~LocalWorker() = default;

RunnerPlan LocalWorker::inspect() const
{
    RunnerPlan plan;
    const auto info = engine::inspectModel(m_spec.path.toStdString());
    if (!info) {
        plan.ok = false;
        plan.error = aboutFile(m_spec.path, info.message());
        return plan;
    }
    int ctx = m_spec.contextLength > 0 ? m_spec.contextLength : 4096;
    if (info->config.contextLength > 0)
        ctx = std::min(ctx, info->config.contextLength);
    if (const std::string problem = engine::kvCacheTypeProblem(m_spec.kvType, info->config.headDim); !problem.empty()) {
        plan.ok = false;
        plan.error = tr("%1: %2.").arg(QFileInfo(m_spec.path).fileName(), QString::fromStdString(problem));
        return plan;
    }
    LocalPrediction onGpu;
    const LocalTarget target = chooseTarget(info->config, ctx, &onGpu);
    if (!target.ok) {
        plan.ok = false;
        plan.error = target.error;
        return plan;
    }
    plan.onGpu = target.onGpu;
    plan.note = target.note;
    if (target.onGpu) {
        plan.cudaDevice = target.device.index;
        plan.gpuName = QString::fromStdString(target.device.name);
        plan.gpuFreeBytes = target.device.freeMemoryBytes;
        plan.gpuBandwidthGBs = target.device.peakBandwidthGBs;
    }
    // The planner's prediction; the engine's own estimate where the planner
    // cannot read the file (an architecture it does not know).
    const LocalPrediction predicted =
        target.onGpu ? onGpu : predictLocalRun(m_spec.path, ctx, m_spec.threads, nullptr, m_spec.kvType);
    plan.predictedBytes = predicted.ok ? predicted.bytes : info->estimateBytes(ctx);
    plan.predictedDecodeTokS = predicted.decodeTokS;
    plan.cpuBandwidthGBs = predicted.cpuBandwidthGBs;
    plan.fileType = predicted.fileType;
    plan.architecture = QString::fromStdString(info->config.architecture);
    plan.modelName = QString::fromStdString(info->config.name);
    return plan;
}

LocalTarget LocalWorker::chooseTarget(const engine::Config &config, int contextLength,
                                      LocalPrediction *gpuPrediction) const
{
    // Not even discovery for the CPU: it would create a CUDA context, which
    // takes GPU memory for as long as the process lives.
    if (m_spec.backend == cuda::BackendChoice::Cpu)
        return {};
    return chooseLocalTarget(m_spec.backend, cuda::discoverDevices(),
                             [this, contextLength, gpuPrediction](const cuda::DeviceInfo &d) {
                                 *gpuPrediction = predictLocalRun(m_spec.path, contextLength, m_spec.threads, &d,
                                                                  m_spec.kvType);
                                 return gpuPrediction->ok ? gpuPrediction->bytes : quint64(0);
                             },
                             QString::fromStdString(cuda::cudaArchitectureGap(config)));
}

void LocalWorker::prepare()
{
    emit prepared(inspect());
}

QString LocalWorker::ensureLoaded()
{
    if (m_model && m_session && m_tokenizer)
        return {};
    const RunnerPlan plan = inspect();
    if (!plan.ok)
        return plan.error;
    // The last check before committing memory: the scheduler decided from the
    // same estimate, but other programs may have taken memory since. (A GPU
    // plan was checked against the device's free memory as it was made.)
    if (!plan.onGpu) {
        if (const QString tooLarge = hostMemoryShortage(plan.predictedBytes); !tooLarge.isEmpty())
            return tooLarge;
    }
    m_predictedBytes = plan.predictedBytes;
    m_predictedDecodeTokS = plan.predictedDecodeTokS;
    m_facts.cpuBandwidthGBs = plan.cpuBandwidthGBs;
    const auto hash = quickFileHash(m_spec.path);
    if (!hash)
        return hash.error();

    m_baselineRss = engine::currentRssBytes();
    const qint64 fileBytes = QFileInfo(m_spec.path).size();
    engine::LoadOptions options;
    options.cancel = m_cancel.get();
    options.progress = [this, fileBytes](float fraction) {
        emit loadProgress(qint64(double(fraction) * double(fileBytes)), fileBytes);
    };
    auto model = engine::Model::load(m_spec.path.toStdString(), options);
    if (!model) {
        if (m_cancel->load())
            return {};  // the caller reports the cancellation
        return tr("Cannot load the model: %1").arg(aboutFile(m_spec.path, model.message()));
    }
    auto tokenizer = engine::Tokenizer::fromGguf(model.value()->file());
    if (!tokenizer)
        return tr("Cannot read the vocabulary: %1").arg(aboutFile(m_spec.path, tokenizer.message()));
    engine::SessionOptions sessionOptions;
    sessionOptions.contextLength = std::min(m_spec.contextLength, std::max(1, model.value()->config().contextLength));
    sessionOptions.threads = m_spec.threads;
    sessionOptions.kvType = m_spec.kvType;
    // "auto" keeps its fallback to the CPU should the GPU refuse the load
    // after all (another program took its memory since the plan).
    const cuda::BackendChoice choice = plan.onGpu ? m_spec.backend : cuda::BackendChoice::Cpu;
    auto opened = cuda::openSession(model.value(), sessionOptions, choice, std::max(0, plan.cudaDevice));
    if (!opened)
        return tr("Cannot start a session: %1").arg(aboutFile(m_spec.path, opened.message()));
    m_onGpu = opened->onGpu;
    m_note = plan.note;
    if (plan.onGpu && !m_onGpu) {
        m_note = asSentence(QString::fromStdString(opened->fallbackNote));
        const LocalPrediction onCpu =
            predictLocalRun(m_spec.path, sessionOptions.contextLength, m_spec.threads, nullptr, m_spec.kvType);
        if (onCpu.ok) {
            m_predictedBytes = onCpu.bytes;
            m_predictedDecodeTokS = onCpu.decodeTokS;
            m_facts.cpuBandwidthGBs = onCpu.cpuBandwidthGBs;
        }
        if (const QString tooLarge = hostMemoryShortage(m_predictedBytes); !tooLarge.isEmpty())
            return tooLarge;
    }

    m_model = std::move(model.value());
    m_tokenizer = std::move(tokenizer.value());
    m_session = std::move(opened->session);
    m_facts.fileHash = hash.value();
    m_facts.modelName = plan.modelName.isEmpty() ? QFileInfo(m_spec.path).completeBaseName() : plan.modelName;
    m_facts.architecture = plan.architecture;
    m_facts.quantization = plan.fileType.isEmpty() ? QString::fromStdString(m_model->info().dominantType) : plan.fileType;
    m_facts.contextLength = m_session->contextLength();
    m_facts.threads = m_session->threads();
    m_facts.backend = QString::fromLatin1(
        Planner::backendId(m_onGpu ? Planner::Backend::ModelAtlasCuda : Planner::Backend::ModelAtlasCpu));
    m_facts.gpuName = m_onGpu ? plan.gpuName : QString();
    m_facts.gpuBandwidthGBs = m_onGpu ? plan.gpuBandwidthGBs : 0.0;
    return {};
}

QString LocalWorker::hostMemoryShortage(quint64 predictedBytes) const
{
    const quint64 available = availableMemoryBytes();
    const quint64 budget = quint64(double(available) * kMemoryBudgetShare);
    if (available == 0 || predictedBytes <= budget)
        return {};
    return tr("%1 is too large for this machine's memory: the planner estimates %2 for a %3-token context, but "
              "only %4 is available (%5 usable). Choose a smaller quantization or context, or close other programs.")
        .arg(QFileInfo(m_spec.path).fileName(), formatBytes(predictedBytes))
        .arg(m_spec.contextLength)
        .arg(formatBytes(available), formatBytes(budget));
}

std::vector<int32_t> LocalWorker::promptTokens(const RunRequest &request) const
{
    const engine::ChatTemplate chat = engine::ChatTemplate::detect(m_tokenizer->chatTemplate());
    if (!chat.supported()) {
        // A model without a (recognised) chat template is a completion model:
        // it continues the text as written, so the turns are joined verbatim.
        QStringList parts;
        if (!request.systemPrompt.isEmpty())
            parts << request.systemPrompt;
        for (const ChatTurn &t : request.history)
            parts << t.content;
        return m_tokenizer->encode(parts.join(QLatin1Char('\n')).toStdString(), true, false);
    }
    std::vector<engine::ChatMessage> messages;
    if (!request.systemPrompt.isEmpty())
        messages.push_back({"system", request.systemPrompt.toStdString()});
    for (const ChatTurn &t : request.history)
        messages.push_back({t.role.toStdString(), t.content.toStdString()});
    // parseSpecial: the template's own control tokens; the user's text was
    // placed by the template and cannot smuggle control tokens in any other way.
    return m_tokenizer->encode(chat.render(messages).text, true, true);
}

void LocalWorker::run(const RunRequest &request, bool memoryShared)
{
    RunOutcome out;
    out.figures.memoryShared = memoryShared;
    const QString loadError = ensureLoaded();
    if (m_cancel->load() || !loadError.isEmpty() || !m_model) {
        out.cancelled = m_cancel->load();
        out.error = out.cancelled ? QString() : loadError;
        emit finished(out);
        return;
    }
    out.local = m_facts;
    out.note = m_note;
    out.figures.onGpu = m_onGpu;
    out.figures.device = QString::fromStdString(m_session->backendDescription());
    out.figures.predictedBytes = m_predictedBytes;
    out.figures.predictedDecodeTokS = m_predictedDecodeTokS;
    out.figures.loadMs = m_model->loadMs();  // also on later runs: the measurement's load_ms is the model's

    const std::vector<int32_t> prompt = promptTokens(request);
    out.figures.promptTokens = int(prompt.size());
    quint64 peakRss = engine::currentRssBytes();
    const auto measurePeak = [&] {
        if (m_onGpu) {
            // What the process took on the device (cudaMemGetInfo), runtime
            // included, plus the CUDA context where the driver reports it: the
            // planner's GPU lines count both. The allocator's own high-water
            // mark where the driver cannot say.
            const engine::BackendMemory memory = m_session->memory();
            const quint64 used = memory.deviceUsedBytes > 0 ? memory.deviceUsedBytes : memory.peakBytes;
            out.figures.peakBytes = std::max<quint64>(out.figures.peakBytes, used + memory.contextBytes);
            return;
        }
        peakRss = std::max<quint64>(peakRss, engine::currentRssBytes());
        out.figures.peakBytes = peakRss > m_baselineRss ? peakRss - m_baselineRss : 0;
    };

    engine::TokenStreamDecoder decoder(*m_tokenizer);
    engine::GenerateOptions options;
    options.maxTokens = request.sampling.maxTokens;
    options.stopAtEos = request.sampling.stopAtEos;
    options.cancel = m_cancel.get();
    options.sampling.temperature = float(request.sampling.temperature);
    options.sampling.topK = request.sampling.topK;
    options.sampling.topP = float(request.sampling.topP);
    options.sampling.minP = float(request.sampling.minP);
    options.sampling.repeatPenalty = float(request.sampling.repeatPenalty);
    options.sampling.seed = request.sampling.seed;
    QElapsedTimer clock;
    clock.start();
    qint64 firstTokenNs = -1;
    qint64 lastFiguresMs = -kFiguresIntervalMs;
    options.onToken = [&](int32_t token) {
        const qint64 now = clock.nsecsElapsed();
        if (firstTokenNs < 0) {
            firstTokenNs = now;
            out.figures.ttftMs = double(now) / 1e6;
            out.figures.prefillTokS = out.figures.ttftMs > 0 ? out.figures.promptTokens / (out.figures.ttftMs / 1e3) : 0;
        }
        ++out.figures.outputTokens;
        if (out.figures.outputTokens > 1 && now > firstTokenNs)
            out.figures.decodeTokS = (out.figures.outputTokens - 1) / (double(now - firstTokenNs) / 1e9);
        const QString piece = QString::fromStdString(decoder.push(token));
        if (!piece.isEmpty()) {
            out.text += piece;
            emit tokenReceived(piece);
        }
        if (clock.elapsed() - lastFiguresMs >= kFiguresIntervalMs) {
            lastFiguresMs = clock.elapsed();
            measurePeak();
            emit figuresChanged(out.figures);
        }
        return true;
    };
    m_session->reset();
    const auto result = m_session->generate(prompt, options);
    const QString tail = QString::fromStdString(decoder.flush());
    if (!tail.isEmpty()) {
        out.text += tail;
        emit tokenReceived(tail);
    }
    measurePeak();
    if (!result) {
        out.cancelled = m_cancel->load();
        if (!out.cancelled)
            out.error = tr("Generation failed: %1").arg(QString::fromStdString(result.message()));
        emit finished(out);
        return;
    }
    const engine::GenerationStats &stats = result->stats;
    out.figures.ttftMs = stats.ttftMs;
    out.figures.prefillTokS = stats.prefillTokPerS;
    out.figures.decodeTokS = stats.decodeTokPerS;
    out.figures.promptTokens = stats.promptTokens;
    out.figures.outputTokens = stats.generatedTokens;
    out.cancelled = result->stopReason == engine::StopReason::Cancelled;
    out.ok = !out.cancelled;
    out.stopReason = QString::fromLatin1(engine::stopReasonName(result->stopReason));
    emit figuresChanged(out.figures);
    emit finished(out);
}

void LocalWorker::unload()
{
    m_session.reset();
    m_tokenizer.reset();
    m_model.reset();
    m_facts = {};
    m_onGpu = false;
    m_note.clear();
}

} // namespace Internal

LocalRunner::LocalRunner(RunnerSpec spec, QObject *parent)
    : Runner(std::move(spec), parent), m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    qRegisterMetaType<RunRequest>();
    qRegisterMetaType<RunFigures>();
    qRegisterMetaType<RunOutcome>();
    qRegisterMetaType<RunnerPlan>();
    m_thread.setObjectName(QStringLiteral("LocalRunner"));
    m_worker = new Internal::LocalWorker(this->spec(), m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // The worker emits on its thread; AutoConnection queues these to ours.
    connect(m_worker, &Internal::LocalWorker::prepared, this, &Runner::prepared);
    connect(m_worker, &Internal::LocalWorker::loadProgress, this, &Runner::loadProgress);
    connect(m_worker, &Internal::LocalWorker::tokenReceived, this, &Runner::tokenReceived);
    connect(m_worker, &Internal::LocalWorker::figuresChanged, this, &Runner::figuresChanged);
    connect(m_worker, &Internal::LocalWorker::finished, this, [this](const RunOutcome &outcome) {
        setBusy(false);
        emit finished(outcome);
    });
    m_thread.start();
}

LocalRunner::~LocalRunner()
{
    m_cancel->store(true);  // a running generation ends within one token, so wait() is short
    m_thread.quit();
    m_thread.wait();
}

void LocalRunner::prepare()
{
    Internal::LocalWorker *worker = m_worker;
    QMetaObject::invokeMethod(m_worker, [worker] { worker->prepare(); }, Qt::QueuedConnection);
}

void LocalRunner::run(const RunRequest &request)
{
    // Cleared here, before queuing, so a cancel() issued after run() is never lost.
    m_cancel->store(false);
    setBusy(true);
    Internal::LocalWorker *worker = m_worker;
    const bool shared = memoryShared();
    QMetaObject::invokeMethod(m_worker, [worker, request, shared] { worker->run(request, shared); },
                              Qt::QueuedConnection);
}

void LocalRunner::cancel()
{
    m_cancel->store(true);
}

void LocalRunner::unload()
{
    Internal::LocalWorker *worker = m_worker;
    QMetaObject::invokeMethod(m_worker, [worker] { worker->unload(); }, Qt::QueuedConnection);
}

} // namespace ModelAtlas::Runners
