#pragma once

#include "ModelShape.h"

#include <QString>

#include <array>
#include <cstdint>
#include <optional>

namespace ModelAtlas::Planner {

// The quantizations the planner knows. GGUF ones follow llama.cpp's
// llama-quant.cpp mixes tensor by tensor; FP8/GPTQ/AWQ follow the
// safetensors layouts vLLM loads (see QuantMix.cpp for every source).
enum class Quant {
    F32, F16, BF16, FP8, Q8_0, Q6_K, Q5_K_M, Q5_K_S, Q4_K_M, Q4_K_S, Q4_0, Q3_K_M, Q2_K, GPTQ_4bit_g128,
    AWQ_4bit_g128, Count
};

struct QuantInfo
{
    Quant quant;
    const char *id;      // as in data/quantizations.json ("q4_k_m", "gptq-4bit-g128")
    const char *name;    // as users write it ("Q4_K_M", "GPTQ-4bit-g128")
    bool gguf;           // a llama.cpp file type (else a safetensors format served by vLLM)
};

const QuantInfo &quantInfo(Quant q);
std::array<Quant, size_t(Quant::Count)> allQuants();
// The 12 columns of the fit matrix, best quality first (F32 and BF16 are the
// size of F16 or more, and GPTQ is the size of AWQ, so they are left out).
const std::array<Quant, 12> &fitMatrixQuants();
// "Q4_K_M", "q4_k_m", "q4km", "gptq", "awq", "fp8" ... -> a quant.
std::optional<Quant> quantByName(const QString &text);

// Storage of one tensor: bytes for `elements` elements with rows of `ne0`.
// GGML block types are exact (blocks x bytes per block); the others add their
// scale/zero-point overhead per group.
enum class Storage {
    F32, F16, BF16, Q8_0, Q6_K, Q5_K, Q4_K, Q3_K, Q2_K, Q4_0, Q4_1, Q5_0, Q5_1,
    FP8,          // 1 byte + one F32 scale per output row (llm-compressor FP8 "channel")
    Int4G128,     // 4 bit + F16 scale + 4-bit zero per 128 weights (GPTQ/AWQ packing)
};
const char *storageName(Storage s);
uint64_t storageBytes(Storage s, const TensorDesc &t);

// The storage type `q` gives tensor `t` of `shape` (llama_tensor_get_type for
// GGUF types). `hasOutput`: false when the output shares the embedding.
Storage storageFor(Quant q, const TensorDesc &t, const ModelShape &shape);

} // namespace ModelAtlas::Planner
