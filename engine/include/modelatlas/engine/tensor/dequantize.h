#pragma once
// Scalar reference dequantisation: the ground truth every optimised CPU and
// CUDA kernel is tested against. Written from the block layouts (see
// docs/ENGINE.md), favouring clarity over speed.

#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/result.h"
#include "modelatlas/engine/tensor/ggml_type.h"

#include <cstdint>
#include <vector>

namespace modelatlas::engine {

// True for the types dequantize() handles: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K.
bool canDequantize(GgmlType type);

// Decodes `n` elements (a whole number of blocks) from `src` into `dst`.
Result<void> dequantize(GgmlType type, const void *src, float *dst, uint64_t n);

// The whole tensor as F32; errors name the tensor.
Result<std::vector<float>> dequantizeTensor(const GgufTensorInfo &tensor);

// Per-type kernels; n is a multiple of the block size (32 or 256).
void dequantizeRowF16(const void *src, float *dst, uint64_t n);
void dequantizeRowBF16(const void *src, float *dst, uint64_t n);
void dequantizeRowQ8_0(const void *src, float *dst, uint64_t n);
void dequantizeRowQ4_0(const void *src, float *dst, uint64_t n);
void dequantizeRowQ5_0(const void *src, float *dst, uint64_t n);
void dequantizeRowQ4_1(const void *src, float *dst, uint64_t n);
void dequantizeRowQ5_1(const void *src, float *dst, uint64_t n);
void dequantizeRowQ4_K(const void *src, float *dst, uint64_t n);
void dequantizeRowQ5_K(const void *src, float *dst, uint64_t n);
void dequantizeRowQ6_K(const void *src, float *dst, uint64_t n);

} // namespace modelatlas::engine
