#pragma once
// Lane helpers shared by the AVX2 and AVX-512 kernel files. Include this after
// the file's MA_SIMD_TARGET_BEGIN (cpu/simd_target.h): the functions are compiled for that
// file's instruction set, so they live in an unnamed namespace (one copy per
// file, never one definition with two different code generations).
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include <cstdint>
#include <cstring>

namespace modelatlas::engine::cpu::kernels {
namespace {

inline float f16(uint16_t h)
{
    // Vector forms: clang's _cvtsh_ss/_cvtss_sh macros trip -Wpedantic (C99 compound literals).
    return _mm_cvtss_f32(_mm_cvtph_ps(_mm_cvtsi32_si128(h)));
}

inline __m256i load256(const void *p)
{
    return _mm256_loadu_si256(static_cast<const __m256i *>(p));
}

// 8 F16 values at p, widened to F32.
inline __m256 loadF16x8(const uint8_t *p)
{
    return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
}

// Lanes (l + l4), then (0+2)+(1+3): the reference's hsum_float_8 and its
// batched F16/F32 reduction.
inline float hsum8(__m256 acc)
{
    __m128 g = _mm_add_ps(_mm256_extractf128_ps(acc, 1), _mm256_castps256_ps128(acc));
    g = _mm_add_ps(g, _mm_movehl_ps(g, g));
    g = _mm_add_ss(g, _mm_movehdup_ps(g));
    return _mm_cvtss_f32(g);
}

// hsum8 of eight vectors at once, each sum's additions hsum8's own: lanes
// (l + l4), then (0 + 2) and (1 + 3), then those two. Result lane j: v[j]'s sum.
inline __m256 hsum8x8(const __m256 *v)
{
    __m256 s[4];
    #pragma GCC unroll 4
    for (int k = 0; k < 4; ++k)   // per 128-bit half h: v[2k + h]'s (l + l4)
        s[k] = _mm256_add_ps(_mm256_permute2f128_ps(v[2 * k], v[2 * k + 1], 0x31),
                             _mm256_permute2f128_ps(v[2 * k], v[2 * k + 1], 0x20));
    // Per half h: lanes 0-1 v[h]'s (0 + 2), (1 + 3), lanes 2-3 v[2 + h]'s (t0), v[4 + h]'s and v[6 + h]'s (t1).
    const __m256 t0 = _mm256_add_ps(_mm256_shuffle_ps(s[0], s[1], _MM_SHUFFLE(1, 0, 1, 0)),
                                    _mm256_shuffle_ps(s[0], s[1], _MM_SHUFFLE(3, 2, 3, 2)));
    const __m256 t1 = _mm256_add_ps(_mm256_shuffle_ps(s[2], s[3], _MM_SHUFFLE(1, 0, 1, 0)),
                                    _mm256_shuffle_ps(s[2], s[3], _MM_SHUFFLE(3, 2, 3, 2)));
    // Half h: the sums of v[h], v[2 + h], v[4 + h], v[6 + h].
    const __m256 r = _mm256_add_ps(_mm256_shuffle_ps(t0, t1, _MM_SHUFFLE(2, 0, 2, 0)),
                                   _mm256_shuffle_ps(t0, t1, _MM_SHUFFLE(3, 1, 3, 1)));
    return _mm256_permutevar8x32_ps(r, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
}

// int32 lanes: sum of x*y over signed int8 pairs (x, y in [-128, 127], |x| <= 127 in practice).
inline __m256i dotI8(__m256i x, __m256i y)
{
    const __m256i ax = _mm256_sign_epi8(x, x);
    const __m256i sy = _mm256_sign_epi8(y, x);
    return _mm256_madd_epi16(_mm256_maddubs_epi16(ax, sy), _mm256_set1_epi16(1));
}

// The 8 six-bit scales and 8 mins of a Q4_K or Q5_K super-block (its 12
// `scales` bytes, kquantScaleMin's layout) as bytes: scales 0-3, 4-7, then
// mins 0-3, 4-7, one dword each. With u0, u1, u2 the 12 bytes' dwords, scales
// 0-3 are u0's low 6 bits per byte and mins 0-3 u1's; scales 4-7 are u2's low
// nibbles under u0's top 2 bits, mins 4-7 u2's high nibbles under u1's. The
// 16-byte load reads 4 bytes of the block's quants after the scales.
inline __m128i kquantScalesMins(const uint8_t *scales)
{
    const __m128i u = _mm_loadu_si128(reinterpret_cast<const __m128i *>(scales));
    const __m128i low = _mm_srlv_epi32(_mm_shuffle_epi32(u, _MM_SHUFFLE(2, 1, 2, 0)), _mm_setr_epi32(0, 0, 0, 4));
    const __m128i top = _mm_srli_epi32(_mm_shuffle_epi32(u, _MM_SHUFFLE(1, 1, 0, 0)), 2);
    return _mm_or_si128(_mm_and_si128(low, _mm_setr_epi32(0x3f3f3f3f, 0x0f0f0f0f, 0x3f3f3f3f, 0x0f0f0f0f)),
                        _mm_and_si128(top, _mm_setr_epi32(0, 0x30303030, 0, 0x30303030)));
}

// A legacy block's 32 unsigned values as bytes (bytes 0-15: elements 0-15):
// the low nibbles of qs, then the high nibbles; with qh (the 5-bit types),
// bit j of qh as 16 on byte j (each byte of qh spread over 8 bytes, every
// other bit set, compared to all ones).
inline __m256i legacyNibbles(const uint8_t *qs)
{
    const __m256i packed = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i *>(qs)));
    return _mm256_and_si256(_mm256_srlv_epi32(packed, _mm256_setr_epi32(0, 0, 0, 0, 4, 4, 4, 4)),
                            _mm256_set1_epi8(0x0f));
}
inline __m256i legacyFiveBits(const uint8_t *qs, const uint8_t *qhBytes)
{
    int32_t qh;
    std::memcpy(&qh, qhBytes, sizeof qh);
    const __m256i spread = _mm256_set_epi64x(0x0303030303030303, 0x0202020202020202, 0x0101010101010101, 0);
    const __m256i bits = _mm256_or_si256(_mm256_shuffle_epi8(_mm256_set1_epi32(qh), spread),
                                         _mm256_set1_epi64x(0x7fbfdfeff7fbfdfe));
    const __m256i high = _mm256_and_si256(_mm256_cmpeq_epi8(bits, _mm256_set1_epi64x(-1)), _mm256_set1_epi8(16));
    return _mm256_or_si256(legacyNibbles(qs), high);
}
// Q5_0's values q - 16 as int8.
inline __m256i q5_0Values(const uint8_t *qs, const uint8_t *qhBytes)
{
    return _mm256_sub_epi8(legacyFiveBits(qs, qhBytes), _mm256_set1_epi8(16));
}

// Sum of the 8 int32 lanes (exact).
inline int hsumI32(__m256i v)
{
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_unpackhi_epi64(s, s));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 1));
    return _mm_cvtsi128_si32(s);
}

// Decode streams each weight once from memory; the hardware prefetcher alone
// leaves the loads stalling at the start of every block (measured: most of
// the Q8_0 kernel's time on its first load). Asking for the line 8 KiB ahead
// into L2 keeps enough lines in flight to run near the memory bandwidth;
// beyond the row it prefetches the next rows (a prefetch never faults).
// Measured, tg64 of 1B models, against the line 2 KiB ahead into L1: Q4_K_M
// 43.0-43.2 tok/s against 41.0-41.6, Q8_0 23.9-25.4 against 21.7-24.8, F16
// 14.8-15.7 against 14.8-15.0; 16 KiB ahead no better, L3 (T2) alike.
// Call once per block of `bytes` weights.
inline void prefetchWeights(const void *p, int bytes)
{
    for (int off = 0; off < bytes; off += 64)
        _mm_prefetch(static_cast<const char *>(p) + 8192 + off, _MM_HINT_T1);
}

inline float hsum4(__m128 g)
{
    g = _mm_add_ps(g, _mm_movehl_ps(g, g));
    g = _mm_add_ss(g, _mm_movehdup_ps(g));
    return _mm_cvtss_f32(g);
}

} // namespace
} // namespace modelatlas::engine::cpu::kernels
#endif
