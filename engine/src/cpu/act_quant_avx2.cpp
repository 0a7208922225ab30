// AVX2 activation quantisation to Q8_0 and Q8_K, bit-identical to the scalar
// quantisers in matmul.cpp: the same float operation per element (the block
// maximum is exact in any order, and vcvtps2dq rounds to nearest even like
// nearbyint in the default rounding mode), only eight elements at a time.
// Compiled for AVX2 only here (target pragma after every #include); matmul.cpp
// calls these only when the CPU has AVX2.
#include "cpu/dot_kernels.h"

#include "modelatlas/engine/cpu/matmul.h"
#include "tensor/block_layouts.h"

#include <cstdint>
#include <cstring>

#include "cpu/simd_target.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

MA_SIMD_TARGET_BEGIN("avx2,fma,f16c")

namespace modelatlas::engine::cpu::kernels {

namespace {

// Largest |x| of n floats (n a multiple of 8).
inline float absMax(const float *x, int n)
{
    const __m256 sign = _mm256_set1_ps(-0.0f);
    __m256 m = _mm256_setzero_ps();
    for (int j = 0; j < n; j += 8)
        m = _mm256_max_ps(m, _mm256_andnot_ps(sign, _mm256_loadu_ps(x + j)));
    __m128 h = _mm_max_ps(_mm256_castps256_ps128(m), _mm256_extractf128_ps(m, 1));
    h = _mm_max_ps(h, _mm_movehl_ps(h, h));
    h = _mm_max_ss(h, _mm_movehdup_ps(h));
    return _mm_cvtss_f32(h);
}

// 32 int32 (four vectors, elements in order) to 32 int8.
inline __m256i packI8(__m256i a, __m256i b, __m256i c, __m256i d)
{
    // packs works within 128-bit halves; the permute restores element order.
    const __m256i ab = _mm256_packs_epi32(a, b), cd = _mm256_packs_epi32(c, d);
    return _mm256_permutevar8x32_epi32(_mm256_packs_epi16(ab, cd), _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
}

inline int hsumI32(__m256i v)
{
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_unpackhi_epi64(s, s));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 1));
    return _mm_cvtsi128_si32(s);
}

} // namespace

void quantizeQ8_0Avx2(const float *x, void *dst, int n)
{
    auto *out = static_cast<uint8_t *>(dst);
    for (int b = 0; b < n / 32; ++b) {
        const float *v = x + 32 * b;
        const float amax = absMax(v, 32);
        const float d = amax / 127.0f;
        const __m256 id = _mm256_set1_ps(amax != 0.0f ? 127.0f / amax : 0.0f);
        blocks::Q8_0 blk;
        blk.d = uint16_t(_mm_extract_epi16(_mm_cvtps_ph(_mm_set_ss(d), _MM_FROUND_TO_NEAREST_INT), 0));
        __m256i q[4];
        for (int k = 0; k < 4; ++k)
            q[k] = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(v + 8 * k), id));
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(blk.qs), packI8(q[0], q[1], q[2], q[3]));
        std::memcpy(out + b * sizeof blk, &blk, sizeof blk);
    }
}

void quantizeQ8_KAvx2(const float *x, void *dst, int n)
{
    auto *out = static_cast<BlockQ8K *>(dst);
    const __m256i cap = _mm256_set1_epi32(127);
    for (int b = 0; b < n / 256; ++b) {
        const float *v = x + 256 * b;
        BlockQ8K &blk = out[b];
        const float amax = absMax(v, 256);
        if (amax == 0.0f) {
            std::memset(&blk, 0, sizeof blk);
            continue;
        }
        // The first element of that magnitude, sign included, as the scalar scan picks it.
        int first = 0;
        while (__builtin_fabsf(v[first]) != amax)
            ++first;
        const float iscale = -127.0f / v[first];
        const __m256 vs = _mm256_set1_ps(iscale);
        for (int g = 0; g < 8; ++g) {
            __m256i q[4];
            for (int k = 0; k < 4; ++k) {
                const __m256 xs = _mm256_mul_ps(vs, _mm256_loadu_ps(v + 32 * g + 8 * k));
                q[k] = _mm256_min_epi32(_mm256_cvtps_epi32(xs), cap);
            }
            _mm256_storeu_si256(reinterpret_cast<__m256i *>(blk.qs + 32 * g), packI8(q[0], q[1], q[2], q[3]));
            blk.bsums[2 * g] = int16_t(hsumI32(_mm256_add_epi32(q[0], q[1])));
            blk.bsums[2 * g + 1] = int16_t(hsumI32(_mm256_add_epi32(q[2], q[3])));
        }
        blk.d = 1.0f / iscale;
    }
}

} // namespace modelatlas::engine::cpu::kernels

MA_SIMD_TARGET_END

#else // not x86: never called (no AVX2 there).
namespace modelatlas::engine::cpu::kernels {
void quantizeQ8_0Avx2(const float *, void *, int) {}
void quantizeQ8_KAvx2(const float *, void *, int) {}
} // namespace modelatlas::engine::cpu::kernels
#endif
