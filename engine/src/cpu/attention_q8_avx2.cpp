// AVX2 + FMA + F16C attention over a Q8_0 cache (dotQ8_0RowsShared,
// mixQ8_0RowsShared): the query heads of one GQA group take each cache row
// while it is in L1, instead of one head (and one call) per position. The
// arithmetic is the scalar kernels', value for value.
#include "cpu/dot_kernels.h"

#include "tensor/block_layouts.h"

#include <cstdint>

#include "cpu/simd_target.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

MA_SIMD_TARGET_BEGIN("avx2,fma,f16c")

#include "cpu/lanes_avx2.h"   // after the target pragma: compiled for this file's ISA

namespace modelatlas::engine::cpu::kernels {

namespace {

// Positions of the value mix per pass: their weights times each block's scale
// are formed first, then every 16-value slice of the head runs over them.
constexpr int kMixRows = 64;

const blocks::Q8_0 *blocksAt(const void *base, size_t offset)
{
    return reinterpret_cast<const blocks::Q8_0 *>(static_cast<const uint8_t *>(base) + offset);
}

// dotQ8_0Avx2's accumulator (its 8 lanes before hsum8) for one key row and one query.
inline __m256 keyLanes(const blocks::Q8_0 *k, const blocks::Q8_0 *q, int nb)
{
    __m256 acc = _mm256_setzero_ps();
    for (int i = 0; i < nb; ++i) {
        const __m256i s = dotI8(load256(k[i].qs), load256(q[i].qs));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(f16(k[i].d) * f16(q[i].d)), _mm256_cvtepi32_ps(s), acc);
    }
    return acc;
}

// 8 int8 values widened to F32.
inline __m256 loadI8x8(const int8_t *p)
{
    return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i *>(p))));
}

// One 16-value slice of kHeads heads' sums over `count` rows: the slice's
// values at q, q + stride, ...; head h's scaled weights at ws + h * kMixRows;
// its sums at out + h * outStride, taken up and put back.
template <int kHeads>
void mixSlice(const int8_t *q, size_t stride, int count, const float *ws, float *out, size_t outStride)
{
    __m256 acc[kHeads][2];
    #pragma GCC unroll 8
    for (int h = 0; h < kHeads; ++h) {
        acc[h][0] = _mm256_loadu_ps(out + size_t(h) * outStride);
        acc[h][1] = _mm256_loadu_ps(out + size_t(h) * outStride + 8);
    }
    for (int r = 0; r < count; ++r) {
        const __m256 v0 = loadI8x8(q + size_t(r) * stride);
        const __m256 v1 = loadI8x8(q + size_t(r) * stride + 8);
        #pragma GCC unroll 8
        for (int h = 0; h < kHeads; ++h) {
            const __m256 a = _mm256_broadcast_ss(ws + h * kMixRows + r);
            acc[h][0] = _mm256_fmadd_ps(a, v0, acc[h][0]);
            acc[h][1] = _mm256_fmadd_ps(a, v1, acc[h][1]);
        }
    }
    #pragma GCC unroll 8
    for (int h = 0; h < kHeads; ++h) {
        _mm256_storeu_ps(out + size_t(h) * outStride, acc[h][0]);
        _mm256_storeu_ps(out + size_t(h) * outStride + 8, acc[h][1]);
    }
}

} // namespace

// Eight rows at a time: each head's eight dots reduced at once (hsum8x8 adds
// as hsum8 does), the rows staying in L1 from one head to the next.
void dotQ8_0RowsSharedAvx2(const SharedQ8_0Rows &d, const void *x, size_t xStride)
{
    const int nb = d.n / blocks::kQK;
    for (int r0 = 0; r0 < d.count; r0 += 8) {
        const int m = d.count - r0 < 8 ? d.count - r0 : 8;
        for (int j = 0; j < m; ++j)
            prefetchWeights(blocksAt(d.rows, size_t(r0 + j) * d.stride), nb * int(sizeof(blocks::Q8_0)));
        for (int g = 0; g < d.nx; ++g) {
            const blocks::Q8_0 *q = blocksAt(x, size_t(g) * xStride);
            float *out = d.out + size_t(g) * d.outStride + r0;
            __m256 v[8];
            for (int j = 0; j < m; ++j)
                v[j] = keyLanes(blocksAt(d.rows, size_t(r0 + j) * d.stride), q, nb);
            if (m == 8) {
                _mm256_storeu_ps(out, hsum8x8(v));
            } else {
                for (int j = 0; j < m; ++j)
                    out[j] = hsum8(v[j]);
            }
        }
    }
}

// kMixRows rows at a time: per block, each head's weights times the rows'
// scales (the scalar kernel's products), then the block's two 16-value
// slices, four heads side by side and the rest one by one.
void mixQ8_0RowsSharedAvx2(const SharedQ8_0Rows &d, const float *w, size_t wStride)
{
    const int nb = d.n / blocks::kQK;
    for (int g = 0; g < d.nx; ++g)
        for (int i = 0; i < d.n; ++i)
            d.out[size_t(g) * d.outStride + size_t(i)] = 0.0f;
    alignas(32) float ws[kMaxSharedDots * kMixRows];
    for (int r0 = 0; r0 < d.count; r0 += kMixRows) {
        const int m = d.count - r0 < kMixRows ? d.count - r0 : kMixRows;
        for (int b = 0; b < nb; ++b) {
            const blocks::Q8_0 *first = blocksAt(d.rows, size_t(r0) * d.stride) + b;
            for (int r = 0; r < m; ++r) {
                const float scale = f16(blocksAt(first, size_t(r) * d.stride)->d);
                for (int g = 0; g < d.nx; ++g)
                    ws[g * kMixRows + r] = w[size_t(g) * wStride + size_t(r0 + r)] * scale;
            }
            for (int half = 0; half < 2; ++half) {
                const int8_t *q = first->qs + 16 * half;
                float *out = d.out + size_t(b) * blocks::kQK + 16 * size_t(half);
                int g = 0;
                for (; g + 4 <= d.nx; g += 4)
                    mixSlice<4>(q, d.stride, m, ws + g * kMixRows, out + size_t(g) * d.outStride, d.outStride);
                for (; g < d.nx; ++g)
                    mixSlice<1>(q, d.stride, m, ws + g * kMixRows, out + size_t(g) * d.outStride, d.outStride);
            }
        }
    }
}

} // namespace modelatlas::engine::cpu::kernels

MA_SIMD_TARGET_END

#else // not x86: the scalar kernels stand in (never selected: no AVX2 there).
namespace modelatlas::engine::cpu::kernels {
void dotQ8_0RowsSharedAvx2(const SharedQ8_0Rows &d, const void *x, size_t xStride)
{
    dotQ8_0RowsSharedScalar(d, x, xStride);
}
void mixQ8_0RowsSharedAvx2(const SharedQ8_0Rows &d, const float *w, size_t wStride)
{
    mixQ8_0RowsSharedScalar(d, w, wStride);
}
} // namespace modelatlas::engine::cpu::kernels
#endif
