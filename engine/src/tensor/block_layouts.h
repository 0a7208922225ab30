#pragma once
// Block layouts of the quantized types, as stored in GGUF files (the format
// of ggml's ggml-common.h). All fields are little-endian; f16 fields are kept
// as raw uint16_t bits. Internal to the engine.

#include "modelatlas/engine/tensor/ggml_type.h"

#include <cstdint>
#include <cstring>

namespace modelatlas::engine::blocks {

inline constexpr int kQK = 32;   // block size of the legacy quants

struct Q4_0 {
    uint16_t d;                 // f16 scale
    uint8_t qs[kQK / 2];        // element j in the low nibble of qs[j], element j+16 in the high nibble
};
// Q4_0 plus a fifth bit per value: bit j of qh (little-endian) is element j's.
struct Q5_0 {
    uint16_t d;                 // f16 scale
    uint8_t qh[4];              // high bits of elements 0..31
    uint8_t qs[kQK / 2];        // low 4 bits: element j in the low nibble of qs[j], j+16 in the high
};
// Q4_0 and Q5_0 with an offset: x = d * q + m, q unsigned (no -8 / -16).
struct Q4_1 {
    uint16_t d;                 // f16 scale
    uint16_t m;                 // f16 minimum
    uint8_t qs[kQK / 2];
};
struct Q5_1 {
    uint16_t d;
    uint16_t m;
    uint8_t qh[4];
    uint8_t qs[kQK / 2];
};
// Element j (0..31) of a legacy block's unsigned values: its nibble, and
// for the 5-bit types bit j of qh (little-endian) as 16 above it.
inline int legacyNibble(const uint8_t *qs, int j)
{
    return j < kQK / 2 ? qs[j] & 0x0f : qs[j - kQK / 2] >> 4;
}
inline int legacyFifthBit(const uint8_t *qhBytes, int j)
{
    uint32_t qh;
    std::memcpy(&qh, qhBytes, sizeof qh);
    return int((qh >> j) & 1) << 4;
}

struct Q8_0 {
    uint16_t d;                 // f16 scale
    int8_t qs[kQK];
};
// K-quants: a 256-element super-block of 8 (Q4_K/Q5_K) or 16 (Q6_K) sub-blocks.
struct Q4_K {
    uint16_t d;                 // f16 super-scale for the sub-block scales
    uint16_t dmin;              // f16 super-scale for the sub-block mins
    uint8_t scales[12];         // 8 scales + 8 mins, 6 bits each, packed
    uint8_t qs[kQK_K / 2];      // 4-bit values
};
struct Q5_K {
    uint16_t d;
    uint16_t dmin;
    uint8_t scales[12];
    uint8_t qh[kQK_K / 8];      // the 5th bit of each value
    uint8_t qs[kQK_K / 2];      // low 4 bits
};
struct Q6_K {
    uint8_t ql[kQK_K / 2];      // low 4 bits
    uint8_t qh[kQK_K / 4];      // high 2 bits
    int8_t scales[kQK_K / 16];  // 16 sub-block scales, 8 bits
    uint16_t d;                 // f16 super-scale
};

static_assert(sizeof(Q4_0) == 18 && sizeof(Q8_0) == 34);
static_assert(sizeof(Q4_K) == 144 && sizeof(Q5_K) == 176 && sizeof(Q6_K) == 210);

} // namespace modelatlas::engine::blocks
