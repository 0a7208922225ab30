#pragma once
// Q4_K/Q5_K pack 8 six-bit scales and 8 six-bit mins into 12 bytes:
// bytes 0-3 hold scales 0-3 (low 6 bits), bytes 4-7 mins 0-3 (low 6 bits);
// for sub-blocks 4-7 the low 4 bits sit in the nibbles of bytes 8-11 and the
// high 2 bits in the top bits of bytes 0-3 (scales) and 4-7 (mins).
// One definition for the quantiser, the dequantiser, the CPU kernels and the
// CUDA kernels (nvcc compiles it for host and device).

#include <cstdint>

#if defined(__CUDACC__)
#define MA_KQUANT_HOST_DEVICE __host__ __device__
#else
#define MA_KQUANT_HOST_DEVICE
#endif

namespace modelatlas::engine {

// Scale and min of sub-block j (0..7) from the 12 packed bytes at q.
MA_KQUANT_HOST_DEVICE inline void kquantScaleMin(int j, const uint8_t *q, int &scale, int &min)
{
    if (j < 4) {
        scale = q[j] & 63;
        min = q[j + 4] & 63;
    } else {
        scale = (q[j + 4] & 0x0f) | ((q[j - 4] >> 6) << 4);
        min = (q[j + 4] >> 4) | ((q[j] >> 6) << 4);
    }
}

} // namespace modelatlas::engine
