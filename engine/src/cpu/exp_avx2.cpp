// AVX2 + FMA form of expApprox (exp_approx.h) for softmax, SiLU and GELU, 8 lanes at
// a time with the same operations, so the results are bit-identical to the
// scalar form; and softmax's max, sum and scaling with the scalar loops'
// results. Only these functions are compiled for AVX2 (target pragma after
// every #include); ops.cpp calls them only on the SIMD paths.
#include "cpu/exp_approx.h"
#include "cpu/ops_simd.h"
#include "cpu/reference_order.h"

#include "cpu/simd_target.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

MA_SIMD_TARGET_BEGIN("avx2,fma,f16c")

#include "cpu/lanes_avx2.h"   // after the target pragma: compiled for this file's ISA

namespace modelatlas::engine::cpu::kernels {

namespace {
// 2^n * poly for |n| <= 126: 2^n is a normal float, so the product rounds once,
// exactly as the scalar ldexp. Lanes beyond that (results that underflow or
// overflow) are recomputed by the scalar form.
__m256 exp8(__m256 x)
{
    const __m256 shift = _mm256_set1_ps(0x1.8p23f);
    const __m256 n = _mm256_sub_ps(_mm256_fmadd_ps(x, _mm256_set1_ps(0x1.715476p+0f), shift), shift);
    const __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0x1.7f7d1cp-20f),
                                      _mm256_fnmadd_ps(n, _mm256_set1_ps(0x1.62e4p-1f), x));
    const __m256 r2 = _mm256_mul_ps(r, r);
    const __m256 poly = _mm256_fmadd_ps(
        _mm256_fmadd_ps(_mm256_fmadd_ps(_mm256_set1_ps(0x1.0e4020p-7f), r, _mm256_set1_ps(0x1.573e2ep-5f)), r2,
                        _mm256_fmadd_ps(_mm256_set1_ps(0x1.555e66p-3f), r, _mm256_set1_ps(0x1.fffdb6p-2f))),
        r2, _mm256_fmadd_ps(_mm256_set1_ps(0x1.ffffecp-1f), r, _mm256_set1_ps(1.0f)));
    const __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    __m256 y = _mm256_mul_ps(poly, _mm256_castsi256_ps(e));
    const __m256 absN = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), n);
    // Not (|n| <= 126) also catches NaN.
    const int special = _mm256_movemask_ps(_mm256_cmp_ps(absN, _mm256_set1_ps(126.0f), _CMP_NLE_UQ));
    if (special) {
        alignas(32) float xs[8], ys[8];
        _mm256_store_ps(xs, x);
        _mm256_store_ps(ys, y);
        for (int l = 0; l < 8; ++l)
            if (special & (1 << l))
                ys[l] = expApprox(xs[l]);
        y = _mm256_load_ps(ys);
    }
    return y;
}
} // namespace

void expShiftedAvx2(float *x, int n, float max)
{
    const __m256 m = _mm256_set1_ps(max);
    for (int i = 0; i + 8 <= n; i += 8)
        _mm256_storeu_ps(x + i, exp8(_mm256_sub_ps(_mm256_loadu_ps(x + i), m)));
}

void siluAvx2(float *g, int n)
{
    const __m256 one = _mm256_set1_ps(1.0f);
    for (int i = 0; i + 8 <= n; i += 8) {
        const __m256 v = _mm256_loadu_ps(g + i);
        const __m256 e = exp8(_mm256_sub_ps(_mm256_setzero_ps(), v));
        _mm256_storeu_ps(g + i, _mm256_div_ps(v, _mm256_add_ps(one, e)));
    }
}

void geluAvx2(float *g, int n)
{
    const __m256 one = _mm256_set1_ps(1.0f);
    for (int i = 0; i + 8 <= n; i += 8) {
        const __m256 v = _mm256_loadu_ps(g + i);
        const __m256 cube = _mm256_mul_ps(_mm256_mul_ps(v, v), v);
        const __m256 z = _mm256_mul_ps(_mm256_fmadd_ps(_mm256_set1_ps(0.044715f), cube, v),
                                       _mm256_set1_ps(-1.5957691f));
        _mm256_storeu_ps(g + i, _mm256_div_ps(v, _mm256_add_ps(one, exp8(z))));
    }
}

float maxAvx2(const float *x, int n)
{
    // max_ps(v, m) is the scalar step's (v > m ? v : m) lane by lane; the
    // lanes can only pick another of two equal values, +0 for -0, whose
    // difference to any score is the same value (or a zero of either sign,
    // whose exp is 1 either way).
    __m256 m = _mm256_set1_ps(x[0]);
    int i = 0;
    for (; i + 8 <= n; i += 8)
        m = _mm256_max_ps(_mm256_loadu_ps(x + i), m);
    alignas(32) float lanes[8];
    _mm256_store_ps(lanes, m);
    float max = lanes[0];
    for (int l = 1; l < 8; ++l)
        max = lanes[l] > max ? lanes[l] : max;
    for (; i < n; ++i)
        max = x[i] > max ? x[i] : max;
    return max;
}

double groupSums16Avx2(const float *x, int n)
{
    double sum = 0.0;
    int i = 0;
    for (; i + 16 <= n; i += 16) {
        // referenceReduce16: the halves added lane by lane, then hsum8.
        sum += double(hsum8(_mm256_add_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(x + i + 8))));
    }
    if (i < n) {
        float last[kRefLanes] = {};
        for (int l = 0; i + l < n; ++l)
            last[l] = x[i + l];
        sum += double(referenceReduce16(last));
    }
    return sum;
}

void scaleAvx2(float *x, int n, float s)
{
    const __m256 v = _mm256_set1_ps(s);
    int i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(x + i, _mm256_mul_ps(_mm256_loadu_ps(x + i), v));
    for (; i < n; ++i)
        x[i] *= s;
}

} // namespace modelatlas::engine::cpu::kernels

MA_SIMD_TARGET_END

#else // not x86: the SIMD paths are never selected there.
namespace modelatlas::engine::cpu::kernels {
void expShiftedAvx2(float *, int, float) {}
void siluAvx2(float *, int) {}
void geluAvx2(float *, int) {}
float maxAvx2(const float *x, int) { return x[0]; }
double groupSums16Avx2(const float *, int) { return 0.0; }
void scaleAvx2(float *, int, float) {}
} // namespace modelatlas::engine::cpu::kernels
#endif
