#pragma once
// The per-type dot kernels of each path (internal). Each takes n elements of one
// weight row in its GGUF type and one activation row in the matching ActType.

#include "modelatlas/engine/cpu/matmul.h"
#include "tensor/kquant_scales.h"

#include <cstddef>

namespace modelatlas::engine::cpu::kernels {

float dotF32Scalar(int n, const void *w, const void *x);
float dotF16Scalar(int n, const void *w, const void *x);
float dotBF16Scalar(int n, const void *w, const void *x);
float dotQ8_0Scalar(int n, const void *w, const void *x);
float dotQ4_0Scalar(int n, const void *w, const void *x);
float dotQ5_0Scalar(int n, const void *w, const void *x);
float dotQ4_1Scalar(int n, const void *w, const void *x);
float dotQ5_1Scalar(int n, const void *w, const void *x);
float dotQ4_KScalar(int n, const void *w, const void *x);
float dotQ5_KScalar(int n, const void *w, const void *x);
float dotQ6_KScalar(int n, const void *w, const void *x);
float dotF32BatchedScalar(int n, const void *w, const void *x);
float dotF16BatchedScalar(int n, const void *w, const void *x);
float dotBF16BatchedScalar(int n, const void *w, const void *x);

// Compiled with AVX2/FMA/F16C enabled for these functions only; call them only
// when cpuFeatures() says so.
float dotF32Avx2(int n, const void *w, const void *x);
float dotF16Avx2(int n, const void *w, const void *x);
float dotBF16Avx2(int n, const void *w, const void *x);
float dotQ8_0Avx2(int n, const void *w, const void *x);
float dotQ4_0Avx2(int n, const void *w, const void *x);
float dotQ5_0Avx2(int n, const void *w, const void *x);
float dotQ4_1Avx2(int n, const void *w, const void *x);
float dotQ5_1Avx2(int n, const void *w, const void *x);
float dotQ4_KAvx2(int n, const void *w, const void *x);
float dotQ5_KAvx2(int n, const void *w, const void *x);
float dotQ6_KAvx2(int n, const void *w, const void *x);
float dotF32BatchedAvx2(int n, const void *w, const void *x);
float dotF16BatchedAvx2(int n, const void *w, const void *x);
float dotBF16BatchedAvx2(int n, const void *w, const void *x);
// Four weight rows (w, w + stride, ...) against one activation row, each in
// exactly dotF32BatchedAvx2's order; four independent FMA chains hide latency.
void dotF32Batched4Avx2(int n, const void *w, size_t stride, const void *x, float *out);

// Activation quantisation (act_quant_avx2.cpp): the same bytes as the scalar
// quantisers in matmul.cpp.
void quantizeQ8_0Avx2(const float *x, void *dst, int n);
void quantizeQ8_KAvx2(const float *x, void *dst, int n);

// dotF16RowsShared's kernels (attention_dots_avx2.cpp for the SIMD one).
void dotF16RowsSharedScalar(const SharedF16Dots &d);
void dotF16RowsSharedAvx2(const SharedF16Dots &d);
// dotQ8_0RowsShared's and mixQ8_0RowsShared's kernels (attention_q8_avx2.cpp for the SIMD ones).
void dotQ8_0RowsSharedScalar(const SharedQ8_0Rows &d, const void *x, size_t xStride);
void dotQ8_0RowsSharedAvx2(const SharedQ8_0Rows &d, const void *x, size_t xStride);
void mixQ8_0RowsSharedScalar(const SharedQ8_0Rows &d, const float *w, size_t wStride);
void mixQ8_0RowsSharedAvx2(const SharedQ8_0Rows &d, const float *w, size_t wStride);
// F32 -> F16 with round to nearest even (bit-identical to f32ToF16).
void f32ToF16RowF16c(const float *x, void *dst, int n);
// x[i] rounded to F16 precision in place (bit-identical to f16ToF32(f32ToF16(x[i]))).
void roundToF16F16c(float *x, int n);

// Q4_K mins term in the reference's 4 int32 lanes: lane k pairs sub-blocks 2k
// and 2k+1 (each sub-block's activation sum is two adjacent 16-value bsums).
inline void kquantMinLanes(const int *m, const short *bsums, int *prod)
{
    for (int k = 0; k < 4; ++k)
        prod[k] = m[2 * k] * (bsums[4 * k] + bsums[4 * k + 1]) + m[2 * k + 1] * (bsums[4 * k + 2] + bsums[4 * k + 3]);
}

} // namespace modelatlas::engine::cpu::kernels
