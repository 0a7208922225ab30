#pragma once
// Decode of the legacy types (Q4_0, Q5_0, Q4_1, Q5_1), shared by the AVX2 and
// AVX-512 kernel files: one token against up to 8 weight rows, lane r, in the
// dot kernels' float steps. Each file supplies its integer step as `Rows`:
//   Block, kHasMin;
//   rowPart(block, x): a row's block against the token's 32 int8 values;
//   integerSums(parts, ySum): lane r, the exact integer block sum of row r
//     (the offset of Q4_0/Q5_0 taken out by the packed quad's sum term);
//   minSum(ySum): sum(y) as the minimum's step multiplies it;
//   kPackedBlock, kScaleAt, kSumAt: where a block's token scale (f32) and
//     sum term (int32) lie in the file's packed quad buffer.
// Include it after the file's MA_SIMD_TARGET_BEGIN (cpu/simd_target.h) and
// lanes_avx2.h: like them it lives in an unnamed namespace, one copy per
// instruction set.
#if defined(__x86_64__) || defined(__i386__)
#include "tensor/block_layouts.h"

#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace modelatlas::engine::cpu::kernels {
namespace {

// The next tile's R rows are contiguous after these: each block step asks for
// its share of them (R blocks' bytes) into L2, one sequential stream the tile
// has fully requested by its end. The rows being read are then in cache; 8
// streams a row apart defeat the hardware prefetcher. Measured (AVX2), tg64 of
// a 1B model: 28.5 tok/s with a line 6 blocks ahead in each row, 38.5-41.8
// with this (L1 39.2-40.8); the tile after next 36.7-38.0.
template <class Rows, int R>
void legacyDecodeRows(int nb, const uint8_t *w, size_t wStride, const uint8_t *act, const uint8_t *packed, float *y)
{
    static_assert(R >= 1 && R <= 8);
    using Block = typename Rows::Block;
    const char *next = reinterpret_cast<const char *>(w) + R * wStride;
    constexpr int kStepBytes = R * int(sizeof(Block));
    __m256 acc = _mm256_setzero_ps();
    for (int i = 0; i < nb; ++i) {
        for (int l = 0; l < kStepBytes; l += 64)
            _mm_prefetch(next + i * kStepBytes + l, _MM_HINT_T1);
        const __m256i x = load256((reinterpret_cast<const blocks::Q8_0 *>(act) + i)->qs);
        __m256i parts[8];
        uint64_t scaleBits[2] = {0, 0};
        [[maybe_unused]] uint64_t minBits[2] = {0, 0};
        #pragma GCC unroll 8
        for (int r = 0; r < 8; ++r) {
            parts[r] = _mm256_setzero_si256();
            if (r >= R)
                continue;
            const auto *blk = reinterpret_cast<const Block *>(w + r * wStride) + i;
            parts[r] = Rows::rowPart(*blk, x);
            scaleBits[r / 4] |= uint64_t(blk->d) << (16 * (r % 4));
            if constexpr (Rows::kHasMin)
                minBits[r / 4] |= uint64_t(blk->m) << (16 * (r % 4));
        }
        const uint8_t *e = packed + size_t(i) * Rows::kPackedBlock;
        float xd;
        int32_t ySum;
        std::memcpy(&xd, e + Rows::kScaleAt, 4);
        std::memcpy(&ySum, e + Rows::kSumAt, 4);
        const __m128i wBits = _mm_insert_epi64(_mm_cvtsi64_si128(int64_t(scaleBits[0])), int64_t(scaleBits[1]), 1);
        const __m256 d = _mm256_mul_ps(_mm256_cvtph_ps(wBits), _mm256_set1_ps(xd));
        acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(Rows::integerSums(parts, ySum)), d, acc);
        if constexpr (Rows::kHasMin) {   // then f16(row min) * token scale times sum(y)
            const __m128i mBits = _mm_insert_epi64(_mm_cvtsi64_si128(int64_t(minBits[0])), int64_t(minBits[1]), 1);
            const __m256 m = _mm256_mul_ps(_mm256_cvtph_ps(mBits), _mm256_set1_ps(xd));
            acc = _mm256_fmadd_ps(_mm256_set1_ps(Rows::minSum(ySum)), m, acc);
        }
    }
    alignas(32) float out[8];
    _mm256_store_ps(out, acc);
    #pragma GCC unroll 8
    for (int r = 0; r < R; ++r)
        y[r] = out[r];
}

// Rows [r0, r1) against one token, 8 at a time.
template <class Rows>
void legacyDecodeTiles(int nb, const uint8_t *w, size_t wStride, int r0, int r1, const uint8_t *act,
                       const uint8_t *packed, float *y)
{
    using RowsFn = void (*)(int, const uint8_t *, size_t, const uint8_t *, const uint8_t *, float *);
    constexpr RowsFn kRows[8] = {legacyDecodeRows<Rows, 1>, legacyDecodeRows<Rows, 2>, legacyDecodeRows<Rows, 3>,
                                 legacyDecodeRows<Rows, 4>, legacyDecodeRows<Rows, 5>, legacyDecodeRows<Rows, 6>,
                                 legacyDecodeRows<Rows, 7>, legacyDecodeRows<Rows, 8>};
    for (int r = r0; r < r1; r += 8)
        kRows[(r1 - r < 8 ? r1 - r : 8) - 1](nb, w + size_t(r) * wStride, wStride, act, packed, y + r);
}

} // namespace
} // namespace modelatlas::engine::cpu::kernels
#endif
