#pragma once
// Where a Session's forward passes run. A Backend owns one session's state on
// its device (activation buffers, KV cache); the Session above it keeps the
// token history, sampling and stopping, the same for every backend.
// The CPU backend is part of the engine (makeCpuBackend); the CUDA backend is
// in modelatlas_engine_cuda (cuda/backend_choice.h picks one at run time).

#include "modelatlas/engine/model/model.h"
#include "modelatlas/engine/result.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

namespace modelatlas::engine {

class Backend {
public:
    virtual ~Backend() = default;

    // "CPU (avx512, 8 threads)", "CUDA (NVIDIA H100 80GB HBM3)": for logs and the GUI.
    virtual std::string description() const = 0;
    virtual int contextLength() const = 0;
    virtual int maxBatch() const = 0;            // tokens per forward() call
    virtual int threads() const = 0;             // CPU worker threads driving the device
    virtual uint64_t stateBytes() const = 0;     // KV cache + buffers this backend allocated for the session

    // Runs `tokens` (1..maxBatch() of them, at positions pos, pos + 1, ...;
    // pos + size <= contextLength()) through every layer, appending their K/V.
    // `logits` receives one row of vocab floats per token when allLogits, else
    // the last token's row only. Returns false when cancelled (the cache past
    // `pos` is then undefined) and an error when the device fails.
    virtual Result<bool> forward(std::span<const int32_t> tokens, int pos, bool allLogits,
                                 const std::atomic<bool> *cancel, float *logits) = 0;
};

// Makes the backend of a new session; contextLength and batchSize are already validated.
using BackendFactory = std::function<Result<std::unique_ptr<Backend>>(std::shared_ptr<const Model> model,
                                                                      int contextLength, int batchSize)>;

// The CPU backend with `threads` workers (0: all hardware threads).
std::unique_ptr<Backend> makeCpuBackend(std::shared_ptr<const Model> model, int contextLength, int batchSize,
                                        int threads);

} // namespace modelatlas::engine
