#pragma once
// The tensor-core instructions the prompt kernels use (mma_matmul.cu,
// tiled_attention.cu), as warp-wide operations on the fragment layouts of
// mma_tile.cuh and mma_tile_f16.cuh. sm_80 and later: the build's
// architectures all are, and device discovery refuses older GPUs.

#include <cstdint>

namespace modelatlas::engine::cuda::kernels {

// c = a b: 16 x 16 int8 times 16 x 8 int8, exact int32 sums.
__device__ __forceinline__ void mmaS8(const uint32_t (&a)[2], uint32_t b, int (&c)[4])
{
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800
    asm("mma.sync.aligned.m16n8k16.row.col.s32.s8.s8.s32 {%0, %1, %2, %3}, {%4, %5}, {%6}, {%7, %7, %7, %7};"
        : "=r"(c[0]), "=r"(c[1]), "=r"(c[2]), "=r"(c[3])
        : "r"(a[0]), "r"(a[1]), "r"(b), "r"(0));
#else
    __trap();
#endif
}

// c += a b: 16 x 16 f16 times 16 x 8 f16, f32 sums.
__device__ __forceinline__ void mmaF16(const uint32_t (&a)[4], const uint32_t (&b)[2], float (&c)[4])
{
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800
    asm("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
        "{%0, %1, %2, %3};"
        : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
#else
    __trap();
#endif
}

} // namespace modelatlas::engine::cuda::kernels
