// AVX2 + FMA + F16C attention dots (dotF16RowsShared): F16 cache rows against
// several float vectors (the query heads of a GQA group). Long rows (the
// transposed value cache: one dimension over every position) are widened to
// F32 a chunk at a time into L1 and read there by every vector; short rows
// (keys) are converted as each vector reads them. The summation orders are
// the reference's (reference_order.h): the one-token dot's 64 partials in 8
// accumulators, the batched dot's 16 lanes in 2.
#include "cpu/dot_kernels.h"

#include "modelatlas/engine/tensor/half.h"

#include <cstdint>
#include <cstring>

#include "cpu/simd_target.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

MA_SIMD_TARGET_BEGIN("avx2,fma,f16c")

#include "cpu/lanes_avx2.h"   // after the target pragma: compiled for this file's ISA

namespace modelatlas::engine::cpu::kernels {

namespace {

// Rows up to kShortRow values take shortRows, longer ones longRows in
// chunks of kChunk values.
constexpr int kShortRow = 256;
constexpr int kChunk = 1024;

// Dots of one widened row against kHeads vectors at once, each dot's
// accumulators those of its order: the one-token order's 8 (accumulator k
// holds the partials 8k..8k+7 of each 64-value step) or the batched order's 2
// (lo and hi of each 16-value step). The heads share each load of the row,
// and with the batched order's two chains per dot it takes several heads'
// chains side by side to keep the FMA units busy (a single batched dot is
// bounded by FMA latency, not throughput). kAcc * kHeads <= 8 keeps every
// accumulator in a register.
template <int kAcc, int kHeads>
struct DotLanes {
    static constexpr int kStep = 8 * kAcc;
    __m256 acc[kHeads][kAcc];

    void zero()
    {
        #pragma GCC unroll 8
        for (int h = 0; h < kHeads; ++h)
            #pragma GCC unroll 8
            for (int k = 0; k < kAcc; ++k)
                acc[h][k] = _mm256_setzero_ps();
    }
    // n values (a multiple of kStep) of the widened row a against x + h * xStride.
    void add(int n, const float *a, const float *x, size_t xStride)
    {
        for (int i = 0; i < n; i += kStep)
            #pragma GCC unroll 8
            for (int k = 0; k < kAcc; ++k) {
                const __m256 av = _mm256_load_ps(a + i + 8 * k);
                #pragma GCC unroll 8
                for (int h = 0; h < kHeads; ++h)
                    acc[h][k] = _mm256_fmadd_ps(av, _mm256_loadu_ps(x + size_t(h) * xStride + i + 8 * k), acc[h][k]);
            }
    }
    // Head h's sum's eight lanes before the final hsum8: the one-token order's
    // accumulators as the reference's four 16-lane ones, (0+2) and (1+3), then
    // those two; the batched order's lo + hi.
    __m256 lanes(int h) const
    {
        const __m256 *v = acc[h];
        if constexpr (kAcc == 2)
            return _mm256_add_ps(v[0], v[1]);
        const __m256 lo = _mm256_add_ps(_mm256_add_ps(v[0], v[4]), _mm256_add_ps(v[2], v[6]));
        const __m256 hi = _mm256_add_ps(_mm256_add_ps(v[1], v[5]), _mm256_add_ps(v[3], v[7]));
        return _mm256_add_ps(lo, hi);
    }
};

// n values (a multiple of 8) of an F16 row into dst, and the values `ahead`
// bytes further on (the row's next chunk) asked into L1.
inline void widen(int n, const uint8_t *row, size_t ahead, float *dst)
{
    for (int i = 0; i < n; i += 8) {
        if (i % 32 == 0)
            _mm_prefetch(reinterpret_cast<const char *>(row + ahead + 2 * size_t(i)), _MM_HINT_T0);
        _mm256_store_ps(dst + i, loadF16x8(row + 2 * size_t(i)));
    }
}

// The one-token order's tail: values np..n of the row, products in float
// added to the sum in double.
inline float addTail(float sum, int np, int n, const uint8_t *row, const float *x)
{
    double s = sum;
    for (int i = np; i < n; ++i) {
        uint16_t h;
        std::memcpy(&h, row + 2 * size_t(i), 2);
        s += double(f16(h) * x[i]);
    }
    return float(s);
}

// Short rows (keys) vector by vector, each row converted as it is read
// (16-byte loads into vcvtph2ps; the rows stay in L1/L2 between the
// vectors). Widening eight rows once into L1 for all of a group's vectors
// measured no faster for one token and slower for a batch. Eight rows' sums
// per vector reduced at once.
template <int kAcc>
void shortRows(const SharedF16Dots &d, int np)
{
    const auto *base = static_cast<const uint8_t *>(d.rows);
    for (int g = 0; g < d.nx; ++g) {
        const float *x = d.x + size_t(g) * d.xStride;
        float *out = d.out + size_t(g) * d.outStride;
        for (int r0 = 0; r0 < d.count; r0 += 8) {
            const int m = d.count - r0 < 8 ? d.count - r0 : 8;
            __m256 v[8];
            for (int j = 0; j < m; ++j) {
                const uint8_t *row = base + size_t(r0 + j) * d.stride;
                DotLanes<kAcc, 1> lanes;
                lanes.zero();
                prefetchWeights(row, 2 * np);
                for (int i = 0; i < np; i += DotLanes<kAcc, 1>::kStep) {
                    #pragma GCC unroll 8
                    for (int k = 0; k < kAcc; ++k)
                        lanes.acc[0][k] = _mm256_fmadd_ps(loadF16x8(row + 2 * size_t(i + 8 * k)),
                                                          _mm256_loadu_ps(x + i + 8 * k), lanes.acc[0][k]);
                }
                v[j] = lanes.lanes(0);
            }
            if (m == 8) {
                _mm256_storeu_ps(out + r0, hsum8x8(v));
            } else {
                for (int j = 0; j < m; ++j)
                    out[r0 + j] = hsum8(v[j]);
            }
            if (np < d.n)
                for (int j = 0; j < m; ++j)
                    out[r0 + j] = addTail(out[r0 + j], np, d.n, base + size_t(r0 + j) * d.stride, x);
        }
    }
}

// The vectors against each long row, chunk by chunk: a chunk widened once,
// then every vector's accumulators (parked between chunks) take it, kHeads
// vectors at a time and the rest one by one.
template <int kAcc, int kHeads>
void longRows(const SharedF16Dots &d, int np)
{
    const auto *base = static_cast<const uint8_t *>(d.rows);
    const int groups = d.nx / kHeads, rest = d.nx % kHeads;
    alignas(32) float buf[kChunk];
    DotLanes<kAcc, kHeads> grouped[kMaxSharedDots / kHeads];
    DotLanes<kAcc, 1> single[kHeads];
    for (int r = 0; r < d.count; ++r) {
        const uint8_t *row = base + size_t(r) * d.stride;
        for (int q = 0; q < groups; ++q)
            grouped[q].zero();
        for (int e = 0; e < rest; ++e)
            single[e].zero();
        for (int c = 0; c < np; c += kChunk) {
            const int len = np - c < kChunk ? np - c : kChunk;
            widen(len, row + 2 * size_t(c), 2 * size_t(kChunk), buf);
            for (int q = 0; q < groups; ++q) {
                DotLanes<kAcc, kHeads> lanes = grouped[q];   // a local copy: the accumulators stay in registers
                lanes.add(len, buf, d.x + size_t(q * kHeads) * d.xStride + c, d.xStride);
                grouped[q] = lanes;
            }
            for (int e = 0; e < rest; ++e) {
                DotLanes<kAcc, 1> lanes = single[e];
                lanes.add(len, buf, d.x + size_t(groups * kHeads + e) * d.xStride + c, d.xStride);
                single[e] = lanes;
            }
        }
        for (int g = 0; g < d.nx; ++g) {
            const __m256 lanes = g < groups * kHeads ? grouped[g / kHeads].lanes(g % kHeads)
                                                     : single[g - groups * kHeads].lanes(0);
            d.out[size_t(g) * d.outStride + r] = addTail(hsum8(lanes), np, d.n, row, d.x + size_t(g) * d.xStride);
        }
    }
}

// kAcc accumulators per dot; the batched order's dots go four vectors at a
// time, the one-token order's one by one (its eight chains are enough).
template <int kAcc>
void sharedRows(const SharedF16Dots &d)
{
    constexpr int kHeads = kAcc == 2 ? 4 : 1;
    const int np = d.n - d.n % DotLanes<kAcc, 1>::kStep;
    if (d.n > kShortRow) {
        longRows<kAcc, kHeads>(d, np);
        return;
    }
    shortRows<kAcc>(d, np);
}

} // namespace

void dotF16RowsSharedAvx2(const SharedF16Dots &d)
{
    if (d.batched)
        sharedRows<2>(d);
    else
        sharedRows<8>(d);
}

} // namespace modelatlas::engine::cpu::kernels

MA_SIMD_TARGET_END

#else // not x86: the scalar kernel stands in (never selected: no AVX2 there).
namespace modelatlas::engine::cpu::kernels {
void dotF16RowsSharedAvx2(const SharedF16Dots &d) { dotF16RowsSharedScalar(d); }
} // namespace modelatlas::engine::cpu::kernels
#endif
