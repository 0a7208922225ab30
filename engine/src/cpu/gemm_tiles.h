#pragma once
// Multi-token tile kernels (internal): each weight block is loaded and decoded
// once and applied to several tokens, where the dot kernels decode it once per
// (row, token). Every (row, token) result keeps exactly the float order of the
// matching dot kernel (dotKernel for the quantised types, dotKernelBatched for
// F16 and BF16), so the results are bit-identical to the AVX2 and scalar paths
// (tests/engine/cpu_kernels_test.cpp); only the integer sums, which are exact,
// are formed differently.
//
// The AVX-512 tiles read the activations in their usual format plus a per-matmul
// "packed" side buffer in a tile-friendly layout (token pairs interleaved for
// Q8_0/F16/BF16; for the K-quants the AVX2 tiles' buffer).

#include "modelatlas/engine/tensor/ggml_type.h"

#include <cstddef>
#include <cstdint>

namespace modelatlas::engine::cpu::kernels {

// Whether there is an AVX-512 tile kernel for this weight type and row length.
bool hasTileAvx512(GgmlType type, int cols);
// Bytes of the packed side buffer for B tokens.
size_t tilePackBytesAvx512(GgmlType type, int B, int cols);
// Fills the packed buffer for tokens [t0, t1) of B (t0 even, so threads can
// split the work by token pairs) from the quantised activations (B rows of
// actStride bytes).
void tilePackAvx512(GgmlType type, int cols, const uint8_t *act, size_t actStride, int B, int t0, int t1,
                    uint8_t *packed);
// y[t * yStride + r] for the weight rows [r0, r1) (w + r * wStride) and all B
// tokens. Compiled for AVX-512 F/BW/VL/VNNI: call only when the CPU has them.
void tileGemmAvx512(GgmlType type, int cols, const uint8_t *w, size_t wStride, int r0, int r1, const uint8_t *act,
                    size_t actStride, const uint8_t *packed, int B, float *y, size_t yStride);

// AVX2 tiles (gemm_avx2.cpp) for Q8_0, the legacy quants, F16, BF16 and the
// K-quants, for CPUs without AVX-512. F16 reads its
// activations as they are (no pack), BF16 packs them as floats token by token; Q8_0 packs the scale of every block, Q4_0
// the scale and 8 * sum(y), token by token (any t0; the range ending at B also
// fills the pad tokens up to a multiple of 4); the K-quants, for both ISAs, per
// token pair (kquant_pairs.h) the activation scales and offset sums.
// Call only when the CPU has AVX2.
bool hasTileAvx2(GgmlType type, int cols);
size_t tilePackBytesAvx2(GgmlType type, int B, int cols);
void tilePackAvx2(GgmlType type, int cols, const uint8_t *act, size_t actStride, int B, int t0, int t1,
                  uint8_t *packed);
void tileGemmAvx2(GgmlType type, int cols, const uint8_t *w, size_t wStride, int r0, int r1, const uint8_t *act,
                  size_t actStride, const uint8_t *packed, int B, float *y, size_t yStride);

} // namespace modelatlas::engine::cpu::kernels
