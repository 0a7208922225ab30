#pragma once
// IEEE half (F16) and bfloat16 (BF16) conversions, written out bit by bit so the
// scalar reference does not depend on compiler support for _Float16.

#include <bit>
#include <cstdint>

namespace modelatlas::engine {

inline float f16ToF32(uint16_t h)
{
    const uint32_t sign = (uint32_t(h) & 0x8000u) << 16;
    const uint32_t exp = (h >> 10) & 0x1fu;
    uint32_t mant = h & 0x3ffu;
    uint32_t bits;
    if (exp == 0x1f) {                      // inf / NaN
        bits = sign | 0x7f800000u | (mant << 13);
    } else if (exp != 0) {                  // normal: rebias 15 -> 127
        bits = sign | ((exp + 112u) << 23) | (mant << 13);
    } else if (mant == 0) {                 // +-0
        bits = sign;
    } else {                                // subnormal: normalise
        int e = -1;
        do { mant <<= 1; ++e; } while ((mant & 0x400u) == 0);
        bits = sign | (uint32_t(112 - e) << 23) | ((mant & 0x3ffu) << 13);
    }
    return std::bit_cast<float>(bits);
}

// Round to nearest even, overflow to inf, NaN stays NaN.
inline uint16_t f32ToF16(float f)
{
    const uint32_t x = std::bit_cast<uint32_t>(f);
    const uint16_t sign = uint16_t((x >> 16) & 0x8000u);
    const uint32_t absx = x & 0x7fffffffu;
    if (absx >= 0x7f800000u)                                     // inf or NaN
        return uint16_t(sign | 0x7c00u | (absx > 0x7f800000u ? 0x200u : 0u));
    if (absx >= 0x477ff000u)                                     // rounds to >= 65520: inf
        return uint16_t(sign | 0x7c00u);
    if (absx < 0x38800000u) {                                    // below F16 normal range
        if (absx < 0x33000000u)                                  // < half the smallest subnormal
            return sign;
        const uint32_t e = absx >> 23;
        const uint32_t m = (absx & 0x7fffffu) | 0x800000u;
        const uint32_t shift = 126u - e;                         // 14..24
        uint32_t r = m >> shift;
        const uint32_t rem = m & ((1u << shift) - 1u);
        const uint32_t halfway = 1u << (shift - 1u);
        if (rem > halfway || (rem == halfway && (r & 1u)))
            ++r;
        return uint16_t(sign | r);
    }
    uint32_t r = ((absx >> 13) - (112u << 10));                  // rebias 127 -> 15
    const uint32_t rem = absx & 0x1fffu;
    if (rem > 0x1000u || (rem == 0x1000u && (r & 1u)))
        ++r;                                                      // may carry into the exponent: correct
    return uint16_t(sign | r);
}

inline float bf16ToF32(uint16_t h)
{
    return std::bit_cast<float>(uint32_t(h) << 16);
}

inline uint16_t f32ToBf16(float f)
{
    const uint32_t x = std::bit_cast<uint32_t>(f);
    if ((x & 0x7fffffffu) > 0x7f800000u)        // NaN: keep it quiet
        return uint16_t((x >> 16) | 0x40u);
    return uint16_t((x + 0x7fffu + ((x >> 16) & 1u)) >> 16);
}

} // namespace modelatlas::engine
