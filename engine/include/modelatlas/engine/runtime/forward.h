#pragma once
// The transformer forward pass (llama / qwen2 / qwen3 / phi3 / gemma3) on the CPU backend.

#include "modelatlas/engine/cpu/cpu_features.h"
#include "modelatlas/engine/model/model.h"
#include "modelatlas/engine/runtime/run_state.h"

#include <atomic>
#include <cstdint>

namespace modelatlas::engine {

namespace cpu {
class ThreadPool;
}

struct ForwardArgs {
    const int32_t *tokens = nullptr;   // (n) ids, each in [0, vocab)
    int n = 0;                         // <= state.maxBatch
    int pos = 0;                       // position of tokens[0]; pos + n <= kv.contextLength
    bool allLogits = false;            // logits for every token, else for the last only
    const std::atomic<bool> *cancel = nullptr;   // polled between layers
    float *logits = nullptr;           // (n or 1, vocab) out
};

// Runs a batch through every layer, appending its K/V to the cache. Writes
// args.logits: rows 0..n-1 when allLogits, else row 0 holds the last token's.
// Returns false when cancelled (the cache past `pos` is then undefined).
bool forward(const Model &model, RunState &state, KvCache &kv, cpu::ThreadPool &pool, cpu::KernelPath path,
             const ForwardArgs &args);

} // namespace modelatlas::engine
