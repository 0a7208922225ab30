#pragma once
// AVX2 forms of the element-wise exp work in ops.cpp (exp_avx2.cpp); n is a
// multiple of 8. Bit-identical to the scalar expApprox.

namespace modelatlas::engine::cpu::kernels {

// x[i] = expApprox(x[i] - max)
void expShiftedAvx2(float *x, int n, float max);
// g[i] = g[i] / (1 + expApprox(0 - g[i]))
void siluAvx2(float *g, int n);

} // namespace modelatlas::engine::cpu::kernels
