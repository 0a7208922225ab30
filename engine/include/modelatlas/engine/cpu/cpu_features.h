#pragma once
// Which SIMD kernels this CPU can run, decided once at run time (CPUID), so one
// binary built for baseline x86-64 uses AVX2/FMA where present and the scalar
// reference everywhere else. Tests force the scalar path to compare the two.

#include <string_view>

namespace modelatlas::engine::cpu {

struct CpuFeatures {
    bool avx2 = false;
    bool fma = false;
    bool f16c = false;
    bool avx512f = false;
    bool avx512bw = false;
    bool avx512vl = false;
    bool avx512vnni = false;
};

// Detected once (thread-safe static).
const CpuFeatures &cpuFeatures();

enum class KernelPath {
    Scalar,   // portable C++, the reference every fast path is tested against
    Avx2,     // AVX2 + FMA + F16C
    // Avx2's kernels for one token, plus AVX-512 (F, BW, VL, VNNI) multi-token
    // tiles for batches (prefill): same results as Avx2, bit for bit.
    Avx512,
};

// The best path this CPU supports, unless the environment variable
// MODELATLAS_CPU_KERNELS=scalar or =avx2 asks for a lesser path (debugging, A/B timing).
KernelPath bestKernelPath();
// Whether this CPU can run a path (tests run every supported one).
bool kernelPathSupported(KernelPath path);
// The path the engine currently uses (bestKernelPath() unless overridden).
KernelPath activeKernelPath();
// Test hook: forces a path for the whole process (must be one the CPU supports).
void setActiveKernelPath(KernelPath path);
std::string_view kernelPathName(KernelPath path);

} // namespace modelatlas::engine::cpu
