// K-quant quantisers (Q4_K, Q5_K, Q6_K) without an importance matrix, following
// the reference implementation's quantize_row_*_K_ref (llama.cpp ggml-quants.c)
// step for step, so a file written here matches what its quantizer writes for
// the same F32 input: the same iterative scale/min searches, the same rounding
// (nearest_int: round half to even through the float trick) and the same packing.
#include "modelatlas/engine/tensor/quantize.h"

#include "modelatlas/engine/tensor/half.h"
#include "tensor/block_layouts.h"
#include "tensor/kquant_scales.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace modelatlas::engine {

namespace {

constexpr float kGroupMaxEps = 1e-15f;
constexpr int kSuper = int(kQK_K);   // values per super-block, as an int for loop indices

// Round to nearest, ties to even, as the reference's bit trick (|x| < 2^22).
int nearestInt(float x)
{
    const float v = x + 12582912.0f;
    int32_t i;
    std::memcpy(&i, &v, sizeof i);
    return (i & 0x007fffff) - 0x00400000;
}

// Signed levels in [-nmax, nmax-1], returned offset by nmax in L; weights x^2
// (rmse_type 1). Searches 18 scales around -nmax/max for the best weighted fit.
float makeQxQuants(int n, int nmax, const float *x, int8_t *L)
{
    float max = 0.0f, amax = 0.0f;
    for (int i = 0; i < n; ++i) {
        const float ax = std::fabs(x[i]);
        if (ax > amax) {
            amax = ax;
            max = x[i];
        }
    }
    if (amax < kGroupMaxEps) {
        std::fill(L, L + n, int8_t(0));
        return 0.0f;
    }
    auto level = [&](float iscale, int i) { return std::clamp(nearestInt(iscale * x[i]), -nmax, nmax - 1); };
    float iscale = -float(nmax) / max;
    float sumlx = 0.0f, suml2 = 0.0f;
    for (int i = 0; i < n; ++i) {
        const int l = level(iscale, i);
        L[i] = int8_t(l + nmax);
        const float w = x[i] * x[i];
        sumlx += w * x[i] * float(l);
        suml2 += w * float(l) * float(l);
    }
    float scale = suml2 != 0.0f ? sumlx / suml2 : 0.0f;
    float best = scale * sumlx;
    for (int is = -9; is <= 9; ++is) {
        if (is == 0)
            continue;
        iscale = -(float(nmax) + 0.1f * float(is)) / max;
        sumlx = suml2 = 0.0f;
        for (int i = 0; i < n; ++i) {
            const int l = level(iscale, i);
            const float w = x[i] * x[i];
            sumlx += w * x[i] * float(l);
            suml2 += w * float(l) * float(l);
        }
        if (suml2 > 0.0f && sumlx * sumlx > best * suml2) {
            for (int i = 0; i < n; ++i)
                L[i] = int8_t(level(iscale, i) + nmax);
            scale = sumlx / suml2;
            best = scale * sumlx;
        }
    }
    return scale;
}

// Unsigned levels [0, nmax] with a min: x ~ scale * L - theMin. Tries nstep+1
// scales and keeps the weighted least-squares (scale, min) with the smallest error.
float makeQkx2Quants(int n, int nmax, const float *x, const float *weights, uint8_t *L, float *theMin, uint8_t *Laux,
                     float rmin, float rdelta, int nstep)
{
    float min = x[0], max = x[0];
    float sumW = weights[0];
    float sumX = sumW * x[0];
    for (int i = 1; i < n; ++i) {
        min = std::min(min, x[i]);
        max = std::max(max, x[i]);
        sumW += weights[i];
        sumX += weights[i] * x[i];
    }
    if (min > 0.0f)
        min = 0.0f;
    if (max == min) {
        std::fill(L, L + n, uint8_t(0));
        *theMin = -min;
        return 0.0f;
    }
    float iscale = float(nmax) / (max - min);
    float scale = 1.0f / iscale;
    float bestMad = 0.0f;
    for (int i = 0; i < n; ++i) {
        L[i] = uint8_t(std::clamp(nearestInt(iscale * (x[i] - min)), 0, nmax));
        const float diff = scale * float(L[i]) + min - x[i];
        bestMad += weights[i] * diff * diff;
    }
    for (int is = 0; is <= nstep; ++is) {
        iscale = (rmin + rdelta * float(is) + float(nmax)) / (max - min);
        float sumL = 0.0f, sumL2 = 0.0f, sumXL = 0.0f;
        for (int i = 0; i < n; ++i) {
            const int l = std::clamp(nearestInt(iscale * (x[i] - min)), 0, nmax);
            Laux[i] = uint8_t(l);
            const float w = weights[i];
            sumL += w * float(l);
            sumL2 += w * float(l) * float(l);
            sumXL += w * float(l) * x[i];
        }
        const float D = sumW * sumL2 - sumL * sumL;
        if (D > 0.0f) {
            float thisScale = (sumW * sumXL - sumX * sumL) / D;
            float thisMin = (sumL2 * sumX - sumL * sumXL) / D;
            if (thisMin > 0.0f) {
                thisMin = 0.0f;
                thisScale = sumXL / sumL2;
            }
            float mad = 0.0f;
            for (int i = 0; i < n; ++i) {
                const float diff = thisScale * float(Laux[i]) + thisMin - x[i];
                mad += weights[i] * diff * diff;
            }
            if (mad < bestMad) {
                std::copy(Laux, Laux + n, L);
                bestMad = mad;
                scale = thisScale;
                min = thisMin;
            }
        }
    }
    *theMin = -min;
    return scale;
}

// The inverse of the dequantiser's scale/min unpacking (see dequantize_kquants.cpp).
void packScaleMin(int j, uint8_t ls, uint8_t lm, uint8_t *scales)
{
    if (j < 4) {
        scales[j] = ls;
        scales[j + 4] = lm;
    } else {
        scales[j + 4] = uint8_t((ls & 0xF) | ((lm & 0xF) << 4));
        scales[j - 4] |= uint8_t((ls >> 4) << 6);
        scales[j] |= uint8_t((lm >> 4) << 6);
    }
}

// Shared by Q4_K (nmax 15) and Q5_K (nmax 31): eight sub-blocks of 32 with a
// scale and a min each, both quantised to 6 bits against the super-block's
// largest. Fills d, dmin, scales and the levels L (256).
void quantizeScalesMins(const float *x, int nmax, float rmin, int nstep, uint16_t &dOut, uint16_t &dminOut,
                        uint8_t *scalesOut, uint8_t *L)
{
    uint8_t Laux[32];
    float weights[32];
    float mins[kSuper / 32];
    float scales[kSuper / 32];
    float maxScale = 0.0f, maxMin = 0.0f;
    for (int j = 0; j < kSuper / 32; ++j) {
        float sumX2 = 0.0f;
        for (int l = 0; l < 32; ++l)
            sumX2 += x[32 * j + l] * x[32 * j + l];
        const float avX = std::sqrt(sumX2 / 32.0f);
        for (int l = 0; l < 32; ++l)
            weights[l] = avX + std::fabs(x[32 * j + l]);
        scales[j] = makeQkx2Quants(32, nmax, x + 32 * j, weights, L + 32 * j, &mins[j], Laux, rmin, 0.1f, nstep);
        maxScale = std::max(maxScale, scales[j]);
        maxMin = std::max(maxMin, mins[j]);
    }
    const float invScale = maxScale > 0.0f ? 63.0f / maxScale : 0.0f;
    const float invMin = maxMin > 0.0f ? 63.0f / maxMin : 0.0f;
    std::memset(scalesOut, 0, 12);
    for (int j = 0; j < kSuper / 32; ++j) {
        // The reference stores nearest_int() in a uint8_t before MIN(63, ...).
        const auto ls = uint8_t(std::min<uint8_t>(63, uint8_t(nearestInt(invScale * scales[j]))));
        const auto lm = uint8_t(std::min<uint8_t>(63, uint8_t(nearestInt(invMin * mins[j]))));
        packScaleMin(j, ls, lm, scalesOut);
    }
    dOut = f32ToF16(maxScale / 63.0f);
    dminOut = f32ToF16(maxMin / 63.0f);
    // Re-quantise each value against the scale and min as stored.
    for (int j = 0; j < kSuper / 32; ++j) {
        int sc = 0, m = 0;
        kquantScaleMin(j, scalesOut, sc, m);
        const float d = f16ToF32(dOut) * float(sc);
        if (d == 0.0f)
            continue;
        const float dm = f16ToF32(dminOut) * float(m);
        for (int ii = 0; ii < 32; ++ii)
            L[32 * j + ii] = uint8_t(std::clamp(nearestInt((x[32 * j + ii] + dm) / d), 0, nmax));
    }
}

} // namespace

void quantizeRowQ4_K(const float *src, void *dst, uint64_t n)
{
    auto *out = static_cast<uint8_t *>(dst);
    uint8_t L[kSuper];
    for (uint64_t b = 0; b < n / kQK_K; ++b) {
        const float *x = src + b * kSuper;
        blocks::Q4_K blk;
        quantizeScalesMins(x, 15, -1.0f, 20, blk.d, blk.dmin, blk.scales, L);
        // Each 32 bytes hold two sub-blocks: the first in the low nibbles, the second in the high.
        for (int j = 0; j < kSuper; j += 64)
            for (int l = 0; l < 32; ++l)
                blk.qs[j / 2 + l] = uint8_t(L[j + l] | (L[j + l + 32] << 4));
        std::memcpy(out + b * sizeof blk, &blk, sizeof blk);
    }
}

void quantizeRowQ5_K(const float *src, void *dst, uint64_t n)
{
    auto *out = static_cast<uint8_t *>(dst);
    uint8_t L[kSuper];
    for (uint64_t b = 0; b < n / kQK_K; ++b) {
        const float *x = src + b * kSuper;
        blocks::Q5_K blk;
        quantizeScalesMins(x, 31, -0.5f, 15, blk.d, blk.dmin, blk.scales, L);
        // Low 4 bits as Q4_K; the fifth bit of pair p's values goes to bits 2p and 2p+1 of qh.
        std::memset(blk.qh, 0, sizeof blk.qh);
        uint8_t m1 = 1, m2 = 2;
        for (int j = 0; j < kSuper; j += 64) {
            for (int l = 0; l < 32; ++l) {
                int l1 = L[j + l], l2 = L[j + l + 32];
                if (l1 > 15) {
                    l1 -= 16;
                    blk.qh[l] |= m1;
                }
                if (l2 > 15) {
                    l2 -= 16;
                    blk.qh[l] |= m2;
                }
                blk.qs[j / 2 + l] = uint8_t(l1 | (l2 << 4));
            }
            m1 = uint8_t(m1 << 2);
            m2 = uint8_t(m2 << 2);
        }
        std::memcpy(out + b * sizeof blk, &blk, sizeof blk);
    }
}

void quantizeRowQ6_K(const float *src, void *dst, uint64_t n)
{
    auto *out = static_cast<uint8_t *>(dst);
    int8_t L[kSuper];
    float scales[kSuper / 16];
    for (uint64_t b = 0; b < n / kQK_K; ++b) {
        const float *x = src + b * kSuper;
        blocks::Q6_K blk;
        std::memset(&blk, 0, sizeof blk);
        float maxScale = 0.0f, maxAbsScale = 0.0f;
        for (int ib = 0; ib < kSuper / 16; ++ib) {
            scales[ib] = makeQxQuants(16, 32, x + 16 * ib, L + 16 * ib);
            if (std::fabs(scales[ib]) > maxAbsScale) {
                maxAbsScale = std::fabs(scales[ib]);
                maxScale = scales[ib];
            }
        }
        if (maxAbsScale >= kGroupMaxEps) {
            const float iscale = -128.0f / maxScale;
            blk.d = f32ToF16(1.0f / iscale);
            for (int ib = 0; ib < kSuper / 16; ++ib)
                blk.scales[ib] = int8_t(std::min(127, nearestInt(iscale * scales[ib])));
            for (int j = 0; j < kSuper / 16; ++j) {
                const float d = f16ToF32(blk.d) * float(blk.scales[j]);
                if (d == 0.0f)
                    continue;
                for (int ii = 0; ii < 16; ++ii)
                    L[16 * j + ii] = int8_t(std::clamp(nearestInt(x[16 * j + ii] / d), -32, 31) + 32);
            }
            // 128 values at a time: low nibbles of values l and l+64 share ql[l],
            // l+32 and l+96 share ql[l+32]; their 2 high bits fill qh[l].
            for (int j = 0; j < kSuper; j += 128) {
                uint8_t *ql = blk.ql + j / 2;
                uint8_t *qh = blk.qh + j / 4;
                for (int l = 0; l < 32; ++l) {
                    const int q1 = L[j + l], q2 = L[j + l + 32], q3 = L[j + l + 64], q4 = L[j + l + 96];
                    ql[l] = uint8_t((q1 & 0xF) | ((q3 & 0xF) << 4));
                    ql[l + 32] = uint8_t((q2 & 0xF) | ((q4 & 0xF) << 4));
                    qh[l] = uint8_t((q1 >> 4) | ((q2 >> 4) << 2) | ((q3 >> 4) << 4) | ((q4 >> 4) << 6));
                }
            }
        }
        std::memcpy(out + b * sizeof blk, &blk, sizeof blk);
    }
}

} // namespace modelatlas::engine
