#pragma once
// Where a Session's forward passes run. A Backend owns one session's state on
// its device (activation buffers, KV cache); the Session above it keeps the
// token history, sampling and stopping, the same for every backend.
// The CPU backend is part of the engine (makeCpuBackend); the CUDA backend is
// in modelatlas_engine_cuda (cuda/backend_choice.h picks one at run time).

#include "modelatlas/engine/model/model.h"
#include "modelatlas/engine/result.h"
#include "modelatlas/engine/runtime/kv_cache_type.h"
#include "modelatlas/engine/runtime/sampler.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace modelatlas::engine {

// Memory a session holds on its backend's device, by the planner's categories,
// so its prediction can be checked line by line.
struct BackendMemory {
    uint64_t weightBytes = 0;      // the weights as this backend reads them (CPU: the file's tensor data, mapped)
    uint64_t kvCacheBytes = 0;
    uint64_t scratchBytes = 0;     // activations and temporaries of a forward pass
    uint64_t runtimeOverheadBytes = 0;  // CUDA: what the device runtime took beyond the three (its own small
                                        // buffers, kernel modules loaded on first use, CUDA graphs, allocation
                                        // rounding): deviceUsedBytes minus them; CPU: 0
    uint64_t peakBytes = 0;        // high-water mark of weights, KV cache and scratch together
    uint64_t deviceUsedBytes = 0;  // CUDA: memory the process took on the device since the backend started
                                   // (cudaMemGetInfo; the CUDA context itself came before); CPU: 0
    uint64_t contextBytes = 0;     // CUDA: the context's own device memory, left out of deviceUsedBytes (NVML);
                                   // 0 where the driver cannot tell, and on the CPU
    double bandwidthGBs = 0.0;     // CUDA: the device's peak memory bandwidth; CPU: 0 (not known here)
};

class Backend {
public:
    virtual ~Backend() = default;

    // "CPU (avx512, 8 threads)", "CUDA (NVIDIA H100 80GB HBM3)": for logs and the GUI.
    virtual std::string description() const = 0;
    virtual int contextLength() const = 0;
    virtual int maxBatch() const = 0;            // tokens per forward() call
    virtual int threads() const = 0;             // CPU worker threads driving the device
    virtual BackendMemory memory() const = 0;

    // Runs `tokens` (1..maxBatch() of them, at positions pos, pos + 1, ...;
    // pos + size <= contextLength()) through every layer, appending their K/V.
    // `logits` receives one row of vocab floats per token when allLogits, else
    // the last token's row only; it may be null (no copy) on a backend with
    // maxCandidates() > 0 when allLogits is false. Returns false when cancelled
    // (the cache past `pos` is then undefined) and an error when the device fails.
    virtual Result<bool> forward(std::span<const int32_t> tokens, int pos, bool allLogits,
                                 const std::atomic<bool> *cancel, float *logits) = 0;

    // Sampling where the logits are (the first half of Sampler, sampler.h), so
    // that a decode step moves a few candidates instead of the vocabulary:
    // up to maxCandidates() tokens; 0 (the default) when the backend cannot.
    virtual int maxCandidates() const { return 0; }
    // The k best tokens (ties: the lower id), in any order, of the last
    // forward()'s last-token logits after the logits of `penalised` (distinct
    // ids) change by `penalty` as Sampler's repetition penalty does.
    virtual Result<void> topCandidates(std::span<const int32_t> penalised, float penalty, int k,
                                       std::vector<TokenLogit> &out)
    {
        (void)penalised, (void)penalty, (void)k, (void)out;
        return makeError(description(), " selects no candidates; sample from its logits");
    }
    // The last forward()'s last-token logits (vocab floats), unpenalised.
    virtual Result<void> copyLogits(float *out)
    {
        (void)out;
        return makeError(description(), " keeps no logits of its own");
    }
};

// The shape of a new session's state, already validated by Session::create
// (kvType: the model's heads suit it).
struct BackendParams {
    int contextLength = 0;
    int batchSize = 0;
    KvCacheType kvType = KvCacheType::F16;
};

// Makes the backend of a new session.
using BackendFactory =
    std::function<Result<std::unique_ptr<Backend>>(std::shared_ptr<const Model> model, const BackendParams &params)>;

// The CPU backend with `threads` workers (0: all hardware threads).
std::unique_ptr<Backend> makeCpuBackend(std::shared_ptr<const Model> model, const BackendParams &params, int threads);

} // namespace modelatlas::engine
