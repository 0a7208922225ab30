#pragma once
// The reference implementation's float summation orders, in scalar form.
//
// Golden logits (../shared/golden) come from llama.cpp built for AVX-512
// (-march=native on an AVX-512 BF16/VNNI CPU): its vector kernels work on 16
// float lanes, and its one-token F16/F32 dot keeps 64 partial sums. Our test
// models turn a one-ulp difference into visible logit changes, so every path of
// the engine (scalar, AVX2, AVX-512) forms its sums in exactly these orders.

namespace modelatlas::engine::cpu {

// Elements of one step of the one-token dot (4 accumulators of 16 lanes).
constexpr int kRefDotStep = 64;
// Lanes of a vector accumulator (one-token softmax/SiLU groups, batched dots).
constexpr int kRefLanes = 16;

// The reference's attention spans n_kv cache cells: the used cells rounded up
// to a multiple of 32 (at least 32), the cells beyond a token's position masked
// to probability zero. That length decides which positions its one-token value
// dot sums in its 64 partials and which in its double-precision tail.
inline int referenceKvSpan(int usedCells)
{
    const int padded = (usedCells + 31) / 32 * 32;
    return padded > 32 ? padded : 32;
}

// Horizontal sum of 16 lanes: halves added (l + l8), then (l + l4), then
// (0+2) + (1+3).
inline float referenceReduce16(const float *l)
{
    float a[8];
    for (int i = 0; i < 8; ++i)
        a[i] = l[i] + l[i + 8];
    const float b0 = a[0] + a[4], b1 = a[1] + a[5], b2 = a[2] + a[6], b3 = a[3] + a[7];
    return (b0 + b2) + (b1 + b3);
}

// The one-token dot's 64 partials (partial p holds elements p mod 64): the
// accumulators combined (0+2), (1+3), then those two, then referenceReduce16.
inline float referenceReduce64(const float *part)
{
    float l[16];
    for (int i = 0; i < 16; ++i)
        l[i] = (part[i] + part[i + 32]) + (part[i + 16] + part[i + 48]);
    return referenceReduce16(l);
}

} // namespace modelatlas::engine::cpu
