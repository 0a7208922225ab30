#pragma once
// The arithmetic of selecting the k largest logits on the device
// (sampling.cu): a radix select over order-preserving 32-bit keys, one 8-bit
// digit per pass from the top. Host code too, for tests on any machine.

#include "cuda/block_dot.cuh"

namespace modelatlas::engine::cuda::kernels {

constexpr int kDigitBits = 8;
constexpr int kDigitBins = 1 << kDigitBits;

// A key whose unsigned order is the float order: negative floats have every
// bit flipped, others the sign bit set. -0 counts as +0, as the host's float
// comparisons see them. (Logits are never NaN.)
MA_HOST_DEVICE __forceinline__ uint32_t orderedKey(float f)
{
    uint32_t u = 0;
#ifdef __CUDA_ARCH__
    u = __float_as_uint(f);
#else
    std::memcpy(&u, &f, sizeof u);
#endif
    if ((u << 1) == 0)
        u = 0;
    return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

// The bin of the next digit holding the remaining-th largest of the keys still
// in play (counts: how many of them fall in each bin), and that key's rank
// within the bin.
struct DigitChoice {
    uint32_t bin;
    uint32_t remaining;
};

MA_HOST_DEVICE inline DigitChoice chooseDigit(const uint32_t *counts, uint32_t remaining)
{
    uint32_t above = 0;
    for (int b = kDigitBins - 1; b > 0; --b) {
        if (above + counts[b] >= remaining)
            return {uint32_t(b), remaining - above};
        above += counts[b];
    }
    return {0, remaining - above};
}

} // namespace modelatlas::engine::cuda::kernels
