#pragma once
// A loaded model: the GGUF mapping plus pointers to every weight, in place and
// in its stored type (F32/F16/BF16/Q8_0/Q4_0/Q4_K/Q5_K/Q6_K). Immutable after
// load, so any number of Sessions (each with its own KV cache) share one Model
// from any threads.

#include "modelatlas/engine/cpu/matmul.h"
#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/model/config.h"
#include "modelatlas/engine/result.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace modelatlas::engine {

using cpu::WeightMatrix;

// phi3's fused attn_qkv and ffn_up are bound as row views: wq/wk/wv and
// wGate/wUp then point into one matrix each.
struct LayerWeights {
    const float *attnNorm = nullptr;   // (dim)
    WeightMatrix wq;                   // (nHeads*headDim, dim)
    WeightMatrix wk;                   // (nKvHeads*headDim, dim)
    WeightMatrix wv;                   // (nKvHeads*headDim, dim)
    WeightMatrix wo;                   // (dim, nHeads*headDim)
    const float *bq = nullptr;         // (nHeads*headDim)   qwen2 only
    const float *bk = nullptr;         // (nKvHeads*headDim) qwen2 only
    const float *bv = nullptr;         // (nKvHeads*headDim) qwen2 only
    const float *qNorm = nullptr;      // (headDim) qwen3, gemma3
    const float *kNorm = nullptr;      // (headDim) qwen3, gemma3
    const float *attnPostNorm = nullptr;   // (dim) gemma3: on the attention output
    const float *ffnPostNorm = nullptr;    // (dim) gemma3: on the FFN output
    const float *ffnNorm = nullptr;    // (dim)
    WeightMatrix wGate;                // (hiddenDim, dim)  w1
    WeightMatrix wDown;                // (dim, hiddenDim)  w2
    WeightMatrix wUp;                  // (hiddenDim, dim)  w3
};

struct Weights {
    WeightMatrix tokenEmbd;            // (vocab, dim), rows dequantised on lookup
    std::vector<LayerWeights> layers;  // (nLayers)
    const float *outputNorm = nullptr; // (dim)
    WeightMatrix output;               // (vocab, dim): token_embd when tied
    const float *ropeFreqs = nullptr;  // (ropeDim/2) Llama 3.1+ long-context factors, optional
};

// What a planner needs before loading: the header only (a few KB read).
struct ModelInfo {
    Config config;
    uint64_t fileBytes = 0;
    uint64_t weightBytes = 0;          // sum of tensor data
    std::string dominantType;          // the weight type holding most bytes, e.g. "Q4_K"
    uint64_t kvBytesPerToken = 0;      // K and V, F16, all layers (sliding-window layers too)
    // Weights + KV cache (F16; a ring on sliding-window layers, run_state.h) +
    // activations for a session of contextLength tokens.
    uint64_t estimateBytes(int contextLength, int batch = 512) const;
};

Result<ModelInfo> inspectModel(const std::string &path);
Result<ModelInfo> inspectModel(const GgufFile &file);

struct LoadOptions {
    // Called with fractions in [0, 1] while the weights are paged in.
    std::function<void(float fraction)> progress;
    // Polled between tensors; set it to abandon the load (the result is an error "cancelled").
    const std::atomic<bool> *cancel = nullptr;
    // Touch every weight page during load, so the first prompt is not slowed by
    // page faults and load time is measured where users expect it.
    bool prefault = true;
};

class Model {
public:
    static Result<std::shared_ptr<const Model>> load(const std::string &path, const LoadOptions &options = {});
    // Over an already opened file (tests that build models in memory).
    static Result<std::shared_ptr<const Model>> fromGguf(std::unique_ptr<GgufFile> file,
                                                         const LoadOptions &options = {});

    const Config &config() const { return m_config; }
    const Weights &weights() const { return m_weights; }
    const GgufFile &file() const { return *m_file; }
    const ModelInfo &info() const { return m_info; }
    double loadMs() const { return m_loadMs; }

private:
    Model() = default;
    std::unique_ptr<GgufFile> m_file;
    Config m_config;
    Weights m_weights;
    ModelInfo m_info;
    std::vector<std::vector<float>> m_converted;   // norms/biases stored in a type other than F32
    double m_loadMs = 0.0;
    friend class ModelLoader;
};

} // namespace modelatlas::engine
