// Scalar reference dot kernels: plain loops written from the block layouts.
// Integer sums per block are exact, so the SIMD paths must agree with these up
// to float summation order (tests/engine/cpu_kernels_test.cpp).
#include "cpu/dot_kernels.h"

#include "modelatlas/engine/cpu/matmul.h"
#include "modelatlas/engine/tensor/half.h"
#include "tensor/block_layouts.h"

#include <cstdint>
#include <cstring>

namespace modelatlas::engine::cpu::kernels {

namespace {
inline uint16_t load16(const uint8_t *p)
{
    uint16_t v;
    std::memcpy(&v, p, 2);
    return v;
}
} // namespace

float dotF32Scalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const float *>(w);
    const auto *b = static_cast<const float *>(x);
    float sum = 0.0f;
    for (int i = 0; i < n; ++i)
        sum += a[i] * b[i];
    return sum;
}

float dotF16Scalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const uint8_t *>(w);
    const auto *b = static_cast<const uint8_t *>(x);
    float sum = 0.0f;
    for (int i = 0; i < n; ++i)
        sum += f16ToF32(load16(a + 2 * i)) * f16ToF32(load16(b + 2 * i));
    return sum;
}

float dotBF16Scalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const uint8_t *>(w);
    const auto *b = static_cast<const uint8_t *>(x);
    float sum = 0.0f;
    for (int i = 0; i < n; ++i)
        sum += bf16ToF32(load16(a + 2 * i)) * bf16ToF32(load16(b + 2 * i));
    return sum;
}

void axpyF16Scalar(int n, float a, const void *x, float *y)
{
    const auto *p = static_cast<const uint8_t *>(x);
    for (int i = 0; i < n; ++i)
        y[i] += a * f16ToF32(load16(p + 2 * i));
}

float dotQ8_0Scalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q8_0 *>(w);
    const auto *b = static_cast<const blocks::Q8_0 *>(x);
    float sum = 0.0f;
    for (int i = 0; i < n / blocks::kQK; ++i) {
        int s = 0;
        for (int j = 0; j < blocks::kQK; ++j)
            s += int(a[i].qs[j]) * int(b[i].qs[j]);
        sum += f16ToF32(a[i].d) * f16ToF32(b[i].d) * float(s);
    }
    return sum;
}

float dotQ4_0Scalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q4_0 *>(w);
    const auto *b = static_cast<const blocks::Q8_0 *>(x);
    float sum = 0.0f;
    for (int i = 0; i < n / blocks::kQK; ++i) {
        int s = 0;
        for (int j = 0; j < blocks::kQK / 2; ++j) {
            s += ((a[i].qs[j] & 0x0f) - 8) * int(b[i].qs[j]);
            s += ((a[i].qs[j] >> 4) - 8) * int(b[i].qs[j + blocks::kQK / 2]);
        }
        sum += f16ToF32(a[i].d) * f16ToF32(b[i].d) * float(s);
    }
    return sum;
}

// Q4_K: x = d*sc*q - dmin*m per sub-block of 32, so
// dot = d*yd * sum(sc * sum(q*y)) - dmin*yd * sum(m * sum(y)); sum(y) comes from bsums.
float dotQ4_KScalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q4_K *>(w);
    const auto *b = static_cast<const BlockQ8K *>(x);
    float sum = 0.0f;
    for (int i = 0; i < n / int(kQK_K); ++i) {
        int sumq = 0, summ = 0;
        for (int chunk = 0; chunk < 4; ++chunk) {
            const uint8_t *q = a[i].qs + 32 * chunk;
            const int8_t *y = b[i].qs + 64 * chunk;
            int sc1, m1, sc2, m2;
            kquantScaleMin(2 * chunk, a[i].scales, sc1, m1);
            kquantScaleMin(2 * chunk + 1, a[i].scales, sc2, m2);
            int s1 = 0, s2 = 0;
            for (int l = 0; l < 32; ++l) {
                s1 += (q[l] & 0x0f) * int(y[l]);
                s2 += (q[l] >> 4) * int(y[l + 32]);
            }
            sumq += sc1 * s1 + sc2 * s2;
            summ += m1 * (b[i].bsums[4 * chunk] + b[i].bsums[4 * chunk + 1])
                  + m2 * (b[i].bsums[4 * chunk + 2] + b[i].bsums[4 * chunk + 3]);
        }
        sum += b[i].d * f16ToF32(a[i].d) * float(sumq) - b[i].d * f16ToF32(a[i].dmin) * float(summ);
    }
    return sum;
}

float dotQ5_KScalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q5_K *>(w);
    const auto *b = static_cast<const BlockQ8K *>(x);
    float sum = 0.0f;
    for (int i = 0; i < n / int(kQK_K); ++i) {
        int sumq = 0, summ = 0;
        for (int chunk = 0; chunk < 4; ++chunk) {
            const uint8_t *q = a[i].qs + 32 * chunk;
            const int8_t *y = b[i].qs + 64 * chunk;
            int sc1, m1, sc2, m2;
            kquantScaleMin(2 * chunk, a[i].scales, sc1, m1);
            kquantScaleMin(2 * chunk + 1, a[i].scales, sc2, m2);
            int s1 = 0, s2 = 0;
            for (int l = 0; l < 32; ++l) {
                const int lo = (q[l] & 0x0f) + ((a[i].qh[l] >> (2 * chunk)) & 1) * 16;
                const int hi = (q[l] >> 4) + ((a[i].qh[l] >> (2 * chunk + 1)) & 1) * 16;
                s1 += lo * int(y[l]);
                s2 += hi * int(y[l + 32]);
            }
            sumq += sc1 * s1 + sc2 * s2;
            summ += m1 * (b[i].bsums[4 * chunk] + b[i].bsums[4 * chunk + 1])
                  + m2 * (b[i].bsums[4 * chunk + 2] + b[i].bsums[4 * chunk + 3]);
        }
        sum += b[i].d * f16ToF32(a[i].d) * float(sumq) - b[i].d * f16ToF32(a[i].dmin) * float(summ);
    }
    return sum;
}

float dotQ6_KScalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q6_K *>(w);
    const auto *b = static_cast<const BlockQ8K *>(x);
    float sum = 0.0f;
    for (int i = 0; i < n / int(kQK_K); ++i) {
        int sumq = 0;
        for (int half = 0; half < 2; ++half) {
            const uint8_t *ql = a[i].ql + 64 * half;
            const uint8_t *qh = a[i].qh + 32 * half;
            const int8_t *sc = a[i].scales + 8 * half;
            const int8_t *y = b[i].qs + 128 * half;
            int s[8] = {};
            for (int l = 0; l < 32; ++l) {
                const int is = l / 16;
                const int q1 = int((ql[l] & 0x0f) | (((qh[l] >> 0) & 3) << 4)) - 32;
                const int q2 = int((ql[l + 32] & 0x0f) | (((qh[l] >> 2) & 3) << 4)) - 32;
                const int q3 = int((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                const int q4 = int((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                s[is + 0] += q1 * y[l];
                s[is + 2] += q2 * y[l + 32];
                s[is + 4] += q3 * y[l + 64];
                s[is + 6] += q4 * y[l + 96];
            }
            for (int k = 0; k < 8; ++k)
                sumq += sc[k] * s[k];
        }
        sum += b[i].d * f16ToF32(a[i].d) * float(sumq);
    }
    return sum;
}

} // namespace modelatlas::engine::cpu::kernels
