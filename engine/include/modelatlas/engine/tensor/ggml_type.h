#pragma once
// Tensor element types, with ids exactly as GGML's enum ggml_type (they are
// stored in GGUF files). Quantized types pack `blockSize` elements into
// `bytesPerBlock` bytes; plain types have blockSize 1.

#include "modelatlas/engine/result.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace modelatlas::engine {

enum class GgmlType : uint32_t {
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    // 4 and 5 (Q4_2, Q4_3) were removed from GGML long ago.
    Q5_0 = 6,
    Q5_1 = 7,
    Q8_0 = 8,
    Q8_1 = 9,
    Q2_K = 10,
    Q3_K = 11,
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
    Q8_K = 15,
    // 16..23 are the IQ* types, not supported yet.
    I8 = 24,
    I16 = 25,
    I32 = 26,
    I64 = 27,
    F64 = 28,
    // 29 is IQ1_M.
    BF16 = 30,
};

// Super-block size of the K-quants.
inline constexpr uint32_t kQK_K = 256;

struct GgmlTypeTraits {
    GgmlType type;
    std::string_view name;   // as llama.cpp prints it: "Q4_K", "BF16"
    uint32_t blockSize;      // elements per block
    uint32_t bytesPerBlock;  // bytes per block
    bool quantized;
};

// nullptr when `id` is not a type this engine knows (the caller names the tensor).
const GgmlTypeTraits *ggmlTypeTraits(uint32_t id);
inline const GgmlTypeTraits &ggmlTypeTraits(GgmlType t) { return *ggmlTypeTraits(static_cast<uint32_t>(t)); }
std::string_view ggmlTypeName(GgmlType t);

// Every known type, in id order (for tables and parametrised tests).
std::span<const GgmlTypeTraits> allGgmlTypes();

// Looks a type up by its name ("q8_0" or "Q8_0").
const GgmlTypeTraits *ggmlTypeByName(std::string_view name);

// Bytes of `nElements` elements of `type`; errors when nElements is not a whole
// number of blocks or the size overflows 64 bits.
Result<uint64_t> ggmlTensorBytes(GgmlType type, uint64_t nElements);

} // namespace modelatlas::engine
