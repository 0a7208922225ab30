#pragma once
// The warp-wide tensor-core instructions of the CUDA kernels (cuda/mma_ops.cuh)
// computed on the host from the 32 lanes' registers, in the fragment layouts
// the PTX ISA documents ("Matrix Fragments for mma.m16n8k16"), so that tests
// run the kernels' tiles lane by lane on any machine.

#include <cstdint>

namespace modelatlas::engine::test {

inline constexpr int kLanes = 32;

// One mma.sync m16n8k16 s8 of a warp: lane l's registers hold the elements
// the PTX ISA assigns it (g = l / 4, t = l % 4): a[l][0] bytes are A[g][4t ..],
// a[l][1] bytes A[g + 8][4t ..]; b[l] bytes B[4t ..][g]; c[l][i] is
// D[g + 8 (i / 2)][2t + i % 2].
void emulateMmaS8(const uint32_t (&a)[kLanes][2], const uint32_t (&b)[kLanes], int (&c)[kLanes][4]);

// One mma.sync m16n8k16 f16 of a warp (c += a b): lane l = 4g + t holds A
// row g columns 2t, 2t + 1 in a[l][0], row g + 8 in a[l][1], columns 2t + 8,
// 2t + 9 of rows g and g + 8 in a[l][2] and a[l][3]; B rows 2t, 2t + 1 and
// 2t + 8, 2t + 9 of column g in b[l][0] and b[l][1], the lower half first.
void emulateMmaF16(const uint32_t (&a)[kLanes][4], const uint32_t (&b)[kLanes][2], float (&c)[kLanes][4]);

} // namespace modelatlas::engine::test
