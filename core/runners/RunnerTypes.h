#pragma once
// Plain data shared by the runners, the scheduler, the stores and the front
// ends: what a runner is, what it is asked, and what it measured.

#include "modelatlas/engine/cuda/backend_choice.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace ModelAtlas::Runners {

// Where a pane's text comes from.
struct RunnerSpec
{
    enum class Kind { Local, Remote };
    Kind kind = Kind::Local;
    QString path;           // Local: the GGUF file
    int contextLength = 4096;
    int threads = 0;        // Local: 0 = all hardware threads
    QString baseUrl;        // Remote: "http://host:8000/v1" (an OpenAI-compatible API)
    QString model;          // Remote: the served model's name
    QString apiKey;         // Remote: sent as a Bearer token when set
    int timeoutMs = 60000;  // Remote: no byte for this long ends the run with an error
    // Local: the GPU when one can hold the model (Auto), always the CPU, or
    // the GPU or an error saying why not (Cuda).
    modelatlas::engine::cuda::BackendChoice backend = modelatlas::engine::cuda::BackendChoice::Auto;
    // Local: how the KV cache stores K and V (q8_0: 47% less memory, heads of a multiple of 32).
    modelatlas::engine::KvCacheType kvType = modelatlas::engine::KvCacheType::F16;

    bool isLocal() const { return kind == Kind::Local; }
    // What the pane shows when identities are not hidden.
    QString displayName() const;
};

struct ChatTurn
{
    QString role;    // "system", "user", "assistant"
    QString content;
};

struct Sampling
{
    double temperature = 0.0;  // <= 0: greedy
    int topK = 40;
    double topP = 0.95;
    double minP = 0.05;
    double repeatPenalty = 1.0;
    quint64 seed = 0;
    int maxTokens = 256;
    bool stopAtEos = true;     // false: always produce maxTokens (benchmarks, golden tests)
};

// One request to one runner: the conversation so far (ending with the user's
// turn) and how to sample the answer.
struct RunRequest
{
    QString systemPrompt;
    QList<ChatTurn> history;
    Sampling sampling;
};

// What a runner measured; zero where not (yet) known.
struct RunFigures
{
    double loadMs = 0;
    double ttftMs = 0;
    double prefillTokS = 0;
    double decodeTokS = 0;
    int promptTokens = 0;
    int outputTokens = 0;
    quint64 peakBytes = 0;       // Local: resident-memory growth since before the load (CPU), or
                                 // the device memory the session took (GPU)
    quint64 predictedBytes = 0;  // Local: the planner's estimate for this context, on the same device
    double predictedDecodeTokS = 0; // Local: the planner's decode estimate (0: none)
    bool memoryShared = false;   // other local runners ran in the same process meanwhile
    bool onGpu = false;          // Local: the CUDA backend ran it, so the memory figures are the GPU's
    QString device;              // Local: "CPU (avx2, 8 threads)", "CUDA (NVIDIA H100 80GB HBM3)"
    // Signed error of the prediction against the measurement, in percent; 0 when unknown.
    double memoryErrorPercent() const;
};

// Facts about a loaded local model that a stored measurement needs.
struct LocalModelFacts
{
    QString fileHash;      // quickFileHash(): stable across runs, cheap on huge files
    QString modelName;     // general.name, else the file name
    QString architecture;
    QString quantization;  // the file type ("Q4_K_M"), else the weight type holding most bytes ("Q4_K")
    int contextLength = 0;
    int threads = 0;
    double cpuBandwidthGBs = 0;  // the machine's measured read bandwidth (calibration needs it)
    QString backend;             // the planner's backend id: "modelatlas-cpu" or "modelatlas-cuda"
    QString gpuName;             // the GPU as the driver names it; empty on the CPU
    double gpuBandwidthGBs = 0;  // its peak memory bandwidth
};

struct RunOutcome
{
    bool ok = false;
    bool cancelled = false;
    QString error;       // a sentence the user can act on when !ok && !cancelled
    QString text;        // everything generated (also the partial text of a failed run)
    QString stopReason;  // "stop token", "max tokens", ...
    QString note;        // Local: why it ran on the CPU although the GPU was allowed; empty otherwise
    RunFigures figures;
    LocalModelFacts local;  // local runners only (empty fileHash: not loaded)
};

// What is known about a local file before loading it (header only).
struct RunnerPlan
{
    bool ok = true;
    QString error;
    quint64 predictedBytes = 0;  // 0 for remote runners: they use no local memory
    double predictedDecodeTokS = 0;
    double cpuBandwidthGBs = 0;
    bool onGpu = false;          // the run will load onto the GPU: predictedBytes are the GPU's
    int cudaDevice = -1;
    QString gpuName;
    quint64 gpuFreeBytes = 0;    // free on that GPU before the load
    double gpuBandwidthGBs = 0;
    QString note;                // why "auto" stays on the CPU; empty otherwise
    QString fileType;            // "Q4_K_M" when the planner could read the file
    QString architecture;
    QString modelName;           // general.name
};

} // namespace ModelAtlas::Runners

Q_DECLARE_METATYPE(ModelAtlas::Runners::RunRequest)
Q_DECLARE_METATYPE(ModelAtlas::Runners::RunFigures)
Q_DECLARE_METATYPE(ModelAtlas::Runners::RunOutcome)
Q_DECLARE_METATYPE(ModelAtlas::Runners::RunnerPlan)
