#pragma once
// The K-quant tiles' packed side buffer (internal to gemm_avx2.cpp and
// gemm_avx512.cpp; the AVX2 file fills it for both). Per token pair and
// super-block it holds what every weight row would otherwise recompute per
// token: the activation scale already spread over the lanes that it
// multiplies, and the activations' sums of the weight type's offset terms.
// A token pair's entries sit together so that one AVX-512 register (or, for
// the mins, one AVX2 register) takes both tokens' float steps at once.

#include <cstddef>
#include <cstdint>

namespace modelatlas::engine::cpu::kernels {

// Q4_K and Q5_K: token h's d in lanes 8h.. of d (the integer lanes'
// multiplier) and -d in lanes 4h.. of negD (the mins term's), and its 8 sums
// of adjacent bsums pairs, one per 32-value sub-block (the mins term).
struct Q4KPair {
    float d[16];
    float negD[8];
    int16_t bsumPairs[2][8];
};

// Q6_K: token h's maddubs(32, qs) (the -32 offset of the 6-bit values) and d in lanes 8h.. of d.
struct Q6KPair {
    int16_t m32y[2][128];
    float d[16];
};

// Token `token`'s pair at super-block i (its half: token % 2).
template <class Pair>
const Pair &kquantPair(const uint8_t *packed, int nsb, int token, int i)
{
    return reinterpret_cast<const Pair *>(packed)[size_t(token / 2) * size_t(nsb) + size_t(i)];
}
template <class Pair>
Pair &kquantPair(uint8_t *packed, int nsb, int token, int i)
{
    return const_cast<Pair &>(kquantPair<Pair>(static_cast<const uint8_t *>(packed), nsb, token, i));
}

} // namespace modelatlas::engine::cpu::kernels
