// AVX2 + FMA + F16C dot kernels. Only these functions are compiled for AVX2
// (push_options/target below, after every #include), so the rest of the
// binary stays baseline x86-64 and runs on any CPU; matmul.cpp calls them only
// when CPUID reports the features. No std:: templates are used in this region,
// so no AVX2 copy of a shared inline function can leak into other files.
//
// The quantised kernels follow the reference implementation's tricks:
// maddubs(u8, s8) multiplies unsigned weights by signed activations into int16
// pairs, madd_epi16 by the sub-block scale widens to int32, and the block's
// float scale is applied once per block with an FMA.
#include "cpu/dot_kernels.h"

#include "modelatlas/engine/cpu/matmul.h"
#include "modelatlas/engine/tensor/half.h"
#include "tensor/block_layouts.h"

#include <cstdint>
#include <cstring>

#include "cpu/simd_target.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

MA_SIMD_TARGET_BEGIN("avx2,fma,f16c")

#include "cpu/lanes_avx2.h"   // after the target pragma: compiled for this file's ISA

namespace modelatlas::engine::cpu::kernels {

// The summation orders are the reference's (reference_order.h), register for
// register: one token keeps 64 partials in 8 accumulators, a batch one 16-lane
// accumulator in two halves.
namespace {
// The 64 partials (accumulator k holds partials 8k..8k+7) reduced as the
// reference's four 16-lane accumulators: (0+2), (1+3), then those two, then
// its 16-lane horizontal sum.
inline float reduce64(const __m256 *acc)
{
    const __m256 lo = _mm256_add_ps(_mm256_add_ps(acc[0], acc[4]), _mm256_add_ps(acc[2], acc[6]));
    const __m256 hi = _mm256_add_ps(_mm256_add_ps(acc[1], acc[5]), _mm256_add_ps(acc[3], acc[7]));
    return hsum8(_mm256_add_ps(lo, hi));
}

// The reference's 16-lane horizontal sum of lanes 0-7 (lo) and 8-15 (hi).
inline float reduce16(__m256 lo, __m256 hi)
{
    return hsum8(_mm256_add_ps(lo, hi));
}

inline float f16At(const uint8_t *p, int i)
{
    uint16_t h;
    std::memcpy(&h, p + 2 * i, 2);
    return f16(h);
}

inline float bf16At(const uint8_t *p, int i)
{
    uint16_t h;
    std::memcpy(&h, p + 2 * i, 2);
    return bf16ToF32(h);
}

// One BF16 pair step on 16 elements: lane l adds element 2l+1's product, then
// element 2l's, each with one rounding (the products are exact in float).
inline __m256 bf16Pairs(const uint8_t *a, const uint8_t *b, __m256 acc)
{
    const __m256i va = load256(a), vb = load256(b);
    const __m256i high = _mm256_set1_epi32(int(0xffff0000u));
    acc = _mm256_fmadd_ps(_mm256_castsi256_ps(_mm256_and_si256(va, high)),
                          _mm256_castsi256_ps(_mm256_and_si256(vb, high)), acc);
    return _mm256_fmadd_ps(_mm256_castsi256_ps(_mm256_slli_epi32(va, 16)),
                           _mm256_castsi256_ps(_mm256_slli_epi32(vb, 16)), acc);
}
} // namespace

float dotF32Avx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const float *>(w);
    const auto *b = static_cast<const float *>(x);
    __m256 acc[8];
    #pragma GCC unroll 8
    for (auto &v : acc)
        v = _mm256_setzero_ps();
    const int np = n - n % 64;
    for (int i = 0; i < np; i += 64)
        #pragma GCC unroll 8
        for (int k = 0; k < 8; ++k)
            acc[k] = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8 * k), _mm256_loadu_ps(b + i + 8 * k), acc[k]);
    // The tail as the scalar kernel: rounded products added in order, the
    // last (tail mod 8) fused.
    __m128 sum = _mm_set_ss(reduce64(acc));
    const int fusedFrom = n - (n - np) % 8;
    for (int i = np; i < fusedFrom; ++i)
        sum = _mm_add_ss(sum, _mm_mul_ss(_mm_set_ss(a[i]), _mm_set_ss(b[i])));
    for (int i = fusedFrom; i < n; ++i)
        sum = _mm_fmadd_ss(_mm_set_ss(a[i]), _mm_set_ss(b[i]), sum);
    return _mm_cvtss_f32(sum);
}

float dotF16Avx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const uint8_t *>(w);
    const auto *b = static_cast<const uint8_t *>(x);
    __m256 acc[8];
    #pragma GCC unroll 8
    for (auto &v : acc)
        v = _mm256_setzero_ps();
    const int np = n - n % 64;
    for (int i = 0; i < np; i += 64) {
        prefetchWeights(a + 2 * i, 128);
        #pragma GCC unroll 8
        for (int k = 0; k < 8; ++k)
            acc[k] = _mm256_fmadd_ps(loadF16x8(a + 2 * (i + 8 * k)), loadF16x8(b + 2 * (i + 8 * k)), acc[k]);
    }
    double sum = reduce64(acc);
    for (int i = np; i < n; ++i)
        sum += double(f16At(a, i) * f16At(b, i));
    return float(sum);
}

float dotF32BatchedAvx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const float *>(w);
    const auto *b = static_cast<const float *>(x);
    __m256 lo = _mm256_setzero_ps(), hi = _mm256_setzero_ps();
    for (int i = 0; i < n; i += 16) {
        lo = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), lo);
        hi = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), hi);
    }
    return reduce16(lo, hi);
}

void dotF32Batched4Avx2(int n, const void *w, size_t stride, const void *x, float *out)
{
    const auto *a = static_cast<const uint8_t *>(w);
    const auto *b = static_cast<const float *>(x);
    __m256 lo[4], hi[4];
    for (int r = 0; r < 4; ++r)
        lo[r] = hi[r] = _mm256_setzero_ps();
    for (int i = 0; i < n; i += 16) {
        const __m256 xl = _mm256_loadu_ps(b + i), xh = _mm256_loadu_ps(b + i + 8);
        for (int r = 0; r < 4; ++r) {
            const float *ar = reinterpret_cast<const float *>(a + size_t(r) * stride);
            lo[r] = _mm256_fmadd_ps(_mm256_loadu_ps(ar + i), xl, lo[r]);
            hi[r] = _mm256_fmadd_ps(_mm256_loadu_ps(ar + i + 8), xh, hi[r]);
        }
    }
    for (int r = 0; r < 4; ++r)
        out[r] = reduce16(lo[r], hi[r]);
}

float dotF16BatchedAvx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const uint8_t *>(w);
    const auto *b = static_cast<const uint8_t *>(x);
    __m256 lo = _mm256_setzero_ps(), hi = _mm256_setzero_ps();
    for (int i = 0; i < n; i += 16) {
        lo = _mm256_fmadd_ps(loadF16x8(a + 2 * i), loadF16x8(b + 2 * i), lo);
        hi = _mm256_fmadd_ps(loadF16x8(a + 2 * i + 16), loadF16x8(b + 2 * i + 16), hi);
    }
    return reduce16(lo, hi);
}

float dotBF16Avx2(int n, const void *w, const void *x)
{
    // Two 16-lane accumulators per 64-element step (elements 0-31, 32-63),
    // each reduced and added in double, then the remainder in double.
    const auto *a = static_cast<const uint8_t *>(w);
    const auto *b = static_cast<const uint8_t *>(x);
    __m256 c1lo = _mm256_setzero_ps(), c1hi = _mm256_setzero_ps(), c2lo = _mm256_setzero_ps(),
           c2hi = _mm256_setzero_ps();
    int i = 0;
    for (; i + 64 <= n; i += 64) {
        c1lo = bf16Pairs(a + 2 * i, b + 2 * i, c1lo);
        c1hi = bf16Pairs(a + 2 * i + 32, b + 2 * i + 32, c1hi);
        c2lo = bf16Pairs(a + 2 * i + 64, b + 2 * i + 64, c2lo);
        c2hi = bf16Pairs(a + 2 * i + 96, b + 2 * i + 96, c2hi);
    }
    double sum = double(reduce16(c1lo, c1hi));
    sum += double(reduce16(c2lo, c2hi));
    for (; i < n; ++i)
        sum += double(bf16At(a, i) * bf16At(b, i));
    return float(sum);
}

float dotBF16BatchedAvx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const uint8_t *>(w);
    const auto *b = static_cast<const uint8_t *>(x);
    __m256 lo = _mm256_setzero_ps(), hi = _mm256_setzero_ps();
    for (int i = 0; i < n; i += 32) {
        lo = bf16Pairs(a + 2 * i, b + 2 * i, lo);
        hi = bf16Pairs(a + 2 * i + 32, b + 2 * i + 32, hi);
    }
    return reduce16(lo, hi);
}

void roundToF16F16c(float *x, int n)
{
    int i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(x + i, _mm256_cvtph_ps(_mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT)));
    for (; i < n; ++i)
        x[i] = _mm_cvtss_f32(_mm_cvtph_ps(_mm_cvtps_ph(_mm_set_ss(x[i]), _MM_FROUND_TO_NEAREST_INT)));
}

void f32ToF16RowF16c(const float *x, void *dst, int n)
{
    auto *out = static_cast<uint8_t *>(dst);
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT);
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out + 2 * i), h);
    }
    for (; i < n; ++i) {
        const uint16_t h = uint16_t(_mm_extract_epi16(_mm_cvtps_ph(_mm_set_ss(x[i]), _MM_FROUND_TO_NEAREST_INT), 0));
        std::memcpy(out + 2 * i, &h, 2);
    }
}

float dotQ8_0Avx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q8_0 *>(w);
    const auto *b = static_cast<const blocks::Q8_0 *>(x);
    __m256 acc = _mm256_setzero_ps();
    for (int i = 0; i < n / blocks::kQK; ++i) {
        prefetchWeights(a + i, 34);
        const __m256i s = dotI8(load256(a[i].qs), load256(b[i].qs));
        const __m256 d = _mm256_set1_ps(f16(a[i].d) * f16(b[i].d));
        acc = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(s), acc);
    }
    return hsum8(acc);   // the reference's hsum_float_8 order
}

float dotQ4_0Avx2(int n, const void *w, const void *x)
{
    // The scalar kernel's order: one fused running sum over the blocks.
    const auto *a = static_cast<const blocks::Q4_0 *>(w);
    const auto *b = static_cast<const blocks::Q8_0 *>(x);
    const __m128i low4 = _mm_set1_epi8(0x0f);
    const __m256i eight = _mm256_set1_epi8(8);
    __m128 acc = _mm_setzero_ps();
    for (int i = 0; i < n / blocks::kQK; ++i) {
        prefetchWeights(a + i, int(sizeof(blocks::Q4_0)));
        const __m128i packed = _mm_loadu_si128(reinterpret_cast<const __m128i *>(a[i].qs));
        const __m128i lo = _mm_and_si128(packed, low4);
        const __m128i hi = _mm_and_si128(_mm_srli_epi16(packed, 4), low4);
        const __m256i qa = _mm256_sub_epi8(_mm256_set_m128i(hi, lo), eight);
        const int s = hsumI32(dotI8(qa, load256(b[i].qs)));
        const __m128 d = _mm_mul_ss(_mm_set_ss(f16(a[i].d)), _mm_set_ss(f16(b[i].d)));
        acc = _mm_fmadd_ss(_mm_set_ss(float(s)), d, acc);
    }
    return _mm_cvtss_f32(acc);
}

float dotQ5_0Avx2(int n, const void *w, const void *x)
{
    // dotQ5_0Scalar's order.
    const auto *a = static_cast<const blocks::Q5_0 *>(w);
    const auto *b = static_cast<const blocks::Q8_0 *>(x);
    __m128 acc = _mm_setzero_ps();
    for (int i = 0; i < n / blocks::kQK; ++i) {
        prefetchWeights(a + i, int(sizeof(blocks::Q5_0)));
        const int s = hsumI32(dotI8(q5_0Values(a[i].qs, a[i].qh), load256(b[i].qs)));
        const __m128 d = _mm_mul_ss(_mm_set_ss(f16(a[i].d)), _mm_set_ss(f16(b[i].d)));
        acc = _mm_fmadd_ss(_mm_set_ss(float(s)), d, acc);
    }
    return _mm_cvtss_f32(acc);
}

namespace {
inline __m256i unsignedValues(const blocks::Q4_1 &blk)
{
    return legacyNibbles(blk.qs);
}
inline __m256i unsignedValues(const blocks::Q5_1 &blk)
{
    return legacyFiveBits(blk.qs, blk.qh);
}

// dotWithMinScalar's order. Both sums are exact: maddubs' word pairs stay
// within 2 * 31 * 127, then madd widens them.
template <class Block>
float dotWithMinAvx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const Block *>(w);
    const auto *b = static_cast<const blocks::Q8_0 *>(x);
    const __m256i ones8 = _mm256_set1_epi8(1), ones16 = _mm256_set1_epi16(1);
    __m128 acc = _mm_setzero_ps();
    for (int i = 0; i < n / blocks::kQK; ++i) {
        prefetchWeights(a + i, int(sizeof(Block)));
        const __m256i y = load256(b[i].qs);
        const int s = hsumI32(_mm256_madd_epi16(_mm256_maddubs_epi16(unsignedValues(a[i]), y), ones16));
        const int ys = hsumI32(_mm256_madd_epi16(_mm256_maddubs_epi16(ones8, y), ones16));
        const __m128 dy = _mm_set_ss(f16(b[i].d));
        acc = _mm_fmadd_ss(_mm_set_ss(float(s)), _mm_mul_ss(_mm_set_ss(f16(a[i].d)), dy), acc);
        acc = _mm_fmadd_ss(_mm_set_ss(float(ys)), _mm_mul_ss(_mm_set_ss(f16(a[i].m)), dy), acc);
    }
    return _mm_cvtss_f32(acc);
}
} // namespace

float dotQ4_1Avx2(int n, const void *w, const void *x)
{
    return dotWithMinAvx2<blocks::Q4_1>(n, w, x);
}

float dotQ5_1Avx2(int n, const void *w, const void *x)
{
    return dotWithMinAvx2<blocks::Q5_1>(n, w, x);
}

float dotQ4_KAvx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q4_K *>(w);
    const auto *b = static_cast<const BlockQ8K *>(x);
    const __m256i low4 = _mm256_set1_epi8(0x0f);
    __m256 acc = _mm256_setzero_ps();
    __m128 accm = _mm_setzero_ps();
    for (int i = 0; i < n / int(kQK_K); ++i) {
        prefetchWeights(a + i, int(sizeof(*a)));
        int sc[8], m[8];
        for (int j = 0; j < 8; ++j)
            kquantScaleMin(j, a[i].scales, sc[j], m[j]);
        alignas(16) int prod[4];
        kquantMinLanes(m, b[i].bsums, prod);
        __m256i sumi = _mm256_setzero_si256();
        for (int chunk = 0; chunk < 4; ++chunk) {
            const __m256i q4 = load256(a[i].qs + 32 * chunk);
            const __m256i lo = _mm256_and_si256(q4, low4);
            const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(q4, 4), low4);
            __m256i p0 = _mm256_maddubs_epi16(lo, load256(b[i].qs + 64 * chunk));
            __m256i p1 = _mm256_maddubs_epi16(hi, load256(b[i].qs + 64 * chunk + 32));
            p0 = _mm256_madd_epi16(p0, _mm256_set1_epi16(int16_t(sc[2 * chunk])));
            p1 = _mm256_madd_epi16(p1, _mm256_set1_epi16(int16_t(sc[2 * chunk + 1])));
            sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(p0, p1));
        }
        // The reference's float order: 8 lanes of d * sumi and 4 lanes of -dmin * mins, fused.
        acc = _mm256_fmadd_ps(_mm256_set1_ps(b[i].d * f16(a[i].d)), _mm256_cvtepi32_ps(sumi), acc);
        accm = _mm_fmadd_ps(_mm_set1_ps(-b[i].d * f16(a[i].dmin)),
                            _mm_cvtepi32_ps(_mm_load_si128(reinterpret_cast<const __m128i *>(prod))), accm);
    }
    return hsum8(acc) + hsum4(accm);
}

float dotQ5_KAvx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q5_K *>(w);
    const auto *b = static_cast<const BlockQ8K *>(x);
    const __m256i low4 = _mm256_set1_epi8(0x0f);
    const __m256i sixteen = _mm256_set1_epi8(16);
    __m256 acc = _mm256_setzero_ps();
    __m128 summs = _mm_setzero_ps();
    for (int i = 0; i < n / int(kQK_K); ++i) {
        prefetchWeights(a + i, int(sizeof(*a)));
        int sc[8], m[8];
        for (int j = 0; j < 8; ++j)
            kquantScaleMin(j, a[i].scales, sc[j], m[j]);
        int summ = 0;
        for (int j = 0; j < 8; ++j)
            summ += m[j] * (b[i].bsums[2 * j] + b[i].bsums[2 * j + 1]);
        const __m256i qh = load256(a[i].qh);
        __m256i sumi = _mm256_setzero_si256();
        for (int chunk = 0; chunk < 4; ++chunk) {
            const __m256i bitLo = _mm256_set1_epi8(char(1u << (2 * chunk)));
            const __m256i bitHi = _mm256_set1_epi8(char(1u << (2 * chunk + 1)));
            const __m256i hLo = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(qh, bitLo), bitLo), sixteen);
            const __m256i hHi = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(qh, bitHi), bitHi), sixteen);
            const __m256i q4 = load256(a[i].qs + 32 * chunk);
            const __m256i lo = _mm256_or_si256(_mm256_and_si256(q4, low4), hLo);
            const __m256i hi = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(q4, 4), low4), hHi);
            __m256i p0 = _mm256_maddubs_epi16(lo, load256(b[i].qs + 64 * chunk));
            __m256i p1 = _mm256_maddubs_epi16(hi, load256(b[i].qs + 64 * chunk + 32));
            p0 = _mm256_madd_epi16(p0, _mm256_set1_epi16(int16_t(sc[2 * chunk])));
            p1 = _mm256_madd_epi16(p1, _mm256_set1_epi16(int16_t(sc[2 * chunk + 1])));
            sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(p0, p1));
        }
        const float d = b[i].d * f16(a[i].d), dmin = -b[i].d * f16(a[i].dmin);
        summs = _mm_fmadd_ss(_mm_set_ss(dmin), _mm_set_ss(float(summ)), summs);
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sumi), acc);
    }
    return hsum8(acc) + _mm_cvtss_f32(summs);
}

float dotQ6_KAvx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q6_K *>(w);
    const auto *b = static_cast<const BlockQ8K *>(x);
    const __m256i low4 = _mm256_set1_epi8(0x0f);
    const __m256i three = _mm256_set1_epi8(3);
    const __m256i m32 = _mm256_set1_epi8(32);
    __m256 acc = _mm256_setzero_ps();
    for (int i = 0; i < n / int(kQK_K); ++i) {
        prefetchWeights(a + i, int(sizeof(*a)));
        __m256i sumi = _mm256_setzero_si256();
        for (int half = 0; half < 2; ++half) {
            const __m256i ql0 = load256(a[i].ql + 64 * half);
            const __m256i ql1 = load256(a[i].ql + 64 * half + 32);
            const __m256i qh = load256(a[i].qh + 32 * half);
            const int8_t *sc = a[i].scales + 8 * half;
            const int8_t *y = b[i].qs + 128 * half;
            __m256i q[4];
            q[0] = _mm256_or_si256(_mm256_and_si256(ql0, low4), _mm256_slli_epi16(_mm256_and_si256(qh, three), 4));
            q[1] = _mm256_or_si256(_mm256_and_si256(ql1, low4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 2), three), 4));
            q[2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql0, 4), low4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 4), three), 4));
            q[3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql1, 4), low4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 6), three), 4));
            for (int k = 0; k < 4; ++k) {
                const __m256i yk = load256(y + 32 * k);
                // (q - 32) * y as maddubs(q, y) - maddubs(32, y): maddubs needs an unsigned operand.
                const __m256i p = _mm256_sub_epi16(_mm256_maddubs_epi16(q[k], yk), _mm256_maddubs_epi16(m32, yk));
                const __m256i scales = _mm256_set_m128i(_mm_set1_epi16(sc[2 * k + 1]), _mm_set1_epi16(sc[2 * k]));
                sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(p, scales));
            }
        }
        acc = _mm256_fmadd_ps(_mm256_set1_ps(b[i].d * f16(a[i].d)), _mm256_cvtepi32_ps(sumi), acc);
    }
    return hsum8(acc);
}

} // namespace modelatlas::engine::cpu::kernels

MA_SIMD_TARGET_END

#else // not x86: the scalar kernels stand in (never selected: no AVX2 there).
namespace modelatlas::engine::cpu::kernels {
float dotF32Avx2(int n, const void *w, const void *x) { return dotF32Scalar(n, w, x); }
float dotF16Avx2(int n, const void *w, const void *x) { return dotF16Scalar(n, w, x); }
float dotBF16Avx2(int n, const void *w, const void *x) { return dotBF16Scalar(n, w, x); }
float dotQ8_0Avx2(int n, const void *w, const void *x) { return dotQ8_0Scalar(n, w, x); }
void roundToF16F16c(float *x, int n)
{
    for (int i = 0; i < n; ++i)
        x[i] = f16ToF32(f32ToF16(x[i]));
}
void f32ToF16RowF16c(const float *x, void *dst, int n)
{
    auto *out = static_cast<uint8_t *>(dst);
    for (int i = 0; i < n; ++i) {
        const uint16_t h = f32ToF16(x[i]);
        std::memcpy(out + 2 * i, &h, 2);
    }
}
float dotQ4_0Avx2(int n, const void *w, const void *x) { return dotQ4_0Scalar(n, w, x); }
float dotQ5_0Avx2(int n, const void *w, const void *x) { return dotQ5_0Scalar(n, w, x); }
float dotQ4_1Avx2(int n, const void *w, const void *x) { return dotQ4_1Scalar(n, w, x); }
float dotQ5_1Avx2(int n, const void *w, const void *x) { return dotQ5_1Scalar(n, w, x); }
float dotF32BatchedAvx2(int n, const void *w, const void *x) { return dotF32BatchedScalar(n, w, x); }
float dotF16BatchedAvx2(int n, const void *w, const void *x) { return dotF16BatchedScalar(n, w, x); }
float dotBF16BatchedAvx2(int n, const void *w, const void *x) { return dotBF16BatchedScalar(n, w, x); }
void dotF32Batched4Avx2(int n, const void *w, size_t stride, const void *x, float *out)
{
    for (int r = 0; r < 4; ++r)
        out[r] = dotF32BatchedScalar(n, static_cast<const unsigned char *>(w) + size_t(r) * stride, x);
}
float dotQ4_KAvx2(int n, const void *w, const void *x) { return dotQ4_KScalar(n, w, x); }
float dotQ5_KAvx2(int n, const void *w, const void *x) { return dotQ5_KScalar(n, w, x); }
float dotQ6_KAvx2(int n, const void *w, const void *x) { return dotQ6_KScalar(n, w, x); }
} // namespace modelatlas::engine::cpu::kernels
#endif
