#pragma once
// Shapes of the synthetic models modelatlas-gguf-synth can write. The real
// models' published configs, so a synthetic file has the true tensor shapes
// and byte sizes (for planner and loader tests) without the real weights.

#include <cstdint>
#include <span>
#include <string>

namespace modelatlas::tools {

struct SynthPreset {
    const char *name;
    const char *architecture;   // general.architecture: llama, qwen2, qwen3, phi3 (fused attn_qkv and gate/up),
                                // gemma3 (post-norms, q/k norms, sliding-window layers)
    const char *displayName;    // general.name
    uint32_t nLayers;
    uint32_t nEmbd;
    uint32_t nHead;
    uint32_t nHeadKv;
    uint32_t headDim;
    uint32_t nFf;
    uint32_t nVocab;            // replaced by the vocab file's size with --vocab
    uint32_t nCtx;
    float ropeFreqBase;
    float rmsEps;
    bool qkvBias;               // qwen2: biases on q, k, v
    bool qkNorm;                // qwen3: RMS norm on q and k per head
    bool tiedEmbeddings;        // no separate output.weight
    uint32_t slidingWindow = 0;         // gemma3: attention.sliding_window (0: none)
    uint32_t slidingWindowPattern = 0;  // gemma3: every N-th layer global (attention.sliding_window_pattern)
};

std::span<const SynthPreset> synthPresets();
const SynthPreset *findSynthPreset(const std::string &name);

} // namespace modelatlas::tools
