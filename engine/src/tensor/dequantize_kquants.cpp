// K-quants: 256-element super-blocks whose sub-block scales are themselves
// quantized (6 bits for Q4_K/Q5_K with a per-sub-block min, 8 bits for Q6_K).
#include "modelatlas/engine/tensor/dequantize.h"

#include "modelatlas/engine/tensor/half.h"
#include "tensor/block_layouts.h"
#include "tensor/kquant_scales.h"

#include <cstring>

namespace modelatlas::engine {

void dequantizeRowQ4_K(const void *src, float *dst, uint64_t n)
{
    const auto *p = static_cast<const uint8_t *>(src);
    for (uint64_t b = 0; b < n / kQK_K; ++b) {
        blocks::Q4_K blk;
        std::memcpy(&blk, p + b * sizeof blk, sizeof blk);
        const float d = f16ToF32(blk.d);
        const float dmin = f16ToF32(blk.dmin);
        float *y = dst + b * kQK_K;
        // Each 32 bytes of qs hold two sub-blocks of 32: low nibbles, then high nibbles.
        for (int chunk = 0; chunk < 4; ++chunk) {
            const uint8_t *q = blk.qs + 32 * chunk;
            int sc = 0, m = 0;
            kquantScaleMin(2 * chunk, blk.scales, sc, m);
            const float d1 = d * sc, m1 = dmin * m;
            kquantScaleMin(2 * chunk + 1, blk.scales, sc, m);
            const float d2 = d * sc, m2 = dmin * m;
            for (int l = 0; l < 32; ++l) {
                y[64 * chunk + l] = d1 * float(q[l] & 0x0f) - m1;
                y[64 * chunk + 32 + l] = d2 * float(q[l] >> 4) - m2;
            }
        }
    }
}

void dequantizeRowQ5_K(const void *src, float *dst, uint64_t n)
{
    const auto *p = static_cast<const uint8_t *>(src);
    for (uint64_t b = 0; b < n / kQK_K; ++b) {
        blocks::Q5_K blk;
        std::memcpy(&blk, p + b * sizeof blk, sizeof blk);
        const float d = f16ToF32(blk.d);
        const float dmin = f16ToF32(blk.dmin);
        float *y = dst + b * kQK_K;
        // As Q4_K, plus a 5th bit: sub-block s takes bit s of qh[l].
        for (int chunk = 0; chunk < 4; ++chunk) {
            const uint8_t *q = blk.qs + 32 * chunk;
            const uint8_t bitLo = uint8_t(1u << (2 * chunk));
            const uint8_t bitHi = uint8_t(1u << (2 * chunk + 1));
            int sc = 0, m = 0;
            kquantScaleMin(2 * chunk, blk.scales, sc, m);
            const float d1 = d * sc, m1 = dmin * m;
            kquantScaleMin(2 * chunk + 1, blk.scales, sc, m);
            const float d2 = d * sc, m2 = dmin * m;
            for (int l = 0; l < 32; ++l) {
                const int lo = (q[l] & 0x0f) + ((blk.qh[l] & bitLo) ? 16 : 0);
                const int hi = (q[l] >> 4) + ((blk.qh[l] & bitHi) ? 16 : 0);
                y[64 * chunk + l] = d1 * float(lo) - m1;
                y[64 * chunk + 32 + l] = d2 * float(hi) - m2;
            }
        }
    }
}

void dequantizeRowQ6_K(const void *src, float *dst, uint64_t n)
{
    const auto *p = static_cast<const uint8_t *>(src);
    for (uint64_t b = 0; b < n / kQK_K; ++b) {
        blocks::Q6_K blk;
        std::memcpy(&blk, p + b * sizeof blk, sizeof blk);
        const float d = f16ToF32(blk.d);
        // Two halves of 128 values; in each, ql holds 64 bytes (low nibbles for
        // values 0-63, high nibbles for 64-127) and qh 32 bytes (2 bits for each
        // of the four 32-value quarters). Values are offset by 32.
        for (int half = 0; half < 2; ++half) {
            const uint8_t *ql = blk.ql + 64 * half;
            const uint8_t *qh = blk.qh + 32 * half;
            const int8_t *sc = blk.scales + 8 * half;
            float *y = dst + b * kQK_K + 128 * half;
            for (int l = 0; l < 32; ++l) {
                const int is = l / 16;
                const int q1 = int((ql[l] & 0x0f) | (((qh[l] >> 0) & 3) << 4)) - 32;
                const int q2 = int((ql[l + 32] & 0x0f) | (((qh[l] >> 2) & 3) << 4)) - 32;
                const int q3 = int((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                const int q4 = int((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                y[l] = d * float(sc[is + 0]) * float(q1);
                y[l + 32] = d * float(sc[is + 2]) * float(q2);
                y[l + 64] = d * float(sc[is + 4]) * float(q3);
                y[l + 96] = d * float(sc[is + 6]) * float(q4);
            }
        }
    }
}

} // namespace modelatlas::engine
