#pragma once
// The CUDA matrix kernels' per-block arithmetic (engine/src/cuda/block_dot.cuh)
// compiled for the host, so tests check it on any machine, GPU or not.

#include "modelatlas/engine/tensor/ggml_type.h"

#include <cstdint>

namespace modelatlas::engine::test {

// One output of matMul's warp-per-row kernel as the GPU computes it: lane l
// accumulates slices l, l + 32, ... of the row (and tail elements l, l + 32, ...
// past the last whole block), then the lanes are summed in the kernel's
// butterfly order. `act` is the row's activations in the form the weight type
// reads (cuda::matMulActivations). `row` and F32 activations must be 16-byte
// aligned. False for a type without a kernel.
bool emulateWarpRowDot(GgmlType type, const uint8_t *row, const uint8_t *act, int cols, float &out);

} // namespace modelatlas::engine::test
