#pragma once
// The CUDA matrix kernels' per-block arithmetic (engine/src/cuda/block_dot.cuh,
// chunk_decode.cuh, mma_tile.cuh) and of the top-k selection (top_k.cuh)
// compiled for the host, so tests check it on
// any machine, GPU or not.

#include "modelatlas/engine/runtime/sampler.h"
#include "modelatlas/engine/tensor/ggml_type.h"

#include <cstdint>
#include <span>
#include <vector>

namespace modelatlas::engine::test {

// One output of matMul's warp-per-row kernel as the GPU computes it: lane l
// accumulates slices l, l + 32, ... of the row (and tail elements l, l + 32, ...
// past the last whole block), then the lanes are summed in the kernel's
// butterfly order. `act` is the row's activations in the form the weight type
// reads (cuda::matMulActivations). `row` and F32 activations must be 16-byte
// aligned. False for a type without a kernel.
bool emulateWarpRowDot(GgmlType type, const uint8_t *row, const uint8_t *act, int cols, float &out);

// Values 32 j .. 32 j + 31 of a weight row as the tensor-core kernel decodes
// them (scale * q - min). False for a type it does not take.
bool decodeWeightChunk(GgmlType type, const uint8_t *row, int j, float (&values)[32]);

// The tensor-core matMul (mma_matmul.cu) for n tokens: every CTA's tiles
// loaded by the kernel's own functions, each warp's mma.sync computed from
// its 32 lanes' fragments as the PTX ISA lays them out, the lanes' scaled
// sums stored as the kernel stores them. w: rows of rowStride bytes, each
// 16-byte aligned; act: n rows of actRowBytes in the weight type's 8-bit
// form; y: (n, rows). False for a type the kernel does not take.
bool emulateMmaMatMul(GgmlType type, const uint8_t *w, uint64_t rowStride, const uint8_t *act, uint64_t actRowBytes,
                      int rows, int cols, int n, float *y);

// The device's order-preserving key of a float (top_k.cuh).
uint32_t orderedKeyOf(float f);

// selectTopK's radix select (sampling.cu) run serially with its own digit
// arithmetic: the keys above the k-th largest, then its ties by index.
std::vector<TokenLogit> emulateSelectTopK(std::span<const float> values, int k);

} // namespace modelatlas::engine::test
