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

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2,fma,f16c"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c")
#endif

#include "cpu/lanes_avx2.h"   // after the target pragma: compiled for this file's ISA

namespace modelatlas::engine::cpu::kernels {

namespace {

inline float hsum(__m256 v)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    __m128 sh = _mm_movehdup_ps(s);
    s = _mm_add_ps(s, sh);
    sh = _mm_movehl_ps(sh, s);
    s = _mm_add_ss(s, sh);
    return _mm_cvtss_f32(s);
}


inline __m256 loadF16x8(const uint8_t *p)
{
    return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
}

inline __m256 loadBF16x8(const uint8_t *p)
{
    const __m256i v = _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
    return _mm256_castsi256_ps(_mm256_slli_epi32(v, 16));
}

// int32 lanes: sum of x*y over signed int8 pairs (x, y in [-128, 127], |x| <= 127 in practice).
inline __m256i dotI8(__m256i x, __m256i y)
{
    const __m256i ax = _mm256_sign_epi8(x, x);
    const __m256i sy = _mm256_sign_epi8(y, x);
    return _mm256_madd_epi16(_mm256_maddubs_epi16(ax, sy), _mm256_set1_epi16(1));
}




// Sum of the 8 int32 lanes (exact).
inline int hsumI32(__m256i v)
{
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_unpackhi_epi64(s, s));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 1));
    return _mm_cvtsi128_si32(s);
}

// K-quant super-block accumulation in exactly the scalar kernels' float order:
// sum + ((yd * d) * q - (yd * dmin) * m), with separate roundings (the _ss
// intrinsics are never contracted into FMAs), so both paths agree bit for bit.
inline float kquantStep(float sum, float yd, float d, int q, float dmin, int m)
{
    const __m128 vyd = _mm_set_ss(yd);
    const __m128 t1 = _mm_mul_ss(_mm_mul_ss(vyd, _mm_set_ss(d)), _mm_set_ss(float(q)));
    const __m128 t2 = _mm_mul_ss(_mm_mul_ss(vyd, _mm_set_ss(dmin)), _mm_set_ss(float(m)));
    return _mm_cvtss_f32(_mm_add_ss(_mm_set_ss(sum), _mm_sub_ss(t1, t2)));
}
} // namespace

float dotF32Avx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const float *>(w);
    const auto *b = static_cast<const float *>(x);
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps(), acc2 = _mm256_setzero_ps(),
           acc3 = _mm256_setzero_ps();
    int i = 0;
    for (; i + 32 <= n; i += 32) {
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc0);
        acc1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), acc1);
        acc2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16), acc2);
        acc3 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24), acc3);
    }
    for (; i + 8 <= n; i += 8)
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc0);
    float sum = hsum(_mm256_add_ps(_mm256_add_ps(acc0, acc2), _mm256_add_ps(acc1, acc3)));
    for (; i < n; ++i)
        sum += a[i] * b[i];
    return sum;
}

float dotF16Avx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const uint8_t *>(w);
    const auto *b = static_cast<const uint8_t *>(x);
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps(), acc2 = _mm256_setzero_ps(),
           acc3 = _mm256_setzero_ps();
    int i = 0;
    for (; i + 32 <= n; i += 32) {
        acc0 = _mm256_fmadd_ps(loadF16x8(a + 2 * i), loadF16x8(b + 2 * i), acc0);
        acc1 = _mm256_fmadd_ps(loadF16x8(a + 2 * i + 16), loadF16x8(b + 2 * i + 16), acc1);
        acc2 = _mm256_fmadd_ps(loadF16x8(a + 2 * i + 32), loadF16x8(b + 2 * i + 32), acc2);
        acc3 = _mm256_fmadd_ps(loadF16x8(a + 2 * i + 48), loadF16x8(b + 2 * i + 48), acc3);
    }
    for (; i + 8 <= n; i += 8)
        acc0 = _mm256_fmadd_ps(loadF16x8(a + 2 * i), loadF16x8(b + 2 * i), acc0);
    float sum = hsum(_mm256_add_ps(_mm256_add_ps(acc0, acc2), _mm256_add_ps(acc1, acc3)));
    for (; i < n; ++i) {
        uint16_t ha, hb;
        std::memcpy(&ha, a + 2 * i, 2);
        std::memcpy(&hb, b + 2 * i, 2);
        sum += f16(ha) * f16(hb);
    }
    return sum;
}

float dotF32BatchedAvx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const float *>(w);
    const auto *b = static_cast<const float *>(x);
    __m256 acc = _mm256_setzero_ps();
    int i = 0;
    for (; i + 8 <= n; i += 8)
        acc = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc);
    float sum = hsum8(acc);
    for (; i < n; ++i)
        sum += a[i] * b[i];
    return sum;
}

void dotF32Batched4Avx2(int n, const void *w, size_t stride, const void *x, float *out)
{
    const auto *a = static_cast<const uint8_t *>(w);
    const auto *b = static_cast<const float *>(x);
    const float *a0 = reinterpret_cast<const float *>(a), *a1 = reinterpret_cast<const float *>(a + stride),
                *a2 = reinterpret_cast<const float *>(a + 2 * stride),
                *a3 = reinterpret_cast<const float *>(a + 3 * stride);
    __m256 c0 = _mm256_setzero_ps(), c1 = _mm256_setzero_ps(), c2 = _mm256_setzero_ps(), c3 = _mm256_setzero_ps();
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 xv = _mm256_loadu_ps(b + i);
        c0 = _mm256_fmadd_ps(_mm256_loadu_ps(a0 + i), xv, c0);
        c1 = _mm256_fmadd_ps(_mm256_loadu_ps(a1 + i), xv, c1);
        c2 = _mm256_fmadd_ps(_mm256_loadu_ps(a2 + i), xv, c2);
        c3 = _mm256_fmadd_ps(_mm256_loadu_ps(a3 + i), xv, c3);
    }
    const float *rows[4] = {a0, a1, a2, a3};
    const __m256 acc[4] = {c0, c1, c2, c3};
    for (int r = 0; r < 4; ++r) {
        float sum = hsum8(acc[r]);
        for (int j = i; j < n; ++j)
            sum += rows[r][j] * b[j];
        out[r] = sum;
    }
}

void dotF16Batched4Avx2(int n, const void *w, size_t stride, const void *x, float *out)
{
    const auto *a = static_cast<const uint8_t *>(w);
    const auto *b = static_cast<const uint8_t *>(x);
    __m256 c0 = _mm256_setzero_ps(), c1 = _mm256_setzero_ps(), c2 = _mm256_setzero_ps(), c3 = _mm256_setzero_ps();
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 xv = loadF16x8(b + 2 * i);
        c0 = _mm256_fmadd_ps(loadF16x8(a + 2 * i), xv, c0);
        c1 = _mm256_fmadd_ps(loadF16x8(a + stride + 2 * i), xv, c1);
        c2 = _mm256_fmadd_ps(loadF16x8(a + 2 * stride + 2 * i), xv, c2);
        c3 = _mm256_fmadd_ps(loadF16x8(a + 3 * stride + 2 * i), xv, c3);
    }
    const __m256 acc[4] = {c0, c1, c2, c3};
    for (int r = 0; r < 4; ++r) {
        float sum = hsum8(acc[r]);
        for (int j = i; j < n; ++j) {
            uint16_t ha, hb;
            std::memcpy(&ha, a + size_t(r) * stride + 2 * size_t(j), 2);
            std::memcpy(&hb, b + 2 * j, 2);
            sum += f16(ha) * f16(hb);
        }
        out[r] = sum;
    }
}

float dotF16BatchedAvx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const uint8_t *>(w);
    const auto *b = static_cast<const uint8_t *>(x);
    __m256 acc = _mm256_setzero_ps();
    int i = 0;
    for (; i + 8 <= n; i += 8)
        acc = _mm256_fmadd_ps(loadF16x8(a + 2 * i), loadF16x8(b + 2 * i), acc);
    float sum = hsum8(acc);
    for (; i < n; ++i) {
        uint16_t ha, hb;
        std::memcpy(&ha, a + 2 * i, 2);
        std::memcpy(&hb, b + 2 * i, 2);
        sum += f16(ha) * f16(hb);
    }
    return sum;
}

float dotBF16Avx2(int n, const void *w, const void *x)
{
    // Four accumulators of 8 lanes, combined (0+2)+(1+3) and then the lanes
    // (l+l4) as (0+2)+(1+3): the reference's order (bf16 products are exact in
    // float, so fused or not makes no difference).
    const auto *a = static_cast<const uint8_t *>(w);
    const auto *b = static_cast<const uint8_t *>(x);
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps(), acc2 = _mm256_setzero_ps(),
           acc3 = _mm256_setzero_ps();
    int i = 0;
    for (; i + 32 <= n; i += 32) {
        acc0 = _mm256_fmadd_ps(loadBF16x8(a + 2 * i), loadBF16x8(b + 2 * i), acc0);
        acc1 = _mm256_fmadd_ps(loadBF16x8(a + 2 * i + 16), loadBF16x8(b + 2 * i + 16), acc1);
        acc2 = _mm256_fmadd_ps(loadBF16x8(a + 2 * i + 32), loadBF16x8(b + 2 * i + 32), acc2);
        acc3 = _mm256_fmadd_ps(loadBF16x8(a + 2 * i + 48), loadBF16x8(b + 2 * i + 48), acc3);
    }
    const __m256 acc = _mm256_add_ps(_mm256_add_ps(acc0, acc2), _mm256_add_ps(acc1, acc3));
    __m128 g = _mm_add_ps(_mm256_extractf128_ps(acc, 1), _mm256_castps256_ps128(acc));
    g = _mm_add_ps(g, _mm_movehl_ps(g, g));
    g = _mm_add_ss(g, _mm_movehdup_ps(g));
    double sum = double(_mm_cvtss_f32(g));
    for (; i < n; ++i) {
        uint16_t ha, hb;
        std::memcpy(&ha, a + 2 * i, 2);
        std::memcpy(&hb, b + 2 * i, 2);
        sum += double(bf16ToF32(ha) * bf16ToF32(hb));
    }
    return float(sum);
}

void axpyF16Avx2(int n, float a, const void *x, float *y)
{
    const auto *p = static_cast<const uint8_t *>(x);
    const __m256 va = _mm256_set1_ps(a);
    int i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(y + i, _mm256_fmadd_ps(va, loadF16x8(p + 2 * i), _mm256_loadu_ps(y + i)));
    for (; i < n; ++i) {
        uint16_t h;
        std::memcpy(&h, p + 2 * i, 2);
        y[i] += a * f16(h);
    }
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
        const __m256i s = dotI8(load256(a[i].qs), load256(b[i].qs));
        const __m256 d = _mm256_set1_ps(f16(a[i].d) * f16(b[i].d));
        acc = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(s), acc);
    }
    return hsum8(acc);   // the reference's hsum_float_8 order
}

float dotQ4_0Avx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q4_0 *>(w);
    const auto *b = static_cast<const blocks::Q8_0 *>(x);
    const __m128i low4 = _mm_set1_epi8(0x0f);
    const __m256i eight = _mm256_set1_epi8(8);
    __m256 acc = _mm256_setzero_ps();
    for (int i = 0; i < n / blocks::kQK; ++i) {
        const __m128i packed = _mm_loadu_si128(reinterpret_cast<const __m128i *>(a[i].qs));
        const __m128i lo = _mm_and_si128(packed, low4);
        const __m128i hi = _mm_and_si128(_mm_srli_epi16(packed, 4), low4);
        const __m256i qa = _mm256_sub_epi8(_mm256_set_m128i(hi, lo), eight);
        const __m256i s = dotI8(qa, load256(b[i].qs));
        const __m256 d = _mm256_set1_ps(f16(a[i].d) * f16(b[i].d));
        acc = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(s), acc);
    }
    return hsum8(acc);   // the reference's hsum_float_8 order
}

float dotQ4_KAvx2(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q4_K *>(w);
    const auto *b = static_cast<const BlockQ8K *>(x);
    const __m256i low4 = _mm256_set1_epi8(0x0f);
    __m256 acc = _mm256_setzero_ps();
    __m128 accm = _mm_setzero_ps();
    for (int i = 0; i < n / int(kQK_K); ++i) {
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
    float sum = 0.0f;
    for (int i = 0; i < n / int(kQK_K); ++i) {
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
        sum = kquantStep(sum, b[i].d, f16(a[i].d), hsumI32(sumi), f16(a[i].dmin), summ);
    }
    return sum;
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

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

#else // not x86: the scalar kernels stand in (never selected: no AVX2 there).
namespace modelatlas::engine::cpu::kernels {
float dotF32Avx2(int n, const void *w, const void *x) { return dotF32Scalar(n, w, x); }
float dotF16Avx2(int n, const void *w, const void *x) { return dotF16Scalar(n, w, x); }
float dotBF16Avx2(int n, const void *w, const void *x) { return dotBF16Scalar(n, w, x); }
float dotQ8_0Avx2(int n, const void *w, const void *x) { return dotQ8_0Scalar(n, w, x); }
void axpyF16Avx2(int n, float a, const void *x, float *y) { axpyF16Scalar(n, a, x, y); }
void f32ToF16RowF16c(const float *x, void *dst, int n)
{
    auto *out = static_cast<uint8_t *>(dst);
    for (int i = 0; i < n; ++i) {
        const uint16_t h = f32ToF16(x[i]);
        std::memcpy(out + 2 * i, &h, 2);
    }
}
float dotQ4_0Avx2(int n, const void *w, const void *x) { return dotQ4_0Scalar(n, w, x); }
float dotF32BatchedAvx2(int n, const void *w, const void *x) { return dotF32BatchedScalar(n, w, x); }
float dotF16BatchedAvx2(int n, const void *w, const void *x) { return dotF16BatchedScalar(n, w, x); }
void dotF32Batched4Avx2(int n, const void *w, size_t stride, const void *x, float *out)
{
    for (int r = 0; r < 4; ++r)
        out[r] = dotF32BatchedScalar(n, static_cast<const unsigned char *>(w) + size_t(r) * stride, x);
}
void dotF16Batched4Avx2(int n, const void *w, size_t stride, const void *x, float *out)
{
    for (int r = 0; r < 4; ++r)
        out[r] = dotF16BatchedScalar(n, static_cast<const unsigned char *>(w) + size_t(r) * stride, x);
}
float dotQ4_KAvx2(int n, const void *w, const void *x) { return dotQ4_KScalar(n, w, x); }
float dotQ5_KAvx2(int n, const void *w, const void *x) { return dotQ5_KScalar(n, w, x); }
float dotQ6_KAvx2(int n, const void *w, const void *x) { return dotQ6_KScalar(n, w, x); }
} // namespace modelatlas::engine::cpu::kernels
#endif
