#pragma once
// Compiling one region of a file for a SIMD target that is chosen at run time
// (cpu_features.cpp), the rest of the engine staying baseline x86-64:
//   MA_SIMD_TARGET_BEGIN("avx2,fma")   after the file's last system #include
//   ...functions using the target's intrinsics...
//   MA_SIMD_TARGET_END
// GCC and clang spell the region differently; these expand to either.

#define MA_SIMD_PRAGMA(...) _Pragma(#__VA_ARGS__)

#if defined(__clang__)
#define MA_SIMD_TARGET_BEGIN(features)                                                                     \
    MA_SIMD_PRAGMA(clang attribute push(__attribute__((target(features))), apply_to = function))
#define MA_SIMD_TARGET_END MA_SIMD_PRAGMA(clang attribute pop)
#else
#define MA_SIMD_TARGET_BEGIN(features) MA_SIMD_PRAGMA(GCC push_options) MA_SIMD_PRAGMA(GCC target(features))
#define MA_SIMD_TARGET_END MA_SIMD_PRAGMA(GCC pop_options)
#endif
