#include "synth_mix.h"

#include <array>

namespace modelatlas::tools {

using engine::GgmlType;

namespace {

constexpr std::array kFileTypes{
    SynthFileType{"F32", GgmlType::F32, 0, false},     SynthFileType{"F16", GgmlType::F16, 1, false},
    SynthFileType{"BF16", GgmlType::BF16, 32, false},  SynthFileType{"Q8_0", GgmlType::Q8_0, 7, false},
    SynthFileType{"Q4_0", GgmlType::Q4_0, 2, false},   SynthFileType{"Q4_1", GgmlType::Q4_1, 3, false},
    SynthFileType{"Q5_0", GgmlType::Q5_0, 8, false},   SynthFileType{"Q5_1", GgmlType::Q5_1, 9, false},
    SynthFileType{"Q4_K_M", GgmlType::Q4_K, 15, true},
    SynthFileType{"Q5_K_M", GgmlType::Q5_K, 17, true}, SynthFileType{"Q6_K", GgmlType::Q6_K, 18, false},
};

// llama.cpp's use_more_bits(): the first and last eighth of the layers and every third in between.
bool useMoreBits(int i, int n)
{
    return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2;
}

bool endsWith(const std::string &s, const char *suffix)
{
    const std::string t(suffix);
    return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

bool isKQuant(GgmlType t)
{
    return t == GgmlType::Q4_K || t == GgmlType::Q5_K || t == GgmlType::Q6_K;
}

} // namespace

std::span<const SynthFileType> synthFileTypes()
{
    return kFileTypes;
}

const SynthFileType *findSynthFileType(const std::string &name)
{
    for (const auto &t : kFileTypes) {
        if (name == t.name)
            return &t;
    }
    return nullptr;
}

GgmlType mixedTensorType(const SynthFileType &ft, const std::string &name, int layer, int nLayers, bool tiedOutput)
{
    // The output matrix is the most sensitive: every K-quant file stores it as Q6_K.
    const bool isOutput = name == "output.weight" || (tiedOutput && name == "token_embd.weight");
    if (isOutput && isKQuant(ft.base))
        return GgmlType::Q6_K;
    if (ft.moreBitsMix && (endsWith(name, ".attn_v.weight") || endsWith(name, ".ffn_down.weight"))
        && useMoreBits(layer, nLayers))
        return GgmlType::Q6_K;
    // A fused q/k/v matrix (phi3) holds attn_v: one step up in the _M mixes.
    if (ft.moreBitsMix && endsWith(name, ".attn_qkv.weight"))
        return ft.base == GgmlType::Q4_K ? GgmlType::Q5_K : GgmlType::Q6_K;
    return ft.base;
}

GgmlType fitToRowLength(GgmlType type, uint64_t cols)
{
    if (!isKQuant(type) || cols % 256 == 0)
        return type;
    if (cols % 32 != 0)
        return GgmlType::F16;
    switch (type) {
    case GgmlType::Q4_K: return GgmlType::Q5_0;
    case GgmlType::Q5_K: return GgmlType::Q5_1;
    default: return GgmlType::Q8_0;
    }
}

} // namespace modelatlas::tools
