#pragma once
// AVX2 forms of the element-wise work in ops.cpp (exp_avx2.cpp), each with
// the scalar loop's results bit for bit. The exp forms take n a multiple of 8.

namespace modelatlas::engine::cpu::kernels {

// x[i] = expApprox(x[i] - max)
void expShiftedAvx2(float *x, int n, float max);
// g[i] = g[i] / (1 + expApprox(0 - g[i]))
void siluAvx2(float *g, int n);
// g[i] = g[i] / (1 + expApprox(geluExponent(g[i]))) (exp_approx.h)
void geluAvx2(float *g, int n);
// Softmax's steps, any n >= 1: the maximum (the scalar x[i] > max scan's
// value), the sum of the 16-element groups (the last one zero-padded), each
// in the reference's float order, added in double in order; x[i] *= s.
float maxAvx2(const float *x, int n);
double groupSums16Avx2(const float *x, int n);
void scaleAvx2(float *x, int n, float s);

} // namespace modelatlas::engine::cpu::kernels
