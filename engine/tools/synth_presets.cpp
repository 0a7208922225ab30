#include "synth_presets.h"

#include <array>

namespace modelatlas::tools {

namespace {

// Values from each model's published config.json.
constexpr std::array kPresets{
    // name, arch, display, layers, embd, head, head_kv, head_dim, ff, vocab, ctx, rope base, eps, bias, qknorm, tied
    SynthPreset{"tiny", "llama", "synthetic tiny llama", 2, 256, 4, 2, 64, 768, 512, 128, 10000.0f, 1e-5f, false,
                false, false},
    SynthPreset{"tiny-qwen2", "qwen2", "synthetic tiny qwen2", 2, 256, 4, 2, 64, 768, 512, 256, 10000.0f, 1e-6f, true,
                false, false},
    SynthPreset{"tiny-qwen3", "qwen3", "synthetic tiny qwen3", 2, 256, 4, 2, 64, 768, 512, 256, 1000000.0f, 1e-6f,
                false, true, true},
    SynthPreset{"tiny-phi3", "phi3", "synthetic tiny phi3", 2, 256, 4, 2, 64, 768, 512, 256, 10000.0f, 1e-5f, false,
                false, false},
    // Window 8 every other layer, so short prompts cross it in a local layer.
    SynthPreset{"tiny-gemma3", "gemma3", "synthetic tiny gemma3", 2, 256, 4, 2, 64, 768, 512, 256, 1000000.0f, 1e-6f,
                false, true, true, 8, 2},
    SynthPreset{"llama-3.2-1b", "llama", "synthetic Llama-3.2-1B", 16, 2048, 32, 8, 64, 8192, 128256, 131072,
                500000.0f, 1e-5f, false, false, true},
    SynthPreset{"llama-3-8b", "llama", "synthetic Llama-3-8B", 32, 4096, 32, 8, 128, 14336, 128256, 8192, 500000.0f,
                1e-5f, false, false, false},
    SynthPreset{"qwen2.5-7b", "qwen2", "synthetic Qwen2.5-7B", 28, 3584, 28, 4, 128, 18944, 152064, 32768,
                1000000.0f, 1e-6f, true, false, false},
    SynthPreset{"phi-3-mini", "phi3", "synthetic Phi-3-mini-4k", 32, 3072, 32, 32, 96, 8192, 32064, 4096, 10000.0f,
                1e-5f, false, false, false},
    SynthPreset{"qwen3-8b", "qwen3", "synthetic Qwen3-8B", 36, 4096, 32, 8, 128, 12288, 151936, 40960, 1000000.0f,
                1e-6f, false, true, false},
    // gemma_pytorch's config for the 1B (data/architectures.json, gemma-3-1b).
    SynthPreset{"gemma-3-1b", "gemma3", "synthetic Gemma-3-1B", 26, 1152, 4, 1, 256, 6912, 262144, 32768, 1000000.0f,
                1e-6f, false, true, true, 512, 6},
};

} // namespace

std::span<const SynthPreset> synthPresets()
{
    return kPresets;
}

const SynthPreset *findSynthPreset(const std::string &name)
{
    for (const auto &p : kPresets) {
        if (name == p.name)
            return &p;
    }
    return nullptr;
}

} // namespace modelatlas::tools
